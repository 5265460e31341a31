"""Continuous batching: every question being answered advances by one token per llama.cpp step, and
a question that arrives joins the running ones at the next step instead of waiting for them.

Why not batches that start and end together (text2sql/generators/batching.py): answers differ in
length (5 to 60 tokens), so in a fixed batch the short ones wait for the longest, and a question
asked meanwhile waits for the whole batch. Here each sequence leaves as soon as it reaches its ';'
and its KV cells go to the next question. The prompt's common start (system prompt, the first
schema columns) is prefilled once, kept in sequence 0, and shared with every question.

A lone question with nobody else running takes the unbatched path (prompt-lookup drafts, the exact
single-user output); a question that arrives while it runs waits for it (at most one answer).

    generator = ContinuousBatcher(llamacpp_generator(path, name="tuned"), max_batch=16)
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from text2sql.types import GenerationFailed

log = logging.getLogger(__name__)

Messages = list[dict[str, str]]
Cell = tuple[int, int, int, bool]  # (sequence, position, token, wants logits)

PREFIX_SEQ = 0
MIN_SHARED = 16  # a shorter common start is not worth a shared sequence


class Slots(Protocol):
    """KV sequences of one llama.cpp context (llamacpp_batch.LlamaSlots; a fake in tests)."""

    seq_cells: int  # KV cells of one sequence: its prompt and answer must fit
    n_batch: int  # most cells one step decodes

    def step(self, cells: list[Cell]) -> list[int]:
        """Decode the cells in one call; the greedy next token of every cell that wants logits, in order."""
        ...

    def share(self, src: int, dst: int, n: int) -> None:
        """Make sequence `dst` the first `n` positions of `src` (whatever it held before)."""
        ...

    def truncate(self, seq: int, n: int) -> None:
        """Drop the positions from `n` on of `seq` (n=0: forget it)."""
        ...

    def move(self, src: int, dst: int) -> None:
        """Sequence `src` becomes `dst` (an empty one); `src` is then empty."""
        ...


class Steppable(Protocol):
    """What the batcher needs of the llama.cpp generator (text2sql/generators/llamacpp.py)."""

    name: str
    max_new_tokens: int

    def generate(self, messages: Messages) -> str: ...

    def with_engine(self, work): ...

    def prompt_tokens(self, engine, messages: Messages) -> list[int]: ...

    def finished(self, engine, new: list[int], deadline: float) -> bool: ...

    def text(self, engine, new: list[int]) -> str: ...

    def complete(self, engine, messages: Messages) -> str: ...

    def slots(self, engine, max_seqs: int) -> Slots: ...


@dataclass
class _Request:
    messages: Messages
    done: threading.Event = field(default_factory=threading.Event)
    text: str | None = None
    error: Exception | None = None

    def finish(self, text: str | None = None, error: Exception | None = None) -> None:
        self.text, self.error = text, error
        self.done.set()


@dataclass
class _Job:
    request: _Request
    seq: int
    prompt: list[int]
    deadline: float
    fed: int  # prompt tokens already in the KV cache (shared ones included)
    new: list[int] = field(default_factory=list)


class ContinuousBatcher:
    def __init__(self, inner: Steppable, *, max_batch: int = 16, timeout_s: float = 60.0, lone: bool = True):
        self.inner = inner
        self.max_batch = max(1, max_batch)
        self.timeout_s = timeout_s
        self.lone = lone
        self._prefix: list[int] = []  # the tokens sequence 0 holds
        self._pending: list[_Request] = []  # taken from the queue, not started yet (worker only)
        self._waiting: queue.Queue[_Request] = queue.Queue()
        self._worker = threading.Thread(target=self._serve, name="continuous-batcher", daemon=True)
        self._worker.start()

    @property
    def name(self) -> str:
        return self.inner.name

    def __getattr__(self, attribute: str):  # load_seconds, adapter, ... of the wrapped generator
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
            if not self._pending:
                self._pending.append(self._waiting.get())
            if self.lone and len(self._pending) == 1 and self._waiting.empty():
                self._answer_alone(self._pending.pop())
            else:
                self._run_session()

    def _run_session(self) -> None:
        jobs: list[_Job] = []
        try:
            self.inner.with_engine(lambda engine: self._session(engine, jobs))
        except Exception as exc:  # noqa: BLE001 - the engine failed: everyone running in it gets the message
            self._prefix = []  # a fresh engine has an empty cache
            for job in jobs:
                if not job.request.done.is_set():
                    job.request.finish(error=exc)

    def _answer_alone(self, request: _Request) -> None:
        try:
            request.finish(text=self.inner.generate(request.messages))
        except Exception as exc:  # noqa: BLE001 - handed to the caller, whose pipeline reports it
            request.finish(error=exc)

    def _session(self, engine, jobs: list[_Job]) -> None:
        """Decode until nobody is running or waiting; `jobs` is the running set (for _run_session)."""
        slots = self.inner.slots(engine, self.max_batch + 1)
        while True:
            self._pending += self._drain()
            self._pending = self._admit(engine, slots, self._pending, jobs)
            if not jobs:
                if not self._pending:
                    return
                continue
            self._step(engine, slots, jobs)

    def _drain(self) -> list[_Request]:
        out = []
        while True:
            try:
                out.append(self._waiting.get_nowait())
            except queue.Empty:
                return out

    def _admit(self, engine, slots: Slots, pending: list[_Request], jobs: list[_Job]) -> list[_Request]:
        """Start as many pending requests as there are free sequences (after the running ones, so
        that the ids stay contiguous); the rest stay pending."""
        free = sorted(set(range(1, self.max_batch + 1)) - {job.seq for job in jobs})
        left: list[_Request] = []
        for request in pending:
            if not free:
                left.append(request)
                continue
            try:
                prompt = self.inner.prompt_tokens(engine, request.messages)
            except GenerationFailed as exc:  # only this question fails (too long)
                request.finish(error=exc)
                continue
            if len(prompt) + self.inner.max_new_tokens > slots.seq_cells:
                self._answer_inline(engine, request)  # a rare long conversation: the others wait for it
                continue
            seq = free.pop(0)
            shared = self._shared_start(slots, prompt)
            if shared:
                slots.share(PREFIX_SEQ, seq, shared)
            jobs.append(_Job(request, seq, prompt, time.monotonic() + self.timeout_s, fed=shared))
        return left

    def _answer_inline(self, engine, request: _Request) -> None:
        try:
            request.finish(text=self.inner.complete(engine, request.messages))
        except GenerationFailed as exc:
            request.finish(error=exc)

    def _shared_start(self, slots: Slots, prompt: list[int]) -> int:
        """How much of `prompt` sequence 0 already holds; narrows sequence 0 to the common start, or
        (when it is empty) leaves it to be filled from this prompt after its prefill."""
        common = 0
        limit = min(len(self._prefix), len(prompt) - 1)  # the last prompt token is always fed: its logits
        while common < limit and self._prefix[common] == prompt[common]:
            common += 1
        if common < MIN_SHARED:
            return 0
        if common < len(self._prefix):
            slots.truncate(PREFIX_SEQ, common)
            self._prefix = self._prefix[:common]
        return common

    def _step(self, engine, slots: Slots, jobs: list[_Job]) -> None:
        """One llama_decode: the last token of every generating job, then prompt chunks of the others."""
        cells: list[Cell] = []
        owners: list[_Job] = []  # the job of every cell that wants logits
        jobs.sort(key=lambda job: job.seq)  # llama.cpp splits a step at every gap in the sequence ids
        for job in jobs:
            if job.fed == len(job.prompt):
                cells.append((job.seq, len(job.prompt) + len(job.new) - 1, job.new[-1], True))
                owners.append(job)
        for job in jobs:
            room = slots.n_batch - len(cells)
            if job.fed == len(job.prompt) or room <= 0:
                continue
            end = min(len(job.prompt), job.fed + room)
            cells += [(job.seq, pos, job.prompt[pos], pos == len(job.prompt) - 1) for pos in range(job.fed, end)]
            if end == len(job.prompt):
                owners.append(job)
            job.fed = end
        tokens = slots.step(cells)
        for job, token in zip(owners, tokens, strict=True):
            job.new.append(token)
        self._keep_prefix(slots, owners)
        for job in list(owners):
            self._check(engine, slots, job, jobs)

    def _keep_prefix(self, slots: Slots, owners: list[_Job]) -> None:
        """With no shared start yet, the first prompt just prefilled becomes it (all but its last token)."""
        if self._prefix:
            return
        for job in owners:
            if len(job.new) == 1 and len(job.prompt) - 1 >= MIN_SHARED:
                slots.share(job.seq, PREFIX_SEQ, len(job.prompt) - 1)
                self._prefix = job.prompt[:-1]
                return

    def _check(self, engine, slots: Slots, job: _Job, jobs: list[_Job]) -> None:
        try:
            if not self.inner.finished(engine, job.new, job.deadline):
                return
            job.request.finish(text=self.inner.text(engine, job.new))
        except GenerationFailed as exc:  # this job's time limit: the others go on
            job.request.finish(error=exc)
        jobs.remove(job)
        slots.truncate(job.seq, 0)
        last = max(jobs, key=lambda other: other.seq, default=None)
        if last is not None and last.seq > job.seq:  # keep the running sequences 1..k, without gaps
            slots.move(last.seq, job.seq)
            last.seq = job.seq
