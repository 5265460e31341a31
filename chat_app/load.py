"""A load driver for a served StrainChat: concurrent multi-turn conversations through `/ask`.

Each session is one thread with its own gradio_client `Client`; it asks `per_session` questions in
order (cycling through `questions`), sending its earlier turns as history and its own `session`
name, so the querylog holds each conversation under `api:<session>` (`LoadResult.session_ids`).
Nothing here imports the app: it only needs the URL of a running one.

    from chat_app.load import compare_load
    report = compare_load("http://127.0.0.1:7860/", DEFAULT_QUESTIONS)   # 1 user, then 16 × 8
    report.load.p95_s, report.single.p95_s, report.p95_ratio, report.load.errors

    strainchat load --url http://127.0.0.1:7860/ --json                  # the same, one JSON object
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

# One conversation of follow-ups, in English and Italian (the examples shown in the chat).
DEFAULT_QUESTIONS = [
    "Give me all the Aspergillus strains with Marine sediment",
    "only those from Italy",
    "how many are there?",
    "How many strains are there per organism type?",
    "Quanti lieviti ci sono nel gruppo di rischio 2?",
    "e quelli del genere Aspergillus?",
    "Mostrami i ceppi isolati in Piemonte",
    "how many strains are in risk group 2?",
]
MAX_HISTORY_SENT = 20  # the most previous turns `/ask` accepts


@dataclass
class Call:
    """One question of one session: how long `/ask` took and what came back."""

    session: int
    turn: int
    question: str
    seconds: float
    error: str | None = None  # the answer's "error", or the exception if the call itself failed
    row_count: int | None = None
    failed: bool = False  # the call raised (transport, server), as opposed to an answer with an error


@dataclass
class LoadResult:
    """Every call of one run, with the summary numbers the issue asks for."""

    sessions: int
    per_session: int
    wall_s: float
    calls: list[Call] = field(default_factory=list)
    session_ids: list[str] = field(default_factory=list)  # querylog session_id of each session

    @property
    def latencies_s(self) -> list[float]:
        return [call.seconds for call in self.calls]

    @property
    def errors(self) -> list[Call]:
        return [call for call in self.calls if call.error is not None]

    @property
    def p50_s(self) -> float:
        return percentile(self.latencies_s, 50)

    @property
    def p95_s(self) -> float:
        return percentile(self.latencies_s, 95)

    def summary(self) -> dict[str, Any]:
        """The numbers, without the per-call list."""
        return {
            "sessions": self.sessions,
            "per_session": self.per_session,
            "questions": len(self.calls),
            "errors": len(self.errors),
            "failed_calls": sum(call.failed for call in self.calls),
            "p50_s": round(self.p50_s, 4),
            "p95_s": round(self.p95_s, 4),
            "max_s": round(max(self.latencies_s, default=0.0), 4),
            "wall_s": round(self.wall_s, 3),
            "questions_per_s": round(len(self.calls) / self.wall_s, 2) if self.wall_s else 0.0,
        }

    def to_json(self, *, calls: bool = False) -> dict[str, Any]:
        data = {**self.summary(), "error_messages": sorted({c.error for c in self.errors if c.error})}
        return {**data, "calls": [asdict(c) for c in self.calls]} if calls else data


@dataclass
class LoadReport:
    """A single-user run and a concurrent run against the same app, and how their p95 compare."""

    single: LoadResult
    load: LoadResult

    @property
    def p95_ratio(self) -> float:
        return self.load.p95_s / self.single.p95_s if self.single.p95_s else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {"single": self.single.to_json(), "load": self.load.to_json(), "p95_ratio": round(self.p95_ratio, 3)}


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, interpolating between the two nearest ranks (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def run_load(
    url: str,
    questions: list[str],
    sessions: int = 16,
    per_session: int = 8,
    *,
    warm_up: bool = True,
    timeout_s: float = 300.0,
) -> LoadResult:
    """`sessions` conversations at once, each asking `per_session` questions through `/ask`.

    The clients connect before the clock starts and all sessions start together; `warm_up` first
    asks one question that is not counted (the first answer of a process loads lazy parts). A run
    stops waiting after `timeout_s`; sessions still running then count as one failed call each."""
    if not questions or sessions < 1 or per_session < 1:
        raise ValueError("need at least one question, one session and one question per session")
    run = uuid.uuid4().hex[:8]
    clients = [_client(url) for _ in range(sessions)]
    try:
        if warm_up:
            clients[0].predict(questions[0], None, f"load-{run}-warmup", api_name="/ask")
        return _run_sessions(clients, run, questions, per_session, timeout_s)
    finally:
        _close(clients)


def _run_sessions(clients: list, run: str, questions: list[str], per_session: int, timeout_s: float) -> LoadResult:
    sessions = len(clients)
    names = [f"load-{run}-{i}" for i in range(sessions)]
    results: list[list[Call]] = [[] for _ in range(sessions)]
    start = threading.Barrier(sessions + 1)
    threads = [
        threading.Thread(
            target=_session, args=(clients[i], i, names[i], questions, per_session, start, results[i]), daemon=True
        )
        for i in range(sessions)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(max(0.0, began + timeout_s - time.perf_counter()))
    wall = time.perf_counter() - began
    calls = [call for session in results for call in list(session)]
    for i, thread in enumerate(threads):
        if thread.is_alive():  # still waiting on the server: count it, rather than wait for ever
            calls.append(Call(i, -1, "", wall, f"the session did not finish within {timeout_s:g} s", failed=True))
    return LoadResult(sessions, per_session, wall, calls, [f"api:{name}" for name in names])


def run_single(url: str, questions: list[str], per_session: int = 8, *, warm_up: bool = True) -> LoadResult:
    """One user alone: the baseline the concurrent p95 is compared with."""
    return run_load(url, questions, sessions=1, per_session=per_session, warm_up=warm_up)


def compare_load(url: str, questions: list[str], sessions: int = 16, per_session: int = 8) -> LoadReport:
    """A single-user run, then `sessions` concurrent ones (the single run also warms the app up)."""
    single = run_single(url, questions, per_session)
    return LoadReport(single=single, load=run_load(url, questions, sessions, per_session, warm_up=False))


def _client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


def _close(clients: list) -> None:
    """Stop every client's heartbeat stream, all at once (each close may wait up to a second)."""
    closing = [threading.Thread(target=client.close, daemon=True) for client in clients]
    for thread in closing:
        thread.start()
    for thread in closing:
        thread.join(2)


def _session(
    client, index: int, name: str, questions: list[str], count: int, start: threading.Barrier, out: list[Call]
) -> None:
    """One conversation: each question goes with the turns before it, as `{"question", "sql"}`."""
    history: list[dict[str, Any]] = []
    start.wait()
    for turn in range(count):
        question = questions[turn % len(questions)]
        call, sql = _ask(client, index, turn, question, history[-MAX_HISTORY_SENT:], name)
        out.append(call)
        if call.error is None:  # follow-ups build on the answered turns
            history.append({"question": question, "sql": sql})


def _ask(client, index: int, turn: int, question: str, history: list, name: str) -> tuple[Call, str | None]:
    began = time.perf_counter()
    try:
        answer = client.predict(question, history, name, api_name="/ask")
    except Exception as exc:  # a failed call is a result to report, not a reason to stop the run
        seconds = time.perf_counter() - began
        return Call(index, turn, question, seconds, f"{type(exc).__name__}: {exc}", failed=True), None
    seconds = time.perf_counter() - began
    call = Call(index, turn, question, seconds, answer.get("error"), answer.get("row_count"))
    # The model's own SQL is what a follow-up builds on, as in the chat.
    return call, None if call.error else (answer.get("generated_sql") or answer.get("sql"))
