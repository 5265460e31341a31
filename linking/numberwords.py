"""Numbers written in words that take more than one word, or one word built of two, as digits.

"twenty-eight degrees" -> "28" , "before the year two thousand and ten" -> "2010", "ventotto gradi"
-> "28", "fourteen strains" -> "14". Single number words ('five', 'cinque') are left to the hint
rules, which read them where they stand (`linking/hints/text.py`). The digits are padded with spaces
to the length of the words, so every character offset of the question stays where it was.

    spelled_numbers("twenty-eight degrees")  # "28           degrees"
"""

from __future__ import annotations

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_IT_UNITS = {
    "uno": 1, "due": 2, "tre": 3, "tré": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
}  # fmt: skip
_IT_TEENS = {"tredici": 13, "quattordici": 14, "sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19}
_IT_TENS = {
    "vent": 20, "trent": 30, "quarant": 40, "cinquant": 50, "sessant": 60, "settant": 70, "ottant": 80, "novant": 90,
}  # fmt: skip


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_EN_TWO = (
    rf"(?:(?:{_alternatives(_TENS)})(?:[\s-]+(?:{_alternatives(_UNITS)}))?"
    rf"|{_alternatives(_TEENS)}|{_alternatives(_UNITS)})"
)
_EN = re.compile(
    rf"\b(?:(?P<th>one|two)\s+thousand(?:\s+and)?(?:\s+(?P<thr>{_EN_TWO}))?"
    rf"|(?P<tens>{_alternatives(_TENS)})[\s-]+(?P<unit>{_alternatives(_UNITS)})"
    rf"|(?P<teen>{_alternatives(_TEENS)}))\b",
    re.IGNORECASE,
)
# a year said as two pairs: "twenty twenty two", "nineteen ninety", "twenty ten", "nineteen oh five"
_EN_YEAR = re.compile(
    rf"\b(?P<century>nineteen|twenty)[\s-]+(?P<rest>(?:{_alternatives(_TENS)})(?:[\s-]+(?:{_alternatives(_UNITS)}))?"
    rf"|{_alternatives(_TEENS)}|oh[\s-]+(?:{_alternatives(_UNITS)}))\b",
    re.IGNORECASE,
)
# three or more digits said one by one, as accession numbers are read out: "two nine seven one"
_DIGIT_WORDS = {**_UNITS, **_IT_UNITS, "zero": 0, "oh": 0}
_DIGIT = _alternatives(_DIGIT_WORDS)
_EN_DIGITS = re.compile(rf"\b(?:(?:{_DIGIT})[\s-]+){{2,}}(?:{_DIGIT})\b", re.IGNORECASE)
# round numbers: "una ventina di ceppi" (about twenty, read as 20), "a dozen strains"
_ROUND = {
    "decina": 10, "dozzina": 12, "ventina": 20, "trentina": 30, "quarantina": 40, "cinquantina": 50,
    "sessantina": 60, "settantina": 70, "ottantina": 80, "novantina": 90, "centinaio": 100,
}  # fmt: skip
# with its article: "soggetti a quarantina" is a typo of 'quarantena', "trentina" alone an adjective
_ROUND_RE = re.compile(
    rf"\b(?:(?:una|un)\s+(?P<w>{_alternatives(_ROUND)})|a\s+(?P<dozen>dozen)|(?:a|one)\s+(?P<hundred>hundred))\b",
    re.IGNORECASE,
)
_IT_HUNDREDS = r"(?:due|tre|quattro|cinque|sei|sette|otto|nove)?cento"
_IT_TWO = rf"(?:(?:{_alternatives(_IT_TENS)})[ai]?(?:{_alternatives(_IT_UNITS)})?|{_alternatives(_IT_TEENS)})"
_IT = re.compile(
    rf"\b(?:(?P<mila>duemila|mille)(?:\s*e\s*|\s*)?(?P<cento>{_IT_HUNDREDS})?\s*"
    rf"(?P<milar>{_IT_TWO}|dieci|undici|dodici|quindici|{_alternatives(_IT_UNITS)})?"
    rf"|(?P<hundreds>{_IT_HUNDREDS})\s*(?P<hrest>{_IT_TWO}|dieci|undici|dodici|quindici|{_alternatives(_IT_UNITS)})?"
    rf"|(?P<itens>{_alternatives(_IT_TENS)})[ai]?(?P<iunit>{_alternatives(_IT_UNITS)})"
    rf"|(?P<iteen>{_alternatives(_IT_TEENS)}))\b",
    re.IGNORECASE,
)


def _english(m: re.Match) -> int:
    if m.group("th"):
        rest = m.group("thr")
        return _UNITS[m.group("th").lower()] * 1000 + (_english_two(rest) if rest else 0)
    if m.group("tens"):
        return _TENS[m.group("tens").lower()] + _UNITS[m.group("unit").lower()]
    return _TEENS[m.group("teen").lower()]


def _english_two(words: str) -> int:
    parts = re.split(r"[\s-]+", words.lower())
    table = {**_UNITS, **_TEENS, **_TENS}
    return sum(table[p] for p in parts)


def _italian(m: re.Match) -> int:
    if m.group("mila"):
        base = 2000 if m.group("mila").lower() == "duemila" else 1000
        rest = m.group("milar")
        return base + _hundreds(m.group("cento")) + (_italian_two(rest) if rest else 0)
    if m.group("hundreds"):
        rest = m.group("hrest")
        return _hundreds(m.group("hundreds")) + (_italian_two(rest) if rest else 0)
    if m.group("itens"):
        return _IT_TENS[m.group("itens").lower()] + _IT_UNITS[m.group("iunit").lower()]
    return _IT_TEENS[m.group("iteen").lower()]


def _round(m: re.Match) -> int:
    return 12 if m.group("dozen") else 100 if m.group("hundred") else _ROUND[m.group("w").lower()]


def _hundreds(word: str | None) -> int:
    """'novecento' -> 900, 'cento' -> 100, None -> 0."""
    if not word:
        return 0
    return 100 * _IT_UNITS.get(word.lower().removesuffix("cento"), 1)


def _english_year(m: re.Match) -> int:
    rest = re.sub(r"^oh[\s-]+", "", m.group("rest").lower())
    return (19 if m.group("century").lower() == "nineteen" else 20) * 100 + _english_two(rest)


def _digits(m: re.Match) -> int | str:
    return "".join(str(_DIGIT_WORDS[w]) for w in re.split(r"[\s-]+", m.group().lower()))


def _italian_two(word: str) -> int:
    word = word.lower()
    simple = {**_IT_UNITS, **_IT_TEENS, "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15}
    if word in simple:
        return simple[word]
    for stem, tens in _IT_TENS.items():
        if word.startswith(stem):
            rest = word[len(stem) :].lstrip("ai")  # 'trentatre' -> 'tre', 'venti' -> ''
            return tens + (_IT_UNITS.get(rest, 0) if rest else 0)
    return 0


def spelled_numbers(question: str) -> str:
    """The question with multi-word and compound number words as digits, offsets kept."""

    def padded(value: int | str, m: re.Match) -> str:
        digits = str(value)
        return digits + " " * (len(m.group()) - len(digits)) if len(digits) <= len(m.group()) else m.group()

    question = _ROUND_RE.sub(lambda m: padded(_round(m), m), question)
    question = _EN_YEAR.sub(lambda m: padded(_english_year(m), m), question)
    question = _EN_DIGITS.sub(lambda m: padded(_digits(m), m), question)
    question = _EN.sub(lambda m: padded(_english(m), m), question)
    return _IT.sub(lambda m: padded(_italian(m), m), question)
