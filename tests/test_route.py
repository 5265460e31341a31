"""The router (text2sql/route.py): the code's draft answers what the code read, the model the rest.

Real linker, post-processing and PostgreSQL; the generator is a scripted fake that records whether
it was asked at all.
"""

from __future__ import annotations

import pytest

from linking.linker import ValueLinker
from linking.types import Hint, Link, LinkResult
from sqlproc.facts import facts_from_catalogue
from text2sql.generators.fake import QueueGenerator
from text2sql.pipeline import Pipeline, PipelineOptions
from text2sql.prompt import PromptConfig
from text2sql.route import DRAFT, MODEL, route, understood
from text2sql.types import Turn


@pytest.fixture(scope="module")
def parts(catalogue, value_index):
    return ValueLinker(value_index, aliases=catalogue), facts_from_catalogue(catalogue, values=value_index)


@pytest.fixture
def make(catalogue, parts):
    def build(*outputs: str, options: PipelineOptions | None = None) -> tuple[Pipeline, QueueGenerator]:
        gen = QueueGenerator(outputs)
        linker, facts = parts
        return Pipeline(catalogue, linker, gen, facts, options), gen

    return build


def _link(column: str, value: str) -> Link:
    return Link(value, 0, len(value), column, value, [value], 1, 1.0, "exact")


def test_route_needs_something_read_and_the_hints_on():
    on, off = PipelineOptions(), PipelineOptions(route=False)
    read = LinkResult(links=[_link("genus", "Aspergillus")], columns=[])
    guessed = LinkResult(links=[], columns=[], hints=[Hint("partial", "WHERE", "substrate ILIKE '%life%'")])
    counted = LinkResult(links=[], columns=[], hints=[Hint("count", "SELECT", "COUNT(*)")])
    assert route(read, on) == DRAFT and route(counted, on) == DRAFT
    assert route(guessed, on) == MODEL and not understood(guessed)
    named = LinkResult(
        links=[], columns=["remarks"], hints=[Hint("partial", "WHERE", "remarks ILIKE '%kiwi%'", column="remarks")]
    )
    assert route(named, on) == DRAFT  # "notes that talk about kiwi": the question named the column
    asked = LinkResult(links=[], columns=[], hints=[Hint("text", "WHERE", "remarks ILIKE '%x%'", column="remarks")])
    assert route(asked, on) == DRAFT  # "carbapenemase producers": a verb said where to look
    assert route(None, on) == MODEL  # no linking at all
    assert route(read, off) == MODEL
    assert route(read, PipelineOptions(prompt=PromptConfig(use_hints=False))) == MODEL


def test_a_question_the_code_read_is_answered_without_the_model(make, catalogue):
    pipeline, gen = make()  # no scripted output: asking the model would fail the answer
    answer = pipeline.answer("Give me all the Aspergillus strains with Marine sediment")
    assert answer.error is None and answer.route == DRAFT and gen.prompts == []
    assert answer.generated_sql is None and answer.timings_ms["generate"] == 0.0
    assert "genus = 'Aspergillus'" in answer.draft_sql and "Marine sediment" in answer.sql
    assert answer.row_count > 0 and answer.to_json()["route"] == DRAFT
    logged = catalogue.owner_execute("SELECT model FROM querylog WHERE id = %s", (answer.log_id,))[0]
    assert logged == ("draft",)


def test_a_question_the_code_could_not_read_goes_to_the_model(make):
    pipeline, gen = make("SELECT COUNT(*) FROM detailedstrain")
    answer = pipeline.answer("what is the meaning of life?")
    assert len(gen.prompts) == 1 and answer.route == MODEL
    assert answer.kind == "aggregate" and "meaning" in answer.unread  # the words nothing read


def test_without_the_router_the_model_writes_even_what_the_code_read(make):
    sql = "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus'"
    pipeline, gen = make(sql, options=PipelineOptions(route=False))
    answer = pipeline.answer("Give me all the Aspergillus strains")
    assert len(gen.prompts) == 1 and answer.route == MODEL and answer.kind == "aggregate"  # the model's count


def test_a_conversation_through_the_router_keeps_its_state_in_code(make):
    pipeline, gen = make()
    history: list[Turn] = []
    expected = [
        ("Give me all the Aspergillus strains with Marine sediment", "FIRST", ["genus", "substrate"]),
        ("only those from Italy", "REFINE", ["genus", "substrate", "country"]),
        ("how many are there?", "PROJECT", ["genus", "substrate", "country", "COUNT(*)"]),
        ("How many strains are there per organism type?", "NEW", ["organismtype", "COUNT(*)"]),
    ]
    for question, act, parts in expected:
        answer = pipeline.answer(question, history)
        assert answer.error is None and answer.act == act, (question, answer.act, answer.error)
        assert all(part in answer.sql for part in parts), (question, answer.sql)
        history.append(answer.turn())
    assert "genus" not in answer.sql and "country" not in answer.sql  # the new question inherits nothing
    assert gen.prompts == []  # every turn was read by the code
