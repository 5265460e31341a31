"""Numbers and comparisons -> a condition on a coded numeric column, or a threshold on group sizes.

"risk group 2" -> riskgroup = 2; "temperatura sopra i 30 gradi" -> recommendedtemperature > 30;
"Nagoya conditions 3" -> nagoyaconditions = 3; "more than 30 isolates" -> HAVING COUNT(*) > 30;
"almeno 3 ceppi" -> HAVING COUNT(*) >= 3; "between 20 and 30 degrees" -> BETWEEN 20 AND 30.
"""

from __future__ import annotations

import re

from linking.hints.text import NUMBER, Question, number_value
from linking.types import Hint

COMPARISONS = [
    (r"(?:raggiung\w*|reach\w*|arriv\w*\s+a)\s+(?:quota\s+)?|(?:greater|more|higher)\s+th[ae]n\s+or\s+equal\s+to|maggior\w*\s+o\s+ugual\w*\s+a|(?:pari|ugual\w*)\s+o\s+superior\w*\s+a|>=|≥", ">="),
    (r"(?:less|lower|smaller)\s+th[ae]n\s+or\s+equal\s+to|minor\w*\s+o\s+ugual\w*\s+a|(?:pari|ugual\w*)\s+o\s+inferior\w*\s+a|<=|≤", "<="),
    (r"(?:more|greater|higher|bigger|larger)\s+(?:th[ae]n|of)|over|above|abvoe|abve|exceed\w*|superior\w*\s+(?:a|to)|maggior\w*\s+di|piu\s+(?:di|che)|upwards?\s+of|in\s+excess\s+of|\+\s*di|oltre(?:\s+i|\s+a|\s+quota)?|sopra(?:\s+i|\s+a)?|(?:supera|oltrepass)\w*(?:\s+(?:quota|i|la\s+soglia\s+(?:di|dei)))?|beyond|>(?!=)", ">"),
    (r"at\s*least|minimum(?:\s+of)?|no\s+less\s+than|almeno|minimo|reach\w*|arriv\w+\s+a|raggiung\w*|>=", ">="),
    (r"(?:less|fewer|lower|smaller)\s+th[ae]n|below|under|fall\w*\s+short\s+of|inferior\w*\s+(?:a|to)|minor\w*\s+di|meno\s+di|sotto(?:\s+i|\s+a)?|<(?!=)", "<"),
    (r"at\s+most|maximum(?:\s+of)?|no\s+more\s+than|up\s+to|al\s+massimo|massimo|fino\s+a|<=", "<="),
    (r"equal\s+to|equals|exactly|uguale\s+a|pari\s+a|esattamente|=", "="),
]  # fmt: skip
_COMPARE = "|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(COMPARISONS))
# Column words; the number follows them ("risk group 2", "risk group above 1") or precedes a unit.
_COLUMNS = [
    (r"risk\s*(?:group|gruop|grup|goup|groop|grp|gr|class|level)|gr[u]?pp?o\s+di\s+ris+c?h?i?o|rg|bsl|biosafety\s+level|clas+e\s+di\s+ris+c?h?io|livello\s+di\s+ris+c?h?io|(?:livello\s+di\s+)?pericolosit\w*|ris+chio|riskgroup|gruppo|group", "riskgroup"),
    (r"nagoya(?:\s+(?:cond\w*|protocol\w*|category|code))?|condizion\w+\s+(?:di\s+)?nagoya|nagoyaconditions|nagoya\s*conditions", "nagoyaconditions"),
    (r"use\s+restrictions?(?:\s+level)?|user\s+restrictions?|restrictions?(?:\s+on\s+use)?|restriz\w+(?:\s+d'uso|\s+di\s+uso|\s+all'uso|\s+duso|\s+uso)?|userrestrictions|use\s*restrictions", "userrestrictions"),
    (r"min(?:imum|ima)?\s+(?:growth\s+)?temperatur\w*|temperatura\s+min(?:ima)?(?:\s+testata)?|testedtgmin|tg\s*min", "testedtgmin"),
    (r"max(?:imum|ima)?\s+(?:growth\s+)?temperatur\w*|temperatura\s+(?:massima|max)(?:\s+testata)?|testedtgmax|tg\s*max", "testedtgmax"),
    (r"(?:recommended\s+|recomended\s+|growth\s+|incubation\s+)?(?:temperatur\w*|tempr?e?ratur\w*|temp)(?:\s+(?:racco\w*|consigliat\w*|di\s+crescita|of\s+growth|for\s+growth))?|recommendedtemperature|recommendedtempgrowth|recommended\s*temp\s*growth|(?:grow\w*|grown|cultivat\w*|incubat\w*|cresc\w*|coltiv\w*)(?:\s+best)?\s+(?:at|a)", "recommendedtemperature"),
]  # fmt: skip
_UNIT = re.compile(r"\s*(?:°\s*c|°|degr?e{1,2}s?\b(?:\s+c(?:elsius)?)?|gradi(?:\s+c)?|c\b)")
_GROUP_NOUN = re.compile(
    r"\s*(?:strains?|strians?|isolates?|ceppi|cepi|ceppo|times|volte|isolati|isolato|records?|entries|members?|items?|cultures?|colture|elements?|elementi|esemplari|campioni|microbes?|microbi|bugs|micro-?organisms?|microrganismi|microorganismi)\b"
)
_RANGE = re.compile(
    # "between 20 and 25", and bare with a dash: "20-25 °C", "risk group 1-2"
    r"(?:(?:between|btwn|btw|tra|fra|from|da)\s+(?:i\s+|il\s+|gli\s+)?|(?<![\w.-])(?=\d+\s*-\s*\d))(?P<a>"
    + NUMBER
    + r")\s*(?:and|to|e|a|-)\s*(?:i\s+|il\s+|gli\s+)?(?P<b>"
    + NUMBER
    + r")"
)


