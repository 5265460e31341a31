"""The chat app's actions as plain functions: ask, and render an answer (table, chart, CSV, links).

`chat_app.ui` wires these to Gradio components and tests call them directly against a real
catalogue; nothing here imports Gradio. Each browser session owns one `ChatState`. User-facing
problems come back as messages, never as exceptions. The curator's actions and feedback are in
`chat_app.curation`.

    state = ChatState()
    view = ask(pipeline, state, "Give me all the Aspergillus strains with Marine sediment")
    view.caption            # 'showing 13 of 13'
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from catalogue.database import Catalogue, QueryResult
from chat_app.extras import ResultExtras, result_extras
from chat_app.origins import OriginMap
from chat_app.values import display_value, is_number, jsonable
from text2sql.types import Answer, Turn

log = logging.getLogger(__name__)

LINK_HEADERS = ["span", "column", "value", "count", "method", "alternatives"]
_YEAR_MONTH = re.compile(r"\d{4}(-\d{1,2}(-\d{1,2})?)?")


class AnswersQuestions(Protocol):
    """The part of `text2sql.pipeline.Pipeline` the app uses."""

    catalogue: Catalogue

    def answer(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        session_id: str | None = None,
        max_rows: int | None = 100,
        on_stage: Callable[[str], None] | None = None,
    ) -> Answer: ...

    def full_result(self, sql: str) -> QueryResult: ...


@dataclass
class ChatState:
    """One browser session's conversation (kept server-side in a `gr.State`)."""

    conversation_id: str = field(default_factory=lambda: f"chat:{uuid.uuid4().hex[:16]}")  # querylog session_id
    turns: list[Turn] = field(default_factory=list)
    messages: list[dict[str, str]] = field(default_factory=list)
    answers: dict[int, Answer] = field(default_factory=dict)  # assistant message index → its answer
    last: Answer | None = None
    csv_path: Path | None = None
    extras: ResultExtras | None = None  # the last answer's why-each-row columns and origins
    # Readings chosen in this conversation only: normalized span → (column, value) (linking.overrides)
    readings: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Chart:
    """A bar chart of an aggregate answer: one bar per row."""

    x: str
    y: str
    points: list[tuple[str, float]]
    order: list[str] | None = None  # the bars' order when x is a time or a number (else by count)
    integer: bool = False  # every y is a whole number (counts): integer axis ticks


@dataclass
class AnswerView:
    """What the panels beside the chat show for the latest answer."""

    sql: str = ""
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart: Chart | None = None
    csv_path: Path | None = None
    links: list[list[Any]] = field(default_factory=list)  # rows under LINK_HEADERS
    carried: list[str] = field(default_factory=list)  # conditions kept from the previous turn (SQL text)
    link_choices: list[tuple[str, str]] = field(default_factory=list)  # (label, index) for the curator
    origins: OriginMap | None = None  # where a strain list's strains come from
    readings: list[str] = field(default_factory=list)  # "Read 'x' as column instead (n strains)"
    notice: str | None = None  # a hint shown outside the chat (e.g. empty question)


# --- asking -------------------------------------------------------------------------------------


def ask(
    pipeline: AnswersQuestions,
    state: ChatState,
    question: str | None,
    *,
    max_rows: int = 100,
    csv_dir: Path | None = None,
    on_stage: Callable[[str], None] | None = None,
    act: str | None = None,
) -> AnswerView:
    """Answer `question` as the next turn of `state`'s conversation; append both messages to it.
    `on_stage` hears the pipeline's stages ("link", "generate", "execute") when it reports them;
    `act` forces the conversation act ("NEW": the same words as a new question, nothing kept)."""
    question = question.strip() if isinstance(question, str) else ""
    if not question:
        notice = "Type a question about the catalogue first."
        return render(state.last, state.csv_path, notice=notice, extras=state.extras)
    answer = _answer_safely(pipeline, state, question, max_rows, on_stage, act)
    state.messages.append({"role": "user", "content": question})
    state.messages.append({"role": "assistant", "content": answer_message(answer)})
    state.answers[len(state.messages) - 1] = answer
    state.turns.append(answer.turn())  # in the model's own SQL form, as `strainchat ask --jsonl` keeps it
    state.last = answer
    state.extras = result_extras(pipeline, answer)
    _replace_csv(state, write_csv(pipeline, answer, csv_dir, state.extras) if csv_dir else None)
    return render(answer, state.csv_path, extras=state.extras)


