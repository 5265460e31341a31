"""A binomial with its genus abbreviated: "P. chrysogenum" is Penicillium chrysogenum, not every
chrysogenum species of any genus.

The linker finds the epithet ('chrysogenum', column species); when an initial and a full stop come
right before it, the link becomes the stored scientific name whose genus starts with that letter
(the most frequent one, if several do).

    with_genus_initials(links, question, index)

Also "Penicillium spp." (the genus, no species) and places cut short ("Tosc.", "Piem.").
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.normalize import normalize
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


# "Penicillium spp.", "Rhizopus sp.": the genus, any of its species ('sp.' is no epithet asked for)
_SPECIES_MARK = re.compile(r"^\s+spp?\.(?!\w)", re.IGNORECASE)
# "Tosc.", "Piem.", "Emilia-Rom.": a place name cut short with a full stop
_CUT_SHORT = re.compile(r"(?<![\w.-])([A-Za-z][A-Za-z-]{1,}[A-Za-z])\.(?!\w)")
PLACE_COLUMNS = ("region", "country")


def without_sp(links: list[Link], question: str, index) -> list[Link]:
    """A name followed by "spp."/"sp." is the genus, and the "sp." itself asks for no species."""
    kept: list[Link] = []
    for link in links:
        mark = _SPECIES_MARK.match(question[link.end :])
        if link.column == "species" and link.value.lower() in ("sp.", "spp.", "sp", "spp") and _after_genus(link, kept):
            continue
        if mark and link.column == "species" and any(hit.column == "genus" for hit in link.alternatives):
            hit = max((h for h in link.alternatives if h.column == "genus"), key=lambda h: h.count)
            values = index.variants("genus", hit.value) or [hit.value]
            link = replace(link, column="genus", value=hit.value, values=values, count=hit.count, alternatives=[])
        kept.append(link)
    return kept


def _after_genus(link: Link, before: list[Link]) -> bool:
    return bool(before) and before[-1].column == "genus" and 0 <= link.start - before[-1].end <= 1


def with_place_abbreviations(links: list[Link], question: str, index, words: frozenset[str]) -> list[Link]:
    """Adds the region or country a word cut short with a full stop names, when exactly one does
    ("Tosc." Tuscany, "Piem." Piedmont, "Sic." Sicily); function and column words are never one."""
    added: list[Link] = []
    for m in _CUT_SHORT.finditer(question):
        prefix = normalize(m.group(1))
        if prefix in words or any(link.start <= m.start() < link.end for link in links):
            continue
        found = _places_starting(index, prefix)
        if len(found) == 1:
            column, value = found[0]
            values = index.variants(column, value) or [value]
            count = sum(c for v, c in index.values.get(column, []) if v in values)
            added.append(
                Link(m.group(), m.start(), m.end(), column, value, values, count, 0.9, "abbreviation", operator="=")
            )
    return sorted([*links, *added], key=lambda link: link.start)


def _places_starting(index, prefix: str) -> list[tuple[str, str]]:
    """(column, most frequent value) of each place thing whose name starts with `prefix`."""
    things: dict[str, tuple[str, str, int]] = {}
    for column in PLACE_COLUMNS:
        for value, count in index.values.get(column, []):
            normal = normalize(value)
            if normal.startswith(prefix) and len(normal) > len(prefix):
                key = f"{column}:{index.key(value)}"
                if key not in things or count > things[key][2]:
                    things[key] = (column, value, count)
    return [(column, value) for column, value, _ in things.values()]
