"""The chat handlers called directly: rendering, follow-ups, charts, CSV, errors (real PostgreSQL).

`ScriptedPipeline` (question → SQL, run on the real catalogue) lets each test here control
exactly what was answered. `ScriptedModel` and `real_pipeline` are the fakes the other chat tests
share: the real pipeline (linker, index, post-processing, query log) with a scripted model.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal

import pytest

from catalogue.querylog import LogEntry, log_answer
from chat_app import handlers
from chat_app.handlers import ChatState
from chat_app.values import display_value, jsonable
from text2sql.factory import build_pipeline, pipeline_options
from text2sql.types import Answer

MARINE = "genus = 'Aspergillus' AND {marine} = 'Marine sediment'"
MODEL_SQL = {  # what a good model writes for each question; {marine}: the column the prompt links it to
    "Give me all the Aspergillus strains with Marine sediment": f"SELECT * FROM detailedstrain WHERE {MARINE}",
    "only those from Tuscany": f"SELECT * FROM detailedstrain WHERE {MARINE} AND region = 'Tuscany'",
    "how many are there?": f"SELECT count(*) FROM detailedstrain WHERE {MARINE}",
    "How many strains are there per organism type?": (
        "SELECT organismtype, count(*) AS strains FROM detailedstrain GROUP BY organismtype"
    ),
    "Quanti lieviti ci sono nel gruppo di rischio 2?": (
        "SELECT count(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND riskgroup = 2"
    ),
    "e quelli del genere Aspergillus?": (
        "SELECT count(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND riskgroup = 2 AND genus = 'Aspergillus'"
    ),
    "strains with Marine sediment": "SELECT * FROM detailedstrain WHERE {marine} = 'Marine sediment'",
}


class ScriptedModel:
    """A fake model for the real pipeline: the SQL of MODEL_SQL for the prompt's question, with the
    column the prompt's linked values give 'Marine sediment' (as the fine-tuned model is trained to
    use the hints); prose without SQL for any other question. Records every prompt."""

    name = "fake-scripted"

    def __init__(self):
        self.prompts: list[str] = []

    def generate(self, messages):
        prompt = messages[-1]["content"]
        self.prompts.append(prompt)
        question = prompt.rsplit("Question: ", 1)[-1].strip()
        if question not in MODEL_SQL:
            return "I am not sure how to answer that."
        hint = re.search(r'"Marine sediment" -> (\w+)', prompt)
        return MODEL_SQL[question].format(marine=hint.group(1) if hint else "substrate")


@contextmanager
def real_pipeline(settings, model=None):
    """The app's real pipeline for `settings` (value index built on first use) with a scripted model."""
    # the scripted model writes every query: the router (text2sql/route.py) has its own tests
    options = replace(pipeline_options(settings), route=False)
    pipeline = build_pipeline(settings, generator=model or ScriptedModel(), options=options)
    try:
        yield pipeline
    finally:
        pipeline.catalogue.close()


SYNTHETIC = ["strainid", "collection", "accessionnumber", "fullaccessionnumber", "organismtype", "taxonname"]
ROWS = "SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE {})"
ASPERGILLUS_MARINE = "genus = 'Aspergillus' AND substrate = 'Marine sediment'"
LINKS = [
    {"span": "Aspergillus", "column": "genus", "value": "Aspergillus", "values": ["Aspergillus"], "count": 1,
     "score": 1.0, "method": "exact", "alternatives": []},
    {"span": "Marine sediment", "column": "substrate", "value": "Marine sediment", "values": ["Marine sediment"],
     "count": 115, "score": 1.0, "method": "exact",
     "alternatives": [{"column": "isolationhabitat", "value": "Marine sediment", "count": 60}]},
]  # fmt: skip
TUSCANY = {"span": "Tuscany", "column": "region", "value": "Tuscany", "values": ["Tuscany"], "count": 1,
           "score": 1.0, "method": "exact", "alternatives": []}  # fmt: skip
SCRIPT = {
    "Give me all the Aspergillus strains with Marine sediment": (ROWS.format(ASPERGILLUS_MARINE), "rows", LINKS),
    "how many are there?": (f"SELECT count(*) FROM detailedstrain WHERE {ASPERGILLUS_MARINE}", "aggregate", []),
    "only those from Tuscany": (ROWS.format(f"{ASPERGILLUS_MARINE} AND region = 'Tuscany'"), "rows", [TUSCANY]),
    "strains with Marine sediment": (ROWS.format("substrate = 'Marine sediment'"), "rows", LINKS[1:]),
    "strains per organism type": (
        "SELECT organismtype, count(*) AS strains FROM detailedstrain GROUP BY organismtype ORDER BY 2 DESC",
        "aggregate",
        [],
    ),
    "strains per risk group": ("SELECT riskgroup, count(*) FROM detailedstrain GROUP BY riskgroup", "aggregate", []),
    "temperatures": ("SELECT testedtgmin, testedtgmax FROM detailedstrain WHERE testedtgmin IS NOT NULL", "rows", []),
}


