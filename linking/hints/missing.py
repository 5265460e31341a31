"""Missing or recorded values: "no isolation date" -> isolationdate IS NULL; "with a known risk group"
-> riskgroup IS NOT NULL; "senza substrato", "paese mancante", "habitat not recorded".

Only a column word is read this way (a value after "without" is an exclusion, linking/hints/modifiers.py),
and never a boolean flag (flags.py reads "without GMO").
"""

from __future__ import annotations

import re

from linking.hints.text import Question
from linking.types import Hint

FLAG_COLUMNS = {
    "gmo", "typestrain", "dualuse", "euquarantine", "availablefordis", "availableatcc", "publicdata",
    "registeredcollection", "status",
}  # fmt: skip
_MISSING_BEFORE = re.compile(
    r"\b(?:with\s*out(?:\s+an?|\s+any)?|w/o|w/out|(?:nobody|no\s+one|no-one)\s+(?:has\s+)?(?:filled|entered|recorded|gave)(?:\s+in)?|with\s+no|no|(?:we\s+)?(?:do\s*n[o']?t|does\s*n[o']?t|did\s*n[o']?t)\s+know|non\s+(?:conosciamo|sappiamo)|mis+ing|lack\w*|(?:never|not)\s+(?:been\s+)?(?:given|assigned|attributed)|(?:do|does|did)\s*n[o']?t\s+have|dont\s+have|(?:have|has)\s+not|haven'?t(?:\s+got)?|hasn'?t(?:\s+got)?|unknown|unrecorded|empty|null|blank|senza|sena|sensa|nothing\s+(?:recorded|entered|listed|given)?\s*(?:as|for|under|in)|manc\w*|priv[iaoe]\s+(?:di|del|della|dello|dei|degli|delle|dell')|(?:non|nn)\s+(?:riporta|indica|specifica|registra|presenta|contien)\w*|nessun\w*|neither|(?:non|nn)\s+(?:hann?o|ha|avere|avent[ei])|non\s+si\s+conosce|non\s+e\s+not[oa]|(?:non|nn)\s+risult\w+\s+(?:indicat|riportat|registrat|specificat|compilat|inserit|not)\w*|non\s+(?:e|sono)\s+(?:stat[oaie]\s+)?(?:indicat|riportat|specificat|registrat|compilat|assegnat|inserit)\w*|sconosciut\w*)"
    r"(?:(?:\s+|(?<='))(?:the|a|an|il|la|lo|l'|i|le|gli|di|del|della|dello|dell'|al|alla|allo|ai|alle|agli|any|campo|field|valore|value|in|records?\s+of|statements?|entr(?:y|ies)|recorded|known|registrat\w*|alcun\w*|nessun\w*|qualsiasi|qualunque|relativ[oaie]|riguardant[ei]|whatsoever|indication|una?|both|ne|entramb\w*|indicazion\w*|informazion\w*|information|info|on|about|sul|sulla|sullo|codice|code))*\s*$"
)  # fmt: skip
_MISSING_AFTER = re.compile(  # also in a form's words: "isolation date: (blank)", "città: non compilata"
    r"^[\s:=(\[]*(?:field\s+|campo\s+|value\s+|valore\s+)?(?:is|are|was|were|e|sono|has|have)?\s*(?:(?:was|were|is|been|never|not|both|entrambi|entrambe)\s+)*(?:mis+ing|unspecified|unknown|unk\w*n\b|ignot\w*|(?:is|are)\s+not\s*(?=[.,;:?!)]|$)|left\s+(?:blank|empty|out)|(?:wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t\s+been|haven'?t\s+been)\s+(?:recorded|known|given|filled|set|reported|specified|indicated|entered)|lasciat\w*\s+(?:vuot\w*|in\s+bianco)|in\s+bianco|not\s+(?:recorded|known|given|filled|set|reported|available|specified|indicated)|(?:not|never)\s+been\s+(?:recorded|given|filled|set|reported|specified|indicated|entered|documented)|never\s+(?:recorded|given|filled)|recorded\s+as\s+unknown|(?:holds?|has|have|contains?|carr(?:y|ies))\s+no\s+(?:value|entry|data|information)|no\s+(?:value|entry)\b|(?:left\s+)?undocumented|not\s+documented|empty|null|blank|"
    r"manc\w*|sconosciut\w*|(?:non|nn)\s+pervenut\w*|(?:non|nn)\s+(?:(?:e|sono|risulta|risultano)\s+)?(?:stat[oaie]\s+)?(?:indicat\w*|registrat\w*|not\w*|specificat\w*|present\w*|compilat\w*|riportat\w*|disponibil\w*|valorizzat\w*)|vuot\w*|assent\w*)\b"
)  # fmt: skip
_PRESENT_BEFORE = re.compile(
    r"\b(?:(?:with|w/)(?:\s+an?|\s+some)?(?:\s+known|\s+recorded)?|(?<!not\s)(?<!never\s)got(?:ten)?(?:\s+an?|\s+any|\s+some)?|having(?:\s+an?)?|(?:do|does|did)\s+have(?:\s+an?|\s+any)?|(?:information|info|data|details|an?\s+note|notes)\s+(?:on|about)(?:\s+the)?|"
    r"(?:informazion\w*|note)\s+(?:su|sul|sulla|sullo|sui|sulle)|(?:we\s+)?(?:actually\s+|really\s+)?know\s+the|(?:have|has|having|with|carry\w*)\s+an?\s+(?:value|entry)\s+(?:in|for|under)(?:\s+the)?|hann?o\s+un\s+valore\s+(?:nel|per\s+il)(?:\s+campo)?|dispon\w+\s+(?:sia\s+)?(?:di|del|della|dello|dell'|dei|delle)(?:\s+una?|\s+il|\s+la)?|that\s+have(?:\s+an?)?|which\s+have(?:\s+an?)?|risultan?o(?:\s+(?:il|la|lo|l'|i|le|gli))?|(?:che\s+)?riportan?o(?:\s+(?:una?|il|la|i|le|dei|delle|numeri\s+di|numero\s+di))?|(?:con|cn)(?:\s+una?|\s+il|\s+la|\s+le|\s+i)?|(?:che\s+)?hann?o\s+(?:compilat|valorizzat|indicat|registrat)\w*(?:\s+sia)?(?:\s+(?:il|la|lo|l'|i|le))?|(?:che\s+)?hann?o(?:\s+una?|\s+il|\s+la|\s+l'|\s+delle|\s+dei|\s+degli)?|known|recorded|(?:e|sono)\s+(?:stat[oaie]\s+)?(?:indicat|riportat|registrat|specificat|not|annotat|compilat|inserit|segnat)\w*(?:\s+(?:il|la|lo|l'|i|le|gli))?|"
    r"(?:ce\s+)?l'?\s*hann?o\s+(?:segnat|indicat|riportat|registrat)\w*(?:\s+(?:il|la|lo|l'|i|le|gli))?)"
    r"\s*$"
)  # fmt: skip
_PRESENT_AFTER = re.compile(
    r"^\s*(?:field\s+|campo\s+|entry\s+|entries\s+)?(?:is|are|has\s+been|have\s+been|e\s+stat[oa]|risulta|risultano)?\s*(?:known|recorded|given|filled(?:\s+in)?|set|present|available|specified|documented|listed|populated|not\s+(?:null|empty|missing)|documentat\w*|on\s+(?:file|record)|"
    r"not[oaie]|notat\w*|indicat\w*|registrat\w*|present\w*|compilat\w*|specificat\w*|riportat\w*|valorizzat\w*|popolat\w*|pien[oaie])\b"
)  # fmt: skip


