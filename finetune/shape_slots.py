"""Placeholders of the question shapes beyond plain values (docs/question-shapes.md): words and SQL.

Used by `finetune.sampling` for templates C8-C13. Two kinds of placeholder:

- *constraining* ones (`flag`, `noflag`, `numcond`, `nullcol`) are chosen before the anchor strain and
  narrow the strains it is drawn from, so a rare flag or a NULL column still leads to an answerable
  question: `constrain()` returns the fill and a test on a strain;
- the others read the anchor (`part`, `doccond`, `relcol`) or are column words (`gcol`, `outer`,
  `inner`, `anydate`, `inclusion`) or plain words (`strains`, `coll`): `fill()`.

`k` (top N) is chosen by the sampler once the groups are counted (`top_n_options`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from finetune import slots
from finetune.templates import Fill, TemplateError, quote, slot_kind
from finetune.vocabulary import INT_COLUMNS, Vocabulary

Strain = dict[str, Any]
CONSTRAINING = ("flag", "noflag", "numcond", "nullcol")
COLUMN_KINDS = ("gcol", "outer", "inner", "anydate", "inclusion", "relcol", "nullcol")
CONDITION_KINDS = ("flag", "noflag", "numcond", "part", "doccond")
NUMBER_KINDS = ("n", "k")
WORD_KINDS = ("strains", "coll")

# (column, stored value) -> phrase following "strains" / "ceppi". Only pairs some strain holds.
FLAG_WORDS: dict[tuple[str, bool], dict[str, list[str]]] = {
    ("typestrain", True): {
        "en": ["that are type strains", "marked as type strain"],
        "it": ["che sono ceppi tipo", "indicati come ceppo tipo"],
    },
    ("gmo", True): {
        "en": ["that are GMOs", "flagged as GMO", "genetically modified"],
        "it": ["OGM", "geneticamente modificati"],
    },
    ("dualuse", True): {
        "en": ["classified as dual-use", "flagged as dual use"],
        "it": ["a duplice uso", "classificati come dual use"],
    },
    ("euquarantine", True): {
        "en": ["under EU quarantine", "subject to EU quarantine"],
        "it": ["in quarantena UE", "soggetti a quarantena europea"],
    },
    ("availablefordis", True): {
        "en": ["available for distribution", "that can be distributed"],
        "it": ["disponibili per la distribuzione", "distribuibili"],
    },
    ("availableatcc", True): {
        "en": ["available at the culture collection", "available at the CC"],
        "it": ["disponibili presso la collezione"],
    },
    ("publicdata", True): {"en": ["with public data", "whose data are public"], "it": ["con dati pubblici"]},
    ("status", True): {"en": ["whose status flag is set"], "it": ["con il flag status attivo"]},
    ("typestrain", False): {
        "en": ["that are not type strains", "not marked as type strain"],
        "it": ["che non sono ceppi tipo", "non indicati come ceppo tipo"],
    },
    ("gmo", False): {
        "en": ["that are not GMOs", "not genetically modified", "non-GMO"],
        "it": ["non OGM", "non geneticamente modificati"],
    },
    ("dualuse", False): {
        "en": ["not classified as dual-use", "that are not dual use"],
        "it": ["non a duplice uso", "non classificati come dual use"],
    },
    ("euquarantine", False): {
        "en": ["not under EU quarantine", "not subject to quarantine"],
        "it": ["non in quarantena UE", "non soggetti a quarantena"],
    },
    ("registeredcollection", False): {
        "en": ["not from a registered collection"],
        "it": ["non di una collezione registrata"],
    },
}
FLAG_COLUMNS = tuple(dict.fromkeys(column for column, _ in FLAG_WORDS))

NUMERIC_WORDS = {
    "riskgroup": {"en": ["risk group", "biosafety risk group"], "it": ["gruppo di rischio", "classe di rischio"]},
    "userrestrictions": {"en": ["use restrictions", "use restriction level"], "it": ["restrizioni d'uso"]},
    "nagoyaconditions": {"en": ["Nagoya conditions", "Nagoya code"], "it": ["condizioni Nagoya", "codice Nagoya"]},
    "recommendedtemperature": {
        "en": ["recommended temperature", "growth temperature"],
        "it": ["temperatura consigliata", "temperatura di crescita"],
    },
    "testedtgmin": {"en": ["minimum tested growth temperature"], "it": ["temperatura minima di crescita testata"]},
    "testedtgmax": {"en": ["maximum tested growth temperature"], "it": ["temperatura massima di crescita testata"]},
}
TEMPERATURES = ("recommendedtemperature", "testedtgmin", "testedtgmax")
COMPARISON_WORDS = {
    "=": {"en": ["", "of", "equal to", "="], "it": ["", "uguale a", "pari a", "="]},
    ">": {"en": ["above", "over", "greater than", ">"], "it": ["maggiore di", "superiore a", ">"]},
    "<": {"en": ["below", "under", "less than", "<"], "it": ["minore di", "inferiore a", "<"]},
    ">=": {"en": ["at least", ">="], "it": ["almeno", "di almeno", ">="]},
    "<=": {"en": ["at most", "up to", "<="], "it": ["al massimo", "fino a", "<="]},
}

NULL_WORDS = {
    "collectiondate": {"en": ["collection date", "date of collection"], "it": ["data di raccolta"]},
    "isolationdate": {"en": ["isolation date"], "it": ["data di isolamento"]},
    "riskgroup": {"en": ["risk group"], "it": ["gruppo di rischio", "classe di rischio"]},
    "country": {"en": ["country", "country of origin"], "it": ["paese", "paese di origine"]},
    "region": {"en": ["region"], "it": ["regione"]},
    "city": {"en": ["city"], "it": ["città"]},
    "locality": {"en": ["locality", "sampling locality"], "it": ["località"]},
    "substrate": {"en": ["substrate"], "it": ["substrato"]},
    "isolationhabitat": {"en": ["isolation habitat", "habitat"], "it": ["habitat di isolamento", "habitat"]},
    "identificationtechnique": {"en": ["identification technique"], "it": ["tecnica di identificazione"]},
    "ploidy": {"en": ["ploidy"], "it": ["ploidia"]},
    "pathogenicity": {"en": ["pathogenicity"], "it": ["patogenicità"]},
}

# Columns a substring is asked of; identificationtechnique holds lists ('Morphological;Molecular;MALDI-TOF').
PART_COLUMNS = {
    "isolationhabitat": {"en": ["habitat", "isolation habitat"], "it": ["habitat", "habitat di isolamento"]},
    "substrate": {"en": ["substrate"], "it": ["substrato"]},
    "locality": {"en": ["locality"], "it": ["località"]},
    "identificationtechnique": {
        "en": ["identification technique", "technique"],
        "it": ["tecnica di identificazione", "tecnica"],
    },
}
STOPWORDS = frozenset(["from", "with", "della", "delle", "dello", "degli", "dalla", "near", "after", "before", "sull"])

# Column -> how the catalogue's documentation names it.
DOC_NAMES = {
    "genus": ["Genus"],
    "scientificname": ["ScientificName", "scientificName"],
    "organismtype": ["OrganismType", "organismType"],
    "substrate": ["Substrate"],
    "isolationhabitat": ["IsolationHabitat", "isolationHabitat"],
    "country": ["Country", "Loc.Country"],
    "region": ["Region", "Loc.Region"],
    "city": ["City", "Loc.City"],
    "recommendedmedium": ["RecommendedMedium", "RecommendedMediumGrowth", "recommendedMedium"],
    "riskgroup": ["RiskGroup", "riskGroup"],
    "recommendedtemperature": ["RecommendedTempGrowth", "RecommendedTemperature"],
    "identificationtechnique": ["IdentificationTechnique", "identificationTechnique"],
    "typestrain": ["TypeStrain", "typeStrain"],
}
DOC_EQUALS = {
    "en": ["`{d}` = {v}", "{d} = {v}", "{d} is equal to {v}", "`{d}` is {v}"],
    "it": ["`{d}` = {v}", "{d} = {v}", "{d} uguale a {v}", "`{d}` è {v}"],
}
DOC_CONTAINS = {"en": ["{d} contains {v}", "`{d}` contains {v}"], "it": ["{d} contiene {v}", "`{d}` contiene {v}"]}

# Relative to one strain: column -> (noun, "of the same ...", "with the same ...") per language.
RELATIVE_WORDS = {
    "scientificname": {
        "en": ("species", "of the same species", "with the same species"),
        "it": ("specie", "della stessa specie", "con la stessa specie"),
    },
    "genus": {
        "en": ("genus", "of the same genus", "with the same genus"),
        "it": ("genere", "dello stesso genere", "con lo stesso genere"),
    },
    "substrate": {
        "en": ("substrate", "from the same substrate", "with the same substrate"),
        "it": ("substrato", "dello stesso substrato", "con lo stesso substrato"),
    },
    "isolationhabitat": {
        "en": ("habitat", "from the same habitat", "with the same isolation habitat"),
        "it": ("habitat", "dello stesso habitat", "con lo stesso habitat"),
    },
    "locality": {
        "en": ("locality", "from the same locality", "with the same locality"),
        "it": ("località", "della stessa località", "con la stessa località"),
    },
    "country": {
        "en": ("country", "from the same country", "with the same country"),
        "it": ("paese", "dello stesso paese", "con lo stesso paese"),
    },
    "region": {
        "en": ("region", "from the same region", "with the same region"),
        "it": ("regione", "della stessa regione", "con la stessa regione"),
    },
    "city": {
        "en": ("city", "from the same city", "with the same city"),
        "it": ("città", "della stessa città", "con la stessa città"),
    },
}

# Grouping columns of the aggregates without a filter: the C5 ones and a few more.
EXTRA_GROUP_WORDS = {
    "ploidy": {"en": ("ploidy levels", "ploidy"), "it": ("livelli di ploidia", "ploidia")},
    "locality": {"en": ("localities", "locality"), "it": ("località", "località")},
}
AGG_GROUP_WORDS = {**slots.GROUP_WORDS, **EXTRA_GROUP_WORDS}
FEMININE_IT = frozenset({"scientificname", "region", "city", "locality"})
# Groups with exactly one distinct member: outer column -> inner columns that leave some such group.
SINGLE_MEMBER_PAIRS = {
    "genus": ("scientificname", "country"),
    "scientificname": ("country",),
    "substrate": ("genus",),
    "isolationhabitat": ("genus",),
    "region": ("city",),
    "country": ("region",),
}
ONE_WORDS = {
    "scientificname": {"en": "a single species", "it": "una sola specie"},
    "country": {"en": "a single country", "it": "un solo paese"},
    "genus": {"en": "a single genus", "it": "un solo genere"},
    "city": {"en": "a single city", "it": "una sola città"},
    "region": {"en": "a single region", "it": "una sola regione"},
}
INCLUSION_WORDS = {
    "en": (["added to the catalogue", "entered in the catalogue", "catalogued", "added"], "inclusion date"),
    "it": (
        ["inseriti nel catalogo", "aggiunti al catalogo", "inseriti", "registrati nel catalogo"],
        "data di inserimento",
    ),
}
STRAIN_WORDS = {"en": ["strains", "isolates", "cultures"], "it": ["ceppi", "isolati", "ceppi microbici"]}
COLLECTION_WORDS = {
    "en": ["in the catalogue", "in the collection", "in the database", "in TUCC"],
    "it": ["nel catalogo", "nella collezione", "nel database", "in TUCC"],
}
NUMBER_WORDS = {
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    "it": ["due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci"],
}


def constrain(name: str, sql_template: str, strains: list[Strain], lang: str, rng: random.Random):
    """A constraining placeholder's fill and the test a strain must pass; None when no strain can."""
    kind = slot_kind(name)
    if kind in ("flag", "noflag"):
        options = [key for key in FLAG_WORDS if key[1] == (kind == "flag")]
        column, value = rng.choice(options)
        sql = f"{column} = {'TRUE' if value else 'FALSE'}"
        return Fill({"": rng.choice(FLAG_WORDS[(column, value)][lang])}, sql, (), column), _equals(column, value)
    if kind == "nullcol":
        column = rng.choice(list(NULL_WORDS))
        missing = f"{{{name}}} IS NULL" in sql_template
        fill = Fill({"": rng.choice(NULL_WORDS[column][lang])}, column, (), column)
        return fill, (lambda s: s[column] is None) if missing else (lambda s: s[column] is not None)
    if kind == "numcond":
        return _numeric(strains, lang, rng)
    raise TemplateError(f"{{{name}}} is not a constraining placeholder")


