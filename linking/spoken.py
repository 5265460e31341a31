"""Speech habits in a typed or dictated question, taken out before linking: fillers and self-corrections.

"um so do we have any phoma no wait i mean mucor from ..." means Mucor: the words a correction
replaces, and the correction marker itself, are blanked, so Phoma is never linked. Fillers ("ehm",
"um") are blanked too, so "non hanno ehm la località" reads as "non hanno la località". Blanks are
spaces of the same length, so every character offset of the question stays where it was.

    as_meant("from sicily no wait in the veneto")  # "from                   in the veneto"

Which words a correction replaces: the correction repeats the first word of what it replaces ("in
sicily no wait in the veneto", "gela o lentini no scusa gela o varigotti") or, when it does not, as
many words as its own first phrase ("october 2022 no sorry november 2022", "phoma no wait i mean
mucor from ...").
"""

from __future__ import annotations

import re

from index.normalize import normalize
from linking.hints.text import blank

_FILLER = re.compile(
    r"\b(?:e+h+m+|u+h*m+|u+h+|e+r+m+|hm+|m{3,})\b"
    # a hedge before a figure: "un sacco di ceppi, tipo più di 20", "like over 50"
    r"|\b(?:tipo|like)(?=\s+(?:pi[uù]|meno|oltre|sopra|sotto|almeno|more|less|over|under|above|below|at\s+least|\d))",
    re.IGNORECASE,
)
# "no wait", "no sorry", "sorry i meant", "no scusa", "anzi", "no volevo dire"; a lone "sorry" or
# "scusa" is left alone ("sorry to bother you, ...")
_MARKER = re.compile(
    r"\b(?:no,?\s+(?:wait|sorry|scusa(?:te)?|aspetta)\b,?(?:\s+(?:i\s+mean[t]?|intendevo|volevo\s+dire)\b)?"
    r"|(?:wait|sorry|scusa|aspetta),?\s+(?:i\s+mean[t]?|intendevo|volevo\s+dire)\b"
    r"|no,?\s+(?:i\s+mean[t]?|intendevo|volevo\s+dire)\b"
    r"|anzi\b)[,:]?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'#.-]+")
_LINKING_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the a an in from of with and or to for at on by da dal dalla dai dalle di del della dei delle nel nella "
        "nei con e o per al alla il lo la i gli le che",
    )
)
_LOOK_BACK = 8  # words before the marker where the repeated first word is looked for


def as_meant(question: str) -> str:
    """The question without fillers and without the words each self-correction takes back."""
    text = _FILLER.sub(lambda m: " " * len(m.group()), question)
    for marker in reversed(list(_MARKER.finditer(text))):
        start = _replaced_from(text, marker.start(), marker.end())
        if start is not None:
            text = blank(text, start, marker.end())
    return text


def _replaced_from(text: str, marker_start: int, marker_end: int) -> int | None:
    """Where the words the correction takes back begin; None when nothing precedes the marker."""
    before = list(_WORD.finditer(text, 0, marker_start))[-_LOOK_BACK:]
    after = list(_WORD.finditer(text, marker_end))
    if not before or not after:
        return None
    first = normalize(after[0].group())
    for word in reversed(before):
        if normalize(word.group()) == first:
            return word.start()
    size = min(_first_phrase(after), len(before))
    return before[-size].start()


def _first_phrase(words: list[re.Match]) -> int:
    """How many words the correction's first phrase has: leading linking words, then content words up
    to the next linking word ("dal portogallo" 2, "mucor from the ..." 1, "november 2022" 2)."""
    size = 0
    while size < len(words) and normalize(words[size].group()) in _LINKING_WORDS:
        size += 1
    while size < len(words) and normalize(words[size].group()) not in _LINKING_WORDS:
        size += 1
    return max(size, 1)
