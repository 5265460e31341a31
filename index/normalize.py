"""The normal form under which question text and catalogue values are compared.

Case-folded, accents stripped, punctuation and runs of whitespace folded to one space:
'Emilia-Romagna' and 'emilia romagna' share a key, 'Marine sediment' and 'marine  SEDIMENT' too.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", without_accents.casefold()).strip()


def fold_plurals(normal: str) -> str:
    """A normal form with English plurals made singular: 'marine sediments' -> 'marine sediment',
    'fruiting bodies' -> 'fruiting body'.

    Latin endings (-us, -is) and -ss are kept, so taxon names are not merged ('albus' stays 'albus').
    """
    return " ".join(_singular(word) for word in normal.split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
