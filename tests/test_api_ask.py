"""The `/ask` JSON endpoint through gradio_client, against the app launched on 127.0.0.1: the real
pipeline (linker, index, post-processing, PostgreSQL) with a scripted model."""

from __future__ import annotations

import threading
import time

import pytest
from gradio_client import Client
from test_chat_app_handlers import ScriptedModel, ScriptedPipeline, real_pipeline

from bench.cold_start import free_port
from chat_app.ui import build_ui, launch
from text2sql.types import Answer

pytestmark = pytest.mark.xdist_group("chat_app")  # one value index per worker, shared with the other chat tests

QUESTION = "Give me all the Aspergillus strains with Marine sediment"
ANSWER_KEYS = set(Answer(question="").to_json())


def serve(pipeline, tmp_path):
    demo = build_ui(pipeline, csv_dir=tmp_path)
    url = launch(demo, "127.0.0.1", free_port(), block=False)
    return demo, Client(url, verbose=False)


@pytest.fixture(scope="module")
def app(db_settings, value_index, tmp_path_factory):
    model = ScriptedModel()
    with real_pipeline(db_settings, model) as pipeline:
        demo, client = serve(pipeline, tmp_path_factory.mktemp("csv"))
        yield model, client, pipeline.catalogue
        demo.close()


def test_ask_returns_the_strainchat_ask_json_object(app):
    _, client, catalogue = app
    result = client.predict(QUESTION, api_name="/ask")
    assert set(result) == ANSWER_KEYS and result["error"] is None
    assert "substrate" in result["sql"] and "Marine sediment" in result["sql"]
    assert result["row_count"] in (13, 23) and len(result["rows"]) == result["row_count"]
    assert "accessionnumber" in result["columns"]
    assert {link["span"]: link["column"] for link in result["links"]}["Marine sediment"] == "substrate"
    assert isinstance(result["timings_ms"]["total"], float)
    session = catalogue.owner_execute("SELECT session_id FROM querylog ORDER BY id DESC LIMIT 1")[0][0]
    assert session.startswith("api:")


def test_previous_turns_are_passed_as_history(app):
    model, client, _ = app
    turn = {"question": QUESTION, "sql": "SELECT * FROM detailedstrain WHERE genus = 'Aspergillus'"}
    before = len(model.prompts)
    result = client.predict("how many are there?", [turn], api_name="/ask")
    assert result["error"] is None and len(result["rows"]) == 1
    # the turn only counts the previous strains: the code merges it, no model call
    assert result["act"] == "PROJECT" and result["carried"] == ["genus = 'Aspergillus'"]
    assert len(model.prompts) == before and "genus = 'Aspergillus'" in result["sql"]


def test_plain_previous_questions_are_answered_first_in_one_session(app):
    model, client, catalogue = app
    before = len(model.prompts)
    listed = client.predict(QUESTION, api_name="/ask")
    counted = client.predict("how many are there?", [QUESTION], api_name="/ask")
    assert counted["rows"] == [[listed["row_count"]]]
    assert len(model.prompts) == before + 2 and counted["act"] == "PROJECT"  # the count needs no model call
    sessions = catalogue.owner_execute("SELECT session_id FROM querylog ORDER BY id DESC LIMIT 2")
    assert sessions[0] == sessions[1]


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([42], "each previous turn must be a question"),
        ([{"sql": "SELECT 1"}], "each previous turn must be a question"),
        (["q"] * 21, "at most 20"),
    ],
)
def test_bad_history_is_a_clear_error(app, history, message):
    result = app[1].predict("how many are there?", history, api_name="/ask")
    assert message in result["error"] and result["rows"] == []


def test_an_unanswerable_question_comes_back_with_its_error(app):
    result = app[1].predict("what is the meaning of life?", api_name="/ask")
    assert result["error"] and result["sql"] is None and result["rows"] == []


def test_an_empty_question_is_a_clear_error(app):
    assert app[1].predict("   ", api_name="/ask")["error"] == "please type a question"


def test_only_ask_is_public(app):
    endpoints = app[1].view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/ask"]


class SlowPipeline(ScriptedPipeline):
    """Takes 0.5 s per answer and records how many answers were in progress at once."""

    def __init__(self, catalogue):
        super().__init__(catalogue)
        self.running = self.peak = 0
        self.lock = threading.Lock()

    def answer(self, question, history=(), *, session_id=None, max_rows=100, on_stage=None):
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.5)
        with self.lock:
            self.running -= 1
        return super().answer(question, history, session_id=session_id, max_rows=max_rows)


def test_concurrent_users_are_answered_at_the_same_time(catalogue, tmp_path):
    pipeline = SlowPipeline(catalogue)
    demo, client = serve(pipeline, tmp_path)
    try:
        jobs = [client.submit(QUESTION, api_name="/ask") for _ in range(4)]
        results = [job.result(timeout=30) for job in jobs]
    finally:
        demo.close()
    assert [r["row_count"] for r in results] == [13] * 4
    assert pipeline.peak >= 2
