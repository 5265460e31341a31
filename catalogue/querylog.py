"""The query log (the thesis's ExperimentalDB): one row per question answered, plus user feedback.

Each entry is committed on its own before the answer is returned, so an answer shown is an answer logged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from psycopg.types.json import Jsonb

from catalogue.database import Catalogue


@dataclass
class LogEntry:
    question: str
    status: str  # "ok", "empty", "error"
    language: str | None = None
    generated_sql: str | None = None
    final_sql: str | None = None
    error: str | None = None
    row_count: int | None = None
    model: str | None = None
    session_id: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    links: list[dict[str, Any]] = field(default_factory=list)
    act: str | None = None  # the conversation act of the turn (conversation/acts.py)


_INSERT = """
INSERT INTO querylog (session_id, question, language, generated_sql, final_sql, status, error,
                      row_count, model, timings, links, act)
VALUES (%(session_id)s, %(question)s, %(language)s, %(generated_sql)s, %(final_sql)s, %(status)s,
        %(error)s, %(row_count)s, %(model)s, %(timings)s, %(links)s, %(act)s)
RETURNING id
"""


MAX_LOGGED_CHARS = 10_000  # an over-long question is refused, and logged only up to this length


def storable(text: str) -> str:
    """`text` as PostgreSQL can store it: hostile input may hold NUL characters (which text columns
    refuse) or lone surrogates (which UTF-8 cannot encode), and a refused question may be huge."""
    if len(text) > MAX_LOGGED_CHARS:
        text = f"{text[:MAX_LOGGED_CHARS]}… [{len(text)} characters]"
    text = text.replace("\x00", "\ufffd")
    return text.encode("utf-8", "replace").decode("utf-8")


def log_answer(catalogue: Catalogue, entry: LogEntry) -> int:
    """Write one entry durably; return its id."""
    params = asdict(entry)
    params["timings"] = Jsonb(entry.timings)
    params["links"] = Jsonb(entry.links)
    for key in ("question", "generated_sql", "final_sql", "error"):
        if isinstance(params[key], str):
            params[key] = storable(params[key])
    return catalogue.owner_execute(_INSERT, params)[0][0]


def record_feedback(
    catalogue: Catalogue,
    entry_id: int,
    *,
    rating: int | None,
    corrected_sql: str | None = None,
    comment: str | None = None,
) -> None:
    """Attach a thumbs up (1) or down (-1), an optional corrected SQL and a comment to a logged answer."""
    if rating not in (None, 1, -1):
        raise ValueError("rating must be 1 (up), -1 (down) or None")
    catalogue.owner_execute(
        "UPDATE querylog SET rating = %s, corrected_sql = %s, comment = %s, feedback_at = now() WHERE id = %s",
        (rating, corrected_sql, comment, entry_id),
    )
