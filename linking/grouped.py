"""A value is never a filter on the column the question groups or counts by.

"comuni del piemonte che superano i 40 ceppi": 'comuni' (city) is what is grouped, and the linker,
seeing the column named right before the value, read Piemonte as a city (a handful of strains
store it there). Grouping by a column filtered to one of its values leaves one group, which no one
asks for, so the value moves to the column where it is most frequent among the others that hold it:
region IN ('Piemonte', 'Piedmont'). The same for distinct counts ("quante città italiane diverse")
and top N; "candida species" counts species within the genus Candida.

    move_off_grouped(links, hints, index.variants)   # in place
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linking.types import Hint, Link, ValueHit

_GROUPING = ("group", "distinct", "top")
# "by form of supply? agar vs lyo vs cryo etc.", "by ploidy like how many haploid how many aneuploid
# and so on": values named as examples of the groups, not a filter on them
_EXAMPLES = re.compile(
    r"\b(?:etc|ecc|eccetera|and\s+so\s+on|and\s+the\s+like|e\s+cos[iì]\s+via|e\s+simili|such\s+as|e\.g|"
    r"for\s+example|for\s+instance|ad\s+esempio|per\s+esempio|tipo|like)\b",
    re.IGNORECASE,
)


def move_off_grouped(links: list[Link], hints: list[Hint], variants: Callable[[str, str], list[str]]) -> bool:
    """Moves such links (in place); True when one moved, so the hints are read again ("le due
    specie di candida": species, now that Candida is a genus)."""
    grouped = {h.column for h in hints if h.kind in _GROUPING}
    if "scientificname" in grouped:  # 'species' groups are scientific names
        grouped.add("species")
    moved = False
    for link in links:
        if link.column not in grouped or link.operator != "=" or link.method == "alias" or not link.alternatives:
            continue
        best = max(link.alternatives, key=lambda hit: hit.count)
        before = ValueHit(link.column, link.value, link.count)
        link.column, link.value, link.count = best.column, best.value, best.count
        link.values = variants(best.column, best.value) or [best.value]
        link.alternatives = [before, *(hit for hit in link.alternatives if hit is not best)]
        moved = True
    return moved


def without_examples(links: list[Link], hints: list[Hint], question: str) -> list[Link]:
    """The links left once values of the grouped column named as examples of its groups are dropped."""
    grouped = {h.column for h in hints if h.kind == "group"}
    if not grouped or not _EXAMPLES.search(question):
        return links
    return [link for link in links if link.column not in grouped or link.operator != "="]
