"""The caller's side of a generator that one worker thread serves: each `generate` call queues a
request and waits for the worker to finish it. Shared by the batching wrappers
(text2sql/generators/batching.py, text2sql/generators/continuous.py), which differ only in how
their worker (`_serve`) takes requests from `_waiting` and answers them.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field

Messages = list[dict[str, str]]


@dataclass
class Request:
    messages: Messages
    done: threading.Event = field(default_factory=threading.Event)
    text: str | None = None
    error: Exception | None = None

    def finish(self, text: str | None = None, error: Exception | None = None) -> None:
        self.text, self.error = text, error
        self.done.set()


class QueuedGenerator:
    """A generator wrapping `inner`; subclasses implement `_serve`, the worker's loop."""

    def __init__(self, inner, *, worker_name: str):
        self.inner = inner
        self._waiting: queue.Queue[Request] = queue.Queue()
        self._worker = threading.Thread(target=self._serve, name=worker_name, daemon=True)

    def _start(self) -> None:
        """Start the worker; called by a subclass once its own state is set."""
        self._worker.start()

    @property
    def name(self) -> str:
        return self.inner.name

    def __getattr__(self, attribute: str):  # load_seconds, adapter, tokenizer, ... of the wrapped model
        return getattr(self.inner, attribute)

    def generate(self, messages: Messages) -> str:
        request = Request(messages)
        self._waiting.put(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.text or ""

    def _serve(self) -> None:
        raise NotImplementedError
