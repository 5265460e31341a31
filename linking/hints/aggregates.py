"""What the question counts or groups: totals, counts per column, distinct counts, top N, per year,
groups with one distinct member.

"how many different countries" -> SELECT COUNT(DISTINCT country); "per substrate" -> GROUP BY
substrate; "the 5 countries with the most strains" -> GROUP BY country + ORDER BY COUNT(*) DESC LIMIT 5;
"per anno di raccolta" -> GROUP BY LEFT(collectiondate, 4); "genera with only one species" ->
GROUP BY genus + HAVING COUNT(DISTINCT species) = 1. "Species" as a group means the scientific name,
except inside one genus ("Aspergillus species" group by species).
"""

from __future__ import annotations

import re

from linking.hints.dates import date_column
from linking.hints.missing import FLAG_COLUMNS, missing_hints  # flags grouped only after 'by' ("gmo count")
from linking.hints.numbers import column_numbers, group_thresholds
from linking.hints.periods import period_hints
from linking.hints.text import NUMBER, Place, Question, number_value
from linking.types import Hint

CATEGORY_COLUMNS = {
    "genus", "species", "scientificname", "organismtype", "country", "region", "city", "locality", "substrate",
    "isolationhabitat", "recommendedmedium", "identificationtechnique", "formofsupply", "ploidy", "riskgroup",
    "userrestrictions", "nagoyaconditions", "recommendedtemperature", "applications", "geoorigin", "pathogenicity",
}  # fmt: skip
_COUNT = re.compile(
    r"(?:\bn°\s*|(?<!\w)#\s*(?:of\b)?|\bn\.(?!\w)|\b(?:how\s+many|how\s+mn?a?n?y|how\s+much(?=\s+(?:strains|isolates|stuff|material))|qunati|qunate|qaunti|qaunte|qnti|qnt|number\s+of|nr\.?\s+of|no\.\s+of|qty(?:\s+of)?|count|counts|tally|total|totale|quant[ie]|(?<!per\s)(?<!in\s)quanto(?!\s+a\b)|quanit|numero\s+(?:di|dei|degli|delle|totale|complessivo)(?!\s+access)|(?<=,\s)(?:numero|number|num)(?=\W*$)|(?:solo|soltanto|just|only)\s+(?:il|the)\s+(?:numero|number|count|conteggio|totale|total)(?!\s+(?:of|di)\b)|(?:(?<=[|;:]\s)|(?<=[|;:]))(?:n|nr|num)(?=\W*$)|conta|contami|contate|ricont(?!r)\w*|recount\w*|(?<!senza\s)contare|how\s+big|size\s+of|conteggi\w*|totali|tot|overall\s+(?:\w+\s+)?numbe?r|numbr|(?<=the\s)cont(?=\W*$))\b)"
)
_COUNT_RIGHT_BEFORE = re.compile(
    r"\b(?:how\s+many|quant[ieo]|qunat[ie]|qunate|number\s+of|numero\s+di)\s+"
    r"(?:(?!(?:where|with|whose|that|which|have|has|had|in|from|da|con|dove|che|hanno|ha)\b)[a-z]+\s+)?$"
)  # 'how many different countries', not 'how many where identificationTechnique includes ...'
_DISTINCT_BEFORE = re.compile(
    r"\b(?:different|diferent|diff\.?|distinct|unique|separate|diversi|diverse|distinti|distinte|unici|uniche|"
    r"(?:kinds?|sorts?|types?|varieties)\s+of|tipi\s+(?:diversi\s+)?di|(?<=quant[ei]\s)(?:tipologie|categorie)\s+di)\s+(?:(?:tipologi\w|categori\w|tip[io]|kinds?|types?)\s+(?:di|of)\s+|[a-z]+\s+)?"
    r"(?:(?:of\s+the|in\s+the|del|nel|della|nella)\s+(?:campo|field|column|colonna)\s+)?$"
)
_LISTING = re.compile(r"\b(?:list|show|display|give|which|what|elenca|mostra|mostrami|dammi|quali|quale|visualizza)\b")
_DISTINCT_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:diversi|diverse|divresi|divrese|divrs[ie]|distinti|distinte|differenti|unici|uniche|"
    r"different(?!\s+from)|distinct)\b"
    r"|^\s*(?:count|counts|number|tally|conteggio|numero)\W+(?:distinct|different|unique|distinti|diversi|unici)\b"
)  # "species count (distinct)"
PER_CUE = re.compile(
    r"\b(?:per|for\s+each|for\s+every|each|every|by|grouped\s+by|broken\s+down\s+by|break\s+down\s+by|split\s+by|according\s+to|"
    r"(?:per|for|by)(?:\s+(?:ogni|ciascun[oa]?|each|every))?(?:\s+(?:distinct|different|distint\w|divers\w))?\s+(?:valore|value)s?\s+(?:di|of|del|della|dello|dell'|in)|(?<=\w\s)x|"
    r"per\s+ogni|per\s+ciascun[oa]?|ogni|ciascun[oa]?|suddivis\w+\s+per|suddividi\w*(?:\s+\w+){0,2}\s+per|raggruppat\w+\s+per|divis\w+\s+per|distribuzione(?:\s+\w+){0,3}\s+per|ripartizione\s+per|"
    r"in\s+base\s+a(?:l|lla|llo)?|per\s+(?:il|la|lo|l'|i|gli|le)|breakdown\s+(?:of|by)|distribution\s+(?:of|by|across)|"
    r"(?:distribuisc\w+|ripartisc\w+|dividon\w*|suddividon\w*|distribut\w*|spread|split|divided)(?:\s+\w+){0,3}\s+(?:tra|fra|among|acros+|over)(?:\s+(?:i|le|gli|the))?(?:\s+(?:divers[ie]|vari[e]?|different|various))?|"
    r"secondo|"
    r"counts?\s+across|across|(?:distribuzione|ripartizione)(?:\s+\w+){0,3}\s+(?:tra|fra))\s*(?:the\s+|il\s+|la\s+|lo\s+|l'|i\s+|le\s+|gli\s+)?"
    r"(?:(?:livell[oi]|levels?|categori\w+|valor[ei]|values?|tip[oi]|types?|kinds?)\s+(?:di|del|della|dello|of)\s+(?:the\s+)?(?:campo\s+|field\s+)?)?$"
)  # fmt: skip
# "Across the type strains, how many distinct genera ...": an opening clause that scopes the strains
_SCOPE = re.compile(r"^\W*(?:across|among|tra|fra)\s+[^,:;]+[,:;]")


