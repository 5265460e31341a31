"""Date phrases -> a comparison on the right date column with a normalised bound.

"isolated after 2012" -> isolationdate > '2012'; "nel febbraio 2020" -> collectiondate = '2020-02';
"added to the catalogue before 10/2023" -> inclusiondate < '2023-10'; "dal 2012 al 2014" -> BETWEEN.
The bound is written as a year 'YYYY', a month 'YYYY-MM' or a day 'YYYY-MM-DD'; sqlproc/dates.py
makes the comparison right for every stored format. The column is the date verb or date column
named closest before the phrase ("collected", "isolati", "depositato", "inserito"), else any date
column the question names, else collectiondate.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from linking.hints.text import DATE_COLUMNS, Question
from linking.types import Hint

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "setembre": 9, "febraio": 2, "magio": 5, "febuary": 2, "feburary": 2,
    "nov": 11, "dec": 12, "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# One date as typed; the named groups say its precision.
DATE = (
    r"(?:(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>(?:19|20)\d{2})"
    r"|(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{1,2})(?:-(?P<d2>\d{1,2}))?"
    r"|(?P<y5>(?:19|20)\d{2})(?P<m5>[01]\d)(?P<d5>[0-3]\d)"
    r"|(?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d{2})"
    r"|(?:(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<mn>" + _MONTH + r")\s+(?:of\s+(?:the\s+)?|del\s+|di\s+)?"
    r"(?P<y4>(?:19|20)\d{2})"
    r"|(?P<mn6>" + _MONTH + r")\s+(?P<d6>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y6>(?:19|20)\d{2})"
    r"|(?P<y>(?:19|20)\d{2})"
    r"|(?P<mn8>" + _MONTH + r")\s+'(?P<y8>\d{2})(?!\d)"  # "marzo '19"
    r"|'(?P<y7>\d{2})(?!\d|s\b))"  # "prima del '60"
)
# "pre-1995", "post-2010": the one hyphen a date may follow
_DATE_RE = re.compile(r"(?:(?<![\w/.-])|(?<=\bpre-)|(?<=\bpost-))" + DATE + r"(?![\w/]|-\d)")
_BETWEEN = re.compile(
    r"\b(?:betw?e+n|btwn|btw|from|dal(?:l')?|dall'|tra(?:\s+il)?|fra(?:\s+il)?)\s*$"
)  # text before the first date
_AND = re.compile(r"^\s*(?:and|to|until|till|through|&|-|e(?:\s+il)?|al(?:l')?|a)\s*")
_BEFORE = re.compile(
    r"\b(?:before|b4|pre-|prior\s+to|earlier\s+than|prima\s+del(?:l')?|prima\s+di|prima|antecedent\w*\s+al(?:l')?|precedent\w*\s+al(?:l')?|anterior\w*\s+al(?:l')?)\s*(?:the\s+)?(?:year\s+|anno\s+)?$"
)
_UNTIL = re.compile(
    r"\b(?:until|till|up\s+to|by|no\s+later\s+than|fino\s+al(?:l')?|entro\s+il|entro\s+l')\s*(?:the\s+)?(?:year\s+|anno\s+)?$"
)
_AFTER = re.compile(
    r"\b(?:after|post-|later\s+th[ae]n|dopo\s+il|dopo\s+l'|dopo(?:\s+di)?|successiv\w+\s+al)\s*(?:the\s+)?(?:year\s+|anno\s+)?$"
)
_SINCE = re.compile(
    r"\b(?:since|from|starting(?:\s+from|\s+in)?|onwards\s+from|a\s+partire\s+dal(?:l')?|dal(?:l')?|dall')\s*(?:the\s+)?(?:year\s+|anno\s+)?$"
)
_VERBS = [
    # not "deposited in the collection": the culture collection itself is no date word
    (re.compile(r"\b(?:coll?ect\w*|colected|sampl\w*|rac+ol\w*|campionat\w*|prelevat\w*)\b(?<!collection)(?<!collections)"), "collectiondate"),
    (re.compile(r"\b(?:isolated|isolatd|isolation\w*|isolat[oi]n\w*|isolatt?[oaie]\b|isolam\w*)"), "isolationdate"),
    (re.compile(r"\b(?:depos\w*|depost\w*)"), "depositdate"),
    (re.compile(r"\b(?:added|entered|included|inclusion|catalogu\w*|catalog\w*|catalgo|entrat[oiae]|inserit\w*|inseriment\w*|aggiunt\w*|inclus\w*|registrat\w*)"), "inclusiondate"),
]  # fmt: skip


def bound(match: re.Match) -> str:
    """The written date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    g = match.groupdict()
    for y, m, d in (("y1", "m1", "d1"), ("y2", "m2", "d2"), ("y5", "m5", "d5"), ("y3", "m3", None)):
        if g.get(y):
            return _iso(int(g[y]), int(g[m]) if g.get(m) else None, int(g[d]) if d and g.get(d) else None)
    if g.get("y4"):
        month = _MONTHS[g["mn"].rstrip(".")]
        return _iso(int(g["y4"]), month, int(g["d4"]) if g.get("d4") else None)
    if g.get("y6"):  # "January 19, 2021"
        return _iso(int(g["y6"]), _MONTHS[g["mn6"].rstrip(".")], int(g["d6"]))
    if g.get("y8"):
        return _iso(int(_full_year(g["y8"])), _MONTHS[g["mn8"].rstrip(".")], None)
    if g.get("y7"):
        return _full_year(g["y7"])
    return g["y"]


