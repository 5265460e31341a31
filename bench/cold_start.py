"""Cold start: seconds from launching `strainchat serve` to the first answer through `/ask`.

It runs in a child process so that imports, model loading and the index count, as after `make run`
on a machine already set up.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Sequence

QUESTION = "How many yeasts are there?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_answer(url: str, deadline: float) -> dict:
    from gradio_client import Client

    while True:
        try:
            return Client(url, verbose=False).predict(QUESTION, api_name="/ask")
        except Exception:  # not listening yet (connection refused, 502 while Gradio starts)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def measure_cold_start(extra_args: Sequence[str] = (), timeout_s: float = 180.0) -> dict:
    """{"cold_start_s", "first_answer_error"}; `extra_args` go to `strainchat serve` (e.g. --database-url).
    The server is stopped afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "strainchat.cli", "serve", "--port", str(port), *extra_args]
    started = time.monotonic()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        answer = _first_answer(f"http://127.0.0.1:{port}/", started + timeout_s)
        return {"cold_start_s": round(time.monotonic() - started, 2), "first_answer_error": answer.get("error")}
    finally:
        server.terminate()
        server.wait(timeout=30)
