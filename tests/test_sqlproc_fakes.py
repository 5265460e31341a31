"""Hand-written fakes for the post-processing tests: a dict-based ValueLookup and contract-based facts.

The values and counts are copied from the real TUCC catalogue (data/README.md), so SQL repaired with
them also gives the right rows on the real database. Other sqlproc test modules import from here;
the tests below check that the fake keeps the ValueLookup contract.

    .venv/bin/python -m pytest -q tests/test_sqlproc_fakes.py
"""

from __future__ import annotations

from catalogue.contract import COLUMNS
from index.normalize import normalize
from linking.types import ValueHit
from sqlproc.facts import CatalogueFacts

STORED = [
    ("organismtype", "Filamentous Fungi", 6296),
    ("organismtype", "Bacteria", 493),
    ("organismtype", "Yeasts", 427),
    ("substrate", "Marine sediment", 115),
    ("isolationhabitat", "Marine sediment", 60),
    ("substrate", "soil", 51),
    ("substrate", "Soil", 21),
    ("isolationhabitat", "soil", 37),
    ("region", "Piedmont", 2767),
    ("region", "Piemonte", 13),
    ("region", "Ligury", 487),
    ("region", "Liguria", 58),
    ("region", "Emilia-Romagna", 293),
    ("region", "Emilia Romagna", 55),
    ("city", "Turin", 752),
    ("city", "Torino", 81),
    ("genus", "Penicillium", 1141),
    ("genus", "Aspergillus", 607),
    ("country", "Italy", 5901),
    ("cacronym", "TUCC", 7216),
]
# Spellings of one thing that do not share a normal form (the real index finds these itself).
SYNONYMS = [("region", {"Ligury", "Liguria"}), ("region", {"Piedmont", "Piemonte"}), ("city", {"Turin", "Torino"})]


class FakeValues:
    """ValueLookup over STORED: lookup by normal form, variants by normal form and SYNONYMS."""

    def __init__(self, stored=STORED, synonyms=SYNONYMS):
        self.hits = [ValueHit(column, value, count) for column, value, count in stored]
        self.synonyms = synonyms

    def lookup(self, text: str) -> list[ValueHit]:
        key = normalize(text)
        found = [hit for hit in self.hits if normalize(hit.value) == key]
        return sorted(found, key=lambda hit: -hit.count)

    def variants(self, column: str, value: str) -> list[str]:
        here = [hit for hit in self.hits if hit.column == column]
        if not any(hit.value == value for hit in here):
            return []
        names = {value} | {hit.value for hit in here if normalize(hit.value) == normalize(value)}
        for synonym_column, group in self.synonyms:
            if synonym_column == column and value in group:
                names |= group
        ordered = sorted((hit for hit in here if hit.value in names), key=lambda hit: -hit.count)
        return [value] + [hit.value for hit in ordered if hit.value != value]


def contract_facts(values=None) -> CatalogueFacts:
    """Facts from the column contract (what facts_from_catalogue reads from a set-up database)."""
    return CatalogueFacts(columns={column.name: column.sql_type for column in COLUMNS}, values=values)


def test_fake_lookup_is_by_normal_form_most_frequent_first():
    hits = FakeValues().lookup("MARINE  sediment")
    assert [(hit.column, hit.value) for hit in hits] == [
        ("substrate", "Marine sediment"),
        ("isolationhabitat", "Marine sediment"),
    ]


def test_fake_variants_put_the_value_first_and_are_empty_elsewhere():
    fake = FakeValues()
    assert fake.variants("region", "Liguria") == ["Liguria", "Ligury"]
    assert fake.variants("region", "Emilia Romagna") == ["Emilia Romagna", "Emilia-Romagna"]
    assert fake.variants("city", "Liguria") == []
