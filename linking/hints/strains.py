"""One strain named by accession number: a lookup, or the reference of "the same species as ...".

"MUT00003610" -> accessionnumber = 'MUT00003610'; "same substrate as MUT00003610" -> substrate =
(SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610'), and "other strains ..."
also leaves the strain itself out.
"""

from __future__ import annotations

import re

from linking.hints.dates import date_column
from linking.hints.text import Question
from linking.types import Hint

# "MUT00003610", "tucc 1546", and as dictated: "tuc 93", "mutt 1120"
ACCESSION = re.compile(r"\b(?P<acc>(?:tucc?|mutt?)\s*-?\s*\d{2,8})(?='?s\b|\b)")
_SAME = re.compile(r"\b(?:same|identical|stess[oaie]|medesim[oaie]|uguale|come)\s+(?:\w+\s+){0,2}$")
_OTHER = re.compile(
    r"\b(?:other|others|othr|otehr|else|altri|altre|altro|besides|oltre\s+a|apart\s+from|a\s+parte|excluding|exluding|escluso|esclus[oa]|escludend\w*|except|"
    r"leaving\s+(?:(?:it|that\s+one|this\s+one|that\s+strain)\s+)?out|but\s+not\s+(?:it|itself)|omitting|omettend\w*|excluded|excepted|excl|minus|leave\s+(?:that|this|it)(?:\s+one)?\s+out|skip(?:ping)?\s+(?:that|this|it)(?:\s+one)?|lascia\w*\s+fuori|ad\s+esclusione|"
    r"not\s+(?:counting|including|incl)|any\s+more|(?:ma|però|pero)\s+(?:lui|esso|quello|quest[oa])\s+no|not\s+that\s+one|different\s+from|divers[oaie]\s+da|"
    r"senza\s+(?:contare\s+)?(?:di\s+)?(?:quello|quest[oa]|quest'\s*ultim[oa]|lui|esso)|(?:ad\s+eccezione\s+di|eccetto|tranne)\s+(?:quest|lui|esso|quello)|exept|"
    # the strain itself left out in words of its own: "leaving that strain itself aside", "però X non
    # metterlo", "fatta eccezione per il ceppo medesimo", "senza considerare il ceppo di riferimento"
    r"(?:that|this|the)\s+(?:strain|one|isolate)\s+(?:itself\s+)?aside|(?:it|itself)\s+aside|"
    r"non\s+(?:metterl|includerl|contarl|considerarl)\w*|il\s+ceppo\s+(?:medesimo|stesso|di\s+riferimento)|"
    r"(?:fatta\s+eccezione\s+per|senza\s+consider\w*|non\s+consider\w*)\s+(?:il\s+ceppo|lui|esso|quest)|(?:fatta\s+eccezione\s+per|senza\s+consider\w*)\s+(?=(?:tucc|mut)\s*-?\d))\b"
)
_ITSELF = re.compile(
    r"(?<!not\s)(?<!non\s)\b(?:includ\w*\s+(?:it|itself|that\s+one|the\s+strain|tucc|mut)|incl\.?\s+(?:it|itself)|(?:it|itself)\s+included|"
    r"compres[oa]|inclus[oa]|incluso\s+lui|anche\s+lui|contando\s+anche|counting\s+(?:it|itself|that\s+one|the\s+strain))\b"
)
# a property named by a word of its own: "conspecifics of X", "congeneri di X"
_IMPLIED = re.compile(r"\bconspecif\w*|\b(?P<g>congener\w*)")
_SAME_COLUMN = {  # words for the compared property when the linker found no column mention
    "species": "scientificname", "specie": "scientificname", "genus": "genus", "genere": "genus",
    "substrate": "substrate", "substrato": "substrate", "habitat": "isolationhabitat", "locality": "locality",
    "localita": "locality", "country": "country", "paese": "country", "region": "region", "regione": "region",
    "city": "city", "citta": "city", "place": "geoorigin", "origin": "geoorigin", "origine": "geoorigin",
    "luogo": "geoorigin", "spot": "locality", "tissue": "substrate", "material": "substrate", "materiale": "substrate", "medium": "recommendedmedium", "terreno": "recommendedmedium",
}  # fmt: skip