def _operator(match: re.Match) -> str:
    for i, (_, op) in enumerate(COMPARISONS):
        if match.group(f"c{i}"):
            return op
    return "="


# "not fewer than 100", "non superano i due", "not used by more than ten", "don't reach 5": a negation
# at most two words before the comparison turns it round
_NOT_BEFORE = re.compile(r"(?:\b(?:not|non|nor|never|dont|doesnt|didnt)|n't)\s+(?:[a-z]+\s+){0,2}$|\bno\s+$")
_FLIPPED = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "<>"}


def compare_op(q: Question, start: int, cmp: str) -> str:
    """The operator of comparison words `cmp` found at `start`, a negation before it counted."""
    op = _operator(re.match(_COMPARE, cmp))
    before = q.folded[max(0, start - 30) : start]
    negated = _NOT_BEFORE.search(before)
    if negated is None or q.link_between(start - len(before) + negated.start(), start):
        return op
    return _FLIPPED[op]


def number_hints(q: Question) -> list[Hint]:
    columns = column_numbers(q)
    return columns + group_thresholds(q, columns)


def _column_number(pattern: str) -> re.Pattern:
    """A column word, fillers, an optional comparison, then a number, a range or a list of numbers."""
    return re.compile(
        r"\b(?:"
        + pattern
        + r")\b\s*(?:(?:is|are|of|=|:|pari|ugual[ei]\s+a|ugual[ei]|di|del|pari\s+a|equal\s+to|equals?|level|livello|e|sono|testat[oa]|tested|set\s+to|set\s+at|impostat[oaie]\s+a|non|not|nn|values?|valore)\s*)*"
        r"(?:(?P<cmp>" + _COMPARE + r")\s*(?:il\s+|i\s+|a\s+|than\s+|pari\s+a\s+|equal\s+to\s+)?)?"
        r"(?:(?P<range>"
        + _RANGE.pattern
        + r")|(?P<n>"
        + NUMBER
        + r")(?P<more>(?:\s*(?:,|or|and|o|e)\s*\d+(?![\w/])(?!\s*(?:°|degrees?|gradi)))*))"
        r"(?![\w/])"
    )


_COLUMN_NUMBERS = [(_column_number(pattern), column) for pattern, column in _COLUMNS]
NUMBER_COLUMNS = tuple(dict.fromkeys(column for _, column in _COLUMNS))  # the coded numeric columns
_THRESHOLD = re.compile(
    r"(?P<cmp>"
    + _COMPARE
    + r")\s*(?:the\s+|i\s+|an?\s+(?=hundred))?(?P<n>"
    + NUMBER
    + r")(?=(?:\s+(?:of\s+(?:the|those|these|our)|dei|degli|delle|tra\s+i|among\s+the))?(?:\s+[a-z]+)?"
    + _GROUP_NOUN.pattern
    + r"|\s*[?.!]*\s*$|\s*\?\s)"  # the end of the question, or of its asking sentence ("più di 20? col numero")
)


