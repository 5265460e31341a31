"""Aside sentences (linking/sentences.py) and clauses (linking/asides.py): pure functions on the text."""

from __future__ import annotations

import pytest

from linking.asides import blank_clause, purpose_clause, reason_clause
from linking.sentences import aside_sentences


def _asides(question: str) -> list[str]:
    return [question[a:b].strip() for a, b in aside_sentences(question)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hi, I'm new here. Do you have any Mucor?", ["Hi, I'm new here."]),
        ("Quanti lieviti nel 2019? Mi sembra strano.", ["Mi sembra strano."]),
        ("Ciao, sono una tesista nuova. Avete dei Saccharomyces?", ["Ciao, sono una tesista nuova."]),
        # the sentence before the request asks for strains itself
        ("I need Candida strains, but not Candida auris. What's left?", []),
        # the sentence after the request narrows it
        ("How many yeasts? I only want the Italian ones.", []),
        # no sentence asks, or there is only one
        ("Aspergillus from soil. Penicillium from Italy.", []),
        ("P. chrysogenum from Italy?", []),
        ("How many P. chrysogenum strains? I am curious.", ["I am curious."]),
    ],
)
def test_aside_sentences(question, expected):
    assert _asides(question) == expected


def test_an_account_before_the_request_is_an_aside_but_a_search_is_not():
    question = "I'm setting up degradation plates, so could you find the strains from Italy?"
    start, end = purpose_clause(question)
    assert question[start:end] == "I'm setting up degradation plates"
    assert purpose_clause("I'm looking for Mucor from soil, can you list them?") is None
    # the request points back into the account: it is the question
    assert purpose_clause("We have Penicillium from Tuscany in the freezer, how many are there?") is None


def test_a_reason_after_the_question_is_an_aside():
    question = "Elenca le Mucor del 2015, perché devo preparare una tabella."
    start, end = reason_clause(question)
    assert question[start:end] == ", perché devo preparare una tabella."
    assert reason_clause("perché devo preparare una tabella") is None


def test_blanking_keeps_offsets_years_and_accessions():
    question = "I've got MUT00003005 from 2019 on the bench; which share its species?"
    clause = purpose_clause(question)
    blanked = blank_clause(question, [clause])
    assert len(blanked) == len(question)
    assert "MUT00003005" in blanked and "2019" in blanked and "bench" not in blanked
