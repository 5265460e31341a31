"""Merging a turn into the conversation: the previous state + the act + the turn's standalone query.

The model answers only the turn's own content ("only those from Italy" -> `WHERE country IN (...)`);
these pure functions put that answer together with what came before:

    merged = merge(previous, act, standalone, question)   # a QueryState; merged.to_sql() runs
    carried(previous, merged)                             # the conditions kept from before

and, for training data, the inverse: the standalone SQL a turn's own content asks for, given the
previous gold and the full gold (`standalone_sql`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlglot import exp

from conversation.acts import FIRST, NEW, PROJECT, REFINE, REMOVE, REPLACE, Act, asks_for_rows, asks_projection, related
from conversation.cues import DATE_COLUMNS, DATE_WORDS, has
from conversation.state import Condition, QueryState, condition_of, from_sql
from sqlproc.syntax import parse_expression, render


def merge(previous: QueryState | None, act: Act, standalone: QueryState | None, question: str = "") -> QueryState:
    """The turn's query from the previous state, the turn's act (conversation.acts.classify) and the
    model's standalone query (None for an act that needs no model)."""
    if previous is None or previous.is_whole or act.kind in (FIRST, NEW):
        return _required(standalone)
    if act.kind == REMOVE:
        return previous.with_conditions(without(previous.conditions, act.remove))
    if act.kind == PROJECT:
        if act.projection is not None:
            return previous.with_projection(act.projection)
        return previous.with_shape_of(_required(standalone))
    standalone = _required(standalone)
    if standalone.is_whole:
        return standalone
    if act.kind == REPLACE:
        conditions = replaced(
            previous.conditions, standalone.conditions, keep_date_column=not has(DATE_WORDS, question.lower())
        )
    elif act.widen:
        conditions = widened(previous.conditions, standalone.conditions)
    else:
        conditions = previous.conditions + tuple(c for c in standalone.conditions if c not in previous.conditions)
    merged = previous.with_conditions(conditions)
    return merged.with_shape_of(standalone) if takes_projection(standalone, question) else merged


def _required(state: QueryState | None) -> QueryState:
    if state is None:
        raise ValueError("this act needs the model's standalone query")
    return state


def takes_projection(standalone: QueryState, question: str) -> bool:
    """The turn's own projection wins when it is more than rows, or when the turn asks for the rows."""
    return standalone.projection.kind != "rows" or asks_for_rows(question)


def family(columns: Iterable[str]) -> set[str]:
    """Columns with those holding the same thing: any date column stands for all of them ('and before
    2000?' replaces the date), a species for the scientific name."""
    return related(set(columns))


def replaced(
    previous: tuple[Condition, ...], new: tuple[Condition, ...], keep_date_column: bool = False
) -> tuple[Condition, ...]:
    """Previous conditions with those on the new conditions' columns swapped for the new ones, in place;
    new conditions on other columns go at the end. With `keep_date_column` ("make that after 2010" after
    a deposit date: the turn names no date column) a new date stays on the column it replaces."""
    out: list[Condition] = []
    placed: list[Condition] = []
    swapped = family(c for n in new for c in n.columns)
    for condition in previous:
        if not (condition.columns and condition.columns <= swapped):
            out.append(condition)
            continue
        here = [n for n in new if n not in placed and condition.columns & family(n.columns)]
        placed += here
        if keep_date_column:
            here = [_same_date_column(condition, n) for n in here]
        out += [*_genus_kept(condition, here), *here]
    return tuple(out + [n for n in new if n not in placed])


def _same_date_column(old: Condition, new: Condition) -> Condition:
    """`new` on the date column of `old` when both are on one (different) date column."""
    if len(old.columns) != 1 or len(new.columns) != 1 or old.columns == new.columns:
        return new
    (column,) = old.columns
    if column not in DATE_COLUMNS or not new.columns <= set(DATE_COLUMNS):
        return new
    node = new.node()
    for found in node.find_all(exp.Column):
        found.set("this", exp.to_identifier(column))
    return condition_of(node)


