"""Boolean flags and their negation: "type strain" -> typestrain = TRUE; "not dual-use" -> dualuse = FALSE.

A flag word is negated by a negation word at most three words before it ("not a type strain", "non
sono in quarantena", "without GMO", "senza OGM"), or by a negating suffix ("non-GMO").
"""

from __future__ import annotations

import re

from linking.hints.aggregates import per_cue
from linking.hints.partial import cued_column
from linking.hints.strains import ACCESSION as _ACCESSION
from linking.hints.text import Question
from linking.types import Hint

FLAGS = [
    (r"type[\s-]*str(?:ai|ia)ns?|cepp[io]\s+(?:non\s+)?tip[oi]\b|ceppo\s+di\s+riferimento|typestrain|(?<=non\s)tipo", "typestrain"),
    (r"gmos?|ogm|genetically[\s-]+modified|geneticamente\s+modificat\w|transgenic\w*|transgenic\w*", "gmo"),
    (r"du[a-z]{1,2}l[\s-]*use|dupl?ice\s+uso|doppio\s+uso|dualuse", "dualuse"),
    (
        r"(?:eu\s+|european\s+|ue\s+)?quarant\w*(?:\s+(?:europea|europee|europeo|ue|eu|in\s+europa|"
        r"(?:dell'\s*|of\s+the\s+)(?:unione\s+europea|european\s+union|ue|eu)))?|euquarantine",
        "euquarantine",
    ),
    (r"available\s+for\s+distribution|distributable|disponibil\w+\s+(?:per|alla)\s+(?:la\s+)?distribuzione|distribuibil\w+|availablefordis", "availablefordis"),
    (r"available\s+at\s+(?:the\s+)?(?:cc|collection|culture\s+collection)|availableatcc|disponibil\w+\s+(?:presso|nella)\s+(?:la\s+)?collezione", "availableatcc"),
    (r"public\s+data|publicly\s+available\s+data|publicdata|dati\s+pubblici|data\s+(?:are|is)\s+public\w*|dati\s+(?:sono\s+)?pubblic\w*", "publicdata"),
    (r"registered\s+collection|registeredcollection|coll?ezione\s+registrata", "registeredcollection"),
    (r"(?<=`)status(?=`)|\bstatus\s*(?:a\s+)?(?:=|is|:|at+iv\w*|active|yes|si|flag)", "status"),
]  # fmt: skip
_NEGATION = re.compile(
    r"\b(?:not|no|non|nn|without|senza|isn't|aren't|arent|isnt|never|nessun\w*|excluding|except|tranne|esclus\w*|fuori|free\s+of|privi?\s+di)\b"
    r"(?:\W+\w+){0,5}\W*$"
)


# A flag whose value is not recorded (NULL): said of the information, not of the strain
_UNKNOWN_BEFORE = re.compile(
    r"\b(?:no|without(?:\s+an?)?|with\s+no|lacking(?:\s+an?)?|senza)\s+(?:recorded|known|registered)\s+$|\b"
    r"(?:manca|mancano|missing|no|without|senza|lack\w*|unknown|sconosciut\w*|(?:non|nn)\s+c\'\s*e(?:\s+nessuna)?|(?:non|nn)\s+ci\s+sono)\s+(?:l'|il\s+|i\s+|the\s+|un\s+|any\s+|alcuna\s+)?"
    r"(?:informazion\w*|information|info|dato|dati|data|valore|value|indicazion\w*)\s+"
    r"(?:su|sul|sulla|sullo|del|della|dello|di|on|about|for|of)\s*(?:the\s+|il\s+|la\s+|lo\s+|l')?$"
)
# "non è indicato se sono in quarantena", "not recorded whether it is dual use"
_UNKNOWN_WHETHER = re.compile(
    r"\b(?:non\s+(?:e\s+)?(?:indicat|specificat|not|registrat|riportat|sa|si\s+sa)\w*|not\s+(?:known|recorded|stated|specified|indicated|given)|unknown|"
    r"(?:do|does)\s*n[o']?t\s+know)\s+(?:se|whether|if)\b(?:\W+\w+){0,3}\W*$"
)
_UNKNOWN_AFTER = re.compile(
    r"^\W*(?:status\s+|stato\s+)?(?:is\s+|e\s+|è\s+|has\s+|have\s+)?(?:been\s+)?(?:unknown|not\s+(?:been\s+)?(?:recorded|specified|stated|given|indicated)|"
    r"sconosciut\w*|ignot\w*|null|empty|blank|left\s+(?:blank|empty)|not\s+filled(?:\s+in)?|unfilled|(?:holds?|contains?)\s+no\s+value|vuot\w*|(?:has|have)\s+no\s+value|senza\s+valore|"
    r"never\s+(?:been\s+)?(?:recorded|specified|stated|given|indicated|filled)|"
    r"non\s+(?:e\s+)?(?:stat[oa]\s+)?(?:indicat|registrat|not|specificat|valorizzat|compilat)\w*)\b"
)

