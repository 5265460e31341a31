"""Per-conversation readings: "read 'Marine sediment' as isolationhabitat instead".

When a linked value also lives in another column (`Link.alternatives`), the chat offers the other
reading; choosing it swaps the link's column for that conversation only, before the prompt is
built, so the model is told the chosen column and post-processing follows it. Nothing is stored:
an alias for everyone is a curator's decision (`catalogue.aliases`).

    overrides = {reading_key("Marine sediment"): ("isolationhabitat", "Marine sediment")}
    apply_overrides(linker.link(question), overrides, value_index)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from index.normalize import normalize
from linking.types import Link, LinkResult, ValueHit, ValueLookup

# normalized span → (column, value) to read it as
Overrides = Mapping[str, tuple[str, str]]


def reading_key(span: str) -> str:
    return normalize(span)


def apply_overrides(result: LinkResult | None, overrides: Overrides | None, values: ValueLookup | None) -> LinkResult:
    """`result` with each overridden link moved to its chosen alternative (when it still has it)."""
    if result is None or not overrides:
        return result  # type: ignore[return-value]
    links = [_override(link, overrides.get(reading_key(link.span)), values) for link in result.links]
    return replace(result, links=links)


def _override(link: Link, target: tuple[str, str] | None, values: ValueLookup | None) -> Link:
    if target is None or (link.column, link.value) == target:
        return link
    chosen = next((a for a in link.alternatives if (a.column, a.value) == target), None)
    if chosen is None:
        return link  # the linker no longer offers that reading: keep its own
    variants = (values.variants(chosen.column, chosen.value) if values is not None else []) or [chosen.value]
    others = [a for a in link.alternatives if a is not chosen]
    return replace(
        link,
        column=chosen.column,
        value=chosen.value,
        values=variants,
        count=chosen.count,
        method="chosen",
        alternatives=[ValueHit(link.column, link.value, link.count), *others],
    )