_THRESHOLD_BARE = re.compile(r"(?P<cmp>" + _COMPARE + r")\s*(?:the\s+|i\s+)?(?P<n>" + NUMBER + r")(?![\w.,])")
# the comparison after the number: "10 or more strains", "40 o più ceppi", "5 or fewer"
_OR_MORE = r"\s*(?:or|o)\s+(?:di\s+)?(?P<w>more|greater|higher|above|over|piu|superiore|less|fewer|lower|below|meno|inferiore|\+(?=\s))(?:\b|(?<=\+))"
_THRESHOLD_AFTER = re.compile(
    r"(?<![\w.])(?P<n>" + NUMBER + r")" + _OR_MORE + r"(?=" + _GROUP_NOUN.pattern + r"|\s*[?.!]*\s*$|\s*\?\s)"
)
# ... or after the group noun: "regions counting 50 strains or above"
# "group by substrate, count sopra 70": the comparison says of the count itself
_THRESHOLD_COUNT = re.compile(
    r"\b(?:count|conteggio|count\(\*\))\s*(?P<cmp>" + _COMPARE + r")\s*(?P<n>" + NUMBER + r")"
)
_THRESHOLD_OR_MORE = re.compile(r"(?<![\w.])(?P<n>" + NUMBER + r")" + _OR_MORE)  # "20 or more Aspergillus"
_THRESHOLD_AFTER_NOUN = re.compile(r"(?<![\w.])(?P<n>" + NUMBER + r")(?:\s+[a-z]+)?" + _GROUP_NOUN.pattern + _OR_MORE)
# "cities w/ 150+ strains", "substrates giving 60+ strains"
_THRESHOLD_PLUS = re.compile(r"(?<![\w.])(?P<n>\d+)\s*\+(?P<noun>" + _GROUP_NOUN.pattern + r"|\s*[?.!]*\s*$)?")
_LESS = ("less", "fewer", "lower", "below", "meno", "inferiore")


# temperatures listed with one unit after the last: "28 o a 30 gradi", "at 25 or 28 degrees"
_UNIT_LIST = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:[.,]\d+)?)(?P<more>(?:\s*(?:,|or|o|oppure)\s*(?:a\s+|at\s+)?\d+(?:[.,]\d+)?)+)"
    r"(?=" + _UNIT.pattern + ")"
)


def column_numbers(q: Question) -> list[Hint]:
    hints: list[Hint] = []
    taken: set[int] = set()
    for regex, column in _COLUMN_NUMBERS:
        for m in regex.finditer(q.folded):
            if taken.intersection(range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            hints.append(_hint(q, column, m, m.group("cmp") or _trailing(q.folded[m.end() :])))
    for m in re.finditer(_RANGE.pattern + r"(?=" + _UNIT.pattern + ")", q.folded):
        if not taken.intersection(range(m.start(), m.end())):
            taken.update(range(m.start(), m.end()))
            sql = f"recommendedtemperature BETWEEN {number_value(m.group('a'))} AND {number_value(m.group('b'))}"
            hints.append(
                Hint("number", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), "recommendedtemperature")
            )
    # A temperature with its unit and no column word: "grows at 37 degrees", "above 30 °C".
    unit = re.compile(
        r"(?:(?P<cmp>" + _COMPARE + r")\s*(?:i\s+|a\s+)?)?(?P<n>\d+(?:[.,]\d+)?)(?=" + _UNIT.pattern + ")"
    )
    for m in _UNIT_LIST.finditer(q.folded):  # "a 28 o a 30 gradi"
        if not taken.intersection(range(m.start(), m.end())):
            taken.update(range(m.start(), m.end()))
            hints.append(_hint(q, "recommendedtemperature", m, None))
    for m in unit.finditer(q.folded):
        if not taken.intersection(range(m.start(), m.end())):
            hints.append(_hint(q, "recommendedtemperature", m, m.group("cmp") or _trailing(q.folded[m.end() :])))
    return hints


def _trailing(after: str) -> str | None:
    """'15 degrees or less' / '30 o più': the comparison written after the number."""
    m = re.match(
        r"^\s*(?:°\s*c|°|degrees?|gradi|c\b)?\s*(?:or|o)\s+(?P<w>less|lower|below|fewer|meno|inferiore|more|higher|above|greater|piu|superiore)\b",
        after,
    )
    if not m:
        return None
    return "at most" if m.group("w") in ("less", "lower", "below", "fewer", "meno", "inferiore") else "at least"


