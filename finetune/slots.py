"""What each placeholder kind becomes: question words and SQL text, in English or Italian.

Value kinds (`genus`, `region`, `substrate`, ...) come from a value group; date kinds from a date an
anchor strain holds (so the question is answerable by construction); the rest are words: grouping
columns, date-column verbs, column names and the view name (for the misspelling category C3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from finetune.templates import Fill, quote
from finetune.vocabulary import INT_COLUMNS, VALUE_ONLY_COLUMNS, ValueGroup, Vocabulary
from index.normalize import normalize

KIND_COLUMNS = {
    "genus": "genus",
    "species": "scientificname",
    "organismtype": "organismtype",
    "substrate": "substrate",
    "habitat": "isolationhabitat",
    "country": "country",
    "region": "region",
    "city": "city",
    "medium": "recommendedmedium",
    "temperature": "recommendedtemperature",
    "riskgroup": "riskgroup",
    "accession": "accessionnumber",
}
VALUE_KINDS = (*KIND_COLUMNS, "val")
# Where a `{val}` placeholder (a value named without its column, C7) draws from; taxa have their own kinds.
VAL_COLUMNS = ("substrate", "isolationhabitat", "region", "city", "country", "locality")
DATE_KINDS = ("year", "year_before", "year_after", "year_from", "year_to", "month", "day")
DATE_KINDS += ("day_before", "day_after", "day_from", "day_to")
FIRST_YEAR, LAST_YEAR = 1950, 2026


@dataclass(frozen=True)
class PoolRule:
    min_count: int = 1
    max_length: int = 60


# Which stored values questions are written about: common enough to sound natural, short enough to type.
POOL_RULES = {
    "genus": PoolRule(2),
    "scientificname": PoolRule(2),
    "substrate": PoolRule(3, 50),
    "isolationhabitat": PoolRule(3, 50),
    "country": PoolRule(2),
    "region": PoolRule(3),
    "city": PoolRule(3),
    "locality": PoolRule(3, 40),
    "recommendedmedium": PoolRule(5),
    "recommendedtemperature": PoolRule(5),
}


def eligible(vocab: Vocabulary, group: ValueGroup) -> bool:
    """A group questions may name: common enough, typeable, and not stored more often in another column."""
    rule = POOL_RULES.get(group.column, PoolRule())
    if group.count < rule.min_count or len(group.canonical) > rule.max_length:
        return False
    if group.column == "scientificname" and group.canonical.endswith(" sp."):
        return False
    if group.column == "recommendedmedium" and ";" in group.canonical:
        return False
    return group.column not in VALUE_ONLY_COLUMNS or vocab.primary_column(group) == group.column


def value_fill(vocab: Vocabulary, group: ValueGroup, language: str, rng: random.Random) -> Fill:
    words = vocab.surface(group, language, rng)
    if group.column in ("genus", "scientificname") and rng.random() < 0.1:
        words = words.lower()  # people type names in lower case; the gold keeps the stored spelling
    if group.column in INT_COLUMNS:
        return Fill({"": words}, group.canonical, (), group.column)
    return Fill({"": words}, quote(group.canonical), typed_first(group, words), group.column)


def typed_first(group: ValueGroup, words: str) -> tuple[str, ...]:
    """The group's spellings with the one the question typed first, as the value index orders variants."""
    typed = [s for s in group.spellings if normalize(s) == normalize(words)]
    return (*typed, *(s for s in group.spellings if s not in typed))


def condition_fill(vocab: Vocabulary, group: ValueGroup, language: str, rng: random.Random) -> Fill:
    """A value named without its column (C7): the SQL text is the whole condition."""
    plain = value_fill(vocab, group, language, rng)
    if len(plain.spellings) > 1:
        sql = f"{group.column} IN ({', '.join(quote(s) for s in plain.spellings)})"
    else:
        sql = f"{group.column} = {quote(group.canonical)}"
    return Fill(plain.forms, sql, plain.spellings, group.column)


DATE_WORDS = {
    "collectiondate": {"en": (["collected", "sampled"], "collection date"), "it": (["raccolti"], "data di raccolta")},
    "isolationdate": {"en": (["isolated"], "isolation date"), "it": (["isolati"], "data di isolamento")},
    "depositdate": {"en": (["deposited"], "deposit date"), "it": (["depositati"], "data di deposito")},
}


def datecol_fill(column: str, language: str, rng: random.Random) -> Fill:
    verbs, noun = DATE_WORDS[column][language]
    return Fill({"": rng.choice(verbs), "noun": noun}, column, (), column)


GROUP_WORDS = {
    "genus": {"en": ("genera", "genus"), "it": ("generi", "genere")},
    "scientificname": {"en": ("species", "species"), "it": ("specie", "specie")},
    "organismtype": {"en": ("organism types", "organism type"), "it": ("tipi di organismo", "tipo di organismo")},
    "substrate": {"en": ("substrates", "substrate"), "it": ("substrati", "substrato")},
    "isolationhabitat": {"en": ("isolation habitats", "habitat"), "it": ("habitat di isolamento", "habitat")},
    "country": {"en": ("countries", "country"), "it": ("paesi", "paese")},
    "region": {"en": ("regions", "region"), "it": ("regioni", "regione")},
    "city": {"en": ("cities", "city"), "it": ("città", "città")},
    "recommendedmedium": {"en": ("growth media", "growth medium"), "it": ("terreni di coltura", "terreno di coltura")},
    "riskgroup": {"en": ("risk groups", "risk group"), "it": ("gruppi di rischio", "gruppo di rischio")},
}


def groupcol_fill(column: str, language: str) -> Fill:
    plural, singular = GROUP_WORDS[column][language]
    return Fill({"": plural, "sing": singular}, column, (), column)


