"""The hint rules (linking/hints/) on the real value index: each question shape read in code.

.venv/bin/python -m pytest -q tests/test_hints.py
"""

from __future__ import annotations

import pytest

from linking.linker import ValueLinker


@pytest.fixture(scope="module")
def linker(value_index):
    return ValueLinker(value_index)


def hints(linker, question: str) -> list[str]:
    return [hint.text() for hint in linker.link(question).hints]


def conditions(linker, question: str) -> list[tuple[str, str]]:
    return [(link.column, link.operator) for link in linker.link(question).links]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("strains added to the catalogue after 2020", "WHERE inclusiondate > '2020'"),
        ("ceppi inseriti nel catalogo prima del 2015", "WHERE inclusiondate < '2015'"),
        ("isolati nel febbraio 2020", "WHERE isolationdate = '2020-02'"),
        ("collected between 2012 and 2014", "WHERE collectiondate BETWEEN '2012' AND '2014'"),
        ("raccolti dal 2012 al 2014", "WHERE collectiondate BETWEEN '2012' AND '2014'"),
        ("deposited before 10/2023", "WHERE depositdate < '2023-10'"),
        ("deposited on 14/12/2023", "WHERE depositdate = '2023-12-14'"),
        ("collected since 2019", "WHERE collectiondate >= '2019'"),
    ],
)
def test_dates_become_a_bound_on_the_right_column(linker, question, expected):
    assert expected in hints(linker, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("risk group 2 bacteria", "WHERE riskgroup = 2"),
        ("ceppi con temperatura raccomandata sopra i 30 gradi", "WHERE recommendedtemperature > 30"),
        ("strains growing at 37 degrees", "WHERE recommendedtemperature = 37"),
        ("nagoya conditions 3", "WHERE nagoyaconditions = 3"),
        ("species with more than 30 isolates", "HAVING COUNT(*) > 30"),
        ("generi con almeno 3 ceppi", "HAVING COUNT(*) >= 3"),
    ],
)
def test_numbers_and_comparisons(linker, question, expected):
    assert expected in hints(linker, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("type strains of Candida", "WHERE typestrain = TRUE"),
        ("not a type strain", "WHERE typestrain = FALSE"),
        ("strains that are not dual-use", "WHERE dualuse = FALSE"),
        ("ceppi in quarantena", "WHERE euquarantine = TRUE"),
        ("ceppi non in quarantena", "WHERE euquarantine = FALSE"),
        ("non-GMO strains", "WHERE gmo = FALSE"),
    ],
)
def test_flags_and_their_negation(linker, question, expected):
    assert expected in hints(linker, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("strains with no isolation date", "WHERE isolationdate IS NULL"),
        ("ceppi senza data di isolamento", "WHERE isolationdate IS NULL"),
        ("strains whose country is unknown", "WHERE country IS NULL"),
        ("strains with a known risk group", "WHERE riskgroup IS NOT NULL"),
    ],
)
def test_missing_and_present_values(linker, question, expected):
    assert expected in hints(linker, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many different countries are there?", ["SELECT COUNT(DISTINCT country)"]),
        ("quante specie diverse ci sono", ["SELECT COUNT(DISTINCT scientificname)"]),
        ("quanti ceppi per substrato", ["GROUP BY substrate"]),
        ("the 5 countries with the most strains", ["GROUP BY country", "ORDER BY COUNT(*) DESC LIMIT 5"]),
        ("number of strains per year of collection", ["GROUP BY LEFT(collectiondate, 4)", "ORDER BY 1"]),
        ("genera with only one species", ["GROUP BY genus", "HAVING COUNT(DISTINCT species) = 1"]),
    ],
)
def test_aggregates(linker, question, expected):
    found = hints(linker, question)
    assert all(item in found for item in expected), found


def test_a_question_with_no_filter_says_so(linker):
    assert "WHERE (none)" in hints(linker, "How many strains are there per organism type?")
    assert "WHERE (none)" not in hints(linker, "How many Aspergillus strains are there per country?")


def test_accession_lookup_and_same_property_as_a_strain(linker):
    assert hints(linker, "MUT00003610") == ["WHERE accessionnumber = 'MUT00003610'"]
    same = hints(linker, "other strains of the same species as MUT00003610")
    assert same == [
        "WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003610')",
        "WHERE accessionnumber <> 'MUT00003610'",
    ]


def test_contained_and_excluded_values(linker):
    assert ("isolationhabitat", "contains") in conditions(linker, "strains whose habitat mentions forest")
    assert ("identificationtechnique", "contains") in conditions(linker, "identificationTechnique contains MALDI-TOF")
    assert ("country", "not") in conditions(linker, "yeasts not from Italy")
    assert ("organismtype", "not") in conditions(linker, "tutti i ceppi tranne i lieviti")
    assert ("genus", "=") in conditions(linker, "Penicillium from Tuscany")


def test_plain_value_questions_get_no_structured_hints(linker):
    assert hints(linker, "Give me all the Aspergillus strains with Marine sediment") == []