_NEGATED = re.compile(r"\b(?:not|non|except|tranne|excluding|other\s+than|diverso\s+da)\b(?:\W+\w+){0,3}\W*$")


def _hint(q: Question, column: str, m: re.Match, cmp: str | None) -> Hint:
    negated = _NEGATED.search(q.folded[max(0, m.start() - 30) : m.start()])
    if negated and not cmp and not m.groupdict().get("range"):  # "not in risk group 2"
        sql = f"{column} <> {number_value(m.group('n'))}"
        return Hint("number", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column)
    more = re.findall(r"\d+", m.groupdict().get("more") or "")
    if more and not cmp:  # "risk group 2 or 3", "gruppo di rischio 1 e 2"
        listed = ", ".join(str(number_value(v)) for v in [m.group("n"), *more])
        return Hint(
            "number", "WHERE", f"{column} IN ({listed})", q.text[m.start() : m.end()], m.start(), m.end(), column
        )
    if m.groupdict().get("range"):
        r = _RANGE.search(m.group("range"))
        sql = f"{column} BETWEEN {number_value(r.group('a'))} AND {number_value(r.group('b'))}"
    else:
        if m.groupdict().get("cmp"):  # written before the number, where a negation may turn it
            op = compare_op(q, m.start("cmp"), cmp)
        else:  # after it ('15 degrees or less'), or none
            op = _operator(re.match(_COMPARE, cmp)) if cmp else "="
        sql = f"{column} {op} {number_value(m.group('n'))}"
    return Hint("number", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column)


def group_thresholds(q: Question, column_hints: list[Hint] | None = None) -> list[Hint]:
    """'more than 30 isolates', 'regions over 150': a comparison with a group noun after the number, or
    ending the question; never a number a column comparison already reads ('temperatura almeno 30')."""
    taken = [(h.start, h.end) for h in (column_numbers(q) if column_hints is None else column_hints)]
    hints = []
    for m in _THRESHOLD.finditer(q.folded):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            hints.append(_having(q, m, compare_op(q, m.start("cmp"), m.group("cmp"))))
    for m in _THRESHOLD_BARE.finditer(q.folded):  # a linked value as the noun: "oltre 50 penicilli"
        if q.link_after(m.end(), max_words=0) is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if not any(h.start == m.start() for h in hints):
            hints.append(_having(q, m, compare_op(q, m.start("cmp"), m.group("cmp"))))
    for m in [*_THRESHOLD_AFTER.finditer(q.folded), *_THRESHOLD_AFTER_NOUN.finditer(q.folded)]:
        if not _overlaps(m, taken, hints):
            hints.append(_having(q, m, "<=" if m.group("w") in _LESS else ">="))
    for m in _THRESHOLD_COUNT.finditer(q.folded):
        if not _overlaps(m, taken, hints):
            hints.append(_having(q, m, compare_op(q, m.start("cmp"), m.group("cmp"))))
    for m in _THRESHOLD_OR_MORE.finditer(q.folded):  # a linked value as the noun
        if q.link_after(m.end(), max_words=0) is not None and not _overlaps(m, taken, hints):
            hints.append(_having(q, m, "<=" if m.group("w") in _LESS else ">="))
    for m in _THRESHOLD_PLUS.finditer(q.folded):  # the noun may be a linked value: "50+ penicillium"
        if m.group("noun") is None and q.link_after(m.end(), max_words=0) is None:
            continue
        if not _overlaps(m, taken, hints):
            hints.append(_having(q, m, ">="))
    return hints


def _overlaps(m: re.Match, taken: list[tuple[int, int]], hints: list[Hint]) -> bool:
    """Whether `m` overlaps a span already read (a column number) or a threshold already found."""
    return any(a < m.end() and m.start() < b for a, b in taken + [(h.start, h.end) for h in hints])


def _having(q: Question, m: re.Match, op: str) -> Hint:
    """HAVING COUNT(*) `op` N for a threshold match with its number in group 'n'."""
    sql = f"COUNT(*) {op} {number_value(m.group('n'))}"
    return Hint("having", "HAVING", sql, q.text[m.start() : m.end()], m.start(), m.end())
