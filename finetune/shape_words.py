"""Words of the question-shape placeholders (finetune/shape_slots.py), English and Italian.

Phrases are written to slot into the templates of C8-C13: a flag phrase follows "strains" /
"ceppi" ("that are not type strains", "non in quarantena UE"); Italian forms that must agree with a
noun's gender carry the agreement themselves ("della stessa specie", "dello stesso genere").
"""

from __future__ import annotations

from finetune import slots

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