def _equals(column: str, value: Any) -> Callable[[Strain], bool]:
    return lambda s: s[column] is value


def _numeric(strains: list[Strain], lang: str, rng: random.Random):
    """A comparison on a coded numeric column that some strain among `strains` satisfies."""
    column = rng.choice(list(NUMERIC_WORDS)[:4]) if rng.random() < 0.97 else rng.choice(TEMPERATURES[1:])
    held = sorted({s[column] for s in strains if s[column] is not None})
    if not held:
        return None
    v = rng.choice(held)
    op = rng.choice(("=", ">", "<", ">=", "<=", "between"))
    below, above = [h for h in held if h < v], [h for h in held if h > v]
    if op == "between" and below and above:
        low, high = rng.choice(below), rng.choice(above)
        cmp_words = {"en": f"between {_num(low)} and {_num(high)}", "it": f"tra {_num(low)} e {_num(high)}"}[lang]
        sql = f"{column} BETWEEN {_num(low)} AND {_num(high)}"
        return _numeric_fill(
            column, cmp_words, sql, lang, rng
        ), lambda s: s[column] is not None and low <= s[column] <= high
    if op == ">" and below:
        t = rng.choice(below)
    elif op == "<" and above:
        t = rng.choice(above)
    elif op == ">=":
        t = rng.choice([*below, v])
    elif op == "<=":
        t = rng.choice([*above, v])
    else:
        op, t = "=", v
    word = rng.choice(COMPARISON_WORDS[op][lang])
    cmp_words = f"{word} {_num(t)}".strip()
    test = _comparison(column, op, t)
    return _numeric_fill(column, cmp_words, f"{column} {op} {_num(t)}", lang, rng), test