def _answer_safely(
    pipeline: AnswersQuestions,
    state: ChatState,
    question: str,
    max_rows: int,
    on_stage: Callable[[str], None] | None,
    act: str | None = None,
) -> Answer:
    # The pipeline reports user-facing problems in Answer.error; anything else is a bug, but the
    # person in front of the chat still deserves a sentence rather than a stack trace.
    try:
        turns = list(state.turns)
        chosen = {"link_overrides": dict(state.readings)} if state.readings else {}  # see chat_app.readings
        chosen |= {"act": act} if act else {}
        return pipeline.answer(
            question, turns, session_id=state.conversation_id, max_rows=max_rows, on_stage=on_stage, **chosen
        )
    except Exception as exc:
        log.exception("answering %r failed", question)
        return Answer(question=question, error=f"something went wrong while answering ({type(exc).__name__})")


def _replace_csv(state: ChatState, path: Path | None) -> None:
    """Keep one CSV per session on disk: the latest answer's."""
    if state.csv_path and state.csv_path != path:
        state.csv_path.unlink(missing_ok=True)
    state.csv_path = path


def reset(state: ChatState) -> ChatState:
    """A new, empty conversation (the old CSV is removed)."""
    _replace_csv(state, None)
    return ChatState()


def answer_message(answer: Answer) -> str:
    """The assistant's chat message (Markdown) for one answer."""
    if answer.error:
        return f"Sorry, I could not answer that: {answer.error}"
    parts = [summary(answer)]
    if answer.carried:
        parts.append(kept_from_before(answer))
    if answer.note:
        parts.append(f"_{answer.note}_")
    if answer.sql:
        # Inline code wraps in the chat bubble; a fenced block would need sideways scrolling.
        parts.append(f"SQL: `{answer.sql}`" if "`" not in answer.sql else f"```sql\n{answer.sql}\n```")
    if answer.route == "draft" and answer.unread:
        # the draft answered without these words: say so, rather than let them pass as understood
        parts.append("Not read (the query ignores them): " + ", ".join(f"“{w}”" for w in answer.unread))
    total_ms = answer.timings_ms.get("total")
    if total_ms is not None:
        by = " by the code's reading of the question (no model call)" if answer.route == "draft" else ""
        parts.append(f"Answered in {total_ms / 1000:.1f} s{by}.")
    return "\n\n".join(parts)


def kept_from_before(answer: Answer) -> str:
    """'Kept from before: genus = 'Aspergillus', substrate = 'Marine sediment'': what a follow-up carried over."""
    return "Kept from before: " + ", ".join(f"`{c}`" if "`" not in c else c for c in answer.carried)


def summary(answer: Answer) -> str:
    """One sentence saying what the answer found."""
    if answer.kind == "aggregate":
        if answer.row_count == 1 and len(answer.columns) == 1:
            return f"The answer is **{display_value(answer.rows[0][0])}**."
        return f"**{answer.row_count}** result rows: see the table" + (" and the chart." if chart_of(answer) else ".")
    if answer.row_count == 0:
        return "No strain matches this question."
    noun = "strain" if answer.row_count == 1 else "strains"
    text = f"Found **{answer.row_count}** {noun}."
    if answer.row_count > len(answer.rows):
        text += f" The table shows the first {len(answer.rows)}; the CSV download has them all."
    return text


def render(
    answer: Answer | None,
    csv_path: Path | None = None,
    *,
    notice: str | None = None,
    extras: ResultExtras | None = None,
) -> AnswerView:
    """The side panels for `answer` (empty panels when there is none); `extras` adds the
    why-each-row columns and the map of origins."""
    if answer is None:
        return AnswerView(notice=notice)
    extras = extras or ResultExtras()
    columns, rows = extras.widen(answer.columns, answer.rows)
    return AnswerView(
        sql=answer.sql or answer.generated_sql or "",
        caption=caption(answer),
        columns=columns,
        rows=[[jsonable(v) for v in row] for row in rows],
        chart=chart_of(answer),
        csv_path=csv_path,
        links=link_rows(answer.links, answer.hints),
        carried=list(answer.carried),
        link_choices=link_choices(answer.links),
        notice=notice,
        origins=extras.origins,
        readings=alternative_readings(answer),
    )


def caption(answer: Answer) -> str:
    if answer.error:
        return "no result"
    return f"showing {len(answer.rows)} of {answer.row_count}"


# --- result extras: chart, CSV, links -----------------------------------------------------------