def _full_year(two_digits: str) -> str:
    """A two-digit year: the last century unless it is not over yet ('19' -> '2019', '60' -> '1960')."""
    short = int(two_digits)
    return str(2000 + short if short <= date.today().year % 100 else 1900 + short)


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month and month > 12 and day and day <= 12:  # MM/DD/YYYY written the American way
        month, day = day, month
    if not month or month > 12:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day and day <= 31 else "")


def date_word(word: str) -> str | None:
    """The date column one word names ('inserimento' -> inclusiondate), if any."""
    return next((column for pattern, column in _VERBS if pattern.fullmatch(word)), None)


_ISOLATES = re.compile(r"\bisolat(?:e?s)\s+(?:from|in|of|dated)\s+(?:the\s+)?$")


def date_column(q: Question, start: int) -> str:
    """The date column meant at `start`: closest date word before it, else a named one, else collection."""
    before = q.folded[max(0, start - 60) : start]
    best: tuple[int, str] | None = None
    for pattern, column in _VERBS:
        for m in pattern.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), column)
    for place in q.mentions:
        if place.column in DATE_COLUMNS and place.end <= start and (best is None or place.end - (start - 60) > best[0]):
            best = (place.end - (start - 60), place.column)
    if best:
        return best[1]
    named = [p.column for p in q.mentions if p.column in DATE_COLUMNS]
    if named:
        return named[0]
    if _ISOLATES.search(before):  # "isolates from feb 2018": the noun, when nothing else names a date
        return "isolationdate"
    for pattern, column in _VERBS:  # a date word after the date ("2019 deposits")
        if pattern.search(q.folded):
            return column
    return "collectiondate"


_YEAR_RANGE = re.compile(r"(?<![\w/-])((?:19|20)\d{2})\s*(?:-|–|/)\s*((?:19|20)\d{2})(?![\w/-])")


_DECADE_WORDS = {
    "twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6", "seventies": "7",
    "eighties": "8", "nineties": "9", "venti": "2", "trenta": "3", "quaranta": "4", "cinquanta": "5",
    "sessanta": "6", "settanta": "7", "ottanta": "8", "novanta": "9",
}  # fmt: skip
_DECADE = re.compile(
    r"(?<![\w'])(?:(?P<c>19|20)?(?P<d>\d)0'?s\b|anni\s+'?(?:(?P<c2>19|20)?(?P<d2>\d)0)\b"
    r"|(?<=the\s)(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"  # "in the nineties"
    r"|(?<=anni\s)(?P<wi>venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta)\b)"  # "negli anni novanta"
)


def _decades(q: Question) -> list[Hint]:
    """'the 90s', '1990s', 'negli anni '80' -> BETWEEN '1990' AND '1999'."""
    hints = []
    for m in _DECADE.finditer(q.folded):
        digit = m.group("d") or m.group("d2") or _DECADE_WORDS[m.group("w") or m.group("wi")]
        century = m.group("c") or m.group("c2") or ("19" if int(digit) >= 3 else "20")
        first = f"{century}{digit}0"
        column = date_column(q, m.start())
        sql = f"{column} BETWEEN '{first}' AND '{first[:3]}9'"
        hints.append(Hint("date", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column))
    return hints


_YYYY = r"(?P<y>(?:19|20)\d{2})"
# months of one year: "between june and august 2017", "nel 2017, tra giugno e agosto"; halves of a year
_MONTH_SPANS = [
    re.compile(
        rf"\b(?:betw?e+n|from|tra|fra|da)\s+(?P<a>{_MONTH})\s+(?:and|to|e|a|-)\s+(?P<b>{_MONTH})\s*,?\s*"
        rf"(?:(?:of|del|di)\s+)?{_YYYY}"
    ),
    re.compile(
        rf"{_YYYY}\W+(?:\w+\W+){{0,2}}?(?:betw?e+n|from|tra|fra|da)\s+(?P<a>{_MONTH})\s+(?:and|to|e|a|-)\s+(?P<b>{_MONTH})"
    ),
    re.compile(
        rf"\b(?P<h>first|second|prima|seconda|primo|secondo)\s+(?:half|meta|semestre)\s+(?:of\s+|del\s+|di\s+)?{_YYYY}"
    ),
]
_HALVES = {"first": ("01", "06"), "prima": ("01", "06"), "primo": ("01", "06")}


