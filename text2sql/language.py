"""A small language guess (English or Italian) for the query log: counts each language's function words."""

from __future__ import annotations

import re

_ITALIAN = set(
    [
        "il",
        "lo",
        "la",
        "i",
        "gli",
        "le",
        "un",
        "una",
        "di",
        "del",
        "della",
        "dei",
        "delle",
        "degli",
        "da",
        "dal",
        "dalla",
        "dai",
        "con",
        "per",
        "che",
        "quanti",
        "quante",
        "quali",
        "quale",
        "ceppi",
        "ceppo",
        "tutti",
        "tutte",
        "sono",
        "e",
        "è",
        "nel",
        "nella",
        "nei",
        "sul",
        "sulla",
        "isolati",
        "isolato",
        "dammi",
        "mostrami",
        "elenca",
        "trova",
        "prima",
        "dopo",
        "tra",
        "fra",
        "anno",
        "genere",
        "specie",
        "lieviti",
        "batteri",
        "funghi",
        "quelli",
        "quelle",
        "solo",
    ]
)
_ENGLISH = set(
    [
        "the",
        "a",
        "an",
        "of",
        "from",
        "with",
        "for",
        "that",
        "how",
        "many",
        "which",
        "what",
        "strains",
        "strain",
        "all",
        "are",
        "is",
        "in",
        "on",
        "show",
        "give",
        "me",
        "list",
        "find",
        "before",
        "after",
        "between",
        "year",
        "genus",
        "species",
        "yeasts",
        "bacteria",
        "fungi",
        "those",
        "only",
        "isolated",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'it' or 'en' (English when unsure: most catalogue values are English)."""
    words = [w.lower() for w in _WORD.findall(text)]
    italian = sum(w in _ITALIAN for w in words)
    english = sum(w in _ENGLISH for w in words)
    return "it" if italian > english else "en"
