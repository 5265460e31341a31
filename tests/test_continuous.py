"""Continuous batching (text2sql/generators/continuous.py) on a hand-written fake llama.cpp context.

The fake model answers from what its KV cache holds, so a wrong position, a badly shared prompt
start or a sequence moved to the wrong place gives a wrong answer: a prompt is PREFIX + question
tokens + END, and the answer is each question token + 100, then ';'. The real model runs in
tests/test_llamacpp_slow.py.

    .venv/bin/python -m pytest -q tests/test_continuous.py
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from text2sql.generators.continuous import ContinuousBatcher, common_start, lookup
from text2sql.generators.llamacpp import LlamaCppGenerator
from text2sql.types import GenerationFailed

PREFIX = list(range(1, 21))  # the prompt start every question shares (system prompt, first columns)
END, SEMI, EOS = 99, 7, 0
TEMPLATE = "{% for m in messages %}{{ m['content'] }}{% endfor %}"


def next_token(kv: list[int], shift: int = 100) -> int:
    """The fake model: the answer to PREFIX + q + END is q+shift token by token, then ';' (with
    shift 0 it copies the question, as the real model copies the prompt's draft SQL)."""
    assert kv[: len(PREFIX)] == PREFIX, "the shared prompt start is wrong"
    end = kv.index(END)
    question, written = kv[len(PREFIX) : end], len(kv) - end - 1
    return question[written] + shift if written < len(question) else SEMI


def answer(question: list[int], shift: int = 100) -> str:
    return "".join(f"<{q + shift}>" for q in question) + ";"


def ask(question: list[int]) -> list[dict[str, str]]:
    return [{"role": "user", "content": "ask " + " ".join(map(str, question))}]


class FakeSlots:
    """KV sequences as token lists. It checks what llama.cpp needs: positions in order, and every
    step's sequences numbered 1..k without gaps (or llama.cpp splits the step)."""

    def __init__(
        self, *, seq_cells: int = 64, n_batch: int = 16, delay_s: float = 0.0, fail_with: int = 0, shift: int = 100
    ):
        self.seq_cells, self.n_batch, self.delay_s, self.shift = seq_cells, n_batch, delay_s, shift
        self.fail_with = fail_with  # fail the first step with this many sequences running
        self.kv: dict[int, list[int]] = {}
        self.steps: list[list[tuple[int, int, int, bool]]] = []
        self.fed = 0  # prompt and answer tokens decoded (shared ones are not)

    def step(self, cells):
        time.sleep(self.delay_s)
        assert 0 < len(cells) <= self.n_batch
        seqs = sorted({seq for seq, *_ in cells})
        if self.fail_with and len(seqs) >= self.fail_with:
            self.fail_with = 0
            raise RuntimeError("llama_decode returned -3")
        assert seqs == list(range(1, len(seqs) + 1)), f"sequence ids with gaps: {seqs}"
        self.steps.append(cells)
        out = []
        for seq, pos, token, logits in cells:
            kv = self.kv.setdefault(seq, [])
            assert pos == len(kv), f"sequence {seq}: position {pos} after {len(kv)} cells"
            kv.append(token)
            self.fed += 1
            if logits:
                out.append(next_token(kv, self.shift))
        return out

    def share(self, src, dst, n):
        self.kv[dst] = list(self.kv.get(src, [])[:n])

    def truncate(self, seq, n):
        self.kv[seq] = self.kv.get(seq, [])[:n]

    def move(self, src, dst):
        assert not self.kv.get(dst), "moved onto a busy sequence"
        self.kv[dst], self.kv[src] = self.kv.get(src, []), []


class FakeEngine:
    """The llama.cpp context's tokenizer and lone-question path, on the same fake model."""

    vocab_piece = {SEMI: b";"}

    def __init__(self, slots: FakeSlots):
        self.eos, self.chat_template = EOS, TEMPLATE
        self._slots = slots
        self.alone = 0
        self.closed = False

    def tokenize(self, text: str) -> list[int]:
        return PREFIX + [int(word) for word in text.split()[1:]] + [END]

    def stream(self, prompt):
        self.alone += 1
        kv = list(prompt)
        while True:
            token = next_token(kv, self._slots.shift)
            kv.append(token)
            yield token

    def slots(self, max_seqs: int) -> FakeSlots:
        return self._slots

    def piece(self, token: int) -> bytes:
        return self.vocab_piece.get(token, b"x")

    def detokenize(self, tokens):
        return "".join(";" if t == SEMI else f"<{t}>" for t in tokens)

    def close(self) -> None:
        self.closed = True


def batcher(slots: FakeSlots | None = None, **kwargs) -> tuple[ContinuousBatcher, list[FakeEngine]]:
    engines: list[FakeEngine] = []

    def open_engine():
        engines.append(FakeEngine(slots if slots is not None and not engines else FakeSlots()))
        return engines[-1]

    inner = LlamaCppGenerator(open_engine, name="fake", max_new_tokens=kwargs.pop("max_new_tokens", 20))
    return ContinuousBatcher(inner, max_batch=kwargs.pop("max_batch", 4), **kwargs), engines


@pytest.mark.parametrize("shift", [100, 0])
def test_drafts_checked_in_the_step_keep_the_answers_and_save_steps_when_they_are_copies(shift):
    questions = [[30 + i, 31 + i, 32 + i, 33 + i, 34 + i][: 2 + i % 4] for i in range(8)]
    runs = {}
    for draft in (0, 6):
        slots = FakeSlots(shift=shift, seq_cells=128, n_batch=128, delay_s=0.002)
        gen, _ = batcher(slots, lone=False, draft=draft)
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(gen.generate, map(ask, questions)))
        assert answers == [answer(q, shift) for q in questions]
        runs[draft] = len(slots.steps)
    if shift == 0:  # answers that copy the prompt are confirmed several tokens a step
        assert runs[6] < runs[0]


