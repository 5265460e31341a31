"""How a linked value is compared: contained in the column, or excluded.

"habitat mentions forest" / "con 'Posidonia' nel substrato" / "contiene" -> the link's column
ILIKE '%forest%' (the word as typed); identificationtechnique holds lists ('Morphological;Molecular')
so a value there is always matched as contained. "not from Italy" / "except yeasts" / "tranne" ->
the link is excluded. The rule sets `Link.operator`; the prompt and post-processing read it.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from linking.hints.text import Place, Question
from linking.types import Link

LIST_COLUMNS = {"identificationtechnique"}
CONTAINS_BEFORE = re.compile(
    r"(?:~|\b(?:contain\w*|includ\w*|mention\w*|refers?\s+to|referring\s+to|fa\w*\s+riferimento\s+a\w*|with\s+(?:the\s+word|the\s+text)|matching|like|ilike|has|(?<!we\s)(?<!you\s)(?<!they\s)have|having|"
    r"contien\w*|contine|conteng\w*|contenent\w*|include\w*|compar\w*\s+la\s+parola|la\s+parola|il\s+termine|the\s+(?:word|term)|citan\w*|cites|cited|citing|parl\w+\s+(?:di|del|della|dei|delle|degli)|talk\w*\s+about|appears?\s+the\s+word|menzion\w*|con\s+(?:la\s+parola|il\s+testo)|che\s+ha|che\s+hanno|simile\s+a|(?<!ceppi\s)(?<!ceppo\s)tipo|"
    r"(?:some|any|a)\s+(?:kind|sort|type)s?\s+of|(?:qualche|un|una)\s+(?:tipo|specie|sorta)\s+di))"
    r"\s*:?\s*(?:the\s+(?:word|text|string)\s+|la\s+parola\s+|il\s+testo\s+|a\s+|an\s+)?[\"'«“]?\s*$"
)  # fmt: skip
_CONTAINS_AFTER = re.compile(
    r"^\s*[\"'»”]?\s*(?:in\s+(?:it|the\s+name|its\s+name)|nel\s+nome|inside|within|dentro|all'interno)\b"
)
_IN_COLUMN_AFTER = re.compile(
    r"^\s*[\"'»”]?\s*(?:(?:somewhere|anywhere)\s+)?(?:nell'\s*|(?:nel(?:la|lo|le)?|nei|negli|in\s+the|in\s+their|in\s+its|in)\s+)(?:campo\s+|field\s+)?"
)
_PARTIAL = re.compile(
    r"\b(?:partial|partly|substring|parte\s+di|parziale|(?:somewhere|anywhere)(?!\s+(?:other|else|but|except))|wildcard)\b"
)
_EXCLUDE_BEFORE = re.compile(
    r"(?:\b(?:not(?!\s+(?:only|just))|nt|non(?!\s+solo)|non\s+(?:e|sono)|nn|except|exept|excluding|exclude|excl|escl|anywhere\s+but|everywhere\s+but|without|other\s+than|apart\s+from|but\s+not|aside\s+from|outside|"
    r"leaving\s+out|leave\s+out|(?:leaving|setting|putting)\s+aside|(?:everything|all|anything)\s+but|(?:any|every|all)\s+\w+\s+but|(?:with\s+the\s+)?exception\s+of|"
    r"(?:fatta\s+)?eccezione\s+(?:per|di|fatta\s+per)|omitting|skip\w*|minus|togliendo|togliamo|se\s+togli\w*|se\s+(?:si\s+)?tolg\w*|escludendo|escludi|escludere|escludiamo|niente|nessun\w*|"
    r"(?:but|and|ma|e)\s+no|"
    r"tranne|trane|tolt[oiae]|togliendo|eccetto|salvo|escluso|esclusi|escluse|esclusa|escus[oiae]|ad\s+eccezione\s+(?:di|dei|degli|delle)|(?<!domanda\s)a\s+parte(?!\s*[:,])|senza|divers[oaie]\s+da(?:l|lla|llo|ll'|i|gli|lle)?|fuorch[eé]|fuori|"
    r"isn't|aren't|isnt|arent|didn't|didnt|don't|dont|doesn't|doesnt|wasn't|weren't|besides)|\bnon-|[,(]\s*no(?=\s)|!=|<>|≠)"
    # "leave out the ones whose `City` is Varigotti": the ones whose ... says which, no count of words
    r"(?:(?:\s+(?:the\s+ones|those|quelli|quelle)\s+(?:whose|where|with|that|which|che|con|(?:di|il|la)\s+cui))?"
    r"(?:\W+(?!(?:and|or|e|o|with|con)\b)\w+){0,4}\W*$"
    # "esclusi quelli il cui habitat di isolamento è il Mediterranean Sea": a column of a few words, then 'is'
    r"|\s+(?:the\s+ones|those|quelli|quelle)\s+(?:whose|(?:di|il|la)\s+cui)(?:\W+\w+){1,4}?\s+(?:is|are|e|sono)"
    r"(?:\s+(?:the|il|la|lo|l'|i|le|gli))?\W*$)"
)  # fmt: skip
# "ceppi danesi, Penicillium esclusi" (not "lieviti esclusa candida": there the cue leads the next value)
_EXCLUDE_AFTER = re.compile(
    r"^\s*,?\s*(?:esclus[oiae]|excluded|not\s+included|a\s+parte|aside)\b(?=\s*(?:[,.;:?!)]|$|and\b|e\b|ma\b|but\b))"
)
# "né italiano né spagnolo", "neither yeasts nor bacteria": the second value shares the exclusion
_NEITHER_BEFORE = re.compile(r"\b(?:ne|neither)\s+(?:a\s+|ad\s+|da\s+|di\s+|in\s+|from\s+)?$")
_NOR_AFTER = re.compile(r"^\W*(?:ne|nor)\b")
_MEANT = re.compile(r"\b(?:i\s+meant|meant|i\s+mean|intendevo|volevo\s+dire|cioe)\b")
_FLAG_OR_COLUMN = re.compile(r"\b(?:type|tipo|gmo|ogm|quarant\w*|dual|duplice|doppio|modified|modificat\w*)\b")


_CUE_IN_SPAN = re.compile(r"^(?:contain\w*|includ\w*|mention\w*|contien\w*|contenent\w*|menzion\w*)\s+")
_EXCLUDE_IN_SPAN = re.compile(r"^(?:except|exept|excluding|tranne|eccetto|salvo|escluso|esclusi|escluse)\s+")
# columns whose text a contained word can be looked for in (not flags, numbers or dates)
TEXT_COLUMNS = {
    "genus", "species", "scientificname", "organismtype", "country", "region", "city", "locality", "substrate",
    "isolationhabitat", "remarks", "applications", "recommendedmedium", "prodofmetabolites", "pathogenicity",
    "identificationtechnique", "otherdenominations", "geoorigin",
}  # fmt: skip


def apply_modifiers(q: Question) -> None:
    """Sets the operator of each link the question contains or excludes (in place)."""
    for link in q.links:
        cue = _CUE_IN_SPAN.match(q.folded[link.start : link.end])
        if cue:  # the linker's span took the cue word in: "mentions forest"
            link.span, link.start = link.span[cue.end() :], link.start + cue.end()
        excluding = _EXCLUDE_IN_SPAN.match(q.folded[link.start : link.end])
        if excluding:  # "except Filamentous Fungi" linked whole: the cue is read below, from before the span
            link.span, link.start = link.span[excluding.end() :], link.start + excluding.end()
        before = q.folded[max(0, link.start - 50) : link.start]
        after = q.folded[link.end : link.end + 25]
        contains = (
            bool(cue)
            or link.column in LIST_COLUMNS
            or bool(CONTAINS_BEFORE.search(before))
            or bool(_CONTAINS_AFTER.match(after))
            or _column_after(q, link.end) is not None
            or bool(_PARTIAL.search(q.folded))
        )
        negation = _EXCLUDE_BEFORE.search(before)
        while negation and q.link_between(negation.start() + max(0, link.start - 50), link.start):
            # "(no fungi, no yeasts)": the nearest cue before this value, not one that leads another
            negation = _EXCLUDE_BEFORE.search(before, negation.start() + 1)
        # "not a type strain from Italy": the negation belongs to the flag between, not to Italy
        excluded = bool(negation) and not _FLAG_OR_COLUMN.search(before[negation.start() :])
        # "not blood, I meant skin": the correction names the value wanted
        excluded = excluded and not _MEANT.search(before[negation.start() :])
        excluded = excluded and not any(
            other is not link and negation.start() < other.start - max(0, link.start - 50) < len(before)
            for other in q.links
        )
        excluded = excluded or bool(_EXCLUDE_AFTER.match(after))
        excluded = excluded or bool(_NEITHER_BEFORE.search(before) and _NOR_AFTER.match(after))
        if excluded:
            link.operator = "not contains" if contains and link.column not in LIST_COLUMNS else "not"
        elif contains:
            link.operator = "contains"
        if link.operator in ("contains", "not contains"):
            _named_column(q, link)
    _share_exclusions(q)
    _species_of_the_genus(q)


def _species_of_the_genus(q: Question) -> None:
    """'fusarium oxysporum or solani': a bare species listed right after a scientific name is
    another species of that genus (scientificname 'Fusarium solani'), not any genus's 'solani'."""
    for before, link in zip(q.links, q.links[1:], strict=False):
        gap = q.folded[before.end : link.start]
        if (
            before.column == "scientificname"
            and link.column == "species"
            and re.fullmatch(r"\W*(?:or|o|and|e|,)\W*", gap)
        ):
            genus = before.value.split(" ")[0]
            link.column, link.value = "scientificname", f"{genus} {link.value}"
            link.values = [link.value]