# "lacking both a collection date and an isolation date": the next column word shares the cue
# "with a collection date but not an isolation date": a column contrasted with a present one
_CONTRASTED = re.compile(r"^\W*(?:but|ma|and|e)\s+(?:not|non|no)\s+(?:an?\s+|the\s+|il\s+|la\s+|lo\s+|l'|una?\s+)?$")
_LISTED = re.compile(
    r"^\W*(?:and|e|ed|or|o|nor|ne|sia)\s+(?:an?\s+|the\s+|il\s+|la\s+|lo\s+|l'|del\s+|della\s+|dello\s+|dell'|di\s+)?$"
)


def missing_hints(q: Question) -> list[Hint]:
    hints: list[Hint] = []
    for place in q.mentions:
        if place.column in FLAG_COLUMNS:
            continue
        listed = _listed(q, place, hints)
        if listed or _contrasted(q, place, hints):
            sql = f"{place.column} {listed or 'IS NULL'}"
            hints.append(
                Hint("missing", "WHERE", sql, q.text[place.start : place.end], place.start, place.end, place.column)
            )
            continue
        before = q.folded[max(0, place.start - 50) : place.start]
        after = q.folded[place.end : place.end + 40]
        missing_after = _MISSING_AFTER.match(after)
        cue_after = missing_after or _PRESENT_AFTER.match(after)
        if missing_after or _MISSING_BEFORE.search(before) or _neither(q, before):
            sql = f"{place.column} IS NULL"
        elif _present(q, place, before, after):
            sql = f"{place.column} IS NOT NULL"
        else:
            continue
        end = place.end + cue_after.end() if cue_after else place.end  # 'left blank' is read, not a value
        hints.append(Hint("missing", "WHERE", sql, q.text[place.start : end], place.start, end, place.column))
    return _listed_before(q, hints)