def test_common_start_stops_at_the_limit():
    assert common_start([1, 2, 3], [1, 2, 3], 2) == 2 and common_start([1, 2], [1, 3], 9) == 1


def test_lookup_drafts_what_followed_the_last_tokens_before():
    assert lookup([5, 6, 7, 8, 5, 6], 2) == [7, 8]
    assert lookup([1, 2, 3, 9, 3], 5) == [9, 3]  # '9 3' never came before; the last '3' did, then 9, 3
    assert lookup([1, 2, 3], 4) == []


def test_a_lone_question_takes_the_unbatched_path():
    gen, engines = batcher(FakeSlots())
    assert gen.generate(ask([3, 5])) == answer([3, 5])
    assert engines[0].alone == 1 and engines[0]._slots.steps == []


def test_users_asking_at_once_get_their_own_answers_decoded_together():
    slots = FakeSlots(delay_s=0.002)
    gen, engines = batcher(slots, lone=False)
    questions = [[i, i + 1, i + 2][: 1 + i % 3] for i in range(10)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda q: gen.generate(ask(q)), questions))
    assert answers == [answer(q) for q in questions]
    assert max(sum(logits for *_, logits in step) for step in slots.steps) > 1  # several in one step
    prompt_tokens = sum(len(PREFIX) + len(q) + 1 for q in questions)
    assert slots.fed < prompt_tokens  # the prompt start was decoded once and shared


def test_a_question_starting_like_a_finished_one_prefills_only_the_rest():
    slots = FakeSlots()
    gen, _ = batcher(slots, lone=False, max_batch=2)
    fed = []
    for question in ([30, 31, 32], [30, 31, 40], [50]):
        before = slots.fed
        assert gen.generate(ask(question)) == answer(question)
        fed.append(slots.fed - before)
    # all 24 prompt tokens + 3 answer tokens (the ';' is never fed); then only '40 END' and '50 END'
    assert fed == [24 + 3, 2 + 3, 2 + 1]
    assert [seq for seq, kv in slots.kv.items() if kv] == [3]  # the last prompt, held after the 2 running
    assert slots.kv[3] == PREFIX + [50, END]


def test_a_question_asked_later_joins_the_running_ones_and_leaves_first():
    slots = FakeSlots(delay_s=0.01, seq_cells=128)
    gen, _ = batcher(slots, lone=False, max_new_tokens=40)
    done: dict[str, float] = {}

    def run(name, question):
        gen.generate(ask(question))
        done[name] = time.monotonic()

    long = threading.Thread(target=run, args=("long", list(range(30, 60))))
    long.start()
    started = time.monotonic()
    while not slots.steps and time.monotonic() - started < 5:
        time.sleep(0.001)
    run("short", [4])
    long.join()
    assert done["short"] < done["long"]


def test_a_failing_step_fails_everyone_in_it_and_the_next_question_gets_a_fresh_engine():
    gen, engines = batcher(FakeSlots(fail_with=3, delay_s=0.01, seq_cells=160), lone=False, max_new_tokens=60)
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(gen.generate, ask([i] * 20)) for i in range(3)]
        errors = [f.exception(timeout=5) for f in futures]
    assert all(isinstance(e, GenerationFailed) and "llama_decode returned -3" in str(e) for e in errors)
    assert engines[0].closed
    assert gen.generate(ask([8])) == answer([8]) and len(engines) == 2


def test_one_question_over_its_time_limit_fails_alone():
    slots = FakeSlots(delay_s=0.02, seq_cells=160)
    gen, _ = batcher(slots, lone=False, max_new_tokens=60, timeout_s=0.3)
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(gen.generate, ask(list(range(30, 80))))
        quick = pool.submit(gen.generate, ask([2]))
        assert quick.result(timeout=5) == answer([2])
        with pytest.raises(GenerationFailed, match="longer than"):
            slow.result(timeout=10)
    assert gen.generate(ask([5])) == answer([5])


def test_a_prompt_longer_than_a_sequence_is_answered_on_its_own_and_an_over_long_one_fails():
    slots = FakeSlots(seq_cells=40)
    gen, engines = batcher(slots, lone=False)
    assert gen.generate(ask(list(range(30, 40)))) == answer(list(range(30, 40)))  # 31 prompt + 20 > 40 cells
    assert slots.steps == [] and engines[0].alone == 1
    with pytest.raises(GenerationFailed, match="too long"):
        gen.generate(ask(list(range(3000))))
