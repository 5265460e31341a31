"""Partial values: a word of the question that no link covers but that stored values contain.

"posidona strains" -> substrate ILIKE '%posidonia%'; "strains whose remarks mention pyrene" ->
remarks ILIKE '%pyrene%'; "which ones produce pigmnet" -> applications ILIKE '%pigment%'. The word is
looked up (plural folded, then one or two typing errors) among the words of the descriptive text
columns; the column is the one the question names just before it, else where the word is most frequent.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from index.normalize import fold_plurals, normalize
from linking.hints.text import NUMBER_WORDS, Question
from linking.types import Hint

PARTIAL_COLUMNS = (
    "substrate", "isolationhabitat", "remarks", "applications", "locality", "recommendedmedium",
    "prodofmetabolites", "pathogenicity", "identificationtechnique", "otherdenominations",
)  # fmt: skip
MIN_LENGTH = 4
MIN_FUZZY = 86
_WORD = re.compile(r"[a-z][a-z-]{3,}")
_NEGATED = re.compile(r"\b(?:not|non|without|senza|except|exept|tranne|excluding|outside|fuori)\b(?:\W+\w+){0,4}\W*$")
# Words of questions, not of values, that the function-word list does not hold.
QUESTION_WORDS = frozenset(
    [
        "strain",
        "strains",
        "isolate",
        "isolates",
        "ceppi",
        "ceppo",
        "isolati",
        "isolato",
        "anything",
        "everything",
        "something",
        "please",
        "show",
        "list",
        "give",
        "which",
        "what",
        "have",
        "with",
        "from",
        "mostra",
        "elenca",
        "dammi",
        "tutti",
        "tutto",
        "tutte",
        "quali",
        "quanti",
        "quante",
        "quanto",
        "cosa",
        "dove",
        "catalogue",
        "catalog",
        "catalogo",
        "collection",
        "collezione",
        "record",
        "records",
        "entry",
        "entries",
        "produce",
        "producing",
        "producers",
        "produttori",
        "produce",
        "producono",
        "parlano",
        "mention",
        "mentions",
        "contain",
        "contains",
        "contiene",
        "contengono",
        "word",
        "parola",
        "whose",
        "whatever",
        "qualunque",
        "qualsiasi",
        "vengono",
        "viene",
        "come",
        "came",
        "comes",
        "come",
        "from",
        "into",
        "onto",
        "ones",
        "those",
        "these",
        "available",
        "abbiamo",
        "avete",
        "have",
        "having",
        "hanno",
        "sono",
        "were",
        "been",
        "being",
        "under",
        "outside",
        "range",
        "reaches",
        "tested",
        "testata",
        "compresa",
        "compreso",
        "comprese",
        "compresi",
        "recorded",
        "registrato",
        "registrata",
        "values",
        "valori",
        "exactly",
        "esattamente",
    ]
)


class Vocabulary:
    """word key -> {column: strains whose value in that column contains the word}."""

    def __init__(self, values: dict[str, list[tuple[str, int]]]):
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for column in PARTIAL_COLUMNS:
            for value, count in values.get(column, []):
                for word in set(fold_plurals(normalize(value)).split()):
                    if len(word) >= MIN_LENGTH and word.isalpha():
                        counts[word][column] += count
        self.counts = {word: dict(columns) for word, columns in counts.items()}
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self.counts:
            self._by_initial[word[0]].append(word)

    def find(self, word: str) -> str | None:
        key = fold_plurals(word)
        if key in self.counts:
            return key
        if len(key) < 5:
            return None
        found = process.extractOne(key, self._by_initial.get(key[0], []), scorer=fuzz.ratio, score_cutoff=MIN_FUZZY)
        return found[0] if found else None


def partial_hints(
    q: Question, vocabulary: Vocabulary | None, taken: list[tuple[int, int]], stop: frozenset[str]
) -> list[Hint]:
    if vocabulary is None:
        return []
    hints = []
    covered = taken + [(link.start, link.end) for link in q.links] + [(m.start, m.end) for m in q.mentions]
    for m in _WORD.finditer(q.folded):
        word = m.group().strip("-")
        if word in stop or word in QUESTION_WORDS or any(a <= m.start() < b for a, b in covered):
            continue
        if word in NUMBER_WORDS:  # "the three most represented" is not 'tree'
            continue
        key = vocabulary.find(word)
        if key is None or (key != fold_plurals(word) and _misspelt_question_word(word, stop)):
            continue
        column = _named_before(q, m.start(), vocabulary.counts[key]) or max(
            vocabulary.counts[key], key=vocabulary.counts[key].get
        )
        negate = "NOT " if _NEGATED.search(q.folded[max(0, m.start() - 40) : m.start()]) else ""
        sql = f"{column} {negate}ILIKE '%{key}%'"
        hints.append(Hint("partial", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column))
    return hints


def _misspelt_question_word(word: str, stop: frozenset[str]) -> bool:
    """'colected', 'diferent': one typing error from a function or question word, which it then is."""
    if len(word) < 5:
        return False
    return any(
        abs(len(w) - len(word)) <= 1 and OSA.distance(word, w, score_cutoff=1) <= 1 for w in stop | QUESTION_WORDS
    )


def _named_before(q: Question, start: int, columns: dict[str, int]) -> str | None:
    place = q.mention_before(start, max_words=6)
    return place.column if place is not None and place.column in columns else None
