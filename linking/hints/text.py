"""The question text the hint rules read: folded (lower case, no accents) with its offsets kept,
plus the column mentions the linker found, located by character position.

Every rule in this package is a small function `rule(q: Question) -> list[Hint]` over this object.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from linking.types import Link

DATE_COLUMNS = ("collectiondate", "isolationdate", "depositdate", "inclusiondate")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "uno": 1, "una": 1, "un": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nove": 9, "dieci": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "undici": 11,
    "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
    "settanta": 70, "ottanta": 80, "novanta": 90, "cento": 100,
}  # fmt: skip
# longest first, so that 'seventy' is never read as 'seven'; whole words only ('otto' is not 'ottobre')
NUMBER = r"(?:\d+(?:[.,]\d+)?|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b)"


def fold(text: str) -> str:
    """Lower case without accents, one character for one character (offsets stay valid)."""
    out = []
    for ch in text:
        # '≠' would fold to '=' (its decomposition is '=' and a combining stroke): kept as typed
        base = unicodedata.normalize("NFKD", ch) if ch != "≠" else ch
        kept = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(kept[0].lower() if len(kept[0].lower()) == 1 else ch)
    return "".join(out).replace("’", "'").replace("`", " ").replace("–", "-").replace("—", "-")


def blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces: what is taken out of a question keeps every offset."""
    return text[:start] + " " * (end - start) + text[end:]


def number_value(text: str) -> float | int:
    word = text.strip().lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    value = float(word.replace(",", "."))
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Place:
    """A column mention by character offsets."""

    start: int
    end: int
    column: str


@dataclass
class Question:
    text: str  # as typed
    folded: str  # fold(text)
    mentions: list[Place]  # column mentions, in order
    links: list[Link]

    def mentions_between(self, start: int, end: int) -> list[Place]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def mention_at(self, start: int, max_gap: int = 1) -> Place | None:
        """The column mention starting at `start` (after at most `max_gap` filler words)."""
        for m in self.mentions:
            gap = self.folded[start : m.start]
            if m.start >= start and len(re.findall(r"\w+", gap)) <= max_gap and not re.search(r"[,;?!]", gap):
                return m
        return None

    def mention_before(self, end: int, max_words: int = 4) -> Place | None:
        best = None
        for m in self.mentions:
            if m.end <= end and len(re.findall(r"\w+", self.folded[m.end : end])) <= max_words:
                best = m
        return best

    def link_between(self, start: int, end: int) -> bool:
        """Whether a link starts strictly between `start` and `end` (a value that owns a cue before it)."""
        return any(start < link.start < end for link in self.links)

    def link_after(self, end: int, max_words: int = 3) -> Link | None:
        for link in self.links:
            gap = self.folded[end : link.start]
            if link.start >= end and len(re.findall(r"\w+", gap)) <= max_words and not re.search(r"[,;?!]", gap):
                return link
        return None