def _comparison(column: str, op: str, t: Any) -> Callable[[Strain], bool]:
    checks = {"=": lambda a: a == t, ">": lambda a: a > t, "<": lambda a: a < t, ">=": lambda a: a >= t}
    check = checks.get(op, lambda a: a <= t)
    return lambda s: s[column] is not None and check(s[column])


def _numeric_fill(column: str, cmp_words: str, sql: str, lang: str, rng: random.Random) -> Fill:
    noun = rng.choice(NUMERIC_WORDS[column][lang])
    unit = " °C" if column in TEMPERATURES and cmp_words[-1:].isdigit() and rng.random() < 0.4 else ""
    lead = {"en": "with", "it": "con"}[lang]
    return Fill({"": f"{lead} {noun} {cmp_words}{unit}", "col": noun}, sql, (), column)


def _num(value: Any) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def fill(name: str, anchor: Strain, fills: dict[str, Fill], vocab: Vocabulary, lang: str, rng: random.Random):
    """A non-constraining shape placeholder, read from the anchor where it names a value; None: retry."""
    kind = slot_kind(name)
    used = {f.column for f in fills.values() if f.column}
    if kind == "part":
        return _part(anchor, used, vocab, lang, rng)
    if kind == "doccond":
        return _doc_condition(anchor, used, vocab, lang, rng)
    if kind == "relcol":
        options = [c for c in RELATIVE_WORDS if anchor[c] is not None and c not in used]
        if not options:
            return None
        column = rng.choice(options)
        noun, same, with_same = RELATIVE_WORDS[column][lang]
        return Fill({"": noun, "same": same, "with": with_same}, column, (), column)
    if kind == "gcol":
        column = rng.choice([c for c in AGG_GROUP_WORDS if c not in used])
        plural, singular = AGG_GROUP_WORDS[column][lang]
        return Fill({"": plural, "sing": singular, "many": _how_many(column, plural, lang)}, column, (), column)
    if kind == "outer":
        column = rng.choice(list(SINGLE_MEMBER_PAIRS))
        plural, singular = slots.GROUP_WORDS[column][lang]
        return Fill({"": plural, "sing": singular}, column, (), column)
    if kind == "inner":
        return _inner(fills, lang, rng)
    if kind in ("anydate", "inclusion"):
        column = "inclusiondate" if kind == "inclusion" else rng.choice([*slots.DATE_WORDS, "inclusiondate"])
        return date_column_fill(column, lang, rng)
    if kind == "strains":
        return Fill({"": rng.choice(STRAIN_WORDS[lang])}, "")
    if kind == "coll":
        return Fill({"": rng.choice(COLLECTION_WORDS[lang])}, "")
    return None


