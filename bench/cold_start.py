"""A served app in a child process: the cold start (launch → first answer through `/ask`) and, while
it is up, the concurrent-load run (chat_app/load.py).

The child is `strainchat serve`, as after `make run` on a machine already set up, so imports, model
loading and the value index all count in the cold start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

QUESTION = "How many yeasts are there?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served_app(extra_args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> Iterator[str]:
    """`strainchat serve` on a free loopback port, with `env` on top of ours (e.g. STRAINCHAT_GENERATOR);
    yields its URL at once (it may not answer yet)."""
    port = free_port()
    command = [sys.executable, "-m", "strainchat.cli", "serve", "--port", str(port), *extra_args]
    child_env = {**os.environ, **(env or {})}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def first_answer(url: str, timeout_s: float = 180.0) -> dict:
    """Ask until the app answers (it is still loading while the connection is refused)."""
    from gradio_client import Client

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return Client(url, verbose=False).predict(QUESTION, api_name="/ask")
        except Exception:  # not listening yet (connection refused, 502 while Gradio starts)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def measure_served(
    extra_args: Sequence[str] = (), *, load_sessions: int = 0, env: Mapping[str, str] | None = None
) -> dict:
    """{"cold_start_s", "first_answer_error"} and, when `load_sessions` > 0, "load": a single-user
    run and `load_sessions` concurrent conversations of 8 questions against the same server."""
    from chat_app.load import DEFAULT_QUESTIONS, compare_load

    with served_app(extra_args, env) as url:
        started = time.monotonic()
        answer = first_answer(url)
        result = {"cold_start_s": round(time.monotonic() - started, 2), "first_answer_error": answer.get("error")}
        if load_sessions:
            result["load"] = compare_load(url, DEFAULT_QUESTIONS, load_sessions, 8).to_json()
    return result
