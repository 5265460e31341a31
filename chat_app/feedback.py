"""Approved answers from the query log as training examples, in the fine-tuning dataset's JSONL format.

A thumbs-up answer is a (question, SQL) pair a person has checked; its SQL is the curator's
corrected SQL when one was given, else the final SQL that produced the approved rows, written as
the model writes it (a strain list's `syntheticstrain` display wrapper becomes its inner
`SELECT strainid FROM detailedstrain ...`, as in the dataset). A follow-up keeps its
conversation: the earlier questions of the same chat session and their SQL.

    strainchat export-feedback --out data/feedback.jsonl
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import sqlglot

from catalogue.database import Catalogue
from sqlproc.display import unwrap_display

# Sessions whose entries form one conversation: the chat's and /ask's (`strainchat ask --json`
# logs every question under the one session "cli", so its entries are not a conversation).
CONVERSATION_PREFIXES = ("chat:", "api:")

# Approved entries, plus the earlier entries of their sessions (for the follow-ups' history).
_APPROVED = """
SELECT id, session_id, question, language, COALESCE(NULLIF(btrim(corrected_sql), ''), final_sql) AS sql
FROM querylog
WHERE rating = 1 AND COALESCE(NULLIF(btrim(corrected_sql), ''), final_sql) IS NOT NULL
ORDER BY id
"""
# Every earlier turn with the SQL that answered it (none for a failed turn); a correction wins.
_SESSION_TURNS = """
SELECT id, session_id, question,
       COALESCE(NULLIF(btrim(corrected_sql), ''), CASE WHEN status = 'error' THEN NULL ELSE final_sql END) AS sql
FROM querylog
WHERE session_id = ANY(%s)
ORDER BY id
"""


def approved_examples(catalogue: Catalogue) -> list[dict[str, Any]]:
    """One training example per thumbs-up answer, oldest first."""
    approved = catalogue.owner_execute(_APPROVED)
    sessions = sorted({row[1] for row in approved if _is_conversation(row[1])})
    turns = catalogue.owner_execute(_SESSION_TURNS, (sessions,)) if sessions else []
    return [_example(row, _history(turns, session_id=row[1], before=row[0])) for row in approved]


def _is_conversation(session_id: str | None) -> bool:
    return bool(session_id) and session_id.startswith(CONVERSATION_PREFIXES)


def _history(turns: Iterable[tuple], *, session_id: str | None, before: int) -> list[dict[str, str | None]]:
    if not _is_conversation(session_id):
        return []
    return [
        {"question": q, "sql": training_sql(sql) if sql else None}
        for (id_, sid, q, sql) in turns
        if sid == session_id and id_ < before
    ]


def training_sql(sql: str) -> str:
    """`sql` as the model writes it: a display query becomes its inner strain query; others are kept."""
    try:
        tree = sqlglot.parse_one(sql, read="postgres")
    except sqlglot.errors.SqlglotError:
        return sql
    inner = unwrap_display(tree)
    return sql if inner is tree else inner.sql(dialect="postgres")


def _example(row: tuple, history: list[dict[str, str | None]]) -> dict[str, Any]:
    entry_id, _session, question, language, shown_sql = row
    sql = training_sql(shown_sql)
    return {
        "id": f"feedback-{entry_id}",
        "category": "feedback",
        "language": language,
        "index_template": None,
        # A person's question is its own template: it has no placeholders.
        "question_template": question,
        "sql_template": sql,
        "question": question,
        "sql": sql,
        "possible_sql_queries": [sql],
        "history": history,
    }


def write_jsonl(examples: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one JSON object per line; return how many."""
    count = 0
    for example in examples:
        out.write(json.dumps(example, ensure_ascii=False) + "\n")
        count += 1
    return count