def chart_of(answer: Answer) -> Chart | None:
    """Bars for an aggregate answer: the first text column (else the first column) against the
    first other numeric column; None when the answer has no such pair."""
    if answer.kind != "aggregate" or not answer.rows or len(answer.columns) < 2:
        return None
    kinds = [_column_kind(answer.rows, i) for i in range(len(answer.columns))]
    x = kinds.index("text") if "text" in kinds else 0
    y = next((i for i, kind in enumerate(kinds) if kind == "number" and i != x), None)
    if y is None:
        return None
    values = [row[y] or 0 for row in answer.rows]
    integer = all(float(v).is_integer() for v in values)
    points = [
        (display_value(row[x]), int(v) if integer else float(v)) for row, v in zip(answer.rows, values, strict=True)
    ]
    return Chart(
        x=answer.columns[x], y=answer.columns[y], points=points, order=_time_order(answer.rows, x), integer=integer
    )


def _time_order(rows: list[list[Any]], index: int) -> list[str] | None:
    """The x labels in time (or numeric) order when x is a number, a date or a 'YYYY[-MM]' text;
    None for categories (their bars are ordered by count)."""
    values = [row[index] for row in rows if row[index] is not None]
    if not values:
        return None
    temporal = all(isinstance(v, dt.date) for v in values) or all(is_number(v) for v in values)
    if not temporal and not all(isinstance(v, str) and _YEAR_MONTH.fullmatch(v) for v in values):
        return None
    ordered = sorted(rows, key=lambda row: (row[index] is None, row[index] if row[index] is not None else 0))
    return list(dict.fromkeys(display_value(row[index]) for row in ordered))


def _column_kind(rows: list[list[Any]], index: int) -> str:
    values = [row[index] for row in rows if row[index] is not None]
    if values and all(is_number(v) for v in values):
        return "number"
    if values and all(isinstance(v, str) for v in values):
        return "text"
    return "other"


def write_csv(
    pipeline: AnswersQuestions, answer: Answer, directory: Path, extras: ResultExtras | None = None
) -> Path | None:
    """The full result of `answer` as a CSV file in `directory`, with the why-each-row columns of
    `extras` (None when there is nothing to save)."""
    if answer.error or not answer.sql or not answer.columns:
        return None
    extras = extras or ResultExtras()
    columns, rows = answer.columns, answer.rows
    if extras.full is not None:  # fetched uncapped already, for the extras
        columns, rows = extras.full.columns, extras.full.rows
    elif answer.row_count > len(rows):  # only the first rows were fetched: run the query again, uncapped
        try:
            result = pipeline.full_result(answer.sql)
        except Exception as exc:
            log.warning("CSV export of answer %s failed: %s", answer.log_id, exc)
            return None
        columns, rows = result.columns, result.rows
    columns, rows = extras.widen(columns, rows)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"strainchat-answer-{answer.log_id}" if answer.log_id is not None else "strainchat-answer"
    path = directory / f"{name}-{uuid.uuid4().hex[:8]}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([["" if v is None else jsonable(v) for v in row] for row in rows])
    return path


def link_rows(links: list[dict[str, Any]], hints: list[dict[str, Any]] = ()) -> list[list[Any]]:
    """The link table: span, column, value (all stored variants taken), count, method, alternatives;
    then one row per hint the code read (its SQL clause as the value, method 'hint: kind')."""
    rows = []
    for link in links:
        variants = " | ".join(link.get("values") or [link["value"]])
        operator = link.get("operator", "=")
        taken = variants if operator == "=" else f"{operator}: {variants}"
        alternatives = "; ".join(f"{a['column']}: {a['value']} ({a['count']})" for a in link.get("alternatives", []))
        rows.append([link["span"], link["column"], taken, link["count"], link["method"], alternatives])
    for hint in hints:
        if hint["kind"] != "nofilter":
            rows.append(
                [hint["span"], hint["column"] or "", f"{hint['clause']} {hint['sql']}", "", f"hint: {hint['kind']}", ""]
            )
    return rows


def link_choices(links: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f"{link['span']} → {link['column']}: {link['value']}", str(i)) for i, link in enumerate(links)]


def alternative_readings(answer: Answer) -> list[str]:
    """One button label per other column a linked value lives in (see chat_app.readings)."""
    labels = []
    for link in answer.links:
        for alternative in link.get("alternatives", []):
            noun = "strain" if alternative["count"] == 1 else "strains"
            labels.append(f"Read '{link['span']}' as {alternative['column']} instead ({alternative['count']} {noun})")
    return labels