_LISTED_AFTER = re.compile(
    r"^\W*(?:and|or|nor|e|ed|o|né|ne)?\W*(?:from\s+|the\s+|da\s+|dalla?\s+|dallo\s+|dall'|dai\s+|dagli\s+|dalle\s+|la\s+|il\s+|i\s+|gli\s+|le\s+|lo\s+|l'|a\s+|ad\s+|to\s+)?$"
)


def _column_after(q: Question, end: int) -> Place | None:
    """'con 'Posidonia' nel substrato', 'sponge in the substrate': the column named right after the
    value; 'raccolti in piemonte nel 2005' names none."""
    m = _IN_COLUMN_AFTER.match(q.folded[end : end + 30])
    named = (p for p in q.mentions if m is not None and p.start == end + m.end() and p.column in TEXT_COLUMNS)
    return next(named, None)


def _share_exclusions(q: Question) -> None:
    """'outside Italy and Spain', 'fuori dall'Italia e dalla Tunisia': a value listed right after an
    excluded one of the same column is excluded too."""
    for before, link in zip(q.links, q.links[1:], strict=False):
        listed = _LISTED_AFTER.match(q.folded[before.end : link.start])
        if before.operator == "not" and link.operator == "=" and link.column == before.column and listed:
            link.operator = "not"


