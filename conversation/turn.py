"""The conversation stage as the pipeline calls it: the previous state, the act, and the merged query.

    step = begin(question, links, history)          # before the prompt: state + act (no model yet)
    step.act.needs_model                             # False: REMOVE, or a count/groups/rows PROJECT
    done = finish(step, standalone_model_sql)        # after the model: the merged query and its report
    done.sql, done.act, done.carried

`history` holds the previous turns in the model's own SQL form (text2sql.types.Turn, `Answer.turn()`);
the last turn with SQL is the state a follow-up works on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from conversation.acts import FIRST, NEW, Act, classify
from conversation.carry import with_state_hints
from conversation.merge import carried, effective_act, merge
from conversation.state import QueryState, from_sql
from linking.types import LinkResult
from sqlproc.display import unwrap_display
from sqlproc.errors import SqlRejected
from sqlproc.syntax import parse_one, render
from text2sql.types import Turn


@dataclass(frozen=True)
class Step:
    question: str
    previous: QueryState | None
    act: Act
    links: LinkResult | None = None  # the turn's links with what the state adds (conversation/carry.py)


@dataclass(frozen=True)
class Merged:
    sql: str  # the turn's whole query, to post-process and run
    act: str  # the act as merged (a REPLACE that replaced nothing reads REFINE)
    carried: list[str] = field(default_factory=list)  # conditions kept from before, as SQL text
    standalone: bool = True  # the model's query is the answer as it is (first or new question)


def previous_state(history: Sequence[Turn]) -> QueryState | None:
    """The state of the last previous turn that has SQL; None at the start of a conversation.

    A turn given in the shown form (an `/ask` client passing back an answer's "sql") is unwrapped
    from the syntheticstrain display query first."""
    for turn in reversed(history):
        if turn.sql:
            try:
                return from_sql(render(unwrap_display(parse_one(turn.sql))))
            except SqlRejected:
                return None
    return None


def begin(question: str, links: LinkResult | None, history: Sequence[Turn], force: str | None = None) -> Step:
    previous = previous_state(history)
    links = with_state_hints(question, links, previous)
    return Step(question, previous, classify(question, links, previous, force), links)


def finish(step: Step, model_sql: str | None) -> Merged:
    """The merged query; `model_sql` is the model's post-processed standalone SQL (None if not asked)."""
    act = step.act
    if step.previous is None or act.kind in (FIRST, NEW):
        return Merged(model_sql or "", act.kind)
    standalone = from_sql(model_sql) if model_sql else None
    merged = merge(step.previous, act, standalone, step.question)
    return Merged(
        merged.to_sql(),
        effective_act(act.kind, step.previous, merged),
        carried(step.previous, merged),
        standalone=False,
    )
