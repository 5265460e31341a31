"""Build the value index from the live database, or reuse the one on disk when the data has not changed.

    strainchat index build          # forced rebuild (progress bar on stderr)
    strainchat setup                # ends with ensure_index: rebuild only if the fingerprint changed

Reads every column of the table through `catalogue.database.Catalogue` (reader role), classifies the
columns (index.columns), keeps the distinct values of the linkable ones with their counts, embeds
each distinct normal form once with all-MiniLM-L6-v2 and writes the files that index.store loads.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from catalogue.database import Catalogue
from index import columns as cols
from index.columns import ColumnProfile, LinkPolicy
from index.encoder import MODEL_NAME, encode, is_plain_language
from index.fingerprint import fingerprint
from index.normalize import normalize
from index.store import META_FILE, VALUES_FILE, VECTOR_KEYS_FILE, VECTORS_FILE, IndexMissing, ValueIndex, Variants
from strainchat.settings import Settings

_DIGIT = re.compile(r"\d")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexConfig:
    table: str = "detailedstrain"
    policy: LinkPolicy = field(default_factory=LinkPolicy)
    batch_size: int = 128


def open_catalogue(settings: Settings) -> Catalogue:
    """A Catalogue for these settings (starts the embedded server if needed)."""
    from catalogue.server import owner_dsn, reader_dsn

    owner = owner_dsn(settings)
    return Catalogue(reader_dsn(settings, owner), owner, statement_timeout_ms=max(settings.statement_timeout_ms, 30000))


def ensure_index(settings: Settings, *, catalogue: Catalogue | None = None, progress: bool = True) -> ValueIndex:
    """The index under settings.index_dir, rebuilt first if the database fingerprint changed."""
    own = catalogue is None
    catalogue = catalogue or open_catalogue(settings)
    try:
        return ensure_index_at(catalogue, settings.index_dir, progress=progress)
    finally:
        if own:
            catalogue.close()


def ensure_index_at(
    catalogue: Catalogue, index_dir: Path, *, config: IndexConfig | None = None, progress: bool = False
) -> ValueIndex:
    """The index in `index_dir` if it is current and readable; otherwise (missing, stale, corrupt) a new one."""
    config = config or IndexConfig()
    wanted = _fingerprint(catalogue, config)
    if _stored_fingerprint(index_dir) == wanted:
        try:
            return ValueIndex.load(index_dir)
        except IndexMissing as exc:
            log.warning("rebuilding the value index: %s", exc)
    return build_index(catalogue, index_dir, config=config, progress=progress, known_fingerprint=wanted)


def build_index(
    catalogue: Catalogue,
    index_dir: Path,
    *,
    config: IndexConfig | None = None,
    progress: bool = True,
    known_fingerprint: str | None = None,
) -> ValueIndex:
    """Build the index from scratch and write it atomically to `index_dir`."""
    config = config or IndexConfig()
    started = time.perf_counter()
    digest = known_fingerprint or _fingerprint(catalogue, config)
    profiles, values, free_text = read_catalogue(catalogue, config, progress=progress)
    keys, texts = embedding_inputs(values)
    vectors = _embed(texts, config.batch_size, progress)
    meta = {
        "build_id": uuid.uuid4().hex,
        "fingerprint": digest,
        "table": config.table,
        "model": MODEL_NAME,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 2),
        "values": sum(len(pairs) for pairs in values.values()),
        "embedded": len(keys),
        "profiles": [p.to_json() for p in profiles],
        "policy": asdict(config.policy),
    }
    _write(index_dir, meta, {"columns": values, "free_text": free_text}, keys, vectors)
    return ValueIndex.load(index_dir)


def read_catalogue(
    catalogue: Catalogue, config: IndexConfig, *, progress: bool = False
) -> tuple[list[ColumnProfile], dict[str, Variants], dict[str, Variants]]:
    """Profile every column; return the profiles, the distinct values of the linkable ones and those
    of the free-text ones (never linked, but their words correct typing errors: 'pigmnet')."""
    rows = cols.count_rows(catalogue, config.table)
    profiles: list[ColumnProfile] = []
    values: dict[str, Variants] = {}
    free_text: dict[str, Variants] = {}
    columns = cols.read_columns(catalogue, config.table)
    for name, data_type in tqdm(columns, desc="value index: columns", disable=not progress, file=sys.stderr):
        if data_type in cols.TEXT_TYPES:
            pairs = cols.read_values(catalogue, config.table, name)
            non_null, distinct = sum(c for _, c in pairs), len(pairs)
        else:
            pairs = []
            non_null, distinct = cols.count_non_null(catalogue, config.table, name)
        kind = cols.classify(data_type, pairs, rows, config.policy)
        profiles.append(ColumnProfile(name, data_type, rows, non_null, distinct, kind))
        if kind == "value":
            values[name] = [(v, c) for v, c in pairs if len(v) <= config.policy.max_indexed_chars and normalize(v)]
        elif kind == "free_text":
            free_text[name] = pairs
    return profiles, values, free_text


def embedding_inputs(values: dict[str, Variants]) -> tuple[list[str], list[str]]:
    """One text per distinct normal form (its most frequent spelling), for plain-language values only:
    values with digits, Latin names and codes are matched exactly and by edit distance instead."""
    best: dict[str, tuple[int, str]] = {}
    for pairs in values.values():
        for value, count in pairs:
            normal = normalize(value)
            if _DIGIT.search(normal) or not is_plain_language(normal):
                continue
            if normal not in best or count > best[normal][0]:
                best[normal] = (count, value)
    keys = sorted(best)
    return keys, [best[k][1] for k in keys]


def _embed(texts: list[str], batch_size: int, progress: bool) -> np.ndarray:
    """Embed in batches of similar length (less padding: about twice as fast), rows in `texts` order."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    steps = range(0, len(order), batch_size)
    for start in tqdm(steps, desc="value index: embeddings", disable=not progress, file=sys.stderr):
        rows = order[start : start + batch_size]
        vectors[rows] = encode([texts[i] for i in rows], batch_size=batch_size)
    return vectors


