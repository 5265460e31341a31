"""The chat handlers on the real pipeline (linker, value index, post-processing, query log, real
PostgreSQL) with a scripted model: the issue's done-when conversation, follow-ups, Italian, a
curator correction that changes the next answer."""

from __future__ import annotations

import csv

import pytest
from test_chat_app_handlers import ScriptedModel, real_pipeline

from chat_app import curation, handlers
from chat_app.curators import Curator
from chat_app.handlers import ChatState

CURATOR = Curator("tester", "password")  # what a sign-in puts in the session's state

pytestmark = pytest.mark.xdist_group("chat_app")  # one value index per worker, shared with the other chat tests

QUESTION = "Give me all the Aspergillus strains with Marine sediment"


@pytest.fixture(scope="module")
def model():
    return ScriptedModel()


@pytest.fixture(scope="module")
def pipeline(db_settings, value_index, model):
    with real_pipeline(db_settings, model) as pipeline:
        yield pipeline


@pytest.fixture
def new_aliases(catalogue):
    before = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM value_alias")[0][0]
    yield
    catalogue.owner_execute("DELETE FROM value_alias WHERE id > %s", (before,))


def strain_ids(catalogue, condition: str) -> set[int]:
    return {
        r[0] for r in catalogue.run_read(f"SELECT strainid FROM detailedstrain WHERE {condition}", max_rows=None).rows
    }


def test_aspergillus_with_marine_sediment_returns_those_strains_via_substrate(pipeline, catalogue, tmp_path):
    state = ChatState()
    view = handlers.ask(pipeline, state, QUESTION, csv_dir=tmp_path)

    assert "substrate" in view.sql and state.last.error is None
    variants = "('Marine sediment', 'Marine sediments')" if "Marine sediments" in view.sql else "('Marine sediment')"
    expected = strain_ids(catalogue, f"genus = 'Aspergillus' AND substrate IN {variants}")
    assert len(expected) in (13, 23)
    assert {row[0] for row in view.rows} == expected and view.caption == f"showing {len(expected)} of {len(expected)}"
    assert "accessionnumber" in view.columns
    marine = next(link for link in state.last.links if link["span"] == "Marine sediment")
    assert marine["column"] == "substrate" and marine["alternatives"][0]["column"] == "isolationhabitat"
    with open(view.csv_path, newline="", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == len(expected) + 1


def test_a_follow_up_narrows_the_previous_answer(pipeline, model):
    state = ChatState()
    first = handlers.ask(pipeline, state, QUESTION)
    second = handlers.ask(pipeline, state, "only those from Tuscany")
    assert "Previous" not in model.prompts[-1]  # the turn is asked alone; the code keeps the conversation
    assert state.last.act == "REFINE" and "Kept from before: `genus = 'Aspergillus'`" in state.messages[-1]["content"]
    assert 0 < len(second.rows) < len(first.rows)
    assert "region" in second.sql and "substrate" in second.sql


def test_counting_after_a_list_counts_the_same_strains(pipeline):
    state = ChatState()
    rows = handlers.ask(pipeline, state, QUESTION).rows
    handlers.ask(pipeline, state, "how many are there?")
    assert state.last.kind == "aggregate"
    assert state.messages[-1]["content"].startswith(f"The answer is **{len(rows)}**.")


def test_italian_questions_and_follow_ups(pipeline, catalogue, model):
    state = ChatState()
    handlers.ask(pipeline, state, "Quanti lieviti ci sono nel gruppo di rischio 2?")
    yeasts = catalogue.run_read("SELECT count(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND riskgroup = 2")
    assert state.messages[-1]["content"].startswith(f"The answer is **{yeasts.rows[0][0]}**.")
    handlers.ask(pipeline, state, "e quelli del genere Aspergillus?")
    assert "Previous" not in model.prompts[-1] and "organismtype = 'Yeasts'" in state.last.carried
    assert state.last.error is None and "genus" in state.last.sql and "riskgroup" in state.last.sql
    language = catalogue.owner_execute("SELECT language FROM querylog WHERE id = %s", (state.last.log_id,))
    assert language == [("it",)]


def test_a_curator_correction_changes_the_next_answer(pipeline, catalogue, new_aliases):
    state = ChatState()
    before = handlers.ask(pipeline, state, QUESTION)
    marine = next(str(i) for i, link in enumerate(state.last.links) if link["span"] == "Marine sediment")
    message = curation.correct_link(catalogue, CURATOR, state, marine, "isolationhabitat", "Marine sediment")
    assert message.startswith("Corrected:"), message

    after_state = ChatState()
    after = handlers.ask(pipeline, after_state, QUESTION)
    link = next(link for link in after_state.last.links if link["span"] == "Marine sediment")
    assert link["column"] == "isolationhabitat"
    assert "isolationhabitat" in after.sql and "substrate" not in after.sql
    expected = strain_ids(catalogue, "genus = 'Aspergillus' AND isolationhabitat = 'Marine sediment'")
    assert {row[0] for row in after.rows} == expected != {row[0] for row in before.rows}


def test_an_aggregate_by_group_is_charted(pipeline):
    view = handlers.ask(pipeline, ChatState(), "How many strains are there per organism type?")
    assert view.chart is not None and view.chart.x == "organismtype"
    assert sum(y for _, y in view.chart.points) == 7216


def test_a_long_answer_is_capped_in_the_table_but_complete_in_the_csv(pipeline, tmp_path):
    view = handlers.ask(pipeline, ChatState(), "strains with Marine sediment", csv_dir=tmp_path)
    total = int(view.caption.rsplit(" ", 1)[1])
    assert total > 100 and view.caption == f"showing 100 of {total}"
    with open(view.csv_path, newline="", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == total + 1


def test_a_model_without_sql_is_a_clear_chat_message(pipeline, catalogue):
    state = ChatState()
    handlers.ask(pipeline, state, "What is the meaning of life?")
    assert state.messages[-1]["content"].startswith("Sorry, I could not answer that: ")
    assert state.last.log_id is not None and state.turns[-1].sql is None
    status = catalogue.owner_execute("SELECT status, session_id FROM querylog WHERE id = %s", (state.last.log_id,))
    assert status == [("error", state.conversation_id)]