def accession_of(text: str) -> str:
    """'mut 3610' -> 'MUT00003610', 'TUCC0001546' -> 'TUCC00001546' (the catalogue's eight digits)."""
    digits = re.sub(r"\D", "", text)
    prefix = "TUCC" if text.lower().startswith("tuc") else "MUT"
    return prefix + digits.zfill(8)


def strain_hints(q: Question) -> list[Hint]:
    hints: list[Hint] = []
    compared: set[str] = set()
    found = [(m, accession_of(m.group("acc")), _same_column(q, m.start())) for m in ACCESSION.finditer(q.folded)]
    # "the strains, MUT00004710 excluded, whose substrate matches that of MUT00004710": one strain,
    # compared; its other mentions only say whether it is counted
    related = {accession for _, accession, column in found if column is not None}
    for m, accession, column in found:
        if accession in compared or (column is None and accession in related):
            continue
        compared_on = _compared(q, m, accession, column)
        if compared_on is None:
            sql = f"accessionnumber = '{accession}'"
            hints.append(
                Hint("accession", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), "accessionnumber")
            )
            continue
        hints.append(compared_on)
        compared.add(accession)
        named_again = [other for other, again, _ in found if again == accession and other.start() > m.start()]
        if (_OTHER.search(q.folded) and not _ITSELF.search(q.folded)) or any(_left_out(q, o) for o in named_again):
            sql = f"accessionnumber <> '{accession}'"
            hints.append(
                Hint("relative", "WHERE", sql, q.text[m.start() : m.end()], m.start(), m.end(), "accessionnumber")
            )
    return hints


def _compared(q: Question, m: re.Match, accession: str, column: str | None) -> Hint | None:
    """The property the strains share with the accession: a column ("same species as X"), or the year
    of a date column ("collected in the same year as X"); None when the accession is only looked up."""
    year = _same_year(q, m.start()) if column is None else None
    if year is not None:
        date, begin = year
        key = f"LEFT({date}, 4)"
        sql = f"{key} = (SELECT {key} FROM detailedstrain WHERE accessionnumber = '{accession}')"
        return Hint("relative", "WHERE", sql, q.text[begin : m.end()], begin, m.end(), date)
    if column is None:
        return None
    sql = f"{column} = (SELECT {column} FROM detailedstrain WHERE accessionnumber = '{accession}')"
    begin = _linked_property_start(q, m.start(), column)
    return Hint("relative", "WHERE", sql, q.text[begin : m.end()], begin, m.end(), column)


_LEAVE_BEFORE = re.compile(
    r"\b(?:not|but\s+not|leaving|leave|except|exept|excluding|without|minus|senza|tranne|eccetto|escluso|non)\s+(?:\w+\s+)?$"
)
_LEAVE_AFTER = re.compile(
    r"^'?s?\W*(?:itself\s+)?(?:(?:left|put|set|kept)\s+)?(?:out|excluded|aside|escluso|esclusa|fuori|non\s+\w+l[oa])\b"
)


def _left_out(q: Question, mention: re.Match) -> bool:
    """The strain named again only to be left out: "but not TUCC00001240 itself", "leaving X out"."""
    before = q.folded[max(0, mention.start() - 25) : mention.start()]
    return bool(_LEAVE_BEFORE.search(before) or _LEAVE_AFTER.match(q.folded[mention.end() : mention.end() + 20]))


def _linked_property_start(q: Question, start: int, column: str) -> int:
    """Where the hint begins: at the property word when the linker also took it for a value ("lo
    stesso terreno di X" is the medium, not the soil 'terreno'), so that the value link is dropped."""
    for link in q.links:
        word = q.folded[link.start : link.end]
        if start - 40 <= link.start < start and _SAME_COLUMN.get(word) == column:
            return link.start
    return start