def current_fingerprint(catalogue: Catalogue, config: IndexConfig | None = None) -> str:
    """The fingerprint the live database gives now (compare with ValueIndex.fingerprint)."""
    return _fingerprint(catalogue, config or IndexConfig())


def _fingerprint(catalogue: Catalogue, config: IndexConfig) -> str:
    columns = cols.read_columns(catalogue, config.table)
    return fingerprint(catalogue, config.table, columns, config.policy, MODEL_NAME)


def _stored_fingerprint(index_dir: Path) -> str | None:
    try:
        meta = json.loads((Path(index_dir) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, not UTF-8, not JSON
        return None
    files_present = all((Path(index_dir) / f).exists() for f in (VALUES_FILE, VECTORS_FILE, VECTOR_KEYS_FILE))
    return meta.get("fingerprint") if files_present and isinstance(meta, dict) else None


def _write(
    index_dir: Path, meta: dict, values: dict[str, dict[str, Variants]], keys: list[str], vectors: np.ndarray
) -> None:
    """Write into a sibling folder, then swap it in, so a reader never sees half an index."""
    import faiss

    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = index_dir.with_name(f"{index_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    staging.mkdir()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(flat, str(staging / VECTORS_FILE))
    _write_json(staging / VECTOR_KEYS_FILE, keys)
    tables = {part: {c: [[v, n] for v, n in pairs] for c, pairs in columns.items()} for part, columns in values.items()}
    _write_json(staging / VALUES_FILE, tables)
    _write_json(staging / META_FILE, meta)
    old = index_dir.with_name(f"{index_dir.name}.old-{uuid.uuid4().hex[:6]}")
    if index_dir.exists():
        index_dir.rename(old)
    staging.rename(index_dir)
    shutil.rmtree(old, ignore_errors=True)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