def per_cue(q: Question, start: int) -> re.Match | None:
    """A group cue right before `start`, unless it is the 'across'/'among' of an opening scope clause."""
    low = max(0, start - 40)
    cue = PER_CUE.search(q.folded[low:start])
    scope = _SCOPE.match(q.folded)
    return None if cue is None or (scope is not None and low + cue.start() < scope.end()) else cue


_EXCEPT_FOR = re.compile(
    r"\beccezione\s+per\s+(?:il\s+|la\s+|lo\s+|l'|i\s+|gli\s+|le\s+)?$"
)  # "fatta eccezione per il genere X"
_EACH_VALUE = re.compile(
    r"\b(?:per|by|for\s+each|each|for\s+every|x|per\s+ogni|per\s+ciascun|tra\s+le\s+(?:varie|diverse)|"
    r"among\s+the\s+(?:various|different)|across\s+the\s+(?:various|different))\s+(?:valore|valori|values?|voce|voci)\s*[?.!]*\s*$"
)
_EQUALS_AFTER = re.compile(r"^\s*(?:=|equals?\b|uguale\s+a\b)")  # "per `Genus` = X": a filter, no group
_BREAKDOWN_AFTER = re.compile(r"^\s*(?:breakdown|distribution|counts?)\b")
_SUPERLATIVE = re.compile(
    r"\btop(?=\d)|\b(?:(?<!at\s)most|top|highest|largest|biggest|greatest|commonest|richest|first|best(?:\s+represented)?|leading|main|dominant|dominat\w*|predominant|principal\w*|pi[uù]\s+(?:\w+\s+)?(?:rappresentat|freque?nt|comun|numeros|usat|ricc|divers|ricorrent|utilizzat|diffus|gettonat|present|alt[oaie]\b|spesso)\w*|most\s+often|more\s+often|pi[uù]\s+(?:ceppi|isolati|strains?)|di\s+pi[uù]|pi[uù]\s+abbondant\w*|maggior\w*|primi|prime|primo)\b|(?<!\w)\+\s*(?:ceppi|isolati|strains|(?:rappresentat|freque?nt|comun|numeros|diffus|usat|utilizzat|ricorrent|gettonat)\w*)\b"
)
# N before a word ('the 5 countries'), or closing the question ('just the top five', '(top 3)')
_TOP_NUMBER = re.compile(  # "top 4 → genera": a form's arrow or colon before the word
    r"(?:(?<![\w.])|(?<=\btop))(?P<n>" + NUMBER + r")(?=\s+(?:[a-z]+\s+){0,3}?[a-z]|\s*[→:>-]+\s*[a-z]|\W*$)"
)
_YEARS = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:years?|anni|anno)\b")
_SINGLE_BEFORE = re.compile(
    r"\b(?:(?:exactly|only|just)\s+(?:one|1|a\s+single)|a\s+single|one\s+single|una\s+sola|un\s+solo|un'?\s*unic[oa]|un\s+unic[oa]|esattamente\s+una?|solo\s+una?|soltanto\s+una?|one|una|un|uno|1)(?:\s+(?:distinct|different|distint\w*|divers[oa]))?\s*$"
)
_SINGLE_STRONG = re.compile(
    r"(?:(?:only|just|exactly|solo|soltanto|esattamente)\s+(?:one|1|a|una?|uno)|(?:only|just)\s+(?:\w+\s+){1,3}?(?:one|1|a\s+single)|one\s+and\s+the\s+same|uno\s+stesso|una\s+stessa|single|singel|sol[oa]|unic[oa]|una\s+sola|un\s+solo|"
    r"(?:all\s+)?shar\w*\s+(?:one|1|a\s+single|the\s+same)|condivid\w*\s+(?:una?|lo\s+stesso|la\s+stessa)|"
    # "genera whose strains all have the same ploidy": "quali `Genus` hanno tutti i ceppi con la stessa `Ploidy`"
    r"(?:tutti|all)\s+(?:i\s+|their\s+|the\s+|its\s+)?(?:loro\s+)?(?:ceppi|strains|isolates|isolati)\s+(?:con|with|at|in|a|on|from|da|hanno|have|has|share)\s+"
    r"(?:la\s+stessa|lo\s+stesso|il\s+medesimo|la\s+medesima|the\s+same|one|a\s+single|una\s+sola|un\s+solo))"
    r"(?:\s+(?:distinct|different|diversi|diverse|distint[oaie]))?"
    r"(?:\s+(?:values?|valore|voce)\s+(?:in|of|for|di|del|della|nel|nella)(?:\s+the|\s+il|\s+la)?(?:\s+(?:campo|field))?)?[\s`]*$"
)
# "`Region` values for which `OrganismType` takes exactly one distinct value"
_SINGLE_VALUE_AFTER = re.compile(
    r"^\W*(?:takes|has|have|shows?|ha|assume)\s+(?:exactly\s+|only\s+|just\s+|solo\s+)?(?:one|1|a\s+single|un\s+solo|un\s+unico)\s+"
    r"(?:distinct\s+|different\s+)?(?:values?|valore)\b"
)
_COUNT_DISTINCT_OPEN = re.compile(r"count\s*\(\s*distinct\s*$")
_EQUALS_ONE = re.compile(r"^\s*\)\s*==?\s*1\b")
_SINGLE_AFTER = re.compile(
    r"^\s*(?:only|onyl|sol[oa]|soltanto)\b|^\s*(?:\w+\s+)?(?:and\s+no\s+(?:others?|more)|and\s+nothing\s+else|e\s+non\s+(?:di\s+)?pi[uù]|e\s+basta|e\s+nessun\w*\s+altr\w*)\b"
)
_MONOSPECIFIC = re.compile(r"\bmono-?specific\w*|\bmonospecifi\w*")