def _same_column(q: Question, start: int) -> str | None:
    """The compared property: named after a 'same' word before the accession ("same species as"), or
    right after it ("MUT00007537, same species")."""
    low = max(0, start - 60)
    tail = start + len(_tail(q, start))  # where the accession ends
    rest = q.folded[tail:]
    like = _LIKE.search(q.folded[low:start])
    liked = _property(q, low + like.start(), low + like.start("cue")) if like is not None else None
    if liked is not None:  # "habitat d'isolamento come X"
        return liked
    equal = _EQUAL_OF.search(q.folded[low:start])
    named = _property(q, low + equal.start(), low + equal.end(1)) if equal is not None else None
    if named is not None:  # "`Genus` = genus of X", "genere = genere di X", "località = quella di X"
        return named
    implied = _IMPLIED.search(q.folded[low:start])
    if implied is not None:
        return "genus" if implied.group("g") else "scientificname"
    which = _WHICH.search(q.folded[low:start])
    if which is not None:  # "the species to which X belongs", "del genere a cui appartiene X"
        return _property(q, low + which.start(), low + which.end("p"))
    source = _THE_PROPERTY.search(q.folded[low:start])
    if source is not None and _CAME_FROM.match(rest):
        return _property(q, low + source.start(), start)  # "from the habitat X came from"
    same = None
    for found in _SAME_WORD.finditer(q.folded[low:start]):
        same = found
    possessive = re.match(r"^'?s\s+(?:\w+\s+)?\w+", rest)
    if same is not None:
        named = _property(q, low + same.end(), start)
        if named is None and possessive is not None:  # "sharing MUT00002940's habitat"
            return _property(q, tail, tail + possessive.end())
        whose = [w.end() for w in _WHOSE.finditer(q.folded[: low + same.start()])]
        if named is None and whose:  # "whose isolation habitat is the same as that of X"
            return _property(q, whose[-1], low + same.start())
        return named or _beside(q, start, tail)  # "`Region` uguale a quella di X"
    # "strains from X's region"; "X's genus, everything in it"
    if possessive is not None and (_STRAINS_IN.search(q.folded[:start]) or _SET_CUE.search(rest[possessive.end() :])):
        return _property(q, tail, tail + possessive.end())
    that_of = _THAT_OF.search(q.folded[low:start])
    if that_of is not None and _WHOSE.search(q.folded[: low + that_of.start()]):
        # "whose substrate matches that of X", "whose country is the country of X" (not "what is the
        # substrate of X?", a lookup)
        if that_of.group("p") is None:
            return _property(q, low, low + that_of.start())
        return _property(q, low + that_of.start("p"), low + that_of.end("p"))
    of = _PROPERTY_OF.search(q.folded[low:start])
    # "other isolates of the species of X"; "strains in the genus of X", "i ceppi della regione di X";
    # "locality of X, all strains from there"
    if of is not None and (
        _OTHER.search(q.folded[: low + of.start()])
        or _STRAINS_IN.search(q.folded[: low + of.start()])
        or _BELONG.search(q.folded[: low + of.start()])
        or _FROM_THERE.match(rest)
    ):
        return _property(q, low + of.start(), start)
    common = _IN_COMMON.search(q.folded[low:start])
    if common is not None:  # the property before ('city in common with') or after ('in comune il paese')
        return (
            _property(q, low + common.end(), start)
            or _property(q, low, low + common.start())
            or _property(q, tail, tail + 40)  # "hanno in comune con X l'habitat di isolamento"
        )
    its = _ITS.match(rest)
    named = _property(q, tail + its.start("p"), tail + its.end("p")) if its is not None else None
    if named is not None and (_OTHER.search(q.folded[low:start]) or _SET_CUE.search(rest)):
        return named  # "oltre a X, chi altro ...", "X: tutti i ceppi che hanno la sua stessa località"
    matched = _MATCH_BEFORE.search(q.folded[low:start]) and _ON_AFTER.match(rest)
    if matched:  # "which yeasts match X on region?", "coincidono con X per terreno"
        begin = tail + matched.end()
        return _property(q, begin, min(len(q.folded), begin + 30))
    after = re.search(r"^\W*(?:\w+\W+){0,5}?(?:same|stess[oaie]|medesim[oaie]|shar(?:e|es|ing)|condivid\w*)\b", rest)
    # "I've got X on the bench right now; which other strains were isolated from the same substrate?"
    # "What's the deal with X? Gimme the other strains off the same substrate": the next sentence asks
    after = after or re.search(r"^[^;:?]{0,60}[;:.,?]\s*(?:\w+\W+){0,14}?(?:same|stess[oaie]|medesim[oaie])\b", rest)
    if after is not None:
        begin = tail + after.end()
        return _property(q, begin, min(len(q.folded), begin + 30))
    return _beside(q, start, tail)


