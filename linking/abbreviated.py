"""A binomial with its genus abbreviated: "P. chrysogenum" is Penicillium chrysogenum, not every
chrysogenum species of any genus.

The linker finds the epithet ('chrysogenum', column species); when an initial and a full stop come
right before it, the link becomes the stored scientific name whose genus starts with that letter
(the most frequent one, if several do).

    with_genus_initials(links, question, index)
"""

from __future__ import annotations

import re
from dataclasses import replace

from linking.types import Link

_INITIAL = re.compile(r"(?<![\w.])([A-Z])\.\s*$")


def with_genus_initials(links: list[Link], question: str, index) -> list[Link]:
    return [_expanded(link, question, index) for link in links]


def _expanded(link: Link, question: str, index) -> Link:
    initial = _INITIAL.search(question[: link.start])
    if initial is None or link.column != "species":
        return link
    letter = initial.group(1).lower()
    epithets = {v.lower() for v in link.values}
    names = [
        (value, count)
        for value, count in index.values.get("scientificname", [])
        if value[:1].lower() == letter and " " in value and value.split(" ", 1)[1].lower() in epithets
    ]
    if not names:
        return link
    name = max(names, key=lambda vc: vc[1])[0]
    values = index.variants("scientificname", name) or [name]
    count = sum(c for v, c in names if v in values)
    start = initial.start()
    span = question[start : link.end]
    return replace(
        link,
        span=span,
        start=start,
        column="scientificname",
        value=name,
        values=values,
        count=count,
        method="abbreviation",
        alternatives=[],
    )
