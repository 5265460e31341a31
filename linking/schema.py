"""Schema linking: phrases that mention a column by name ("substrate", "substrato", "risk group", "GMO").

The phrases come from the live column names (columns holding data), the glossary's bilingual
column phrases and curator aliases that name a column; longest mention wins, no overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.thesaurus import Thesaurus, plain_key
from linking.spans import Token

MAX_MENTION_WORDS = 5


@dataclass(frozen=True)
class Mention:
    first: int  # token indices [first, last)
    last: int
    column: str


def column_phrases(columns: list[str], thesaurus: Thesaurus) -> dict[str, str]:
    """plain key of a phrase -> column, for the columns that exist and hold data."""
    present = set(columns)
    ignored = {plain_key(name) for name in thesaurus.not_column_mentions}
    phrases = {plain_key(name): name for name in columns if plain_key(name) not in ignored}
    for column, names in thesaurus.column_phrases.items():
        if column in present:
            phrases.update({plain_key(name): column for name in names if plain_key(name)})
    return phrases


def find_mentions(tokens: list[Token], phrases: dict[str, str], extra: dict[str, str] | None = None) -> list[Mention]:
    """Non-overlapping column mentions, longest first, sorted by position."""
    table = {**phrases, **(extra or {})}
    found: list[Mention] = []
    taken: set[int] = set()
    for words in range(min(MAX_MENTION_WORDS, len(tokens)), 0, -1):
        for first in range(len(tokens) - words + 1):
            last = first + words
            if taken.intersection(range(first, last)):
                continue
            column = table.get(plain_key(" ".join(t.normal for t in tokens[first:last])))
            if column:
                found.append(Mention(first, last, column))
                taken.update(range(first, last))
    return sorted(found, key=lambda m: m.first)


def mentioned_columns(mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for mention in mentions:
        if mention.column not in seen:
            seen.append(mention.column)
    return seen
