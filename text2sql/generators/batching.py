"""Answer concurrent users from one local model by generating their prompts together.

On a CPU one generation step for eight prompts costs far less than eight steps for one prompt
(a small model's step is dominated by per-layer overhead), so under load batching multiplies
throughput. A lone request is never delayed: a batch is only whatever is already waiting when
the model becomes free, so one user gets the unbatched path and its exact output.

    generator = BatchingGenerator(LocalGenerator("smollm2", "finetune/adapter"), max_batch=8)
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Protocol

from text2sql.types import GenerationFailed

Messages = list[dict[str, str]]


class BatchCapable(Protocol):
    name: str

    def generate(self, messages: Messages) -> str: ...

    def generate_batch(self, batch: list[Messages]) -> list[str | GenerationFailed]: ...


@dataclass
class _Request:
    messages: Messages
    done: threading.Event = field(default_factory=threading.Event)
    text: str | None = None
    error: Exception | None = None


class BatchingGenerator:
    def __init__(self, inner: BatchCapable, *, max_batch: int = 8):
        self.inner = inner
        self.max_batch = max(1, max_batch)
        self._waiting: queue.Queue[_Request] = queue.Queue()
        self._worker = threading.Thread(target=self._serve, name="batching-generator", daemon=True)
        self._worker.start()

    @property
    def name(self) -> str:
        return self.inner.name

    def __getattr__(self, attribute: str):  # load_seconds, tokenizer, ... of the wrapped model
        return getattr(self.inner, attribute)

    def generate(self, messages: Messages) -> str:
        request = _Request(messages)
        self._waiting.put(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.text or ""

    def _serve(self) -> None:
        while True:
            batch = [self._waiting.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._waiting.get_nowait())
                except queue.Empty:
                    break
            self._answer(batch)

    def _answer(self, batch: list[_Request]) -> None:
        try:
            if len(batch) == 1:
                results: list[str | Exception] = [self.inner.generate(batch[0].messages)]
            else:
                results = list(self.inner.generate_batch([r.messages for r in batch]))
        except Exception as exc:  # noqa: BLE001 - handed to every waiting caller, whose pipeline reports it
            results = [exc] * len(batch)
        for request, result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                request.error = result
            else:
                request.text = result
            request.done.set()
