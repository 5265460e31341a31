"""Curator aliases: stored through catalogue.aliases, used by the linker from the next question on."""

from __future__ import annotations

import contextlib

import pytest

from catalogue.aliases import AliasError, add_alias, delete_alias, list_aliases
from linking.linker import ValueLinker


@pytest.fixture
def linker(value_index, catalogue):
    return ValueLinker(value_index, aliases=catalogue)


@pytest.fixture
def cleanup(catalogue):
    created: list[int] = []
    yield created
    for alias_id in created:
        with contextlib.suppress(AliasError):  # the test may have deleted it itself
            delete_alias(catalogue, alias_id)


def pairs(result):
    return [(link.column, link.value) for link in result.links]


def test_a_link_alias_counts_from_the_next_question_and_stops_when_deleted(linker, catalogue, cleanup):
    question = "strains kept at Fondazione Zeta"
    assert pairs(linker.link(question)) == []
    alias_id = add_alias(catalogue, "Fondazione Zeta", "locality", "Orto Botanico", note="curator test")
    cleanup.append(alias_id)
    assert any(a["id"] == alias_id and a["column"] == "locality" for a in list_aliases(catalogue))

    result = linker.link(question)
    assert pairs(result) == [("locality", "Orto Botanico")]
    assert result.links[0].method == "alias" and "Botanical garden" in result.links[0].values

    delete_alias(catalogue, alias_id)
    assert pairs(linker.link(question)) == []


def test_adding_the_same_alias_twice_returns_the_same_row(catalogue, cleanup):
    first = add_alias(catalogue, "Zeta lab", "locality", "Orto Botanico")
    cleanup.append(first)
    assert add_alias(catalogue, "zeta  LAB", "locality", "Orto Botanico") == first


def test_a_reject_alias_moves_the_link_to_the_next_column(linker, catalogue, cleanup):
    assert only_column(linker, "strains from Turin") == "city"
    cleanup.append(add_alias(catalogue, "Turin", "city", "Turin", action="reject"))
    link = linker.link("strains from Turin").links[0]
    assert (link.column, link.value) == ("locality", "Turin")
    assert "city" not in [a.column for a in link.alternatives]


def test_a_phrase_rejected_outright_is_never_linked(linker, catalogue, cleanup):
    assert pairs(linker.link("strains from Alba")) == [("city", "Alba")]
    cleanup.append(add_alias(catalogue, "Alba", None, None, action="reject"))
    assert pairs(linker.link("strains from Alba")) == []


def test_an_alias_without_value_names_a_column(linker, catalogue, cleanup):
    cleanup.append(add_alias(catalogue, "matrice ambientale", "substrate", None))
    assert linker.link("ceppi per matrice ambientale").columns == ["substrate"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x", "no_such_column", "x"), "no column"),
        (("x", "genus", "Notagenus"), "no strain has genus"),
        (("x", "genus", "Aspergillus", "maybe"), "action must be"),
        (("  ", "genus", "Aspergillus"), "empty"),
        (("x", None, "Aspergillus"), "needs the column"),
        (("x", None, None, "link"), "needs a column"),
    ],
)
def test_bad_aliases_are_refused_with_a_clear_message(catalogue, args, message):
    with pytest.raises(AliasError, match=message):
        add_alias(catalogue, *args)


def test_deleting_an_unknown_alias_says_so(catalogue):
    with pytest.raises(AliasError, match="no alias with id"):
        delete_alias(catalogue, 987654321)


def only_column(linker, question):
    [link] = linker.link(question).links
    return link.column
