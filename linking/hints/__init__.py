"""Hints: the structured readings of a question that a 135M model does unreliably, done in code.

Each rule module reads the folded question and the linker's column mentions and links, and returns
`Hint`s, SQL clauses the model copies (dates, numbers, flags, missing values, aggregates, strains);
`modifiers` marks links that are contained or excluded. The linker calls `extract_hints` last.

    hints = extract_hints(question, tokens, mentions, links)
    [h.text() for h in hints]   # ["WHERE typestrain = FALSE", "SELECT COUNT(DISTINCT country)"]
"""

from __future__ import annotations

import re

from linking.hints.aggregates import _COUNT, aggregate_hints, unsplit_spans
from linking.hints.beliefs import stated_count
from linking.hints.dates import date_hints
from linking.hints.family import widen_to_families
from linking.hints.flags import flag_hints
from linking.hints.missing import missing_hints
from linking.hints.modifiers import apply_modifiers, condition
from linking.hints.numbers import number_hints
from linking.hints.partial import partial_hints
from linking.hints.strains import strain_hints
from linking.hints.text import Place, Question, fold
from linking.hints.vocabulary import Vocabulary
from linking.schema import Mention
from linking.spans import Token
from linking.types import Hint, Link

__all__ = ["Vocabulary", "condition", "extract_hints", "hint_lines"]
RULES = (strain_hints, date_hints, number_hints, flag_hints, missing_hints, aggregate_hints)


def extract_hints(
    question: str,
    tokens: list[Token],
    mentions: list[Mention],
    links: list[Link],
    vocabulary: Vocabulary | None = None,
    stop: frozenset[str] = frozenset(),
) -> list[Hint]:
    """The hints of one question; `vocabulary` (the words of stored values) enables partial values,
    `stop` are the function words that are never one."""
    places = [Place(tokens[m.first].start, tokens[m.last - 1].end, m.column) for m in mentions]
    q = Question(question, fold(question), places, links)
    apply_modifiers(q)
    widen_to_families(q, vocabulary)
    hints: list[Hint] = []
    for rule in RULES:
        hints += rule(q)
    taken = [(h.start, h.end) for h in hints if h.end > h.start] + unsplit_spans(q)
    hints += partial_hints(q, vocabulary, taken, stop)
    hints = _without_overlaps(hints, links)
    return hints + _projection(q, hints)


def _without_overlaps(hints: list[Hint], links: list[Link]) -> list[Hint]:
    """A 'present' hint adds nothing beside another hint on its column ('with a single species',
    'with a deposit date after 2010'); the same clause twice is kept once."""
    others = " ".join(h.sql for h in hints if "IS NOT NULL" not in h.sql)
    kept = [h for h in hints if not (h.kind == "missing" and "IS NOT NULL" in h.sql and h.column in others)]
    seen: set[str] = set()
    unique = []
    for h in kept:
        if h.text() not in seen:
            seen.add(h.text())
            unique.append(h)
    return unique


def _projection(q: Question, hints: list[Hint]) -> list[Hint]:
    """COUNT(*) for a plain count, and 'no filter' when nothing in the question restricts the strains."""
    extra: list[Hint] = []
    counted = _COUNT.search(q.folded) or stated_count(q, hints)  # "Confermi che ... sono tre?"
    shaped = any(h.clause in ("GROUP BY", "SELECT") for h in hints)
    if counted and not shaped:
        extra.append(Hint("count", "SELECT", "COUNT(*)", counted.group(), counted.start(), counted.end()))
    filtered = q.links or any(h.clause == "WHERE" for h in hints)
    if not filtered and not re.search(r"\b(?:of|da|di|from|with|con)\s+['\"]", q.folded):
        extra.append(Hint("nofilter", "WHERE", "(none)"))
    return extra


def hint_lines(hints: list[Hint]) -> str:
    """The prompt's hint text: 'WHERE typestrain = FALSE; GROUP BY country'."""
    return "; ".join(h.text() for h in hints)
