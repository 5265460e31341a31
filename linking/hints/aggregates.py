"""What the question counts or groups: totals, counts per column, distinct counts, top N, per year,
groups with one distinct member.

"how many different countries" -> SELECT COUNT(DISTINCT country); "per substrate" -> GROUP BY
substrate; "the 5 countries with the most strains" -> GROUP BY country + ORDER BY COUNT(*) DESC LIMIT 5;
"per anno di raccolta" -> GROUP BY LEFT(collectiondate, 4); "genera with only one species" ->
GROUP BY genus + HAVING COUNT(DISTINCT species) = 1.
"""

from __future__ import annotations

import re

from linking.hints.dates import date_column
from linking.hints.text import NUMBER, Place, Question, number_value
from linking.types import Hint

_COUNT = re.compile(
    r"\b(?:how\s+many|number\s+of|count|counts|tally|total|totale|quant[ieo]|quanto|numero\s+(?:di|dei|degli|delle|totale)|conta|contami|contate|contare|conteggi\w*|totali)\b"
)
_DISTINCT_BEFORE = re.compile(
    r"\b(?:different|distinct|unique|separate|diversi|diverse|distinti|distinte|unici|uniche)\s*$"
)
_DISTINCT_AFTER = re.compile(r"^\s*(?:diversi|diverse|distinti|distinte|differenti|unici|uniche)\b")
_PER = re.compile(
    r"\b(?:per|for\s+each|for\s+every|each|every|by|grouped\s+by|broken\s+down\s+by|split\s+by|according\s+to|"
    r"per\s+ogni|per\s+ciascun[oa]?|ogni|ciascun[oa]?|suddivis\w+\s+per|raggruppat\w+\s+per|divis\w+\s+per|distribuzione\s+per|"
    r"in\s+base\s+a(?:l|lla|llo)?|per\s+(?:il|la|lo|l'|i|gli|le))\s*(?:the\s+|il\s+|la\s+|lo\s+|l'|i\s+|le\s+|gli\s+)?$"
)  # fmt: skip
_WHICH = re.compile(r"\b(?:which|what|quali|quale|che)\s*$")
_TOP = re.compile(r"\b(?:top|the|i|le|gli|first|primi|prime)?\s*(?P<n>" + NUMBER + r")\s*$")
_MOST = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:with\s+the\s+most|with\s+most|most\s+represented|richest|con\s+pi[uù]|piu\s+rappresentat\w*|con\s+il\s+maggior|with\s+the\s+(?:highest|largest|greatest)\s+number)"
)
_TOP_WORD = re.compile(r"\btop\s*$")
_PERIOD = re.compile(
    r"\b(?:per|each|every|by|a|for\s+each|per\s+ogni|ogni|all'|al|per\s+l'|per)\s*(?P<unit>year|years|anno|anni|month|months|mese|mesi)\b"
    r"|\b(?P<adj>yearly|annual|annually|monthly|annuale|mensile|year\s+by\s+year|anno\s+per\s+anno|mese\s+per\s+mese)\b"
)
_SINGLE = re.compile(
    r"\b(?:(?:exactly|only|just)\s+(?:one|1|a\s+single)|a\s+single|one\s+single|una\s+sola|un\s+solo|un'?\s*unic[oa]|un\s+unic[oa]|esattamente\s+una?|solo\s+una?|soltanto\s+una?)\s*$"
)


def aggregate_hints(q: Question) -> list[Hint]:
    hints: list[Hint] = []
    hints += _distinct(q)
    hints += _single(q)
    used = {h.column for h in hints}
    hints += _top(q, used)
    used |= {h.column for h in hints}
    hints += _groups(q, used)
    hints += _periods(q)
    return hints


def _distinct(q: Question) -> list[Hint]:
    hints = []
    for place in q.mentions:
        before, after = q.folded[max(0, place.start - 40) : place.start], q.folded[place.end : place.end + 20]
        if (_DISTINCT_BEFORE.search(before) or _DISTINCT_AFTER.match(after)) and _COUNT.search(before):
            hints.append(_at(q, "distinct", "SELECT", f"COUNT(DISTINCT {place.column})", place))
    return hints


def _single(q: Question) -> list[Hint]:
    for place in q.mentions:
        if _SINGLE.search(q.folded[max(0, place.start - 30) : place.start]):
            group = next((m for m in q.mentions if m.end <= place.start and m.column != place.column), None)
            if group is None:
                continue
            return [
                _at(q, "group", "GROUP BY", group.column, group),
                _at(q, "single", "HAVING", f"COUNT(DISTINCT {place.column}) = 1", place),
            ]
    return []


def _top(q: Question, used: set[str | None]) -> list[Hint]:
    for place in q.mentions:
        if place.column in used:
            continue
        before = q.folded[max(0, place.start - 20) : place.start]
        m = _TOP.search(before)
        if m and (_MOST.match(q.folded[place.end :]) or _TOP_WORD.search(before[: m.start("n")])):
            n = number_value(m.group("n"))
            return [
                _at(q, "group", "GROUP BY", place.column, place),
                _at(q, "top", "ORDER BY", f"COUNT(*) DESC LIMIT {n}", place),
            ]
    return []


def _groups(q: Question, used: set[str | None]) -> list[Hint]:
    """A column after 'per'/'by'/'for each', or after 'which' in a question with a group threshold."""
    hints = []
    threshold = re.search(r"(?:than|di|almeno|at\s+least|oltre|over|above|sopra)\s*\d", q.folded)
    for place in q.mentions:
        if place.column in used or place.column in ("collectiondate", "isolationdate", "depositdate", "inclusiondate"):
            continue
        before = q.folded[max(0, place.start - 30) : place.start]
        if _PER.search(before) or (threshold and _WHICH.search(before)) or (threshold and _is_subject(q, place)):
            hints.append(_at(q, "group", "GROUP BY", place.column, place))
            used.add(place.column)
    return hints


def _is_subject(q: Question, place: Place) -> bool:
    """'species with more than 30 isolates': the column opens the question or follows a count word."""
    before = q.folded[: place.start].strip()
    return not before or bool(re.search(r"(?:show|list|give|elenca|mostra|dammi|trova|find)\w*(?:\s+\w+)?$", before))


def _periods(q: Question) -> list[Hint]:
    for m in _PERIOD.finditer(q.folded):
        unit = (m.group("unit") or m.group("adj") or "").lower()
        column = date_column(q, m.start())
        key = f"LEFT({column}, 4)" if unit.startswith(("year", "ann")) else f"LEFT(REPLACE({column}, '-', ''), 6)"
        if unit.startswith(("month", "mes", "mens")):
            key = f"LEFT(REPLACE({column}, '-', ''), 6)"
        span = q.text[m.start() : m.end()]
        return [
            Hint("period", "GROUP BY", key, span, m.start(), m.end(), column),
            Hint("period", "ORDER BY", "1", span, m.start(), m.end(), column),
        ]
    return []


def _at(q: Question, kind: str, clause: str, sql: str, place: Place) -> Hint:
    column = as_group(place.column)
    sql = sql.replace(place.column, column) if kind != "single" else sql
    return Hint(kind, clause, sql, q.text[place.start : place.end], place.start, place.end, column)


def as_group(column: str) -> str:
    """'species' as a group or a count means the scientific name: epithets repeat across genera."""
    return "scientificname" if column == "species" else column
