"""Curator actions and feedback from the chat, written to the real `value_alias` and `querylog` tables,
and `strainchat export-feedback`."""

from __future__ import annotations

import io
import json

import pytest
from test_chat_app_handlers import ScriptedPipeline

from chat_app import curation, handlers
from chat_app.curators import Curator
from chat_app.feedback import approved_examples, training_sql, write_jsonl
from chat_app.handlers import ChatState

QUESTION = "Give me all the Aspergillus strains with Marine sediment"
CURATOR = Curator("tester", "password")  # what a sign-in puts in the session's state


@pytest.fixture
def answered(catalogue):
    """A session whose last answer has the links Aspergillus → genus and Marine sediment → substrate."""
    state = ChatState()
    handlers.ask(ScriptedPipeline(catalogue), state, QUESTION)
    return state


@pytest.fixture
def aliases(catalogue):
    """The alias rows the test adds, removed afterwards so the linker of later tests is unaffected."""
    before = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM value_alias")[0][0]

    def added():
        return catalogue.owner_execute(
            "SELECT alias, column_name, value, action FROM value_alias WHERE id > %s ORDER BY id", (before,)
        )

    yield added
    catalogue.owner_execute("DELETE FROM value_alias WHERE id > %s", (before,))


def test_accepting_a_link_stores_a_link_alias(catalogue, answered, aliases):
    message = curation.accept_link(catalogue, CURATOR, answered, "1")
    assert message.startswith("Accepted: 'Marine sediment' → substrate: Marine sediment")
    assert aliases() == [("Marine sediment", "substrate", "Marine sediment", "link")]


def test_rejecting_a_link_stores_a_reject_alias(catalogue, answered, aliases):
    assert curation.reject_link(catalogue, CURATOR, answered, "0").startswith("Rejected: 'Aspergillus'")
    assert aliases() == [("Aspergillus", "genus", "Aspergillus", "reject")]


def test_correcting_a_link_rejects_the_old_pair_and_links_the_stored_spelling(catalogue, answered, aliases):
    message = curation.correct_link(catalogue, CURATOR, answered, "1", "isolationhabitat", "marine SEDIMENT")
    assert message.startswith("Corrected: 'Marine sediment' → isolationhabitat: Marine sediment")
    assert aliases() == [
        ("Marine sediment", "substrate", "Marine sediment", "reject"),
        ("Marine sediment", "isolationhabitat", "Marine sediment", "link"),
    ]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("isolationhabitat", "Moon dust", "No strain has isolationhabitat = 'Moon dust'"),
        ("nosuchcolumn", "x", "'nosuchcolumn' is not a column of the catalogue."),
        ("substrate\" = 'x' OR \"genus", "x", "is not a column of the catalogue."),
        (None, "Marine sediment", "Pick a column and type the value"),
    ],
)
def test_a_bad_correction_saves_nothing_and_says_why(catalogue, answered, aliases, column, value, expected):
    message = curation.correct_link(catalogue, CURATOR, answered, "1", column, value)
    assert message.startswith("Not saved:") and expected in message
    assert aliases() == []


def test_curating_without_an_answer_or_a_pick_says_so(catalogue, answered, aliases):
    assert "ask a question first" in curation.accept_link(catalogue, CURATOR, ChatState(), "0")
    assert "Pick one of the linked values" in curation.reject_link(catalogue, CURATOR, answered, None)
    assert "Pick one of the linked values" in curation.accept_link(catalogue, CURATOR, answered, "7")
    assert aliases() == []


def test_correction_choices_offer_the_alternatives_first(answered):
    assert curation.correction_choices(answered, "1") == (["substrate", "isolationhabitat"], "Marine sediment")
    assert curation.correction_choices(answered, None) == ([], "")


def _feedback_row(catalogue, entry_id):
    return catalogue.owner_execute("SELECT rating, corrected_sql, comment FROM querylog WHERE id = %s", (entry_id,))[0]


