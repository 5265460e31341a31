"""The value index: columns chosen from the data, dictionary lookups, spelling variants, rebuild/reuse."""

from __future__ import annotations

import pytest
from psycopg import sql

from index.build import IndexConfig, ensure_index_at
from index.columns import LinkPolicy, classify
from index.normalize import fold_plurals, normalize
from index.thesaurus import Thesaurus

POLICY = LinkPolicy()


def test_linkable_columns_are_decided_from_the_data(value_index):
    kinds = {p.name: p.kind for p in value_index.profiles}
    for column in ("genus", "species", "scientificname", "organismtype", "substrate", "isolationhabitat", "region"):
        assert column in value_index.columns
    assert kinds["collectiondate"] == kinds["depositdate"] == "date"
    assert kinds["remarks"] == "free_text" and kinds["otherdenominations"] == "identifier"
    assert kinds["accessionnumber"] in ("code", "identifier") and kinds["cacronym"] == "constant"
    assert kinds["gmo"] == kinds["riskgroup"] == "other"
    assert kinds["plasmids"] == "empty"
    assert not {"remarks", "accessionnumber", "depositdate", "gmo"} & set(value_index.columns)


def test_lookup_ignores_case_and_punctuation_and_puts_the_most_frequent_column_first(value_index):
    hits = value_index.lookup("marine  SEDIMENT")
    assert [(h.column, h.value, h.count) for h in hits] == [
        ("substrate", "Marine sediment", 115),
        ("isolationhabitat", "Marine sediment", 60),
    ]
    assert value_index.lookup("emilia romagna")[0].column == "region"
    assert value_index.lookup("no such value anywhere") == []


def test_lookup_ranks_a_column_by_all_its_spellings(value_index):
    # city stores 'Piemonte' 35 times, region 13 times, but region also holds 'Piedmont' (2767).
    assert [h.column for h in value_index.lookup("Piemonte")] == ["region", "city"]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("region", "Ligury", ["Ligury", "Liguria"]),
        ("region", "Liguria", ["Liguria", "Ligury"]),
        ("city", "Torino", ["Torino", "Turin"]),
        ("region", "Emilia-Romagna", ["Emilia-Romagna", "Emilia Romagna"]),
        ("isolationhabitat", "Atlantic Ocean", ["Atlantic Ocean", "Atlantic ocean"]),
        ("substrate", "Marine sediment", ["Marine sediment", "Marine sediments"]),
        ("country", "Italy", ["Italy", "italy", "ITALY"]),
        ("region", "Tuscany", ["Tuscany", "Toscana", "Tuscnay"]),
    ],
)
def test_variants_list_every_stored_spelling_own_spelling_first(value_index, column, value, expected):
    assert value_index.variants(column, value) == expected


def test_variants_are_empty_when_the_column_does_not_hold_the_value(value_index):
    assert value_index.variants("genus", "Ligury") == []
    assert value_index.variants("city", "Marine sediment") == []


def test_taxon_names_with_latin_endings_are_not_merged(value_index):
    assert value_index.variants("species", "album") == ["album"]
    assert fold_plurals(normalize("Marine Sediments")) == "marine sediment"
    assert fold_plurals("albus fragilis glass bodies") == "albus fragilis glass body"


def test_classify_sorts_columns_by_their_values():
    rows = 100
    assert classify("boolean", [], rows, POLICY) == "other"
    assert classify("text", [], rows, POLICY) == "empty"
    assert classify("text", [("TUCC", rows)], rows, POLICY) == "constant"
    assert classify("text", [("2019", 50), ("20200105", 30), ("2021-03-04", 20)], rows, POLICY) == "date"
    assert classify("text", [(f"L{n:06d}", 1) for n in range(rows)], rows, POLICY) == "code"
    names = [(f"name {n} of strain", 1) for n in range(rows)]
    assert classify("text", names, rows, POLICY) == "identifier"
    long_notes = [("a long free text remark about how this strain grows in the lab", 2)] * 3
    assert classify("text", long_notes + [("short", 1)], rows, POLICY) == "free_text"
    assert classify("text", [("Bacteria", 60), ("Yeasts", 40)], rows, POLICY) == "value"


def test_glossary_groups_sharing_a_term_are_merged():
    thesaurus = Thesaurus([["Tuscany", "Toscana"], ["Tuscnay", "Tuscany"]])
    assert thesaurus.key("toscana") == thesaurus.key("TUSCNAY") == thesaurus.key("Tuscany")
    assert thesaurus.key("Liguria") == "liguria"


@pytest.fixture
def small_table(catalogue, db_settings):
    """A 300-strain table with other columns than detailedstrain, readable by the reader role."""
    table = "linktest_strain"
    name = sql.Identifier(table)
    catalogue.owner_execute(sql.SQL("DROP TABLE IF EXISTS {}").format(name))
    catalogue.owner_execute(
        sql.SQL(
            "CREATE TABLE {} AS SELECT strainid, genus, substrate, region, depositdate, gmo "
            "FROM detailedstrain WHERE strainid <= 300"
        ).format(name)
    )
    catalogue.owner_execute(sql.SQL("GRANT SELECT ON {} TO {}").format(name, sql.Identifier(db_settings.reader_role)))
    yield table
    catalogue.owner_execute(sql.SQL("DROP TABLE IF EXISTS {}").format(name))


def test_index_is_reused_when_the_data_is_unchanged_and_rebuilt_when_it_changes(catalogue, small_table, tmp_path):
    config = IndexConfig(table=small_table)
    first = ensure_index_at(catalogue, tmp_path / "index", config=config)
    assert set(first.columns) <= {"genus", "substrate", "region"} and "genus" in first.columns
    assert ensure_index_at(catalogue, tmp_path / "index", config=config).build_id == first.build_id

    catalogue.owner_execute(f"UPDATE {small_table} SET substrate = 'Glacier ice core' WHERE strainid = 1")
    rebuilt = ensure_index_at(catalogue, tmp_path / "index", config=config)
    assert rebuilt.build_id != first.build_id
    assert [(h.column, h.value) for h in rebuilt.lookup("glacier ice core")] == [("substrate", "Glacier ice core")]
    assert first.lookup("glacier ice core") == []


def test_free_text_columns_are_kept_for_their_words_but_never_linked(value_index):
    assert "remarks" in value_index.free_text and "applications" in value_index.free_text
    assert "remarks" not in value_index.columns  # never a linked column
    assert all(count > 0 for pairs in value_index.free_text.values() for _, count in pairs)
