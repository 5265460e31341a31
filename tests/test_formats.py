"""Answer-format phrases (linking/formats.py) and everyday words kept from fuzzy matching (linking/match.py).

.venv/bin/python -m pytest -q tests/test_formats.py
"""

from __future__ import annotations

import pytest

from linking.formats import format_phrases
from linking.spans import load_common_words


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        (
            "Which strains have Platanus in their substrate? The accession numbers are fine.",
            "The accession numbers are fine",
        ),
        ("How many Arthroderma fall in risk group 2? One line is enough.", "One line is enough"),
        ("In breve, quanti Paralulworthia sono ceppi tipo?", "In breve"),
        ("Elencameli: i Lacticaseibacillus dal formaggio", "Elencameli"),
        ("yeasts from Spain as a CSV-style list please", "as a CSV-style list please"),
        ("i generi per paese, in tabella", "in tabella"),
        ("ceppi sardi, bastano i codici", "bastano i codici"),
    ],
)
def test_a_format_phrase_is_found(question, phrase):
    assert [question[a:b] for a, b in format_phrases(question)] == [phrase]


@pytest.mark.parametrize(
    "question",
    [
        "strains isolated from fine sand",
        "Bifidobacterium breve strains",
        "the production line isolates",
        "solo il numero",
    ],
)
def test_words_of_values_are_no_format(question):
    assert format_phrases(question) == []


def test_everyday_words_are_listed_and_names_are_not():
    common = load_common_words()
    assert {"panel", "right", "material", "lezione"} <= common
    assert not {"aspergillus", "posidonia", "castelmagno"} & common