class ScriptedPipeline:
    """The pipeline surface the app uses; answers from SCRIPT by running the SQL on the real catalogue."""

    def __init__(self, catalogue, script=SCRIPT):
        self.catalogue = catalogue
        self.script = script
        self.calls: list[tuple[str, list, str | None]] = []

    def answer(self, question, history=(), *, session_id=None, max_rows=100, on_stage=None):
        self.calls.append((question, list(history), session_id))
        answer = Answer(question=question, timings_ms={"total": 42.0})
        if question not in self.script:
            answer.error = "the model wrote no SQL"
        else:
            sql, answer.kind, answer.links = self.script[question]
            result = self.catalogue.run_read(sql, max_rows=max_rows)
            answer.sql = answer.generated_sql = sql
            answer.columns, answer.rows, answer.row_count = (
                result.columns,
                [list(r) for r in result.rows],
                result.row_count,
            )
        status = "error" if answer.error else "ok"
        entry = LogEntry(question, status, generated_sql=answer.sql, final_sql=answer.sql, session_id=session_id)
        answer.log_id = log_answer(self.catalogue, entry)
        return answer

    def full_result(self, sql):
        return self.catalogue.run_read(sql, max_rows=None)


class StagedPipeline(ScriptedPipeline):
    """Reports its stages, as a pipeline with an `on_stage` callback does."""

    def answer(self, question, history=(), *, session_id=None, max_rows=100, on_stage=None):
        for stage in ("link", "generate", "postprocess", "execute"):
            on_stage(stage)
        return super().answer(question, history, session_id=session_id, max_rows=max_rows)


class BrokenPipeline(ScriptedPipeline):
    def answer(self, question, history=(), *, session_id=None, max_rows=100, on_stage=None):
        raise RuntimeError("boom")


@pytest.fixture
def pipeline(catalogue):
    return ScriptedPipeline(catalogue)


def _csv_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_a_row_answer_shows_sql_table_caption_links_and_a_csv(pipeline, tmp_path):
    state = ChatState()
    view = handlers.ask(pipeline, state, "Give me all the Aspergillus strains with Marine sediment", csv_dir=tmp_path)

    assert "substrate = 'Marine sediment'" in view.sql
    # why each row: the filter's column (tests/test_chat_app_extras.py)
    assert view.columns == [*SYNTHETIC, "substrate"]
    assert len(view.rows) == 13 and view.caption == "showing 13 of 13"
    assert all(row[5].startswith("Aspergillus") for row in view.rows)
    assert view.chart is None
    assert [row[:2] for row in view.links] == [["Aspergillus", "genus"], ["Marine sediment", "substrate"]]
    assert view.links[1][5] == "isolationhabitat: Marine sediment (60)"
    assert view.link_choices[1] == ("Marine sediment → substrate: Marine sediment", "1")
    csv_rows = _csv_rows(view.csv_path)
    assert csv_rows[0] == [*SYNTHETIC, "substrate"] and len(csv_rows) == 14
    assert [m["role"] for m in state.messages] == ["user", "assistant"]
    assert "Found **13** strains." in state.messages[1]["content"]
    assert f"SQL: `{view.sql}`" in state.messages[1]["content"]
    assert state.answers[1].log_id is not None and state.last is state.answers[1]


def test_the_table_is_capped_but_the_csv_has_every_row(pipeline, tmp_path):
    state = ChatState()
    view = handlers.ask(pipeline, state, "strains with Marine sediment", csv_dir=tmp_path)
    assert view.caption == "showing 100 of 115"
    assert "first 100" in state.messages[-1]["content"]
    assert len(_csv_rows(view.csv_path)) == 116


def test_follow_ups_send_the_previous_turns_and_one_session_id(pipeline, tmp_path):
    state = ChatState()
    handlers.ask(pipeline, state, "Give me all the Aspergillus strains with Marine sediment", csv_dir=tmp_path)
    view = handlers.ask(pipeline, state, "how many are there?", csv_dir=tmp_path)

    (_, first_history, first_session), (_, history, session) = pipeline.calls
    assert first_history == [] and session == first_session == state.conversation_id
    assert [t.question for t in history] == ["Give me all the Aspergillus strains with Marine sediment"]
    assert "substrate = 'Marine sediment'" in history[0].sql
    assert state.messages[-1]["content"].startswith("The answer is **13**.")
    assert view.caption == "showing 1 of 1" and view.chart is None
    assert len(state.messages) == 4 and sorted(state.answers) == [1, 3]