def aggregate_hints(q: Question) -> list[Hint]:
    hints = _single(q)
    used = {h.column for h in hints}
    top = _top(q, used)
    hints += top
    used |= {h.column for h in top}
    hints += _distinct(q, used)
    used |= {h.column for h in hints}
    hints += _groups(q, used)
    if not any(h.kind == "period" for h in hints):
        hints += period_hints(q)
    return hints


def as_group(column: str, q: Question) -> str:
    """'species' counted means the scientific name, except within a genus the question names."""
    if column != "species":
        return column
    return "species" if any(link.column == "genus" for link in q.links) else "scientificname"


def group_by(column: str, q: Question) -> str:
    """'species' as groups is the scientific name, within a genus too ("Aspergillus per species" ->
    'Aspergillus niger'): the groups are the same, and the label says the whole name, as the templates do."""
    return "scientificname" if column == "species" else column


def _categories(q: Question) -> list[Place]:
    return [m for m in q.mentions if m.column in CATEGORY_COLUMNS]


def _distinct(q: Question, used: set[str | None]) -> list[Hint]:
    for place in _categories(q):
        before, after = q.folded[max(0, place.start - 40) : place.start], q.folded[place.end : place.end + 20]
        if per_cue(q, place.start):  # "spread across the different countries" asks for the groups
            continue
        values = _values_of(q, place.start)
        named = _DISTINCT_BEFORE.search(before) or _DISTINCT_AFTER.match(after) or values
        # 'how many different countries'; 'different cities: how many?'; 'quante voci distinte ... nel campo città'
        counted = _COUNT.search(before) or (named and _COUNT.search(q.folded[place.end :]))
        counted = counted or (values and _COUNT.search(q.folded[: place.start]))
        plural = _COUNT_RIGHT_BEFORE.search(before) and not re.match(r"^\s*(?:\d|of\s+\d|di\s+\d|=)", after)
        # a bare "distinct scientific names" is a count too; "list the different countries" is not
        bare = named and not _COUNT.search(q.folded) and not _LISTING.search(q.folded)
        if ((counted and (named or plural)) or bare) and place.column not in used:
            column = as_group(place.column, q)
            return [_at(q, "distinct", "SELECT", f"COUNT(DISTINCT {column})", place, column)]
    return []


