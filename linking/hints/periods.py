"""Counts per period of a date column: "per year", "month by month", "by isolation month", "conteggio
mensile sulla `CollectionDate`" -> GROUP BY LEFT(column, 4) or the year and month, ORDER BY 1.

The column is a date word inside the phrase ("by isolation month"), else the one named right after it
("per anno di inserimento"), else the date word before it (linking/hints/dates.py), else collection.
"""

from __future__ import annotations

import re

from linking.hints.dates import date_column, date_word
from linking.hints.text import DATE_COLUMNS, Question
from linking.types import Hint

_PERIOD = re.compile(
    r"\b(?:per|each|every|by|x|in\s+each|for\s+each|for\s+every|per\s+ogni|ogni|all'|al|per\s+l'|per\s+ciascun[oa]?|in\s+ciascun[oa]?|in\s+ogni|per\s+il)\s*"
    r"(?:of\s+(?:the|those|these)\s+|di\s+(?:quegli|questi)\s+)?(?:calendar\s+|single\s+|singolo\s+)?(?:(?:collection|isolat\w*|deposit|inclusion|sampling)\s+|`?(?:collection|isolation|deposit|inclusion)date`?\s+)?(?P<unit>years?|yaer|yer|yr|anno|anni|ano|anmo|mont+hs?|monht|mnths?|mese|mesi)\b"
    r"|\b(?:collection|isolat\w*|deposit|inclusion|sampling)\s+(?P<unit2>years?|yr|anno|mont+hs?|mese)\s+(?:breakdown|breakdwon|counts?|distribution|tally)\b"
    r"|\b(?P<unit3>years?|mont+hs?)\s+of\s+(?:collection|isolation|deposit|inclusion|sampling)\s+(?:breakdown|counts?|distribution|tally)\b"
    r"|\b(?P<adj>yearly|annual\w*|annu[oaie]|monthly|monthy|montly|mensil\w*|year[\s-]+(?:by|after)[\s-]+year|month[\s-]+(?:by|after)[\s-]+month|"
    r"anno[\s-]+(?:per|x|dopo)[\s-]+anno|mese[\s-]+(?:per|x|dopo)[\s-]+mese)\b"
)
_REPORT = re.compile(r"(?:\b(?:relazione|rapporto|report|resoconto)\s+$)|^\s+(?:report|review|meeting|summary)\b")


def period_hints(q: Question) -> list[Hint]:
    for m in _PERIOD.finditer(q.folded):
        if _REPORT.search(q.folded[max(0, m.start() - 20) : m.start()]) or _REPORT.match(q.folded[m.end() :]):
            continue  # "for the annual report", "x la relazione annuale": no counts per year
        unit = (m.group("unit") or m.group("unit2") or m.group("unit3") or m.group("adj") or "").lower()
        inside = next((date_word(w) for w in m.group().split() if date_word(w)), None)  # "by isolation month"
        column = inside or _date_named_after(q, m.end()) or date_column(q, m.start())
        monthly = unit.startswith(("mont", "monht", "mnth", "mes", "mens"))
        key = f"LEFT(REPLACE({column}, '-', ''), 6)" if monthly else f"LEFT({column}, 4)"
        span = q.text[m.start() : m.end()]
        return [
            Hint("period", "GROUP BY", key, span, m.start(), m.end(), column),
            Hint("period", "ORDER BY", "1", span, m.start(), m.end(), column),
        ]
    return []


def _date_named_after(q: Question, end: int) -> str | None:
    """'conteggio mensile sulla `CollectionDate`': the date column named right after the period."""
    for place in q.mentions:
        gap = q.folded[end : place.start]
        if place.column in DATE_COLUMNS and place.start >= end and len(gap.split()) <= 2:
            return place.column
    word = re.match(r"\W*(?:(?:di|del|della|of|the)\s+)?(\w+)", q.folded[end:])  # "per anno di inserimento"
    return date_word(word.group(1)) if word else None