def _how_many(column: str, plural: str, lang: str) -> str:
    """'how many different genera' / 'quante specie diverse' (Italian agrees with the noun's gender)."""
    if lang == "en":
        return f"how many different {plural}"
    return f"quante {plural} diverse" if column in FEMININE_IT else f"quanti {plural} diversi"


def date_column_fill(column: str, lang: str, rng: random.Random) -> Fill:
    """Like `slots.datecol_fill`, inclusiondate too ('added to the catalogue', 'inseriti nel catalogo')."""
    if column != "inclusiondate":
        return slots.datecol_fill(column, lang, rng)
    verbs, noun = INCLUSION_WORDS[lang]
    return Fill({"": rng.choice(verbs), "noun": noun}, column, (), column)


def _inner(fills: dict[str, Fill], lang: str, rng: random.Random) -> Fill:
    outer = fills.get("outer")
    if outer is None:
        raise TemplateError("{inner} needs {outer} earlier in the template")
    column = rng.choice(SINGLE_MEMBER_PAIRS[outer.column])
    plural, singular = slots.GROUP_WORDS[column][lang]
    return Fill({"": plural, "sing": singular, "one": ONE_WORDS[column][lang]}, column, (), column)


def _part(anchor: Strain, used: set[str], vocab: Vocabulary, lang: str, rng: random.Random) -> Fill | None:
    """A word of the anchor's value in a free-text or list column, matched with ILIKE.

    Free-text words must occur in several stored values ('soil', 'marine'): what people search for,
    not a one-off word of one label.
    """
    options = [
        (c, w)
        for c in PART_COLUMNS
        if c not in used and anchor[c]
        for w in part_words(c, anchor[c])
        if c == "identificationtechnique" or w in _shared_words(vocab, c)
    ]
    if not options:
        return None
    column, word = rng.choice(options)
    noun = rng.choice(PART_COLUMNS[column][lang])
    return Fill({"": word, "col": noun}, f"{column} ILIKE {quote('%' + word + '%')}", (), column)


