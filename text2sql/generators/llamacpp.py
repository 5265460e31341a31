"""The llama.cpp generator: the exported GGUF model (text2sql/gguf_export.py) run by llama-cpp-python
in this process.

It answers like the transformers backend (text2sql/generators/local.py): the same chat template
(the GGUF's own, rendered with jinja2 as transformers renders it), greedy decoding, the text of the
new tokens up to and including the first token that contains ';', or up to end of sequence, at
most `max_new_tokens`. For a lone prompt, prompt-lookup drafts check several tokens per step
(still greedy), and each context keeps the previous prompt's cache, so a shared prefix (the
system prompt) is read once.

A llama.cpp context serves one caller at a time, so concurrent users share a small pool of
`contexts` contexts over one set of cores. An engine that raises is closed and replaced by a fresh
one on the next question; that question gets a clear GenerationFailed.

    STRAINCHAT_GENERATOR=llamacpp strainchat ask "How many yeasts are there?"
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from text2sql.generators.continuous import Slots
from text2sql.generators.llamacpp_batch import LlamaSlots
from text2sql.types import GenerationFailed

log = logging.getLogger(__name__)

STOP = b";"
SEQ_CELLS = 768  # KV cells per continuous-batching sequence: prompts up to 568 tokens, answers up to 200


class Engine(Protocol):
    """One llama.cpp context: tokenizer, greedy token stream, detokenizer. One caller at a time."""

    eos: int
    chat_template: str

    def tokenize(self, text: str) -> list[int]: ...

    def stream(self, prompt: list[int]) -> Iterator[int]:
        """The greedy continuation of `prompt`, one token at a time, until the caller stops."""
        ...

    def slots(self, max_seqs: int) -> Slots:
        """The KV sequences continuous batching steps (continuous.ContinuousBatcher), made once."""
        ...

    def piece(self, token: int) -> bytes: ...

    def detokenize(self, tokens: list[int]) -> str: ...

    def close(self) -> None: ...


def render_chat(template: str, messages: list[dict[str, str]]) -> str:
    """The prompt text, rendered as transformers' apply_chat_template(add_generation_prompt=True) does."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
    return env.from_string(template).render(messages=messages, add_generation_prompt=True)


class LlamaEngine:
    """llama_cpp.Llama on one GGUF file (the real Engine)."""

    def __init__(
        self,
        path: Path,
        *,
        threads: int,
        batch_threads: int = 0,
        n_ctx: int = 2048,
        prompt_lookup: int = 0,
    ):
        from llama_cpp import Llama
        from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

        draft = LlamaPromptLookupDecoding(num_pred_tokens=prompt_lookup, max_ngram_size=2) if prompt_lookup else None
        self.llm = Llama(
            model_path=str(path),
            n_ctx=n_ctx,
            n_threads=threads,
            n_threads_batch=threads,
            draft_model=draft,
            verbose=False,
        )
        self.threads = threads
        self.batch_threads = batch_threads or threads
        self._slots: LlamaSlots | None = None  # a second context for continuous batching, made on first use
        self.eos = self.llm.token_eos()
        self.chat_template = self.llm.metadata.get("tokenizer.chat_template", "")

    def _alive(self):
        if self.llm is None:  # a closed llama.cpp context must never be touched again: it would crash the process
            raise RuntimeError("the llama.cpp context is closed")
        return self.llm

    def tokenize(self, text: str) -> list[int]:
        # The chat template writes the special tokens as text; no BOS (the GGUF says add_bos_token false,
        # and transformers' apply_chat_template adds none either).
        return self._alive().tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def stream(self, prompt: list[int]) -> Iterator[int]:
        return self._alive().generate(prompt, temp=0.0, top_k=1, top_p=1.0, min_p=0.0, repeat_penalty=1.0)

    def slots(self, max_seqs: int) -> LlamaSlots:
        llm = self._alive()
        if self._slots is None:
            self._slots = LlamaSlots(llm, max_seqs=max_seqs, seq_cells=SEQ_CELLS, threads=self.batch_threads)
        return self._slots

    def piece(self, token: int) -> bytes:
        return self._alive().detokenize([token])

    def detokenize(self, tokens: list[int]) -> str:
        return self._alive().detokenize(tokens).decode("utf-8", errors="replace")

    def close(self) -> None:
        if self._slots is not None:
            self._slots.close()
            self._slots = None
        if self.llm is not None:
            self.llm.close()
            self.llm = None


