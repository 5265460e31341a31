"""Continuous batching: every question being answered advances by one token per llama.cpp step, and
a question that arrives joins the running ones at the next step instead of waiting for them.

Why not batches that start and end together (text2sql/generators/batching.py): answers differ in
length (5 to 60 tokens), so in a fixed batch the short ones wait for the longest, and a question
asked meanwhile waits for the whole batch. Here each sequence leaves as soon as it reaches its ';'
and its KV cells go to the next question. A new question starts from the longest prompt start it
shares with a running question (or, when none runs, with the last one answered, whose prompt cells
are kept), so only the rest of its prompt is prefilled: prefill is most of the work on a CPU.
Keeping the last eight answered prompts as well saved 2 % of the prefilled tokens and cost more in
copies (llama.cpp copies whole KV streams between sequences), so only one is kept.

A lone question with nobody else running takes the unbatched path (prompt-lookup drafts, the exact
single-user output); a question that arrives while it runs waits for it (at most one answer).

    generator = ContinuousBatcher(llamacpp_generator(path, name="tuned"), max_batch=16)
"""

from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass, field
from typing import Protocol

from text2sql.generators.queued import Messages, QueuedGenerator, Request
from text2sql.types import GenerationFailed

log = logging.getLogger(__name__)
Cell = tuple[int, int, int, bool]  # (sequence, position, token, wants logits)

MIN_SHARED = 16  # a shorter common start is not worth copying a sequence


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
class _Job:
    request: Request
    seq: int
    prompt: list[int]
    deadline: float
    fed: int  # prompt tokens already in the KV cache (shared ones included)
    new: list[int] = field(default_factory=list)

    def cached(self) -> list[int]:
        """The tokens its KV sequence holds: the prompt fed so far, then all but the last new token."""
        return self.prompt[: self.fed] + self.new[:-1] if self.new else self.prompt[: self.fed]


