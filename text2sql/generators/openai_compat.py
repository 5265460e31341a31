"""A generator backed by an OpenAI-compatible chat-completions server (vLLM, TGI, llama.cpp server).

The httpx transport is the seam: tests pass a transport (or point at a local fake server).
Greedy decoding (temperature 0), stop at ';', at most `max_new_tokens`.
"""

from __future__ import annotations

import httpx

from text2sql.types import GenerationFailed


class OpenAICompatibleGenerator:
    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout_s: float = 60.0,
        max_new_tokens: int = 200,
        transport: httpx.BaseTransport | None = None,
    ):
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_s, transport=transport
        )
        self.model = model
        self.max_new_tokens = max_new_tokens
        self.name = f"openai:{model}"

    def generate(self, messages: list[dict[str, str]]) -> str:
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": self.max_new_tokens,
            "stop": [";"],
        }
        try:
            response = self.client.post("/chat/completions", json=body)
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"] or ""
        except httpx.TimeoutException as exc:
            raise GenerationFailed(f"the model server did not answer in time ({self.client.timeout.read} s)") from exc
        except httpx.HTTPStatusError as exc:
            raise GenerationFailed(f"the model server answered HTTP {exc.response.status_code}") from exc
        except httpx.HTTPError as exc:
            raise GenerationFailed(f"the model server is unreachable: {exc}") from exc
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise GenerationFailed("the model server sent a reply that is not a chat completion") from exc

    def close(self) -> None:
        self.client.close()
