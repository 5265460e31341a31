"""One-click alternative readings: re-answer the last question with a linked value read in another column.

"Marine sediment" is a substrate of 115 strains and the isolation habitat of 60: the linker picks
substrate, and the answer offers "Read 'Marine sediment' as isolationhabitat instead (60 strains)".
Clicking it records the reading in this conversation's `ChatState.readings` (never in the shared
aliases: that is a curator's decision) and answers the question again; follow-ups in the same
conversation keep the reading. The re-answer takes the place of the last turn in what the model
sees as the conversation so far, so the superseded reading does not leak into follow-ups.

    view = reread(pipeline, state, 0)      # the first offered reading of the last answer
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chat_app import handlers
from chat_app.handlers import AnswersQuestions, AnswerView, ChatState
from linking.overrides import reading_key
from text2sql.types import Answer


def reading_choices(answer: Answer | None) -> list[tuple[str, str, str]]:
    """(span, column, value) of each offered reading, in the order of `handlers.alternative_readings`."""
    if answer is None:
        return []
    return [(link["span"], a["column"], a["value"]) for link in answer.links for a in link.get("alternatives", [])]


def reread(
    pipeline: AnswersQuestions,
    state: ChatState,
    index: int,
    *,
    max_rows: int = 100,
    csv_dir: Path | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> AnswerView:
    """Answer the last question again with reading `index`; the chat gets the new answer."""
    choices = reading_choices(state.last)
    if not 0 <= index < len(choices):
        notice = "That reading is no longer offered: ask the question again."
        return handlers.render(state.last, state.csv_path, notice=notice, extras=state.extras)
    span, column, value = choices[index]
    question = state.last.question
    state.readings[reading_key(span)] = (column, value)
    if state.turns:
        state.turns.pop()
    view = handlers.ask(pipeline, state, question, max_rows=max_rows, csv_dir=csv_dir, on_stage=on_stage)
    note = f"_Reading '{span}' as {column} in this conversation (other users are not affected)._"
    state.messages[-1]["content"] = f"{note}\n\n{state.messages[-1]['content']}"
    return view