def test_only_the_latest_csv_is_kept_per_session(pipeline, tmp_path):
    state = ChatState()
    first = handlers.ask(pipeline, state, "Give me all the Aspergillus strains with Marine sediment", csv_dir=tmp_path)
    second = handlers.ask(pipeline, state, "how many are there?", csv_dir=tmp_path)
    assert not first.csv_path.exists() and second.csv_path.exists()
    fresh = handlers.reset(state)
    assert not second.csv_path.exists()
    assert fresh.messages == [] and fresh.conversation_id != state.conversation_id


def test_an_aggregate_with_groups_gets_a_bar_chart(pipeline):
    view = handlers.ask(pipeline, ChatState(), "strains per organism type")
    assert view.chart.x == "organismtype" and view.chart.y == "strains"
    assert sum(y for _, y in view.chart.points) == 7216
    assert view.chart.points[0][1] == max(y for _, y in view.chart.points)


def test_integer_groups_are_charted_by_their_first_column(pipeline):
    chart = handlers.ask(pipeline, ChatState(), "strains per risk group").chart
    assert chart.x == "riskgroup" and chart.y == "count"
    assert dict(chart.points)["2"] == 795


def test_row_answers_get_no_chart_and_numeric_cells_become_plain_numbers(pipeline):
    view = handlers.ask(pipeline, ChatState(), "temperatures")
    assert view.chart is None
    assert all(isinstance(v, int | float) for row in view.rows for v in row)


def test_a_failed_answer_is_a_clear_chat_message_and_an_empty_turn(pipeline, tmp_path):
    state = ChatState()
    view = handlers.ask(pipeline, state, "what is the meaning of life?", csv_dir=tmp_path)
    assert state.messages[-1]["content"] == "Sorry, I could not answer that: the model wrote no SQL"
    assert view.caption == "no result" and view.csv_path is None and view.rows == []
    assert state.turns[-1].sql is None


def test_an_unexpected_crash_still_becomes_a_message(catalogue):
    state = ChatState()
    handlers.ask(BrokenPipeline(catalogue), state, "anything")
    message = "Sorry, I could not answer that: something went wrong while answering (RuntimeError)"
    assert state.messages[-1]["content"] == message


def test_stages_are_reported_when_the_pipeline_reports_them(catalogue, pipeline):
    heard: list[str] = []
    handlers.ask(StagedPipeline(catalogue), ChatState(), "how many are there?", on_stage=heard.append)
    assert heard == ["link", "generate", "postprocess", "execute"]
    view = handlers.ask(pipeline, ChatState(), "how many are there?", on_stage=heard.append)  # ignores on_stage: fine
    assert view.caption == "showing 1 of 1" and len(heard) == 4


@pytest.mark.parametrize("question", ["", "   ", None])
def test_an_empty_question_asks_nothing(pipeline, question):
    state = ChatState()
    view = handlers.ask(pipeline, state, question)
    assert pipeline.calls == [] and state.messages == []
    assert view.notice == "Type a question about the catalogue first."


def test_a_csv_is_not_written_when_the_full_query_fails(catalogue, tmp_path):
    answer = Answer(question="q", sql="SELECT * FROM nowhere", columns=["a"], rows=[[1]], row_count=5)
    assert handlers.write_csv(ScriptedPipeline(catalogue), answer, tmp_path) is None


def test_values_become_json_safe():
    assert jsonable(Decimal("15.0")) == 15 and jsonable(Decimal("37.5")) == 37.5
    assert jsonable({"d": dt.date(2020, 5, 1), "rows": [(Decimal("1"), None)]}) == {
        "d": "2020-05-01",
        "rows": [[1, None]],
    }
    assert display_value(None) == "(none)" and display_value(True) == "yes"


def test_the_log_entry_ids_make_feedback_possible(pipeline, catalogue):
    state = ChatState()
    handlers.ask(pipeline, state, "how many are there?")
    row = catalogue.owner_execute("SELECT question, session_id FROM querylog WHERE id = %s", (state.last.log_id,))
    assert row == [("how many are there?", state.conversation_id)]
    assert state.conversation_id.startswith("chat:")


def test_a_drafted_answer_says_the_code_answered_and_what_it_did_not_read():
    drafted = Answer(question="thermophilic fungi", sql="SELECT 1", route="draft", unread=["thermophilic"])
    drafted.timings_ms = {"total": 120.0}
    message = handlers.answer_message(drafted)
    assert "Not read (the query ignores them): “thermophilic”" in message
    assert "Answered in 0.1 s by the code's reading of the question (no model call)." in message
    modelled = Answer(question="x", sql="SELECT 1", route="model", unread=["x"], timings_ms={"total": 120.0})
    message = handlers.answer_message(modelled)
    assert "Not read" not in message and "no model call" not in message
