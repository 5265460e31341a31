"""The answering pipeline end to end with a scripted generator: real linker, post-processing and PostgreSQL."""

from __future__ import annotations

import pytest

from catalogue.database import Catalogue
from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from text2sql.generators.fake import QueueGenerator
from text2sql.pipeline import MAX_QUESTION_CHARS, Pipeline, PipelineOptions
from text2sql.prompt import PromptConfig
from text2sql.types import GenerationFailed


@pytest.fixture(scope="module")
def parts(catalogue, value_index):
    return ValueLinker(value_index, aliases=catalogue), facts_from_catalogue(catalogue, values=value_index)


@pytest.fixture
def make(catalogue, parts):
    def build(*outputs, cat: Catalogue | None = None) -> tuple[Pipeline, QueueGenerator]:
        gen = QueueGenerator(outputs)
        linker, facts = parts
        return Pipeline(cat or catalogue, linker, gen, facts, PipelineOptions(route=False)), gen

    return build


def logged(catalogue, answer):
    return catalogue.owner_execute("SELECT status, row_count, error FROM querylog WHERE id = %s", (answer.log_id,))[0]


def test_value_only_question_is_answered_from_the_right_column(make, catalogue):
    pipeline, gen = make(
        "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND isolationhabitat = 'Marine sediment'"
    )
    answer = pipeline.answer("Give me all the Aspergillus strains with Marine sediment")
    assert answer.error is None
    assert "substrate" in answer.sql and "syntheticstrain" in answer.sql
    assert answer.row_count in (13, 23)  # 23 with the stored variant 'Marine sediments'
    assert "accessionnumber" in answer.columns and answer.kind == "rows"
    assert {link["column"] for link in answer.links} >= {"genus", "substrate"}
    prompt = gen.prompts[0][-1]["content"]
    assert "substrate = 'Marine sediment'" in prompt or "substrate IN ('Marine sediment'" in prompt
    assert set(answer.timings_ms) == {"link", "generate", "postprocess", "execute", "total"}
    assert logged(catalogue, answer) == ("ok", answer.row_count, None)


def test_follow_up_is_asked_alone_and_merged_with_the_previous_turn(make):
    pipeline, gen = make(
        "SELECT strainid FROM detailedstrain WHERE organismtype = 'yeasts'",
        "SELECT COUNT(*) FROM detailedstrain WHERE riskgroup = 2",
    )
    first = pipeline.answer("Show me the yeasts")
    assert first.row_count == 427 and first.act == "FIRST" and first.carried == []
    assert first.turn().sql == "SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts'"
    second = pipeline.answer("how many are in risk group 2?", [first.turn()])
    assert second.kind == "aggregate" and second.rows[0][0] > 0
    assert "Previous" not in gen.prompts[1][-1]["content"]  # the model sees the turn's own words only
    assert second.turn().sql == "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND riskgroup = 2"
    assert second.act == "REFINE" and second.carried == ["organismtype = 'Yeasts'"]


def test_relaxed_query_runs_only_when_the_exact_one_finds_nothing(make):
    # 'Dysidea' is only a word inside stored substrates ('Atlantic sponge Dysidea fragilis'): the exact
    # comparison finds nothing, the relaxed one finds them
    pipeline, _ = make("SELECT COUNT(*) FROM detailedstrain WHERE substrate = 'Dysidea'")
    answer = pipeline.answer("how many strains from Dysidea")
    assert "ILIKE" in answer.sql and answer.rows[0][0] > 0 and answer.note


@pytest.mark.parametrize(
    ("question", "output", "message"),
    [
        ("", "SELECT 1", "please type a question"),
        ("   \x00\x07 ", "SELECT 1", "please type a question"),
        ("x" * (MAX_QUESTION_CHARS + 1), "SELECT 1", "too long"),
        (42, "SELECT 1", "must be text"),
        ("delete everything", "DELETE FROM detailedstrain", "DELETE"),
        ("how many strains?", GenerationFailed("the local model failed: boom"), "boom"),
    ],
)
def test_bad_input_and_bad_model_output_give_a_clear_logged_error(make, catalogue, question, output, message):
    pipeline, _ = make(output)
    answer = pipeline.answer(question)
    assert answer.error and message.lower() in answer.error.lower()
    assert answer.rows == [] and logged(catalogue, answer)[0] == "error"
    assert catalogue.run_read("SELECT count(*) FROM detailedstrain").rows[0][0] == 7216


def test_prose_instead_of_sql_is_answered_by_the_draft_and_says_so(make):
    pipeline, _ = make("I am sorry, I cannot help with that.")
    answer = pipeline.answer("how many strains?")
    assert answer.error is None and answer.rows == [[7216]]
    assert "did not produce a SQL query" in answer.note and "draft" in answer.note


def test_without_hints_prose_is_a_clear_error(make, parts):
    pipeline, _ = make("I am sorry, I cannot help with that.")
    pipeline.options = PipelineOptions(prompt=PromptConfig(use_hints=False))
    answer = pipeline.answer("how many strains?")
    assert "did not produce a SQL query" in answer.error


def test_dead_database_gives_a_clear_error_and_the_answer_survives_a_failed_log(make, parts):
    dead = Catalogue("postgresql://x@127.0.0.1:1/none", "postgresql://x@127.0.0.1:1/none")
    pipeline, _ = make("SELECT COUNT(*) FROM detailedstrain", cat=dead)
    pipeline.linker = None  # the linker's alias check would also report the dead database
    answer = pipeline.answer("how many strains?")
    assert "unavailable" in answer.error and answer.log_id is None