class LlamaCppGenerator:
    """Greedy SQL completions from a pool of llama.cpp contexts (see the module docstring)."""

    def __init__(
        self,
        open_engine: Callable[[], Engine],
        *,
        name: str,
        adapter: str | None = None,
        contexts: int = 1,
        max_new_tokens: int = 200,
        timeout_s: float = 60.0,
        n_ctx: int = 2048,
    ):
        started = time.perf_counter()
        self.open_engine = open_engine
        self.name = name
        self.adapter = adapter  # the adapter merged into the GGUF (as LocalGenerator.adapter), None = the base
        self.contexts = max(1, contexts)
        self.max_new_tokens = max_new_tokens
        self.timeout_s = timeout_s
        self.n_ctx = n_ctx
        self._idle: queue.LifoQueue[Engine] = queue.LifoQueue()  # last used first: its cache is warmest
        self._slots = threading.BoundedSemaphore(self.contexts)
        self._idle.put(self._open())  # the first context now, so a broken model fails at start
        self.load_seconds = time.perf_counter() - started

    def generate(self, messages: list[dict[str, str]]) -> str:
        return self.with_engine(lambda engine: self.complete(engine, messages))

    def with_engine(self, work):
        with self._slots:
            engine = self._checkout()
            try:
                result = work(engine)
            except GenerationFailed:
                self._idle.put(engine)  # a time limit or an over-long prompt: the engine itself is fine
                raise
            except Exception as exc:  # noqa: BLE001 - any engine fault: drop it, rebuild on the next call
                log.exception("the llama.cpp engine failed; it is replaced on the next question")
                self._discard(engine)
                message = f"the llama.cpp engine failed ({exc}); it restarts for the next question"
                raise GenerationFailed(message) from exc
            self._idle.put(engine)
            return result

    def _checkout(self) -> Engine:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._open()

    def _open(self) -> Engine:
        try:
            return self.open_engine()
        except Exception as exc:  # noqa: BLE001 - a missing/corrupt file or library: one clear message
            raise GenerationFailed(f"the llama.cpp engine could not start: {exc}") from exc

    @staticmethod
    def _discard(engine: Engine) -> None:
        try:
            engine.close()
        except Exception:  # noqa: BLE001 - it is already broken; closing is best effort
            log.debug("closing a broken engine failed", exc_info=True)

    def prompt_tokens(self, engine: Engine, messages: list[dict[str, str]]) -> list[int]:
        prompt = engine.tokenize(render_chat(engine.chat_template, messages))
        if len(prompt) + self.max_new_tokens > self.n_ctx:
            raise GenerationFailed(f"the prompt is too long for the model ({len(prompt)} tokens)")
        return prompt

    def finished(self, engine: Engine, new: list[int], deadline: float) -> bool:
        """As transformers stops: at end of sequence, or at the token holding the ';' (kept whole)."""
        token = new[-1]
        if token == engine.eos or STOP in engine.piece(token) or len(new) >= self.max_new_tokens:
            return True
        if time.monotonic() > deadline:
            raise GenerationFailed(f"the model took longer than {self.timeout_s:g} s and was stopped")
        return False

    @staticmethod
    def text(engine: Engine, new: list[int]) -> str:
        return engine.detokenize(new[:-1] if new and new[-1] == engine.eos else new)

    def slots(self, engine: Engine, max_seqs: int) -> Slots:
        return engine.slots(max_seqs)

    def complete(self, engine: Engine, messages: list[dict[str, str]]) -> str:
        prompt = self.prompt_tokens(engine, messages)
        deadline = time.monotonic() + self.timeout_s
        new: list[int] = []
        for token in engine.stream(prompt):
            new.append(token)
            if self.finished(engine, new, deadline):
                break
        return self.text(engine, new)


def default_threads(cores: int | None = None) -> int:
    """One fewer than the cores, at least one. ggml's threads wait for each other at every layer, so
    one of them losing its core to the app (Gradio, linking, the database) stalls them all: measured
    here with another process busy, two threads took 2.8 s per answer where one took 0.58 s."""
    cores = cores or os.cpu_count() or 1
    return max(1, cores - 1)


def llamacpp_generator(
    path: Path,
    *,
    name: str,
    adapter: str | None = None,
    threads: int = 0,
    batch_threads: int = 0,
    prompt_lookup: int = 0,
    timeout_s: float = 60.0,
) -> LlamaCppGenerator:
    """The real generator on one GGUF file; `threads` 0 = default_threads(), `batch_threads` 0 = every core."""
    threads = threads or default_threads()
    batch_threads = batch_threads or os.cpu_count() or 1
    n_ctx = 2048

    def open_engine() -> Engine:
        return LlamaEngine(
            path,
            threads=threads,
            batch_threads=batch_threads,
            n_ctx=n_ctx,
            prompt_lookup=prompt_lookup,
        )

    return LlamaCppGenerator(open_engine, name=name, adapter=adapter, timeout_s=timeout_s, n_ctx=n_ctx)
