"""Asides: words of a question that say what the answer is for, not which strains it is about.

"for the holothurian paper: how many ..." is no substrate 'paper', "(for the yeast bench)" no
organism type 'Yeasts', "sto preparando la tabella 2 del paper" no substrate either. A link is an
aside when it names the purpose ('paper' after "for the" / "del"), or when a purpose noun follows it
("the marine project", "the yeast bench"); "strains isolated from paper" keeps its value.

An opening clause that names the purpose ("For a report on protected areas: ...") is an aside as a
whole: no word in it is a value or a partial value.

    without_asides(links, question, purpose_clause(question))
    purpose_clause(question)   # (start, end) of that clause, or None
"""

from __future__ import annotations

import re

from linking.hints.text import fold

_PURPOSE = (
    r"(?:paper|papers|poster|thesis|tesi|report|review|grant|project|progetto|bench|slides?|talk|presentation|"
    r"presentazione|seminar|seminario)"
)
# 'for the (holothurian) paper', 'del paper', 'per il mio poster': the purpose itself
_FOR_THE = re.compile(
    r"\b(?:for|per|of|del|della|nel|sul|to)\s+(?:the|my|our|a|an|il|la|lo|l'|mio|mia|nostro|nostra|un|una)?\s*(?:\w+\s+)?$"
)
_PURPOSE_WORD = re.compile(rf"^{_PURPOSE}$")
_PURPOSE_AFTER = re.compile(rf"^\s+{_PURPOSE}\b")
_THE_BEFORE = re.compile(r"\b(?:the|my|our|il|la|lo|mio|mia|nostro|nostra)\s+$")


_PURPOSE_CLAUSE = re.compile(
    rf"^\W*(?:for|per)\s+(?:a|an|the|my|our|il|la|lo|un|una|mio|mia|nostro|nostra)?\s*(?:\w+\s+)?{_PURPOSE}\b(?:\s+[\w-]+){{0,4}}\s*[:;,]"
)


def purpose_clause(question: str) -> tuple[int, int] | None:
    found = _PURPOSE_CLAUSE.match(fold(question))
    return (found.start(), found.end()) if found else None


def without_asides(links: list, question: str, clause: tuple[int, int] | None) -> list:
    """The links that are no aside; `clause` is `purpose_clause(question)`, found once by the caller."""
    folded = fold(question)
    return [link for link in links if not _aside(link, folded) and not (clause and link.start < clause[1])]


def _aside(link, folded: str) -> bool:
    span = folded[link.start : link.end].strip()
    before, after = folded[max(0, link.start - 40) : link.start], folded[link.end : link.end + 20]
    if _PURPOSE_WORD.match(span):
        return bool(_FOR_THE.search(before)) and not re.search(r"\b(?:from|on|da|dal|dalla|su)\s+(?:\w+\s+)?$", before)
    return bool(_PURPOSE_AFTER.match(after) and _THE_BEFORE.search(before))