# "how many separate entries does the city field take", "quanti valori diversi assume il campo substrato"
_DISTINCT_VALUES = re.compile(
    r"\b(?:(?:distinct|different|diferent|separate|unique|diversi|diverse|distinti|distinte|differenti|diferenti|unici|uniche)\s+"
    r"(?:values?|entries|entry|items|voci|valori)|(?:values?|entries|voci|valori)\s+"
    r"(?:distinct|different|diversi|diverse|distinti|distinte|differenti|diferenti|unici|uniche))\b"
)


def _values_of(q: Question, start: int) -> bool:
    """Distinct values named up to six words before the column ('the distinct values of the habitat')."""
    found = list(_DISTINCT_VALUES.finditer(q.folded[:start]))
    return bool(found) and len(q.folded[found[-1].end() : start].split()) <= 6


def _single(q: Question) -> list[Hint]:
    mono = _MONOSPECIFIC.search(q.folded)
    if mono:
        span = Place(mono.start(), mono.end(), "genus")
        return [
            _at(q, "group", "GROUP BY", "genus", span),
            _at(q, "single", "HAVING", "COUNT(DISTINCT species) = 1", span),
        ]
    for place in _categories(q):
        # "just one Trichoderma species": the value that narrows the members sits between cue and word
        narrowing = next((link for link in q.links if 0 <= place.start - link.end <= 1), None)
        cue_end = narrowing.start if narrowing is not None else place.start
        before, after = q.folded[max(0, cue_end - 30) : cue_end], q.folded[place.end : place.end + 25]
        strong = _SINGLE_STRONG.search(before) or _SINGLE_VALUE_AFTER.match(q.folded[place.end :])
        # written as SQL: "genus HAVING count(distinct species) == 1"
        strong = strong or (_COUNT_DISTINCT_OPEN.search(before) and _EQUALS_ONE.match(after))
        weak = re.search(
            r"(?:\b(?:by|with|con|da|di|in|at|from|for|per|on)|\bw/)\s+(?:one|una?|uno|1)(?:\s+sol+[oa])?[\s`]*$",
            before,
        )
        if not (strong or weak or (_SINGLE_BEFORE.search(before) and _SINGLE_AFTER.match(after))):
            continue
        group = next(
            (
                m
                for m in _categories(q)
                if m.end <= place.start and m.column != place.column and not _named_after_value(q, m)
            ),
            None,
        )
        if group is None:
            continue
        group_column = group_by(group.column, q)
        member = "species" if place.column == "species" and group_column == "genus" else as_group(place.column, q)
        member = "scientificname" if member == "species" and group_column != "genus" else member
        return [
            _at(q, "group", "GROUP BY", group_column, group, group_column),
            _at(q, "single", "HAVING", f"COUNT(DISTINCT {member}) = 1", place, member),
        ]
    return []


