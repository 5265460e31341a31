"""The batching generator with a hand-written fake model: lone requests go alone, waiting ones together."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from text2sql.generators.batching import BatchingGenerator
from text2sql.types import GenerationFailed


def ask(question: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": question}]


class SlowEcho:
    """Echoes each question as SQL; the first call waits for `release` so that others queue up."""

    name = "slow-echo"

    def __init__(self):
        self.release = threading.Event()
        self.calls: list[int] = []  # batch size of each call, 1 for a lone generate()
        self.load_seconds = 1.5

    def generate(self, messages):
        self.calls.append(1)
        self.release.wait(5)
        return self._answer(messages)

    def generate_batch(self, batch):
        self.calls.append(len(batch))
        return [GenerationFailed("no") if m[-1]["content"] == "fail" else self._answer(m) for m in batch]

    def _answer(self, messages):
        return f"SELECT '{messages[-1]['content']}'"


def test_a_lone_request_takes_the_unbatched_path():
    model = SlowEcho()
    model.release.set()
    generator = BatchingGenerator(model, max_batch=8)
    assert generator.generate(ask("a")) == "SELECT 'a'"
    assert model.calls == [1] and generator.name == "slow-echo" and generator.load_seconds == 1.5


def test_requests_waiting_behind_a_generation_are_answered_together():
    model = SlowEcho()
    generator = BatchingGenerator(model, max_batch=4)
    with ThreadPoolExecutor(6) as pool:
        first = pool.submit(generator.generate, ask("q0"))
        while not model.calls:  # the first request is being generated
            time.sleep(0.001)
        rest = [pool.submit(generator.generate, ask(f"q{i}")) for i in range(1, 6)]
        while generator._waiting.qsize() < 5:
            time.sleep(0.001)
        model.release.set()
        answers = [first.result(5)] + [f.result(5) for f in rest]
    assert answers == [f"SELECT 'q{i}'" for i in range(6)]
    assert model.calls == [1, 4, 1]  # at most max_batch at once


def test_one_failed_prompt_fails_only_its_own_caller():
    model = SlowEcho()
    generator = BatchingGenerator(model, max_batch=4)
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(generator.generate, ask("q0"))
        while not model.calls:
            time.sleep(0.001)
        ok, bad = pool.submit(generator.generate, ask("ok")), pool.submit(generator.generate, ask("fail"))
        while generator._waiting.qsize() < 2:
            time.sleep(0.001)
        model.release.set()
        assert first.result(5) == "SELECT 'q0'" and ok.result(5) == "SELECT 'ok'"
        with pytest.raises(GenerationFailed):
            bad.result(5)


def test_a_crash_reaches_the_caller_and_the_worker_survives():
    class Crashing(SlowEcho):
        def generate(self, messages):
            if messages[-1]["content"] == "crash":
                raise RuntimeError("out of memory")
            return super()._answer(messages)

    generator = BatchingGenerator(Crashing(), max_batch=2)
    with pytest.raises(RuntimeError, match="out of memory"):
        generator.generate(ask("crash"))
    assert generator.generate(ask("after")) == "SELECT 'after'"


def _first_round_of_three(generator: BatchingGenerator, model: SlowEcho, pool: ThreadPoolExecutor) -> None:
    """q0 alone, then q1 and q2 together: the last round had several users."""
    first = pool.submit(generator.generate, ask("q0"))
    while not model.calls:
        time.sleep(0.001)
    rest = [pool.submit(generator.generate, ask(f"q{i}")) for i in (1, 2)]
    while generator._waiting.qsize() < 2:
        time.sleep(0.001)
    model.release.set()
    for future in [first, *rest]:
        future.result(5)


def test_after_a_batch_its_users_next_questions_are_gathered_into_one_batch():
    model = SlowEcho()
    generator = BatchingGenerator(model, max_batch=8, gather_s=1.0)
    with ThreadPoolExecutor(4) as pool:
        _first_round_of_three(generator, model, pool)

        def late(i: int) -> str:  # the users come back one after another, not all at once
            time.sleep(0.05 * i)
            return generator.generate(ask(f"r{i}"))

        answers = list(pool.map(late, range(2)))
    assert answers == ["SELECT 'r0'", "SELECT 'r1'"]
    assert model.calls == [1, 2, 2]  # r0 waited for r1 instead of going alone


def test_a_user_who_comes_back_after_the_gathering_window_waits_for_nobody():
    model = SlowEcho()
    generator = BatchingGenerator(model, max_batch=8, gather_s=0.2)
    with ThreadPoolExecutor(4) as pool:
        _first_round_of_three(generator, model, pool)
    time.sleep(0.3)  # reading the answer
    assert generator.generate(ask("next")) == "SELECT 'next'"
    assert model.calls == [1, 2, 1]


def test_a_lone_user_is_never_kept_waiting():
    model = SlowEcho()
    model.release.set()
    generator = BatchingGenerator(model, max_batch=8, gather_s=30)
    started = time.monotonic()
    for i in range(3):
        generator.generate(ask(f"q{i}"))
    assert time.monotonic() - started < 10  # a wait for company would take 30 s per question
    assert model.calls == [1, 1, 1]