def _genus_kept(old: Condition, new: list[Condition]) -> list[Condition]:
    """'aspergillus niger' then 'flavus?': a bare species replaces the species, not the genus the
    scientific name held, so `genus = 'Aspergillus'` stays beside `species = 'flavus'`."""
    if old.columns != {"scientificname"} or not new or any(n.columns != {"species"} for n in new):
        return []
    node = old.node()
    if not isinstance(node, exp.EQ) or not isinstance(node.expression, exp.Literal):
        return []
    genus = str(node.expression.this).split(" ")[0]
    return [condition_of(exp.EQ(this=exp.column("genus"), expression=exp.Literal.string(genus)))] if genus else []


def widened(previous: tuple[Condition, ...], new: tuple[Condition, ...]) -> tuple[Condition, ...]:
    """'Add Penicillium too': a new condition on a constrained column is OR-ed with the old one there."""
    out = list(previous)
    for condition in new:
        at = next((i for i, c in enumerate(out) if c.columns == condition.columns and not c.opaque), None)
        if at is None:
            out.append(condition)
        else:
            out[at] = condition_of(parse_expression(f"{_grouped(out[at].sql)} OR {_grouped(condition.sql)}"))
    return tuple(out)


def _grouped(sql: str) -> str:
    """Parentheses around an AND-term only where OR-ing it needs them."""
    return f"({sql})" if isinstance(parse_expression(sql), exp.And) else sql


def without(conditions: tuple[Condition, ...], columns: Iterable[str]) -> tuple[Condition, ...]:
    """The conditions that read none of `columns` (an opaque one goes only if all its columns are named)."""
    gone = set(columns)
    return tuple(c for c in conditions if not (c.columns & gone if not c.opaque else c.columns <= gone))


def carried(previous: QueryState | None, merged: QueryState) -> list[str]:
    """The conditions of `merged` that were already in `previous`, as SQL text (the 'Kept from before' line)."""
    if previous is None or previous.is_whole or merged.is_whole:
        return []
    return [c.sql for c in merged.conditions if c in previous.conditions]


def effective_act(act_kind: str, previous: QueryState | None, merged: QueryState) -> str:
    """What the merge did: a REPLACE that replaced nothing only added conditions (REFINE)."""
    if act_kind == REPLACE and previous is not None and not previous.is_whole:
        kept = set(carried(previous, merged))
        if all(c.sql in kept for c in previous.conditions):
            return REFINE
    return act_kind


def standalone_state(previous: QueryState, full: QueryState, question: str = "") -> QueryState | None:
    """The turn's own content: the full query's conditions not in the previous one, and its projection
    when the turn asks for one (or changes it); None when the turn only removes conditions."""
    new = tuple(_own_part(c, previous.conditions) for c in full.conditions if c not in previous.conditions)
    changed_shape = full.shape() != previous.shape()
    if not new and not changed_shape and set(full.conditions) < set(previous.conditions):
        return None
    state = QueryState(conditions=new)
    if changed_shape or (full.projection.kind != "rows" and asks_projection(question)):
        return state.with_shape_of(full)
    return state


def _own_part(condition: Condition, previous: tuple[Condition, ...]) -> Condition:
    """`genus = 'A' OR genus = 'B'` after `genus = 'A'` is the turn's `genus = 'B'` (a widening)."""
    node = condition.node()
    parts = _or_terms(node)
    if len(parts) < 2:
        return condition
    old = {c.sql for c in previous}
    rest = [p for p in parts if condition_of(p).sql not in old]
    if not rest or len(rest) == len(parts):
        return condition
    return condition_of(parse_expression(join_or(rest)))


def _or_terms(node: exp.Expression) -> list[exp.Expression]:
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Or):
        return _or_terms(node.left) + _or_terms(node.right)
    return [node]


def join_or(parts: list[exp.Expression]) -> str:
    return " OR ".join(render(p) for p in parts)


def standalone_sql(prev_sql: str, full_sql: str, act: str | None = None, question: str = "") -> str | None:
    """The SQL of a follow-up's own content (the training target), or None when no model answers it.

    `act` NEW/FIRST keeps the full query; REMOVE, or a removal found by comparing, gives None."""
    if act in (NEW, FIRST):
        return full_sql
    if act == REMOVE:
        return None
    previous, full = from_sql(prev_sql), from_sql(full_sql)
    if previous.is_whole or full.is_whole:
        return full_sql
    state = standalone_state(previous, full, question)
    return None if state is None else state.to_sql()