def _top(q: Question, used: set[str | None]) -> list[Hint]:
    ranked = _ranked(q, used)
    # "le 4 città con più lieviti": 'più' / 'the most' right before a value
    superlative = _SUPERLATIVE.search(q.folded) or any(
        re.search(
            r"\b(?:c(?:o)?n|contano|conta|hanno|with|have|has|gave|given|yielded|provided|dato|fornito|danno|forniscono)"
            r"\s+(?:the\s+)?(?:pi[uù]|most)\s+$",
            q.folded[: link.start],
        )
        for link in q.links
    )
    if ranked or not (superlative or _MORE.search(q.folded)):
        return ranked
    numbers = column_numbers(q)
    read = [(h.start, h.end) for h in numbers]  # 'risk group 2' is no N of a top N
    thresholds = [(h.start, h.end) for h in group_thresholds(q, numbers)]  # nor is '40 o più ceppi'
    for m in sorted(_TOP_NUMBER.finditer(q.folded), key=lambda m: m.group("n") in _ARTICLES):
        if any(a <= m.start() < b for a, b in read + thresholds) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # nor is a year ('dal 2021 in poi, primi 4')
        after = q.folded[m.end() :]
        if _YEARS.match(after):
            column = date_column(q, len(q.folded))
            key = f"LEFT({column}, 4)"
            return [
                Hint("group", "GROUP BY", key, m.group(), m.start(), m.end(), column),
                Hint(
                    "top",
                    "ORDER BY",
                    f"COUNT(*) DESC LIMIT {number_value(m.group('n'))}",
                    m.group(),
                    m.start(),
                    m.end(),
                ),
            ]
        place = _top_category(q, m.start(), m.end(), read)
        if place is not None and place.column not in used:
            return _top_hints(q, place, number_value(m.group("n")))
    if not superlative:  # "the 2 regions which gave us more Mortierella strains": only with its N
        return []
    year = _TOP_YEAR.search(q.folded)
    if year:  # "qual è l'anno di raccolta che conta più ceppi?", "which year saw the most deposits?"
        column = date_column(q, len(q.folded))
        key = f"LEFT({column}, 4)"
        return [
            Hint("group", "GROUP BY", key, year.group(), year.start(), year.end(), column),
            Hint("top", "ORDER BY", "COUNT(*) DESC LIMIT 1", year.group(), year.start(), year.end()),
        ]
    singular = re.search(
        r"\b(?:qual\s+e|quale|what\s+is|which\s+is|la|il|lo|l'|the)\s+(?:\w+\s+){0,2}$",
        q.folded[: _first_category_start(q)],
    )
    # "which country is the single largest source": one English noun, not "which genera"
    singular = singular or (_categories(q) and _ONE_NOUN.search(q.folded[: _categories(q)[0].end + 8]))
    singular = singular or (_categories(q) and _MOST_ONE.search(q.folded[: _categories(q)[0].end]))
    if singular and not _plain_count(q) and _categories(q):
        return _top_hints(q, _categories(q)[0], 1)
    return []


