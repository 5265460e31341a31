"""Hand-written fake generators for fast tests: no model, scripted outputs."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from text2sql.types import GenerationFailed


class QueueGenerator:
    """Returns the scripted outputs in order; records every prompt it was given."""

    name = "fake-queue"

    def __init__(self, outputs: Iterable[str | Exception] = ()):
        self.outputs: deque[str | Exception] = deque(outputs)
        self.prompts: list[list[dict[str, str]]] = []

    def push(self, *outputs: str | Exception) -> None:
        self.outputs.extend(outputs)

    def generate(self, messages: list[dict[str, str]]) -> str:
        self.prompts.append(messages)
        if not self.outputs:
            raise GenerationFailed("the fake generator has no scripted output left")
        out = self.outputs.popleft()
        if isinstance(out, Exception):
            raise out
        return out


class FunctionGenerator:
    """Answers with a function of the last user message: for tests with many questions."""

    name = "fake-function"

    def __init__(self, respond: Callable[[str], str]):
        self.respond = respond

    def generate(self, messages: list[dict[str, str]]) -> str:
        return self.respond(messages[-1]["content"])