def _named_column(q: Question, link: Link) -> None:
    """'habitat does not contain marine': the word is looked for in the column the question names
    just before it, not where the linker found a similar stored value (species 'marina')."""
    place = _column_after(q, link.end) or q.mention_before(link.start, max_words=5)
    if place is not None and place.column != link.column and place.column in TEXT_COLUMNS:
        link.column = place.column


def condition(link: Link) -> str:
    """The SQL condition a link stands for, given its operator."""
    values = link.values or [link.value]
    column = link.column
    if link.operator in ("contains", "not contains"):
        word = (list_item(link) if link.column in LIST_COLUMNS else link.span).strip(" '\"")
        negate = "NOT " if link.operator == "not contains" else ""
        return f"{column} {negate}ILIKE {quote('%' + word + '%')}"
    if len(values) == 1:
        return f"{column} {'<>' if link.operator == 'not' else '='} {quote(values[0])}"
    listed = ", ".join(quote(v) for v in values)
    return f"{column} {'NOT IN' if link.operator == 'not' else 'IN'} ({listed})"


def list_item(link: Link) -> str:
    """The item of a list value ('Morphological;MALDI-TOF;') that the question names."""
    items = [item.strip() for item in link.value.split(";") if item.strip()] or [link.value]
    return max(items, key=lambda item: fuzz.ratio(item.lower(), link.span.lower()))


def quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
