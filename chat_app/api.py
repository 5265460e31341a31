"""The JSON endpoint `/ask`: a question (and optionally the previous turns) in, `Answer.to_json()` out.

Registered by `chat_app.ui.build_ui` with `gr.api(..., api_name="ask")`:

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("how many yeasts are there?", api_name="/ask")
    Client(url).predict("only those from Italy",
                        [{"question": "Give me all the Aspergillus strains", "sql": "SELECT ..."}],
                        api_name="/ask")

A previous turn is either `{"question", "sql"}` (a turn already answered) or a plain question,
which is answered first, in order, as `strainchat ask --jsonl` answers its turns. An optional third
argument names the conversation: calls with the same `session` share one querylog `session_id`
(`api:<session>`); without it every call is its own session.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from chat_app.handlers import AnswersQuestions
from chat_app.values import jsonable
from text2sql.pipeline import InvalidQuestion, clean_question
from text2sql.types import Answer, Turn

log = logging.getLogger(__name__)

MAX_HISTORY = 20  # previous turns accepted per call; each plain question costs a model call
MAX_SQL_CHARS = 4000  # a previous turn's SQL goes into the prompt: bounded like the question
SESSION = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class BadArguments(ValueError):
    """An argument of `/ask` other than the question is unusable; the message says why."""


class BadHistory(BadArguments):
    """The `history` argument is not a list of questions or {"question", "sql"} objects."""


def api_session_id(session: Any = None) -> str:
    """The querylog session_id of an `/ask` call: `api:<session>`, or a fresh one when none is given."""
    if session is None or session == "":
        return f"api:{uuid.uuid4().hex[:16]}"
    if not isinstance(session, str) or not SESSION.fullmatch(session):
        raise BadArguments("session must be 1 to 64 letters, digits or . _ : -")
    return f"api:{session}"


def answer_json(
    pipeline: AnswersQuestions,
    question: Any,
    history: list[Any] | None = None,
    *,
    session: Any = None,
    max_rows: int = 100,
) -> dict[str, Any]:
    """The `strainchat ask --json` object for `question` after `history`; errors are in its "error"."""
    try:
        session_id = api_session_id(session)
        turns = previous_turns(pipeline, history, session_id)
        answer = pipeline.answer(question, turns, session_id=session_id, max_rows=max_rows)
    except BadArguments as exc:
        answer = Answer(question=str(question), error=str(exc))
    except Exception as exc:  # the caller gets an object with "error", whatever broke
        log.exception("/ask failed")
        answer = Answer(question=str(question), error=f"something went wrong while answering ({type(exc).__name__})")
    return jsonable(answer.to_json())


def previous_turns(pipeline: AnswersQuestions, history: list[Any] | None, session_id: str) -> list[Turn]:
    """`history` as pipeline turns; plain questions are answered now, in order."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise BadHistory('history must be a list of questions or {"question", "sql"} objects')
    if len(history) > MAX_HISTORY:
        raise BadHistory(f"history has {len(history)} turns; at most {MAX_HISTORY} are accepted")
    turns: list[Turn] = []
    for item in history:
        turns.append(_turn(pipeline, item, turns, session_id))
    return turns


def _turn(pipeline: AnswersQuestions, item: Any, earlier: list[Turn], session_id: str) -> Turn:
    if isinstance(item, str):
        return pipeline.answer(item, list(earlier), session_id=session_id, max_rows=1).turn()
    if isinstance(item, dict) and isinstance(item.get("question"), str):
        sql = item.get("sql")
        if sql is not None and not isinstance(sql, str):
            raise BadHistory('a previous turn\'s "sql" must be text or null')
        if sql is not None and len(sql) > MAX_SQL_CHARS:
            raise BadHistory(f"a previous turn's SQL is too long ({len(sql)} characters; at most {MAX_SQL_CHARS})")
        try:  # it goes into the prompt: the same checks as a question
            return Turn(clean_question(item["question"]), sql)
        except InvalidQuestion as exc:
            raise BadHistory(f"a previous turn's question: {exc}") from exc
    raise BadHistory('each previous turn must be a question or a {"question", "sql"} object')


def ask_endpoint(pipeline: AnswersQuestions, *, max_rows: int = 100) -> Callable[..., dict[str, Any]]:
    """The function registered as `/ask` (Gradio derives the API schema from its type hints)."""

    def ask(
        question: str, history: list[dict[str, Any] | str] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Answer a catalogue question; `history` holds the previous turns, as questions or
        {"question", "sql"} objects; calls with the same `session` are logged as one conversation.
        Returns the `strainchat ask --json` object."""
        return answer_json(pipeline, question, history, session=session, max_rows=max_rows)

    return ask