COLUMN_WORDS = {
    "genus": {"en": ["genus"], "it": ["genere"]},
    "species": {"en": ["species", "scientific name", "scientificname"], "it": ["specie", "nome scientifico"]},
    "organismtype": {"en": ["organism type", "organismtype"], "it": ["tipo di organismo", "organismtype"]},
    "substrate": {"en": ["substrate"], "it": ["substrato", "substrate"]},
    "habitat": {"en": ["isolation habitat", "isolationhabitat", "habitat"], "it": ["habitat di isolamento"]},
    "country": {"en": ["country"], "it": ["paese", "nazione"]},
    "region": {"en": ["region"], "it": ["regione"]},
    "city": {"en": ["city"], "it": ["città", "city"]},
    "riskgroup": {"en": ["risk group", "riskgroup"], "it": ["gruppo di rischio", "classe di rischio"]},
    "medium": {"en": ["recommended medium", "growth medium"], "it": ["terreno consigliato", "terreno di coltura"]},
    "temperature": {"en": ["recommended temperature", "growth temperature"], "it": ["temperatura consigliata"]},
}
VIEW_WORDS = ["detailedstrain", "detailedstrain", "detailed strain", "detailedstrain view"]


def word_fill(name: str, language: str, rng: random.Random) -> Fill | None:
    """`view` and `col_<kind>` placeholders: words only, no SQL."""
    if name == "view":
        return Fill({"": rng.choice(VIEW_WORDS)}, "detailedstrain")
    words = COLUMN_WORDS.get(name.removeprefix("col_"))
    return Fill({"": rng.choice(words[language])}, "") if name.startswith("col_") and words else None


def number_fill(n: int) -> Fill:
    return Fill({"": str(n)}, str(n))


# --- dates -------------------------------------------------------------------------------------

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
}


def parse_stored_date(stored: str | None) -> tuple[int, int | None, int | None] | None:
    """'2019' -> (2019, None, None); '201905' -> (2019, 5, None); '20190515' / '2019-05-15' -> (2019, 5, 15)."""
    if not stored:
        return None
    digits = stored.replace("-", "")
    if not digits.isdigit() or len(digits) not in (4, 6, 8):
        return None
    year = int(digits[:4])
    month = int(digits[4:6]) if len(digits) >= 6 else None
    day = int(digits[6:8]) if len(digits) == 8 else None
    return year, month, day


def precision_needed(kinds: list[str]) -> int:
    """1 = year, 2 = month, 3 = day: what the anchor's stored date must resolve."""
    if any(k.startswith("day") for k in kinds):
        return 3
    return 2 if "month" in kinds else 1


def precision(parsed: tuple[int, int | None, int | None] | None) -> int:
    if parsed is None:
        return 0
    return 1 + (parsed[1] is not None) + (parsed[2] is not None)


def date_fills(kinds: list[str], stored: str, language: str, rng: random.Random) -> dict[str, Fill] | None:
    """Fills for the date kinds of one template, all satisfied by the stored date; None if impossible."""
    parsed = parse_stored_date(stored)
    if precision(parsed) < precision_needed(kinds):
        return None
    year, month, day = parsed  # type: ignore[misc]
    fills: dict[str, Fill] = {}
    if any(k.startswith("year") for k in kinds):
        years = _years(year, rng)
        if years is None:
            return None
        fills.update({k: _year_fill(v) for k, v in years.items()})
    if "month" in kinds:
        fills["month"] = _month_fill(year, month, language, rng)  # type: ignore[arg-type]
    if any(k.startswith("day") for k in kinds):
        days = _days(date(year, month, day), rng)  # type: ignore[arg-type]
        fills.update({k: _day_fill(v, language, rng) for k, v in days.items()})
    return fills


def _years(year: int, rng: random.Random) -> dict[str, int] | None:
    before, after = year + rng.randint(1, 6), year - rng.randint(1, 6)
    low, high = year - rng.randint(0, 4), year + rng.randint(1, 4)
    if high > LAST_YEAR:
        low, high = year - rng.randint(1, 4), year
    if before > LAST_YEAR or after < FIRST_YEAR:
        return None
    return {"year": year, "year_before": before, "year_after": after, "year_from": low, "year_to": high}


def _days(day: date, rng: random.Random) -> dict[str, date]:
    last = max(day + timedelta(days=1), date(LAST_YEAR, 12, 31))  # no questions about the far future
    return {
        "day": day,
        "day_before": min(day + timedelta(days=rng.randint(1, 400)), last),
        "day_after": day - timedelta(days=rng.randint(1, 400)),
        "day_from": day - timedelta(days=rng.randint(0, 200)),
        "day_to": min(day + timedelta(days=rng.randint(1, 200)), last),
    }


def _year_fill(year: int) -> Fill:
    return Fill({"": str(year)}, quote(str(year)))


def _month_fill(year: int, month: int, language: str, rng: random.Random) -> Fill:
    name = MONTHS[language][month - 1]
    words = rng.choice([f"{name} {year}", f"{name} {year}", f"{month:02d}/{year}", f"{year}-{month:02d}"])
    return Fill({"": words}, quote(f"{year}-{month:02d}"))


def _day_fill(day: date, language: str, rng: random.Random) -> Fill:
    name = MONTHS[language][day.month - 1]
    forms = [day.strftime("%d/%m/%Y"), day.strftime("%Y%m%d"), day.isoformat()]
    if language == "en":
        forms += [f"{day.day} {name} {day.year}", f"{name} {day.day}, {day.year}"]
    else:
        forms += [f"{day.day} {name} {day.year}", day.strftime("%d.%m.%Y")]
    return Fill({"": rng.choice(forms)}, quote(day.isoformat()))