class ContinuousBatcher(QueuedGenerator):
    def __init__(
        self,
        inner: Steppable,
        *,
        max_batch: int = 16,
        timeout_s: float = 60.0,
        lone: bool = True,
        draft: int = 0,
    ):
        super().__init__(inner, worker_name="continuous-batcher")
        self.draft = draft  # prompt-lookup draft tokens checked per job and step (0: none)
        self.max_batch = max(1, max_batch)
        self.timeout_s = timeout_s
        self.lone = lone
        # the prompt of the last question answered, kept in sequence max_batch + 1 for the next
        # prompts that start alike
        self._held: list[int] | None = None
        self._pending: list[Request] = []  # taken from the queue, not started yet (worker only)
        self._start()

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
            self._held = None  # a fresh engine has an empty cache
            for job in jobs:
                if not job.request.done.is_set():
                    job.request.finish(error=exc)

    def _answer_alone(self, request: Request) -> None:
        try:
            request.finish(text=self.inner.generate(request.messages))
        except Exception as exc:  # noqa: BLE001 - handed to the caller, whose pipeline reports it
            request.finish(error=exc)

    def _session(self, engine, jobs: list[_Job]) -> None:
        """Decode until nobody is running or waiting; `jobs` is the running set (for _run_session)."""
        slots = self.inner.slots(engine, self.max_batch + 2)  # 0 unused, 1..max_batch running, 1 held
        while True:
            self._pending += self._drain()
            self._pending = self._admit(engine, slots, self._pending, jobs)
            if not jobs:
                if not self._pending:
                    return
                continue
            self._step(engine, slots, jobs)

    def _drain(self) -> list[Request]:
        out = []
        while True:
            try:
                out.append(self._waiting.get_nowait())
            except queue.Empty:
                return out

    def _admit(self, engine, slots: Slots, pending: list[Request], jobs: list[_Job]) -> list[Request]:
        """Start as many pending requests as there are free sequences (after the running ones, so
        that the ids stay contiguous); the rest stay pending."""
        free = sorted(set(range(1, self.max_batch + 1)) - {job.seq for job in jobs})
        left: list[Request] = []
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
            source, shared = self._longest_start(prompt, jobs)
            if shared:
                slots.share(source, seq, shared)
            jobs.append(_Job(request, seq, prompt, time.monotonic() + self.timeout_s, fed=shared))
        return left

    def _answer_inline(self, engine, request: Request) -> None:
        try:
            request.finish(text=self.inner.complete(engine, request.messages))
        except GenerationFailed as exc:
            request.finish(error=exc)

    def _longest_start(self, prompt: list[int], jobs: list[_Job]) -> tuple[int, int]:
        """The sequence (running or held) holding the longest start of `prompt`, and its length; the
        last prompt token is always left to feed, since its logits give the first answer token."""
        best_seq, best = 0, 0
        sources = [(job.seq, job.cached()) for job in jobs]
        if self._held is not None:
            sources.append((self.max_batch + 1, self._held))
        for seq, tokens in sources:
            common = common_start(tokens, prompt, len(prompt) - 1)
            if common > best:
                best_seq, best = seq, common
        return (best_seq, best) if best >= MIN_SHARED else (0, 0)

    def _step(self, engine, slots: Slots, jobs: list[_Job]) -> None:
        """One llama_decode: every generating job's last token and its drafts, then prompt chunks."""
        jobs.sort(key=lambda job: job.seq)  # llama.cpp splits a step at every gap in the sequence ids
        generating = [job for job in jobs if job.fed == len(job.prompt)]
        cells: list[Cell] = []
        drafted: list[tuple[_Job, int, list[int]]] = []  # (job, position of its last token, drafts)
        for job in generating:
            pos = len(job.prompt) + len(job.new) - 1
            drafts = self._drafts(job, len(generating), slots.n_batch)
            cells += [(job.seq, pos + i, token, True) for i, token in enumerate([job.new[-1], *drafts])]
            drafted.append((job, pos, drafts))
        prefilled = [job for job in jobs if job.fed < len(job.prompt) and self._feed(job, cells, slots.n_batch)]
        tokens = iter(slots.step(cells))
        for job, pos, drafts in drafted:
            out = [next(tokens) for _ in range(len(drafts) + 1)]
            accepted = 0
            while accepted < len(drafts) and drafts[accepted] == out[accepted]:
                accepted += 1
            if accepted < len(drafts):  # the cache keeps what was accepted, not the rejected drafts
                slots.truncate(job.seq, pos + accepted + 1)
            self._extend(engine, slots, job, out[: accepted + 1], jobs)
        for job in prefilled:
            self._extend(engine, slots, job, [next(tokens)], jobs)

    def _feed(self, job: _Job, cells: list[Cell], n_batch: int) -> bool:
        """Add the next chunk of `job`'s prompt to the step; whether it is now all in."""
        end = min(len(job.prompt), job.fed + max(0, n_batch - len(cells)))
        cells += [(job.seq, pos, job.prompt[pos], pos == len(job.prompt) - 1) for pos in range(job.fed, end)]
        job.fed = end
        return end == len(job.prompt)

    def _drafts(self, job: _Job, generating: int, n_batch: int) -> list[int]:
        """Prompt-lookup drafts checked in the same step (greedy output unchanged): the query mostly
        copies the prompt's draft SQL and linked values, so a step often confirms several tokens.
        Fewer per job when many run, so that every job's tokens fit one llama_decode call."""
        room = (n_batch // 2) // max(1, generating) - 1
        size = min(self.draft, room, self.inner.max_new_tokens - len(job.new))
        return lookup(job.prompt + job.new, size) if size > 0 else []

    def _extend(self, engine, slots: Slots, job: _Job, tokens: list[int], jobs: list[_Job]) -> None:
        for token in tokens:
            job.new.append(token)
            if self._check(engine, slots, job, jobs):
                return

    def _check(self, engine, slots: Slots, job: _Job, jobs: list[_Job]) -> bool:
        """Whether `job` is done (answered, or over its time limit); a done job leaves at once."""
        try:
            if not self.inner.finished(engine, job.new, job.deadline):
                return False
            job.request.finish(text=self.inner.text(engine, job.new))
        except GenerationFailed as exc:  # this job's time limit: the others go on
            job.request.finish(error=exc)
        jobs.remove(job)
        self._hold(slots, job, jobs)
        last = max(jobs, key=lambda other: other.seq, default=None)
        if last is not None and last.seq > job.seq:  # keep the running sequences 1..k, without gaps
            slots.move(last.seq, job.seq)
            last.seq = job.seq
        return True

    def _hold(self, slots: Slots, job: _Job, jobs: list[_Job]) -> None:
        """Keep the prompt cells of the last question to finish while nothing else runs (the running
        ones are the sources otherwise); forget the others'."""
        if jobs and self._held is not None:
            slots.truncate(job.seq, 0)
            return
        held = self.max_batch + 1
        slots.truncate(held, 0)
        slots.move(job.seq, held)
        slots.truncate(held, len(job.prompt))
        self._held = job.prompt


def common_start(a: list[int], b: list[int], limit: int) -> int:
    """How many tokens `a` and `b` share at the start, at most `limit`."""
    n, limit = 0, min(limit, len(a), len(b))
    while n < limit and a[n] == b[n]:
        n += 1
    return n


def lookup(tokens: list[int], size: int, ngram: int = 2) -> list[int]:
    """The `size` tokens that followed the latest earlier occurrence of the last `ngram` tokens
    (a shorter n-gram if the longer one never occurred); none if nothing matches."""
    for n in range(ngram, 0, -1):
        if len(tokens) <= n:
            continue
        tail = tokens[-n:]
        for start in range(len(tokens) - n - 1, -1, -1):
            if tokens[start : start + n] == tail:
                return tokens[start + n : start + n + size]
    return []