_MORE = re.compile(
    r"\bmore\s+(?:\w+\s+)?(?:strains|isolates|isolati|ceppi)\b|\bmore\s+(?:frequent|common|represented|numerous|abundant)\b(?!\s+than)"
)
_ONE_NOUN = re.compile(
    r"^\W*(?:which|what)\s+(?:[a-z]+\s+)?(?:[a-z]+(?<!s)(?<!ia)(?<!ra)$|[a-z]+(?=\s+(?:is|was|has)\b))"
)
_MOST_ONE = re.compile(
    r"^\W*(?:the\s+)?most\s+\w+\s+(?:\w+\s+)?[a-z]+(?<!s)(?<!ra)(?<!ia)$"
)  # "most comon recomended temp"
_TOP_YEAR = re.compile(
    r"\b(?:qual\s+e|what\s+is|which\s+is|which|in\s+which|in\s+che|quale)\s+(?:the\s+|l'\s*)?(?:year|anno)\b"
)


def _plain_count(q: Question) -> bool:
    """A count asked for, not the ranking's "largest number of strains" / "il maggior numero di"."""
    return any(
        not re.search(r"\b(?:largest|highest|greatest|biggest|maggior\w*|piu\s+alto)\s+$", q.folded[: m.start()])
        for m in _COUNT.finditer(q.folded)
    )


# number words that are also articles ('per un grafico: i 3 valori'): a written N goes first
_ARTICLES = {"a", "an", "one", "un", "una", "uno", "un'"}
_VALUES_OF = re.compile(r"\b(?:values?|valori|valore)\b")


def _top_category(q: Question, start: int, end: int, read: list[tuple[int, int]]) -> Place | None:
    """The category a top N counts: named at most three words after N (five across 'values of':
    'the 5 most frequent values of substrate'), or else right before it ('substrato: i primi 3'), or
    else beside the superlative ('specie maggiori nel gruppo di rischio 2 (top 3)'). A column a
    number already belongs to ('gruppo di rischio 2') is not it."""
    places = [p for p in _categories(q) if not any(a <= p.start < b for a, b in read)]
    for p in places:
        gap = q.folded[end : p.start]
        if p.start >= end and len(gap.split()) <= (5 if _VALUES_OF.search(gap) else 3):
            return p
    before = [p for p in places if p.end <= start and len(q.folded[p.end : start].split()) <= 3]
    if before:
        return before[-1]
    for word in _SUPERLATIVE.finditer(q.folded):
        for p in places:
            gap = q.folded[p.end : word.start()] if p.end <= word.start() else q.folded[word.end() : p.start]
            if (p.end <= word.start() or p.start >= word.end()) and len(gap.split()) <= 2:
                return p
    return None


_RANKED = re.compile(r"\b(?:rank\w*|sort\w*|order|ordina\w*|classifica\w*)\b")
_KEEP_FIRST = re.compile(r"\b(?:first|top|primi|prime|primo)\s+(?P<n>" + NUMBER + r")\b")


def _ranked(q: Question, used: set[str | None]) -> list[Hint]:
    """'rank the countries by strain count and keep the first 4': the first category ranked, top N."""
    ranked, first = _RANKED.search(q.folded), _KEEP_FIRST.search(q.folded)
    if not (ranked and first):
        return []
    place = next((p for p in _categories(q) if p.start > ranked.start() and p.column not in used), None)
    return _top_hints(q, place, number_value(first.group("n"))) if place is not None else []


def _first_category_start(q: Question) -> int:
    places = _categories(q)
    return places[0].start if places else 0


def _top_hints(q: Question, place: Place, n: int | float) -> list[Hint]:
    column = group_by(place.column, q)
    return [
        _at(q, "group", "GROUP BY", column, place, column),
        _at(q, "top", "ORDER BY", f"COUNT(*) DESC LIMIT {n}", place, column),
    ]


# "without restricting the count by organism type, origin or date": columns the count is not split by
_WITHOUT_SPLIT = re.compile(
    r"\b(?:without|senza|not|non)\s+(?:\w+\s+){0,2}?(?:restrict\w*|filter\w*|limit\w*|split\w*|break\w*|group\w*|"
    r"distingu\w*|suddivid\w*|separa\w*|raggrupp\w*|filtra\w*|limita\w*)(?:\s+\w+){0,3}?\s+(?:by|per|for|in\s+base\s+a\w*)\s+"
    r"[^.;:?!]*"
)