def test_thumbs_up_with_corrected_sql_and_comment_is_stored(catalogue, answered):
    fixed = "SELECT * FROM detailedstrain WHERE genus = 'Aspergillus'"
    message = curation.give_feedback(catalogue, answered, 1, f"  {fixed} ", "close enough")
    assert message.startswith("Thanks: feedback saved (right)")
    assert _feedback_row(catalogue, answered.last.log_id) == (1, fixed, "close enough")


def test_a_like_in_the_chat_rates_that_message(catalogue, answered):
    handlers.ask(ScriptedPipeline(catalogue), answered, "how many are there?")
    curation.give_feedback(catalogue, answered, curation.rating_of(False), message_index=1)
    assert _feedback_row(catalogue, answered.answers[1].log_id) == (-1, None, None)
    assert _feedback_row(catalogue, answered.answers[3].log_id)[0] is None


@pytest.mark.parametrize("bad_sql", ["DELETE FROM detailedstrain", "SELECT 1; SELECT 2", "SELEC nothing FROM"])
def test_corrected_sql_must_be_one_select(catalogue, answered, bad_sql):
    message = curation.give_feedback(catalogue, answered, -1, bad_sql)
    assert message.startswith("Feedback not saved: the corrected SQL")
    assert _feedback_row(catalogue, answered.last.log_id) == (None, None, None)


def test_feedback_needs_a_logged_answer(catalogue):
    assert "ask a question first" in curation.give_feedback(catalogue, ChatState(), 1)
    assert curation.rating_of("Like") == 1 and curation.rating_of("Dislike") == -1 and curation.rating_of("") is None


def test_export_feedback_writes_approved_answers_with_their_conversation(catalogue):
    pipeline, state = ScriptedPipeline(catalogue), ChatState()
    handlers.ask(pipeline, state, QUESTION)
    handlers.ask(pipeline, state, "how many are there?")
    first, second = state.answers[1], state.answers[3]
    curation.give_feedback(catalogue, state, 1, message_index=3)
    corrected = "SELECT count(*) FROM detailedstrain WHERE genus = 'Aspergillus'"
    curation.give_feedback(catalogue, state, 1, corrected, message_index=1)
    disliked = ChatState()
    handlers.ask(pipeline, disliked, QUESTION)
    curation.give_feedback(catalogue, disliked, -1)

    examples = {e["id"]: e for e in approved_examples(catalogue)}
    assert f"feedback-{disliked.last.log_id}" not in examples
    follow_up = examples[f"feedback-{second.log_id}"]
    assert follow_up["sql"] == second.sql and follow_up["possible_sql_queries"] == [second.sql]
    assert follow_up["history"] == [{"question": QUESTION, "sql": corrected}]  # the earlier turn, as corrected
    assert follow_up["category"] == "feedback" and follow_up["index_template"] is None
    assert follow_up["question"] == follow_up["question_template"] == "how many are there?"
    assert examples[f"feedback-{first.log_id}"]["sql"] == corrected
    assert examples[f"feedback-{first.log_id}"]["history"] == []

    out = io.StringIO()
    assert write_jsonl([follow_up], out) == 1
    assert json.loads(out.getvalue()) == follow_up


def test_exported_strain_lists_are_written_as_the_model_writes_them(catalogue):
    state = ChatState()
    handlers.ask(ScriptedPipeline(catalogue), state, QUESTION)
    curation.give_feedback(catalogue, state, 1)
    example = {e["id"]: e for e in approved_examples(catalogue)}[f"feedback-{state.last.log_id}"]
    inner = "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND substrate = 'Marine sediment'"
    assert example["sql"] == example["sql_template"] == inner and example["possible_sql_queries"] == [inner]
    assert training_sql("SELECT count(*) FROM detailedstrain") == "SELECT count(*) FROM detailedstrain"
    assert training_sql("not sql at all (") == "not sql at all ("