def _listed_before(q: Question, hints: list[Hint]) -> list[Hint]:
    """'whose substrate and isolation habitat are both empty': a column listed right before one asked
    as missing or present, with no value or cue of its own, shares its cue."""
    shared = []
    for earlier, later in zip(q.mentions, q.mentions[1:], strict=False):
        hint = next((h for h in hints if h.start == later.start), None)
        if hint is None or any(h.start == earlier.start for h in hints) or earlier.column in FLAG_COLUMNS:
            continue
        if _LISTED.match(q.folded[earlier.end : later.start]) and q.link_after(earlier.end, max_words=1) is None:
            sql = hint.sql.replace(later.column, earlier.column, 1)
            span = q.text[earlier.start : earlier.end]
            shared.append(Hint("missing", "WHERE", sql, span, earlier.start, earlier.end, earlier.column))
    return sorted(hints + shared, key=lambda h: h.start)


def _listed(q: Question, place, hints: list[Hint]) -> str | None:
    """'IS NULL' or 'IS NOT NULL' for a column listed right after one asked as missing or present
    ("and an isolation date", "sia la città sia la località"), with no value of its own (not
    "`IsolationDate` is null and `Genus` = Penicillium")."""
    if not (hints and hints[-1].kind == "missing" and _LISTED.match(q.folded[hints[-1].end : place.start])):
        return None
    if q.link_after(place.end, max_words=1) is not None or "=" in q.folded[place.end : place.end + 5]:
        return None
    return "IS NULL" if hints[-1].sql.endswith(" IS NULL") else "IS NOT NULL"


def _neither(q: Question, before: str) -> bool:
    """'né data raccolta né data isolamento': Italian 'né' before the column, twice in the question."""
    return bool(re.search(r"\bne\s+$", before)) and len(re.findall(r"\bne\s", q.folded)) >= 2


def _contrasted(q: Question, place, hints: list[Hint]) -> bool:
    """Set against the column just asked as present ("an isolation date but not a collection date")."""
    return bool(
        hints and hints[-1].sql.endswith("IS NOT NULL") and _CONTRASTED.match(q.folded[hints[-1].end : place.start])
    )


def _present(q: Question, place, before: str, after: str) -> bool:
    """'with an isolation date' but not 'with substrate soil' (a value follows), 'with Ploidy != X' or 'per country'."""
    if _PRESENT_AFTER.match(after):
        return True
    if not _PRESENT_BEFORE.search(before):
        return False
    followed = q.link_after(place.end, max_words=2)
    rest = after.strip()
    return followed is None and not re.match(r"^(?:=|!=|<>|is\b|of\b|equal|uguale|pari|divers|\w+ing\b|\d)", rest)
