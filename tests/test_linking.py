"""The value linker on the real catalogue index: exact, case, typo, Italian, variants, ambiguity, no-value."""

from __future__ import annotations

import json

import pytest

from linking.commands import link_lines, result_json
from linking.linker import ValueLinker


@pytest.fixture(scope="module")
def linker(value_index):
    return ValueLinker(value_index)


def pairs(result):
    return [(link.column, link.value) for link in result.links]


def only(result, column):
    [link] = [link for link in result.links if link.column == column]
    return link


def test_exact_values_link_to_the_column_where_they_are_most_frequent(linker):
    question = "Give me all the Aspergillus strains with Marine sediment"
    result = linker.link(question)
    assert pairs(result) == [("genus", "Aspergillus"), ("substrate", "Marine sediment")]
    sediment = only(result, "substrate")
    assert sediment.method == "exact" and sediment.score == 1.0
    assert question[sediment.start : sediment.end] == sediment.span == "Marine sediment"
    alternatives = [(a.column, a.value, a.count) for a in sediment.alternatives]
    assert alternatives == [("isolationhabitat", "Marine sediment", 60)]
    assert set(sediment.values) == {"Marine sediment", "Marine sediments"} and sediment.count == 115 + 19


def test_a_named_column_overrides_the_frequency_rule(linker):
    result = linker.link("strains whose isolation habitat is Marine sediment")
    sediment = only(result, "isolationhabitat")
    assert sediment.value == "Marine sediment" and [a.column for a in sediment.alternatives] == ["substrate"]
    assert result.columns == ["isolationhabitat"]


def test_case_does_not_matter(linker):
    result = linker.link("BACTERIA collected in spain")
    assert pairs(result) == [("organismtype", "Bacteria"), ("country", "Spain")]
    assert "SPAIN" in only(result, "country").values


def test_typos_are_matched_fuzzily(linker):
    result = linker.link("Aspergilus nigr strains")
    assert pairs(result) == [("scientificname", "Aspergillus niger")]
    assert result.links[0].method == "fuzzy" and 0.8 <= result.links[0].score < 1
    assert pairs(linker.link("strains of Penicilium chrysogenum")) == [("scientificname", "Penicillium chrysogenum")]


def test_italian_terms_link_through_the_glossary(linker):
    result = linker.link("lieviti isolati in Toscana dal sedimento marino")
    assert pairs(result) == [("organismtype", "Yeasts"), ("region", "Tuscany"), ("substrate", "Marine sediment")]
    assert result.links[0].method == "glossary"


def test_italian_column_names_are_schema_linked(linker):
    result = linker.link("ceppi con substrato legno e gruppo di rischio 2")
    assert pairs(result) == [("substrate", "wood")]
    assert result.columns == ["substrate", "riskgroup"]


@pytest.mark.parametrize(
    ("question", "column", "spellings"),
    [
        ("strains from Liguria", "region", {"Ligury", "Liguria"}),
        ("strains isolated in Torino", "city", {"Turin", "Torino"}),
        ("strains from the atlantic ocean", "isolationhabitat", {"Atlantic Ocean", "Atlantic ocean"}),
        ("strains from Emilia Romagna", "region", {"Emilia-Romagna", "Emilia Romagna"}),
    ],
)
def test_one_link_carries_every_stored_spelling(linker, question, column, spellings):
    link = only(linker.link(question), column)
    assert set(link.values) == spellings and link.value == link.values[0]


def test_paraphrases_link_through_the_embedding_index(linker):
    link = only(linker.link("strains from spruce forests"), "isolationhabitat")
    assert link.value == "Norway spruce forest" and link.method == "semantic"


@pytest.mark.parametrize("question", ["strains from human blood", "strains from blood of humans"])
def test_a_value_in_another_word_order_is_found_without_the_embedding(linker, question):
    link = only(linker.link(question), "substrate")
    assert link.value == "Blood - human" and link.method == "glossary"


@pytest.mark.parametrize(
    "question",
    [
        "Give me all the strains",
        "Dammi tutti i ceppi",
        "How many strains are there in the collection?",
        "Which strains come from Japan?",
        "strains deposited between 2019 and 2021-03-01",
        "",
        "   ?!  ",
    ],
)
def test_questions_without_values_get_no_links(linker, question):
    assert linker.link(question).links == []


def test_numbers_and_dates_are_not_values_but_their_columns_are_mentioned(linker):
    result = linker.link("Which type strains of risk group 2 were deposited in 2019?")
    assert result.links == []
    assert result.columns == ["typestrain", "riskgroup", "depositdate"]


def test_quoted_values_and_values_after_equals_are_linked_whole(linker):
    result = linker.link("strains where substrate = 'Soil contaminated by PHAs, BTEX, alkanes'")
    [link] = result.links
    assert link.column == "substrate" and link.span == "Soil contaminated by PHAs, BTEX, alkanes"
    # the catalogue's misspelled twin ('conteminated', 92 strains) is the same thing, listed as a variant
    assert {"Soil contaminated by PHAs, BTEX, alkanes", "Soil conteminated by PHAs, BTEX. Alkanes"} <= set(link.values)
    assert pairs(linker.link("strains with region equal to Toscana, please")) == [("region", "Tuscany")]


def test_hostile_input_never_crashes(linker):
    for question in ["\x00\x00", "é" * 5000, "🧫 " * 300, "' OR 1=1 --", "=" * 50, '"' * 7]:
        result = linker.link(question)
        assert isinstance(result.links, list) and result.timings_ms["link"] >= 0


def test_json_shape_of_one_question(linker):
    data = result_json(linker, "Candida strains from Tunisia")
    assert list(data) == ["question", "links", "columns", "hints", "timings_ms"]
    assert list(data["links"][0]) == [
        "span", "column", "value", "values", "count", "score", "method", "alternatives", "operator",
    ]  # fmt: skip
    assert list(data["timings_ms"]) == ["link"]


def test_jsonl_lines_keep_their_ids_and_bad_lines_are_reported(linker, tmp_path, capsys):
    source = tmp_path / "questions.jsonl"
    lines = [{"id": 7, "question": "yeasts from Piedmont"}, "not json", {"id": "b", "question": "strains"}]
    source.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n")
    out = tmp_path / "out.jsonl"
    with out.open("w") as handle:
        assert link_lines(linker, str(source), handle) == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [7, "b"]
    assert list(rows[0]) == ["id", "question", "links", "columns", "hints", "timings_ms"]
    assert [(x["column"], x["value"]) for x in rows[0]["links"]] == [("organismtype", "Yeasts"), ("region", "Piedmont")]
    assert ":2: not JSON" in capsys.readouterr().err
