"""The plain objects of the answering pipeline: a conversation turn, a generator, an answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Turn:
    """A previous question of the conversation and the final SQL that answered it (None if it failed)."""

    question: str
    sql: str | None


class Generator(Protocol):
    """Turns a chat prompt into SQL text. Implementations: local transformers, OpenAI-compatible HTTP, fakes."""

    name: str  # what `querylog.model` records

    def generate(self, messages: list[dict[str, str]]) -> str:
        """Greedy completion of the chat `messages` (role/content dicts); raw text, SQL hopefully inside."""
        ...


class GenerationFailed(RuntimeError):
    """The model could not produce an answer (crash, timeout, unreachable server)."""


@dataclass
class Answer:
    """Everything shown for one question; `to_json` is the `strainchat ask --json` object."""

    question: str
    sql: str | None = None  # the SQL whose rows are returned (exact or ILIKE variant)
    generated_sql: str | None = None  # what the model wrote
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    row_count: int = 0  # exact total, `rows` may be capped
    links: list[dict[str, Any]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    kind: str | None = None  # "rows" (strain list) or "aggregate" (counts, groups)
    note: str | None = None  # e.g. "no exact match; showing the ILIKE variant"
    log_id: int | None = None  # querylog id, for feedback
    model_sql: str | None = None  # the model's query after repairs, before date rewrite and display wrap
    act: str | None = None  # the conversation act: FIRST, NEW, REFINE, REPLACE, REMOVE, PROJECT
    carried: list[str] = field(default_factory=list)  # conditions kept from the previous turn, as SQL
    hints: list[dict[str, Any]] = field(default_factory=list)  # what the code read (linking/hints/), as JSON
    draft_sql: str | None = None  # the query the code composed from the links and hints (text2sql/draft.py)
    route: str | None = None  # who wrote this turn's query: "draft" (the code) or "model"; None: neither
    unread: list[str] = field(default_factory=list)  # words of the question nothing read (linking/coverage.py)

    def turn(self) -> Turn:
        """This answer as a previous turn of the conversation, in the model's own SQL form."""
        return Turn(self.question, None if self.error else (self.model_sql or self.generated_sql))

    def to_json(self, id: Any = ...) -> dict[str, Any]:
        """The answer as JSON; with `id` given (even None) it leads the object, as in `ask --jsonl`."""
        data = {
            "question": self.question,
            "sql": self.sql,
            "generated_sql": self.generated_sql,
            "columns": self.columns,
            "rows": self.rows,
            "row_count": self.row_count,
            "links": self.links,
            "timings_ms": self.timings_ms,
            "error": self.error,
            "act": self.act,
            "carried": self.carried,
            "hints": self.hints,
            "draft_sql": self.draft_sql,
            "route": self.route,
            "unread": self.unread,
        }
        return data if id is ... else {"id": id, **data}