# the flag's field holds something, whatever it is: "che riportano un valore nel campo quarantena UE",
# "`DualUse` filled in"
_KNOWN_BEFORE = re.compile(
    r"\b(?:riportan?o|hann?o|has|have|having|with|carr\w*)\s+(?:un|una|a|an|some)\s+(?:valore|value|entry|dato)\s+"
    r"(?:nel|in|for|under|per\s+il|sul)(?:\s+(?:the|il))?(?:\s+(?:campo|field))?\s*$"
)
_KNOWN_AFTER = re.compile(
    r"^\W*(?:field\s+|campo\s+)?(?:is\s+|e\s+|risulta\s+)?(?:filled(?:\s+in)?|populated|valorizzat\w*|compilat\w*|popolat\w*|"
    r"not\s+(?:null|empty|blank))\b"
)

# the flag set against its negation: "eu quarantine yes vs no", "ceppi tipo vs non tipo"
_VERSUS = re.compile(r"^\W*(?:(?:yes|si|true)\s+)?(?:vs\.?|versus|contro|or\s+not|o\s+no|o\s+non)(?!\w)")


def flag_hints(q: Question) -> list[Hint]:
    hints: list[Hint] = []
    seen: set[str] = set()
    for pattern, column in FLAGS:
        for m in re.finditer(r"(?<![\w])(?P<neg>non[\s-]|un)?(?:" + pattern + r")(?!\w)", q.folded):
            if column == "typestrain" and "riferimento" in m.group() and _ACCESSION.search(q.folded):
                continue  # "senza considerare il ceppo di riferimento": the strain a relative names
            if column in seen or any(link.start <= m.start() < link.end for link in q.links):
                continue  # "rhizosphere of transgenic Solanum" is a stored substrate, not the gmo flag
            if cued_column(q, m.start()) is not None:
                continue  # "substrate contains transgenic": a word in a text column (partial.py)
            if per_cue(q, m.start()):
                continue  # "grouped by TypeStrain": a group (aggregates.py), not a condition
            before, after = q.folded[max(0, m.start() - 40) : m.start()], q.folded[m.end() : m.end() + 40]
            if _VERSUS.match(after):  # "gmo vs non gmo, count for each": the flag's groups
                seen.add(column)
                hints.append(Hint("group", "GROUP BY", column, q.text[m.start() : m.end()], m.start(), m.end(), column))
                continue
            # "no information on dual use" (NULL); "un valore nel campo quarantena UE" (NOT NULL)
            unknown = _UNKNOWN_BEFORE.search(before) or _UNKNOWN_WHETHER.search(before) or _UNKNOWN_AFTER.match(after)
            if unknown or _KNOWN_BEFORE.search(before) or _KNOWN_AFTER.match(after):
                seen.add(column)
                sql = f"{column} IS NULL" if unknown else f"{column} IS NOT NULL"
                hints.append(Hint("missing", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column))
                continue
            said_no = re.match(
                r"^`?\s*(?:is\s+|e\s+|è\s+)?(?:==?|is|:|e|è|uguale\s+a|equal\s+to|equals|pari\s+a|set\s+to)?\s*(?:no|false|falso|n)\b"
                r"|^`?\s*(?:!=|<>|≠|is\s+not)\s*(?:yes|true|vero|si)\b",  # "euquarantine != TRUE"
                after,
            )
            negation = _NEGATION.search(before)
            # "not from Italy, in quarantine": a value between says the negation is its own
            if negation and q.link_between(m.start() - len(before) + negation.start(), m.start()):
                negation = None
            negated = bool(m.group("neg")) or bool(negation) or bool(said_no) or "non " in m.group()
            seen.add(column)
            sql = f"{column} = {'FALSE' if negated else 'TRUE'}"
            hints.append(Hint("flag", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), column))
    return hints
