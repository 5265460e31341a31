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
