"""The words of stored values, for partial values (linking/hints/partial.py) and value families.

`counts` holds the words of the linked text columns with the strains whose value holds each one;
`free` those of the free-text columns (remarks, applications), read only where a question points
there; `translations` the glossary's Italian words for them; `common` the everyday words
(data/linking/common_words.txt).
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from index.normalize import fold_plurals, normalize

PARTIAL_COLUMNS = (
    "substrate", "isolationhabitat", "remarks", "applications", "locality", "recommendedmedium",
    "prodofmetabolites", "pathogenicity", "identificationtechnique", "otherdenominations",
)  # fmt: skip
MIN_LENGTH = 4
MIN_FUZZY = 86


def _word_counts(values: dict[str, list[tuple[str, int]]]) -> dict[str, dict[str, int]]:
    """word key -> {column: strains whose value in that column contains the word}."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for column in PARTIAL_COLUMNS:
        for value, count in values.get(column, []):
            # hyphens and digits split words too: 'pyrene-degrading', 'PAH-contaminated'
            for word in set(re.findall(r"[^\W\d_]+", fold_plurals(normalize(value)))):
                if len(word) >= MIN_LENGTH:
                    counts[word][column] += count
    return {word: dict(columns) for word, columns in counts.items()}


class Vocabulary:
    """The words of stored values: `counts` for the linked columns (any word may be one of them),
    `free` for free-text columns (remarks, applications), read only where the question points there."""

    def __init__(
        self,
        values: dict[str, list[tuple[str, int]]],
        translations: dict[str, str] | None = None,
        free_text: dict[str, list[tuple[str, int]]] | None = None,
        common: frozenset[str] = frozenset(),
    ):
        self.translations = translations or {}  # Italian word key -> English word key (glossary "words")
        self.common = common  # everyday words: alone and uncued, one that few strains' values hold is none
        self.counts = _word_counts(values)
        self.free = _word_counts(free_text or {})
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self.counts:
            self._by_initial[word[0]].append(word)
        self._free_by_column: dict[str, list[str]] = defaultdict(list)
        for word, columns in self.free.items():
            for column in columns:
                self._free_by_column[column].append(word)

    def find(self, word: str) -> str | None:
        key = self.translated(word) or fold_plurals(word)
        if key in self.counts:
            return key
        if len(key) >= 6 and self.translations:  # a misspelt Italian word: 'rizosfra'
            near = process.extractOne(key, self.translations.keys(), scorer=fuzz.ratio, score_cutoff=MIN_FUZZY)
            if near is not None and self.translations[near[0]] in self.counts:
                return self.translations[near[0]]
        if len(key) < 5:
            return None
        found = process.extractOne(key, self._by_initial.get(key[0], []), scorer=fuzz.ratio, score_cutoff=MIN_FUZZY)
        return found[0] if found else None

    def translated(self, word: str) -> str | None:
        """The English word of an Italian one the glossary knows ('giallo' -> 'yellow'), else None."""
        key = fold_plurals(word)
        return self.translations.get(key, self.translations.get(word))

    def find_in(self, word: str, column: str) -> str:
        """The word to look for in `column`, which the question itself named: the stored word when
        the column's values hold it, a free-text column's word one or two typing errors away
        ('pigmnet' -> 'pigment'), else the word in English as typed."""
        key = self.find(word)
        if key is not None and column in self.counts[key]:
            return key
        plain = self.translated(word) or fold_plurals(word)
        return self.correct_in(plain, column) or plain

    def correct_in(self, word: str, column: str) -> str | None:
        """The word of free-text `column` that `word` is, as stored or misspelt; None if none is."""
        if column in self.free.get(word, {}):
            return word
        if len(word) < 6:
            return None
        edits = 1 if len(word) < 9 else 2  # a swap of two letters is one ('pigmnet')
        found = process.extractOne(word, self._free_by_column.get(column, []), scorer=OSA.distance, score_cutoff=edits)
        return found[0] if found else None

    def free_column_of(self, word: str, column: str) -> str:
        """`column`, unless it is a free-text column and only another free-text column holds the word
        ("carbapenemase producers": a verb of applications, but the word is in remarks); a technique
        word stays the technique's ("identificati con analisi filogenetica")."""
        key = fold_plurals(word)
        if column not in self._free_by_column or self.correct_in(key, column) is not None or key not in self.free:
            return column
        return max(self.free[key], key=self.free[key].__getitem__)
