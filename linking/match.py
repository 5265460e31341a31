"""Span -> candidate links, by four methods in order of trust: alias, exact/glossary, fuzzy, semantic.

- alias: a curator said this phrase means (column, value);
- exact: the span equals a stored value up to case, accents, punctuation and plural -s;
  glossary: it reaches stored values through a glossary group ('lieviti' -> 'Yeasts');
- fuzzy: a stored value or glossary term within a few edits (OSA distance, transpositions count
  one), same first letter, bounded by span length ("Aspergilus nigr" -> 'Aspergillus niger');
- semantic: the nearest stored value by MiniLM cosine, asked only for the leftover content chunks
  of a question, all in one batch ("human blood" -> 'Blood - human').
Curator reject rules are applied to every method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.encoder import is_plain_language
from index.normalize import normalize
from index.store import ValueIndex, Variants
from linking.aliases import AliasSet
from linking.spans import Span

_PLACE_COLUMNS = frozenset({"country", "region", "city", "locality"})


@dataclass(frozen=True)
class MatchConfig:
    """Thresholds, chosen on data/dev/link_dev.jsonl (see reports/link-bench.md)."""

    glossary_score: float = 0.97
    fuzzy_min_chars: int = 5  # shorter spans are only matched exactly
    fuzzy_edit_rate: float = 0.15  # allowed edits = max(1, int(rate * length))
    fuzzy_min_score: float = 0.8
    semantic_min: float = 0.75  # cosine
    # Single words are left to exact, glossary and fuzzy matching: on the dev set MiniLM put wrong
    # neighbours of single words (Brazil ~ Argentina 0.79) above right ones of phrases (0.76).
    semantic_min_words: int = 2
    semantic_k: int = 3
    semantic_max_chunks: int = 4
    max_words: int = 6
    max_tokens: int = 150  # words beyond this are not linked (a question is shorter; bounds the work)
    mention_window: int = 4  # a column named this close to a value decides its column


@dataclass
class Candidate:
    span: Span
    key: str  # the thing's key in the index
    things: dict[str, Variants]  # column -> stored spellings (after reject rules)
    score: float
    method: str
    pinned: tuple[str, str] | None = None  # alias: the (column, value) the curator chose
    matched: str = ""  # the text that matched: span (exact), stored value or term (fuzzy, semantic)


def allowed_things(index: ValueIndex, aliases: AliasSet, span: Span, key: str) -> dict[str, Variants]:
    phrase = _phrase(span)
    things = index.things(key)
    if phrase not in aliases.rejects:
        return things
    return {c: v for c, v in things.items() if not aliases.rejected(phrase, c, key, index.key)}


def alias_candidates(index: ValueIndex, aliases: AliasSet, span: Span) -> list[Candidate]:
    found = []
    for column, value in aliases.links.get(_phrase(span), ()):
        key = index.key(value)
        things = allowed_things(index, aliases, span, key)
        stored = things.get(column) or [(value, 0)]
        things[column] = sorted(stored, key=lambda vc: (vc[0] != value, -vc[1]))
        found.append(Candidate(span, key, things, 1.0, "alias", pinned=(column, value), matched=value))
    return found


def exact_candidate(index: ValueIndex, aliases: AliasSet, span: Span, config: MatchConfig) -> Candidate | None:
    key = index.key(span.text)
    things = allowed_things(index, aliases, span, key)
    if not things:
        return None
    if index.is_stored_spelling(span.text):
        return Candidate(span, key, things, 1.0, "exact", matched=span.text)
    return Candidate(span, key, things, config.glossary_score, "glossary", matched=span.text)


def joined_candidate(index: ValueIndex, aliases: AliasSet, span: Span, config: MatchConfig) -> Candidate | None:
    """Two words that are one stored name split in two, as dictation does ("can dida", "schizo phyllum")."""
    parts = span.text.split()
    joined = "".join(parts)
    # both halves a syllable or more: "Posidonia e" is no 'posidoniae'
    if span.words != 2 or min(map(len, parts)) < 3 or not index.is_stored_spelling(joined):
        return None
    key = index.key(joined)
    things = allowed_things(index, aliases, span, key)
    return Candidate(span, key, things, config.glossary_score, "glossary", matched=joined) if things else None


def reordered_candidate(index: ValueIndex, aliases: AliasSet, span: Span, config: MatchConfig) -> Candidate | None:
    """The span's words in another order, or with 'of' between them ("Nebbiolo grape must" -> 'grape
    must Nebbiolo'), or with its Italian words in English ("formaggio Castelmagno" -> 'Castelmagno cheese'):
    a stored value the question names in its own word order and words."""
    normal = _phrase(span)
    english = " ".join(index.thesaurus.english_word(word) for word in normal.split())
    for text in index.reordered(normal) + (index.reordered(english) if english != normal else []):
        key = index.key(text)
        things = allowed_things(index, aliases, span, key)
        if things:
            return Candidate(span, key, things, config.glossary_score, "glossary", matched=text)
    return None


def fuzzy_candidate(
    index: ValueIndex, aliases: AliasSet, span: Span, config: MatchConfig, common: frozenset[str] = frozenset()
) -> Candidate | None:
    """`common`: everyday words. Alone, one is never read as a typing error of another word ("panel" is no
    'pane') but of its own other ending ("batterie" for 'batteri'); for a place it may be the name's own
    adjective or plural ("russian", "veneti", "polacca")."""
    normal = _phrase(span)
    if len(normal) < config.fuzzy_min_chars or not _fuzzy_text(normal):
        return None
    places_only = normal in common
    budget = max(1, int(config.fuzzy_edit_rate * len(normal)))
    best: Candidate | None = None
    for text, distance in index.fuzzy(normal, budget):
        score = 1 - distance / max(len(normal), len(text))
        key = index.key(text)
        things = allowed_things(index, aliases, span, key)
        if places_only and not _inflected(normal, text):
            things = {column: variants for column, variants in things.items() if column in _PLACE_COLUMNS}
        if score < config.fuzzy_min_score or not things or _digits(text) != _digits(normal):
            continue
        candidate = Candidate(span, key, things, score, "fuzzy", matched=text)
        if best is None or (score, _total(things)) > (best.score, _total(best.things)):
            best = candidate
    return best


def semantic_candidates(
    index: ValueIndex, aliases: AliasSet, chunks: list[Span], config: MatchConfig
) -> list[Candidate]:
    """One batched embedding call for all chunks; the nearest value above the threshold for each."""
    chunks = [c for c in chunks if c.words >= config.semantic_min_words and is_plain_language(_phrase(c))]
    chunks = chunks[: config.semantic_max_chunks]
    found = []
    for chunk, neighbours in zip(chunks, index.nearest([c.text for c in chunks], config.semantic_k), strict=True):
        for text, score in neighbours:
            if score < config.semantic_min:
                break
            key = index.key(text)
            things = allowed_things(index, aliases, chunk, key)
            if things:
                found.append(Candidate(chunk, key, things, score, "semantic", matched=text))
                break
    return found


def _fuzzy_text(normal: str) -> bool:
    """Words, and numbers only beside words ("circoscrizone 8"): a typo is in the letters."""
    words = normal.split()
    return any(w.isalpha() for w in words) and all(w.isalpha() or w.isdigit() for w in words)


def _inflected(word: str, text: str) -> bool:
    """The same word with a vowel more or less at its end ("batterie" typed for 'batteri'); "alpine" is
    no 'alpina', nor "panel" 'pane'."""
    short, long = sorted((word, text), key=len)
    return long.startswith(short) and long != short and not long[len(short) :].strip("aeiou")


def _digits(text: str) -> str:
    # a number is never corrected: 'Circoscrizione 3' is not a typo of "circoscrizione 8"
    return re.sub(r"\D", "", text)


def _phrase(span: Span) -> str:
    return normalize(span.text)


def _total(things: dict[str, Variants]) -> int:
    return max((sum(c for _, c in variants) for variants in things.values()), default=0)