_SHARED: dict[tuple[int, str], frozenset[str]] = {}


def _shared_words(vocab: Vocabulary, column: str, least: int = 3) -> frozenset[str]:
    """Words found in at least `least` distinct stored values of the column (cached per vocabulary)."""
    key = (id(vocab), column)
    if key not in _SHARED:
        counts: dict[str, int] = {}
        for group in vocab.groups.get(column, {}).values():
            for word in set(part_words(column, group.canonical)):
                counts[word] = counts.get(word, 0) + 1
        _SHARED[key] = frozenset(w for w, n in counts.items() if n >= least)
    return _SHARED[key]


def part_words(column: str, stored: str) -> list[str]:
    """The substrings a person would search a stored value for: list items, or its longer words."""
    if column == "identificationtechnique":
        return [item.strip() for item in stored.split(";") if len(item.strip()) >= 4]
    words = re.findall(r"[^\W\d_]{4,}", stored)
    return [w.lower() for w in words if w.lower() not in STOPWORDS]


def _doc_condition(anchor: Strain, used: set[str], vocab: Vocabulary, lang: str, rng: random.Random) -> Fill | None:
    """A condition written as the documentation writes it: "`RecommendedMedium` = MEA", "Region = Tuscany"."""
    options = [c for c in DOC_NAMES if c not in used and anchor.get(c) is not None]
    rng.shuffle(options)
    for column in options:
        doc = rng.choice(DOC_NAMES[column])
        if column == "identificationtechnique":
            words = part_words(column, anchor[column])
            if words:
                word = rng.choice(words)
                text = rng.choice(DOC_CONTAINS[lang]).format(d=doc, v=word)
                return Fill({"": text}, f"{column} ILIKE {quote('%' + word + '%')}", (), column)
            continue
        if column == "typestrain":
            value = anchor[column]
            written = rng.choice(["TRUE", "true", "yes"] if value else ["FALSE", "false", "no"])
            text = rng.choice(DOC_EQUALS[lang]).format(d=doc, v=written)
            return Fill({"": text}, f"typestrain = {'TRUE' if value else 'FALSE'}", (), column)
        group = vocab.group_of(column, anchor[column])
        if group is None or not slots.eligible(vocab, group):
            continue
        stored = group.canonical
        text = rng.choice(DOC_EQUALS[lang]).format(d=doc, v=stored)
        spellings = slots.typed_first(group, stored)
        if column in INT_COLUMNS:
            return Fill({"": text}, f"{column} = {stored}", (), column)
        sql = _in_list(column, spellings) if len(spellings) > 1 else f"{column} = {quote(stored)}"
        return Fill({"": text}, sql, spellings, column)
    return None


def _in_list(column: str, spellings: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(quote(s) for s in spellings)})"


def number_word_fill(n: int, lang: str, rng: random.Random) -> Fill:
    """N of a top-N question, in digits or (two to ten) in words."""
    words = NUMBER_WORDS[lang][n - 2] if 2 <= n <= 10 and rng.random() < 0.3 else str(n)
    return Fill({"": words}, str(n))


def top_n_options(counts: list[int], low: int = 2, high: int = 10) -> list[int]:
    """The N for which the first N + 1 group counts all differ: no tie decides who is in the top N."""
    options = []
    for n in range(low, min(high, len(counts)) + 1):
        head = counts[: n + 1]
        if len(set(head)) == len(head):
            options.append(n)
    return options
