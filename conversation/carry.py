"""Readings of a follow-up that only the conversation state can give, added to the turn's hints.

"and at 30?" after "yeasts grown at 37 degrees": alone, 30 is no reading at all (no unit, no column
word), so the draft would have nothing to say. After a query with exactly one condition on a coded
numeric column, a turn that is only a number means that column: `recommendedtemperature = 30`.
The hint is added before the act is classified, so the turn is read as the REPLACE it is.

    links = with_state_hints(question, links, previous)
"""

from __future__ import annotations

import re
from dataclasses import replace

from conversation.state import QueryState
from linking.hints.numbers import NUMBER_COLUMNS
from linking.types import Hint, LinkResult

_BARE_NUMBER = re.compile(
    r"^\W*(?:and|e|ed|or|o|what about|how about|invece|but|ma)?\s*(?:at|a|with|con|in|=|to|for|per)?\s*"
    r"(?P<n>\d{1,3}(?:[.,]\d+)?)\s*(?:°\s*c?|degrees?(?: c)?|gradi)?\s*(?:instead|invece|then|allora)?\W*$"
)


def with_state_hints(question: str, links: LinkResult | None, previous: QueryState | None) -> LinkResult | None:
    said = [h for h in links.hints if h.clause == "WHERE" and h.kind != "nofilter"] if links is not None else []
    if links is None or previous is None or links.links or said:
        return links
    found = _BARE_NUMBER.match(question.lower())
    numeric = [
        c
        for c in previous.conditions
        if not c.opaque and len(c.columns) == 1 and next(iter(c.columns)) in NUMBER_COLUMNS
    ]
    if found is None or len(numeric) != 1:
        return links
    (column,) = numeric[0].columns
    value = found.group("n").replace(",", ".")
    start, end = found.start("n"), found.end("n")
    hint = Hint("number", "WHERE", f"{column} = {value}", question[start:end], start, end, column)
    hints = [h for h in links.hints if h.kind != "nofilter"] + [hint]
    return replace(links, hints=hints, unread=[w for w in (links.unread or []) if w != found.group("n")])
