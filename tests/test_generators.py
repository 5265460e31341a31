"""Generators: the OpenAI-compatible backend against a real local HTTP server, and the fakes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from text2sql.generators.fake import QueueGenerator
from text2sql.generators.openai_compat import OpenAICompatibleGenerator
from text2sql.types import GenerationFailed

MESSAGES = [{"role": "system", "content": "sys"}, {"role": "user", "content": "How many Bacteria?"}]


class FakeCompletionsServer(BaseHTTPRequestHandler):
    """A tiny OpenAI-compatible server: replies with the SQL queued on the server object."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, dict(self.headers), body))
        status, payload = self.server.replies.pop(0)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeCompletionsServer)
    httpd.requests, httpd.replies = [], []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def completion(text: str) -> dict:
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]}


def test_openai_backend_sends_greedy_request_and_returns_text(server):
    server.replies.append((200, completion("SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria'")))
    gen = OpenAICompatibleGenerator(f"http://127.0.0.1:{server.server_port}/v1", "strainchat", api_key="k")
    assert gen.generate(MESSAGES).startswith("SELECT COUNT(*)")
    path, headers, body = server.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer k"
    assert body["temperature"] == 0 and body["stop"] == [";"] and body["max_tokens"] == 200
    assert body["messages"] == MESSAGES and body["model"] == "strainchat"


@pytest.mark.parametrize(
    ("reply", "message"),
    [((500, {"error": "boom"}), "HTTP 500"), ((200, {"unexpected": True}), "not a chat completion")],
)
def test_openai_backend_errors_are_clear(server, reply, message):
    server.replies.append(reply)
    gen = OpenAICompatibleGenerator(f"http://127.0.0.1:{server.server_port}/v1", "m")
    with pytest.raises(GenerationFailed, match=message):
        gen.generate(MESSAGES)


def test_openai_backend_unreachable_and_timeout():
    dead = OpenAICompatibleGenerator("http://127.0.0.1:1/v1", "m")
    with pytest.raises(GenerationFailed, match="unreachable"):
        dead.generate(MESSAGES)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("too slow", request=request)

    timing_out = OpenAICompatibleGenerator("http://model/v1", "m", transport=httpx.MockTransport(slow))
    with pytest.raises(GenerationFailed, match="did not answer in time"):
        timing_out.generate(MESSAGES)


def test_queue_generator_replays_and_records():
    gen = QueueGenerator(["SELECT 1", GenerationFailed("model crashed")])
    assert gen.generate(MESSAGES) == "SELECT 1"
    with pytest.raises(GenerationFailed, match="crashed"):
        gen.generate(MESSAGES)
    with pytest.raises(GenerationFailed, match="no scripted output"):
        gen.generate(MESSAGES)
    assert len(gen.prompts) == 3