def _month_spans(q: Question) -> list[Hint]:
    for pattern in _MONTH_SPANS:
        m = pattern.search(q.folded)
        if m is None:
            continue
        if "h" in m.groupdict():
            low, high = _HALVES.get(m.group("h"), ("07", "12"))
        else:
            low, high = (f"{_MONTHS[m.group(k).rstrip('.')]:02d}" for k in ("a", "b"))
        column = date_column(q, m.start())
        sql = f"{column} BETWEEN '{m.group('y')}-{low}' AND '{m.group('y')}-{high}'"
        return [Hint("date", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column)]
    return []


def date_hints(q: Question) -> list[Hint]:
    hints: list[Hint] = _decades(q) or _month_spans(q)
    if hints:
        return hints
    for m in _YEAR_RANGE.finditer(q.folded):  # "isolated 2013-2015"
        column = date_column(q, m.start())
        sql = f"{column} BETWEEN '{m.group(1)}' AND '{m.group(2)}'"
        hints.append(Hint("date", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column))
    if hints:
        return hints
    dates = [m for m in _DATE_RE.finditer(q.folded) if not _inside_accession(q.folded, m)]
    i = 0
    while i < len(dates):
        first = dates[i]
        before = q.folded[: first.start()]
        column = date_column(q, first.start())
        low = bound(first)
        second = dates[i + 1] if i + 1 < len(dates) else None
        joined = second is not None and _AND.fullmatch(q.folded[first.end() : second.start()])
        if joined and (_BETWEEN.search(before) or "-" in q.folded[first.end() : second.start()]):
            high = bound(second)
            sql, end = f"{column} BETWEEN '{low}' AND '{high}'", second.end()
            i += 2
        else:
            op = _operator(before)
            if (
                op == ">="
                and _FROM_MONTH.search(before)
                and len(low) == 7
                and not _ONWARDS.match(q.folded[first.end() :])
            ):
                op = "="  # "isolates from feb 2018": of that month; "from feb 2018 on" is since
            later = _OR_LATER.match(q.folded[first.end() :]) if op == "=" else None
            if later:  # "in 2020 or later", "nel 2015 o prima"
                op = "<=" if later.group("w") in _EARLIER else ">="
            sql, end = f"{column} {op} '{low}'", first.end() + (later.end() if later else 0)
            i += 1
        if hints and _CORRECTED.search(before[-12:]):
            hints[-1] = replace(hints[-1], span=q.text[hints[-1].start : end], end=end)
            continue  # "oops, 2015 not 2016": the date after 'not' is the one taken back
        start = first.start()
        hints.append(Hint("date", "WHERE", sql, q.text[start:end], start, end, column))
    return hints


_FROM_MONTH = re.compile(r"\bfrom\s*$")
_ONWARDS = re.compile(r"^\s*(?:on|onwards?|forwards?|or\s+later|and\s+later|to\s+date|until\s+now)\b")
_CORRECTED = re.compile(r"(?:,\s*|\s)(?:not|nn|non|instead\s+of|invece\s+del|al\s+posto\s+del)\s+$")
_OR_LATER = re.compile(
    r"^\s*(?:or|o|e)\s+(?P<w>later|after|since|more\s+recent|newer|earlier|before|older|dopo|successiv\w*|"
    r"pi[uù]\s+recent\w*|in\s+poi|prima|precedent\w*)\b"
)
_EARLIER = ("earlier", "before", "older", "prima")
_NOT = re.compile(r"\b(?:not|non|never|mai)\s+(?:[a-z]+\s+)?$")
_SYMBOL = re.compile(r"(?P<op>>=|<=|<>|!=|≥|≤|≠|>|<|=)\s*$")


def _operator(before: str) -> str:
    tail = before[-40:]
    symbol = _SYMBOL.search(tail)
    if symbol:  # "CollectionDate < 2000", "InclusionDate >= 2025-01-01"
        return {"!=": "<>", "≠": "<>", "≥": ">=", "≤": "<="}.get(symbol.group("op"), symbol.group("op"))
    for cue, op, negated in ((_BEFORE, "<", ">="), (_UNTIL, "<=", None), (_AFTER, ">", "<=")):
        m = cue.search(tail)
        if m:  # "not before 2022", "non prima del 2024": from then on
            return negated if negated and _NOT.search(tail[: m.start()]) else op
    if _SINCE.search(tail):
        return ">="
    return "="


def _inside_accession(text: str, m: re.Match) -> bool:
    return bool(re.search(r"[a-z]\d*$", text[max(0, m.start() - 8) : m.start()]))