def unsplit_spans(q: Question) -> list[tuple[int, int]]:
    """Where the question lists what it is not split or filtered by: no group, value or partial there."""
    return [(m.start(), m.end()) for m in _WITHOUT_SPLIT.finditer(q.folded)]


def _groups(q: Question, used: set[str | None]) -> list[Hint]:
    """A column after 'per'/'by'/'for each' (or before 'breakdown'); in a question with a group-size
    threshold, the first category column it names."""
    hints: list[Hint] = []
    unsplit = unsplit_spans(q)
    for place in [m for m in q.mentions if m.column in CATEGORY_COLUMNS | FLAG_COLUMNS]:
        if place.column in used or group_by(place.column, q) in used:  # 'species' counted as scientificname
            continue
        before = q.folded[max(0, place.start - 40) : place.start]
        flag = place.column in FLAG_COLUMNS
        per = per_cue(q, place.start) and not _EXCEPT_FOR.search(before)
        per = per and not _EQUALS_AFTER.match(q.folded[place.end :])
        per = per and not re.search(r"\b(?:tucc|mut)\s*-?\d+\W*(?:per|on|by|in)\s+(?:the\s+|il\s+|la\s+)?$", before)
        per = per and not any(a <= place.start < b for a, b in unsplit)
        if per or (not flag and _BREAKDOWN_AFTER.match(q.folded[place.end :])):
            column = group_by(place.column, q)
            hints.append(_at(q, "group", "GROUP BY", column, place, column))
            used.add(place.column)
    each_value = _EACH_VALUE.search(q.folded)
    places = [p for p in _categories(q) if p.column not in used and p.end <= (each_value.start() if each_value else 0)]
    if not hints and not used - {None} and len({p.column for p in places}) == 1 and not _filtering(q, places[0], []):
        column = group_by(places[0].column, q)  # "ploidia: quanti ceppi per valore"
        hints.append(_at(q, "group", "GROUP BY", column, places[0], column))
    if not hints and not used - {None} and group_thresholds(q):
        missing = [(h.start, h.end) for h in missing_hints(q)]
        place = next((p for p in _categories(q) if not _filtering(q, p, missing)), None)
        if place is not None:
            column = group_by(place.column, q)
            hints.append(_at(q, "group", "GROUP BY", column, place, column))
    return hints


def _filtering(q: Question, place: Place, missing: list[tuple[int, int]]) -> bool:
    """A column named with its value ('the genus Aspergillus', 'gruppo di rischio 2') or asked as
    missing (`missing`: the spans of the missing-value hints), so it filters the groups rather than
    being what they are."""
    if re.match(r"^\s*(?:is|=|of)?\s*\d+(?:[.,]\d+)?(?!\s*\+|\d)", q.folded[place.end :]):  # not 'genera 3+\'
        return True
    if any(a <= place.start < b for a, b in missing):  # "senza località registrata"
        return True
    if _named_after_value(q, place):  # "on the Industrial soil habitat, which genera ..."
        return True
    value = q.link_after(place.end, max_words=0)  # 'comuni del piemonte' groups the cities of a region
    if value is None or value.column not in (place.column, "scientificname" if place.column == "species" else ""):
        return False
    if re.match(r"^\s*(?:=|:|equals?\b|uguale\s+a\b)", q.folded[place.end :]):  # "paese = Italia | generi ..."
        return True
    # 'citta piemontesi': a value also stored in another column ('Piemonte' as a region) names the
    # strains whose groups are counted
    return not any(alt.column != place.column for alt in value.alternatives)


def _named_after_value(q: Question, place: Place) -> bool:
    """The column is named right after a value only it holds ("the landfill soil habitat"; not
    "piedmont cities": Piedmont is also a region, which the cities are grouped within)."""
    return any(
        link.column == place.column
        and 0 <= place.start - link.end <= 1
        and not any(alt.column != place.column for alt in link.alternatives)
        for link in q.links
    )


def _at(q: Question, kind: str, clause: str, sql: str, place: Place, column: str | None = None) -> Hint:
    return Hint(kind, clause, sql, q.text[place.start : place.end], place.start, place.end, column or place.column)