_SAME_YEAR = re.compile(
    r"\b(?:(?:the\s+|lo\s+|nello\s+|nel\s+)?(?:same|stess[oa]|medesim[oa])\s+(?:year|yr|anno)|(?:year|anno)\s+(?:of|di|del)\s+"
    r"(?:collection|isolation|deposit|raccolta|isolamento|deposito))\s+(?:as|of|di|del|in\s+which|in\s+cui)?\s*(?:\w+\s+){0,3}$"
)


def _same_year(q: Question, start: int) -> tuple[str, int] | None:
    """The date column whose year the strains share with the accession at `start` ("ceppi raccolti
    nello stesso anno di X", "isolated the same year as X") and where those words begin, else None."""
    low = max(0, start - 40)
    found = _SAME_YEAR.search(q.folded[low:start])
    return (date_column(q, low + found.end()), low + found.start()) if found else None


# a question about a set of strains, not about the one strain (its record, its details)
_SET_CUE = re.compile(
    r"\b(?:strains|isolates|ceppi|cepi|isolati|cultures|colture|others|altri|altre|all|every|everything|tutti|tutte|ones|those|quelli|"
    r"quelle|how\s+many|how\s+mnay|quanti|quante|total|totale|count|conta\w*|numero|number|who\s+else|anyone\s+else|chi\s+altr[oi])\b"
)
_LOOKUP_CUE = re.compile(r"\b(?:record|scheda|details?|dettagli|info|informazion\w*|entry|voce)\b")
_NOT_COMPARED = {"accessionnumber", "collectiondate", "isolationdate", "depositdate", "inclusiondate"}


def _beside(q: Question, start: int, tail: int) -> str | None:
    """A property word right beside the accession, in a question about a set of strains: "genus of X,
    only the ones collected after 2006", "regione di X, gli altri ceppi", "X e tutti quelli della sua
    specie", "`Region` uguale a quella di X" (not "details for X", a lookup)."""
    rest = q.folded[:start] + " " + q.folded[tail:]
    if not _SET_CUE.search(rest) or _LOOKUP_CUE.search(rest):
        return None
    before = re.search(r"(?:\w+\W+){0,5}$", q.folded[:start])
    after = re.match(r"\W*(?:\w+\W*){0,6}", q.folded[tail:])
    begin, end = before.start() if before else start, tail + (after.end() if after else 0)
    return _free_property(q, begin, start) or _free_property(q, tail, end)


def _free_property(q: Question, begin: int, end: int) -> str | None:
    """The first property named between `begin` and `end` that no value or missing cue takes."""
    for place in q.mentions:
        if not (place.end > begin and place.start < end) or place.column in _NOT_COMPARED:
            continue
        valued = q.link_after(place.end, max_words=1) is not None
        missing = re.search(r"\b(?:without|senza|no|w/o|missing|lack\w*)\s+(?:\w+\s+)?$", q.folded[begin : place.start])
        if not valued and not missing:
            return "scientificname" if place.column == "species" else place.column
    for word in re.findall(r"\w+", q.folded[begin:end]):
        column = _SAME_COLUMN.get(word) or _SAME_COLUMN.get(_MISSPELT.get(word, ""))
        if column:
            return column
    return None


_MISSPELT = {"genre": "genere", "specis": "species", "spece": "specie", "habtat": "habitat", "regon": "region"}


