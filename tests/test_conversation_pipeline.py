"""Conversations through the whole pipeline: scripted model, real linker, post-processing, PostgreSQL.

A follow-up's prompt holds only its own words; the code merges the model's standalone query with the
previous turn, shows what it kept and logs the act. Run:
.venv/bin/python -m pytest -q -p no:xdist tests/test_conversation_pipeline.py
"""

from __future__ import annotations

import pytest

from catalogue.setup import setup
from chat_app import handlers
from chat_app.api import answer_json
from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from text2sql.generators.fake import QueueGenerator
from text2sql.pipeline import Pipeline, PipelineOptions

S = "SELECT strainid FROM detailedstrain"


@pytest.fixture(scope="module")
def parts(catalogue, value_index):
    return ValueLinker(value_index, aliases=catalogue), facts_from_catalogue(catalogue, values=value_index)


@pytest.fixture
def make(catalogue, parts):
    def build(*outputs: str) -> tuple[Pipeline, QueueGenerator]:
        gen = QueueGenerator(outputs)
        linker, facts = parts
        return Pipeline(catalogue, linker, gen, facts, PipelineOptions(route=False)), gen

    return build


def logged_act(catalogue, answer) -> str | None:
    return catalogue.owner_execute("SELECT act FROM querylog WHERE id = %s", (answer.log_id,))[0][0]


def test_refine_replace_count_and_a_new_question(make, catalogue):
    pipeline, gen = make(
        f"{S} WHERE genus = 'Aspergillus' AND substrate = 'Marine sediment'",
        f"{S} WHERE country = 'Italy'",
        f"{S} WHERE country = 'Norway'",
        "SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype",
    )
    history = []

    def ask(question: str):
        answer = pipeline.answer(question, history, session_id="conv-test")
        assert answer.error is None, answer.error
        history.append(answer.turn())
        return answer

    first = ask("Give me all the Aspergillus strains with Marine sediment")
    assert (first.act, first.row_count, first.carried) == ("FIRST", 23, [])
    italy = ask("only those from Italy")
    assert italy.act == "REFINE" and italy.row_count == 14
    assert italy.carried[0] == "genus = 'Aspergillus'" and italy.carried[1].startswith(
        "substrate IN ('Marine sediment'"
    )
    assert "Previous" not in gen.prompts[1][-1]["content"] and "Aspergillus" not in gen.prompts[1][-1]["content"]
    norway = ask("and from Norway?")
    assert norway.act == "REPLACE" and norway.row_count == 9 and "Italy" not in norway.sql
    count = ask("how many?")
    assert count.act == "PROJECT" and count.kind == "aggregate" and count.rows == [[9]]
    assert count.generated_sql is None and len(gen.prompts) == 3  # the code told the projection: no model call
    assert "COUNT(*)" in count.sql and "country" in count.sql and "genus = 'Aspergillus'" in count.sql
    new = ask("How many strains are there per organism type?")
    assert new.act == "NEW" and new.carried == [] and "WHERE" not in new.sql and new.row_count == 3
    assert [logged_act(catalogue, a) for a in (first, italy, norway, count, new)] == [
        "FIRST",
        "REFINE",
        "REPLACE",
        "PROJECT",
        "NEW",
    ]
    data = count.to_json()
    assert data["act"] == "PROJECT" and data["carried"] == count.carried and "generated_sql" in data


def test_remove_needs_no_model_and_forced_new_ignores_history(make):
    pipeline, gen = make(
        f"{S} WHERE genus = 'Penicillium' AND region = 'Tuscany'",
        f"{S} WHERE region = 'Tuscany'",
    )
    first = pipeline.answer("Penicillium strains from Tuscany")
    assert first.row_count == 218
    removed = pipeline.answer("never mind the region", [first.turn()])
    assert removed.act == "REMOVE" and removed.generated_sql is None and len(gen.prompts) == 1
    assert "region" not in removed.sql and removed.row_count > 218
    forced = pipeline.answer("only those from Tuscany", [first.turn()], act="NEW")
    assert forced.act == "NEW" and forced.carried == [] and "Penicillium" not in forced.sql


def test_a_database_without_the_act_column_gets_it_on_setup(db_settings, catalogue):
    catalogue.owner_execute("ALTER TABLE querylog DROP COLUMN act")
    setup(db_settings)
    columns = catalogue.owner_execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'querylog' AND column_name = 'act'"
    )
    assert columns == [("act",)]


def test_the_api_takes_back_a_shown_answer_as_the_previous_turn(make):
    pipeline, gen = make(f"{S} WHERE genus = 'Penicillium' AND region = 'Tuscany'", f"{S} WHERE riskgroup = 1")
    first = pipeline.answer("Penicillium strains from Tuscany")
    assert first.sql.startswith("SELECT syntheticstrain.*")  # what a client sees and passes back
    result = answer_json(pipeline, "only those in risk group 1", [{"question": first.question, "sql": first.sql}])
    assert result["error"] is None and result["act"] == "REFINE"
    assert result["carried"][0] == "genus = 'Penicillium'" and result["carried"][1].startswith("region IN ('Tuscany'")
    assert "riskgroup = 1" in result["sql"]


def test_the_chat_shows_what_was_kept_and_can_ask_the_same_words_as_new(make):
    pipeline, _ = make(
        f"{S} WHERE organismtype = 'Yeasts'", f"{S} WHERE region = 'Sardinia'", f"{S} WHERE region = 'Sardinia'"
    )
    state = handlers.ChatState()
    handlers.ask(pipeline, state, "show me the yeasts")
    view = handlers.ask(pipeline, state, "only those from Sardinia")
    assert view.carried == ["organismtype = 'Yeasts'"]
    assert "Kept from before: `organismtype = 'Yeasts'`" in state.messages[-1]["content"]
    assert "organismtype = 'Yeasts'" in view.sql and "Sardinia" in view.sql
    again = handlers.ask(pipeline, state, "only those from Sardinia", act="NEW")
    assert again.carried == [] and "Yeasts" not in again.sql and state.last.act == "NEW"
    assert "Kept from before" not in state.messages[-1]["content"]
