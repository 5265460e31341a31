"""Answer concurrent users from one local model by generating their prompts together.

On a CPU one decoding step for sixteen prompts costs far less than sixteen steps for one prompt
(a step reads every weight from memory whatever the batch: measured 67 ms against 39 ms), so
under load batching multiplies throughput. A lone user is never delayed: after a batch of one
with nobody waiting, the next batch is whatever is waiting when the model becomes free, so one
user gets the unbatched path (with its prompt-lookup drafts) and its exact output.

After a batch of several, the next one waits until `gather_s` after that batch ended for as many
requests as were in it or waiting then. Why: when a batch ends, its users' next questions come
back spread over a fraction of a second; taking only those already there would run the rest
late, split the users into groups that take turns, and each user would wait for both groups.
A person who reads the answer before asking again comes back later than `gather_s` and waits for
nobody.

    generator = BatchingGenerator(LocalGenerator("smollm2", "finetune/adapter"), max_batch=8)
"""

from __future__ import annotations

import logging
import queue
import time
from typing import Protocol

from text2sql.generators.queued import Messages, QueuedGenerator, Request
from text2sql.types import GenerationFailed

log = logging.getLogger(__name__)


class BatchCapable(Protocol):
    name: str

    def generate(self, messages: Messages) -> str: ...

    def generate_batch(self, batch: list[Messages]) -> list[str | GenerationFailed]: ...


class BatchingGenerator(QueuedGenerator):
    def __init__(self, inner: BatchCapable, *, max_batch: int = 8, gather_s: float = 1.0):
        super().__init__(inner, worker_name="batching-generator")
        self.max_batch = max(1, max_batch)
        self.gather_s = gather_s
        self._expected = 1  # users seen in the last round: the last batch and those waiting after it
        self._gather_until = 0.0
        self._start()

    def _serve(self) -> None:
        while True:
            batch = self._next_batch()
            started = time.perf_counter()
            self._answer(batch)
            log.debug("batch of %d in %.2f s", len(batch), time.perf_counter() - started)
            self._expected = min(self.max_batch, len(batch) + self._waiting.qsize())
            self._gather_until = time.monotonic() + self.gather_s

    def _next_batch(self) -> list[Request]:
        """The waiting requests, at most max_batch; after a round of several users, also those
        arriving until `gather_s` after the last batch ended, until there are as many as then."""
        batch = [self._waiting.get()]
        while len(batch) < self.max_batch:
            wait = self._gather_until - time.monotonic() if len(batch) < self._expected else 0.0
            try:
                batch.append(self._waiting.get(timeout=wait) if wait > 0 else self._waiting.get_nowait())
            except queue.Empty:
                break
        return batch

    def _answer(self, batch: list[Request]) -> None:
        try:
            if len(batch) == 1:
                results: list[str | Exception] = [self.inner.generate(batch[0].messages)]
            else:
                results = list(self.inner.generate_batch([r.messages for r in batch]))
        except Exception as exc:  # noqa: BLE001 - handed to every waiting caller, whose pipeline reports it
            results = [exc] * len(batch)
        for request, result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                request.finish(error=result)
            else:
                request.finish(text=result)