_MATCH_BEFORE = re.compile(r"\b(?:match\w*|agree\w*|coincid\w*|corrispond\w*|concord\w*)\s+(?:with\s+|con\s+)?$")
_ON_AFTER = re.compile(
    r"^'?s?\W*(?:on|in|for|by|per|as\s+to|in\s+terms\s+of|quanto\s+a|riguardo\s+a(?:l|lla|llo)?)\s+(?:the\s+|il\s+|la\s+|lo\s+|l')?"
)
_LIKE = re.compile(r"(?:\w+\W+){1,4}(?P<cue>come|like)\s+$")
_EQUAL_OF = re.compile(
    # "`Genus` = genus of X", "località = quella di X", "country = that of X"
    r"\b(\w+)\s*(?:=|==|equals?|uguale\s+a)\s*(?:(?:the\s+|il\s+|la\s+|lo\s+|l')?\1|that|the\s+one|quell[oa])"
    r"\s+(?:of|di|del|della|dello|dell')\s*$"
)
_SAME_WORD = re.compile(
    r"\b(?:same|identical|stess[oaie]|medesim[oaie]|shar(?:e|es|ed|ing)|condivid\w*|equals?\s+(?:the|that)|"
    r"uguale\s+a(?:l|lla|llo)?|pari\s+a(?:l|lla|llo)?)\b"
)


_THAT_OF = re.compile(
    r"\b(?:is|are|=|equals?|match\w*|e|sono|uguale\s+a|coincid\w*\s+(?:con|with)|corrispond\w*(?:\s+(?:a|con))?)\s+"
    r"(?:that\s+of|the\s+one\s+of|quell[oa]\s+(?:di|del)|(?:the|il|la|lo)\s+(?P<p>\w+)\s+(?:of|di|del|della))\s+"
    r"(?:(?:ceppo|strain)\s+)?$"
)
_WHICH = re.compile(
    r"\b(?P<p>\w+)\s+(?:to|in|from|of)?\s*(?:which|where|dove|a\s+cui|in\s+cui|da\s+cui|di\s+cui)\s+(?:[a-z]+\s+){0,3}$"
)
_THE_PROPERTY = re.compile(r"\b(?:the|il|la|lo|l')\s*\w+\s+$")
_CAME_FROM = re.compile(r"^\s*(?:came|comes|come|was\s+(?:found|isolated|collected)|belongs?|proviene|viene)\b")
_FROM_THERE = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:from\s+there|there|da\s+l[iì]|l[iì])\b")
_WHOSE = re.compile(r"\b(?:whose|cui|where|dove)\b")
_PROPERTY_OF = re.compile(r"\b\w+\s+(?:of|di|del|della|dello)\s+$")
_BELONG = re.compile(
    r"\b(?:belong\w*\s+to|are\s+in|appartien\w*|appartengon\w*|fanno\s+parte)\s+(?:the\s+|il\s+|la\s+|lo\s+|alla\s+|al\s+|allo\s+|all'|a(?:l|lla|llo)?\s+)?$"
)
# "city in common with X", "hanno in comune il paese con X"
_IN_COMMON = re.compile(r"\bin\s+com+(?:on|une)\b")
# "oltre a X stesso, chi altro appartiene alla sua specie?"
_ITS = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:its|sua|suo|la\s+sua|il\s+suo|alla\s+sua|al\s+suo)\s+(?:(?:own|stess[oa]|medesim[oa])\s+)?(?P<p>\w+)"
)
_STRAINS_IN = re.compile(
    r"\b(?:strains?|isolates?|ceppi|isolati|cultures?|colture)\s+"
    r"(?:(?:collected|isolated|found|sampled|obtained|raccolt[oaie]|isolat[oaie]|trovat[oaie]|campionat[oaie]|prelevat[oaie])\s+)?"
    r"(?:(?:in|of|from|with|sharing|del|della|dello|dei|"
    r"nel|nella|nello|dal|dalla|dallo|da|con)\s+)?(?:(?:the|its|il|la|lo|l')\s*)?$"
)


def _tail(q: Question, start: int) -> str:
    """The accession itself, from `start`."""
    m = ACCESSION.match(q.folded, start)
    return m.group() if m else ""


def _property(q: Question, begin: int, end: int) -> str | None:
    for place in q.mentions:
        if begin <= place.start < end:
            return "scientificname" if place.column == "species" else place.column
    for word in re.findall(r"\w+", q.folded[begin:end]):
        if word in _SAME_COLUMN:
            return _SAME_COLUMN[word]
    return None
