"""Overlapping candidates -> chosen links, and each link's column, value(s), count and alternatives.

Choice: aliases first, then longer spans, then higher scores (exact > glossary > fuzzy > semantic on
ties); a candidate overlapping one already chosen is dropped.

Column: the thesis rule — the column where the thing is most frequent (counting all its spellings) —
unless the question names one of the columns holding it close by ("isolation habitat is Marine
sediment"); the other columns stay as alternatives for the UI and curators.
"""

from __future__ import annotations

from index.store import Variants
from linking.match import Candidate, MatchConfig
from linking.schema import Mention
from linking.types import Link, ValueHit

_METHOD_RANK = {"alias": 4, "exact": 3, "glossary": 2, "fuzzy": 1, "semantic": 0}


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy non-overlapping selection, returned in question order."""
    ranked = sorted(
        candidates,
        key=lambda c: (c.method == "alias", c.span.words, c.score, _METHOD_RANK[c.method], -c.span.first),
        reverse=True,
    )
    taken: set[int] = set()
    chosen = []
    for candidate in ranked:
        tokens = set(range(candidate.span.first, candidate.span.last))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.span.start)


def to_link(candidate: Candidate, mentions: list[Mention], config: MatchConfig) -> Link:
    column = _primary_column(candidate, mentions, config)
    variants = candidate.things[column]
    values = [v for v, _ in variants]
    alternatives = [
        ValueHit(other, spellings[0][0], _total(spellings))
        for other, spellings in sorted(candidate.things.items(), key=lambda item: -_total(item[1]))
        if other != column
    ]
    return Link(
        span=candidate.span.text,
        start=candidate.span.start,
        end=candidate.span.end,
        column=column,
        value=values[0],
        values=values,
        count=_total(variants),
        score=candidate.score,
        method=candidate.method,
        alternatives=alternatives,
    )


def _primary_column(candidate: Candidate, mentions: list[Mention], config: MatchConfig) -> str:
    if candidate.pinned:
        return candidate.pinned[0]
    named = _named_column(candidate, mentions, config.mention_window)
    if named:
        return named
    return max(candidate.things, key=lambda column: (_total(candidate.things[column]), -_order(candidate, column)))


def _named_column(candidate: Candidate, mentions: list[Mention], window: int) -> str | None:
    """The closest mentioned column that holds the thing: before the span, or (weaker) just after it."""
    best: tuple[float, str] | None = None
    for mention in mentions:
        if mention.column not in candidate.things:
            continue
        if mention.last <= candidate.span.first:
            distance = float(candidate.span.first - mention.last)
        elif mention.first >= candidate.span.last and candidate.method != "glossary":
            # 'Marine sediment habitat'; but a glossary adjective names no column ('italiani con città ...')
            distance = mention.first - candidate.span.last + 0.5
        else:
            continue
        if distance <= window and (best is None or distance < best[0]):
            best = (distance, mention.column)
    return best[1] if best else None


def _order(candidate: Candidate, column: str) -> int:
    return list(candidate.things).index(column)


def _total(variants: Variants) -> int:
    return sum(count for _, count in variants)
