"""Schema linking: phrases that mention a column by name ("substrate", "substrato", "risk group", "GMO").

The phrases come from the live column names (columns holding data), the glossary's bilingual
column phrases and curator aliases that name a column; longest mention wins, no overlaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.thesaurus import Thesaurus, plain_key
from linking.spans import Token, clauses

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


def find_mentions(
    tokens: list[Token],
    phrases: dict[str, str],
    extra: dict[str, str] | None = None,
    stored: Callable[[str], bool] | None = None,
    question: str = "",
) -> list[Mention]:
    """Non-overlapping column mentions, longest first, sorted by position; then, for the words left,
    misspelt mentions ("countr", "recomended medium", "isolamneto") unless `stored` says the words
    are a catalogue value as written."""
    table = {**phrases, **(extra or {})}
    found: list[Mention] = []
    clause_of = {i: n for n, run in enumerate(clauses(question, tokens)) for i in run}  # no mention spans two
    taken: set[int] = set()
    # longest first, and at each length the exact phrases before the misspelt ones: "recomended
    # medium" is one misspelt mention, not the word "medium" with "recomended" left over
    plurals = {_plural(key): column for key, column in table.items() if " " not in key}
    passes = (
        (False, lambda text: table.get(plain_key(text))),
        # a misspelt plural is compared with the plural: 'speceis' is one swap from 'species'
        (True, lambda text: _misspelt(plain_key(text), table) or _misspelt(text, plurals)),
    )
    for words in range(min(MAX_MENTION_WORDS, len(tokens)), 0, -1):
        for fuzzy, lookup in passes:
            for first in range(len(tokens) - words + 1):
                last = first + words
                if taken.intersection(range(first, last)):
                    continue
                if clause_of[first] != clause_of[last - 1]:
                    continue  # "un sacco di ceppi, tipo più di 20": no 'ceppi tipo' across the comma
                text = " ".join(t.normal for t in tokens[first:last])
                # a function word may sit inside a misspelt phrase ('tecnica di identificazone'), not at
                # the ends of a short one; three words are specific enough ('data di racolta')
                edges = (tokens[first], tokens[last - 1])
                if fuzzy and (
                    (words < 3 and any(t.function for t in edges))
                    or any(t.number for t in tokens[first:last])
                    or (stored and stored(text))
                ):
                    continue
                column = lookup(text)
                if column:
                    found.append(Mention(first, last, column))
                    taken.update(range(first, last))
    return _media_in_use(_notes_of_columns(sorted(found, key=lambda m: m.first), tokens), tokens)


# "i 4 terreni più usati per i batteri": a medium that is used, not the soil 'terreno'
_IN_USE = frozenset({"usati", "usato", "utilizzati", "utilizzato", "impiegati", "impiegato", "adoperati"})


def _media_in_use(mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    taken = {i for m in mentions for i in range(m.first, m.last)}
    for i, token in enumerate(tokens[:-2]):
        medium = token.normal in {"terreno", "terreni"} and i not in taken
        if medium and tokens[i + 1].normal in {"piu", "meno"} and tokens[i + 2].normal in _IN_USE:
            mentions.append(Mention(i, i + 1, "recommendedmedium"))
    return sorted(mentions, key=lambda m: m.first)


# "a pathogenicity note", "le note sulla patogenicità": the note is what that column holds, not a remark
_NOTE_WORDS = frozenset({"note", "notes", "remark", "remarks", "comment", "comments"})
_NOTE_LINKS = frozenset({"on", "about", "su", "sul", "sulla", "sullo", "sui", "sulle"})


def _notes_of_columns(mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    """A note word right after another column's name is merged into that mention; one before it and a
    preposition is left out (the missing-value hints read "a note on" / "note sulla" before a column)."""
    merged: list[Mention] = []
    for at, mention in enumerate(mentions):
        previous, following = merged[-1] if merged else None, mentions[at + 1] if at + 1 < len(mentions) else None
        if previous and previous.last == mention.first and _is_note(mention, tokens):
            merged[-1] = Mention(previous.first, mention.last, previous.column)
        elif not (following and _is_note(mention, tokens) and _linked(tokens, mention.last, following.first)):
            merged.append(mention)
    return merged


def _linked(tokens: list[Token], end: int, start: int) -> bool:
    between = [t.normal for t in tokens[end:start]]
    return len(between) == 1 and between[0] in _NOTE_LINKS


def _is_note(mention: Mention, tokens: list[Token]) -> bool:
    words = " ".join(t.normal for t in tokens[mention.first : mention.last])
    return mention.column == "remarks" and words in _NOTE_WORDS


def _plural(key: str) -> str:
    return key[:-1] + "ies" if key.endswith("y") else key + "s"


def _misspelt(key: str, table: dict[str, str]) -> str | None:
    """The column of the phrase one typing error from `key` (a swap of two letters counts as one; two
    errors only for long words, at most one letter longer or shorter); None if unsure. 'national' is
    two deletions from 'nation' and stays a word."""
    if len(key) < 5:
        return None
    limit = 1 if len(key) < 9 else 2
    found = process.extractOne(key, table.keys(), scorer=OSA.distance, score_cutoff=limit)
    if found is None or abs(len(found[0]) - len(key)) > 1 or found[0][:1] != key[:1]:
        return None
    return table[found[0]]


def mentioned_columns(mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for mention in mentions:
        if mention.column not in seen:
            seen.append(mention.column)
    return seen
