"""Faults: the database stopped, restarted or killed mid-session, a failing or slow model, a failed
query-log write, a missing or corrupt value index. Each gives a clear error or is repaired, and the
app answers again without being restarted.

Tests that stop or kill PostgreSQL use a server of their own (its own home under tmp), never the
shared one of tests/conftest.py, and always leave it running for the next test and stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from psycopg import sql
from test_api_ask import serve

from catalogue.database import Catalogue
from catalogue.dsn import with_parts
from catalogue.server import DatabaseUnavailable, answers, reader_dsn, start_embedded, stop_embedded
from catalogue.setup import setup
from chat_app import handlers
from chat_app.handlers import ChatState
from chat_app.load import run_load
from index.build import IndexConfig, ensure_index_at
from index.store import META_FILE, VALUES_FILE, VECTOR_KEYS_FILE, VECTORS_FILE, IndexMissing, ValueIndex
from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from strainchat.cli import main as strainchat
from text2sql.pipeline import Pipeline, PipelineOptions
from text2sql.types import GenerationFailed

pytestmark = pytest.mark.xdist_group("chat_app")  # uses the worker's value index, as the chat tests do

COUNT_ALL = "SELECT count(*) FROM detailedstrain"
QUESTION = "how many strains are there?"


class FaultyModel:
    """Counts the catalogue, or fails as told: `fault` is an exception to raise, or "no text"."""

    name = "fake-faulty"

    def __init__(self):
        self.fault: Exception | str | None = None

    def generate(self, messages):
        if isinstance(self.fault, Exception):
            raise self.fault
        return None if self.fault == "no text" else COUNT_ALL


# --- a server of this module's own ---------------------------------------------------------------


@pytest.fixture(scope="module")
def own_server(db_settings, tmp_path_factory):
    """(settings, owner DSN) of an embedded server only this module uses."""
    if db_settings.database_url:
        pytest.skip("the fault drills stop and kill the embedded server")
    settings = replace(db_settings, home=tmp_path_factory.mktemp("faults-home"))
    try:
        yield settings, setup(settings).owner_dsn
    finally:
        stop_embedded(settings.pgdata)


@pytest.fixture
def server(own_server):
    """The module's server, running again after the test whatever the test did to it."""
    yield own_server
    start_embedded(own_server[0].pgdata)


@pytest.fixture(scope="module")
def facts(catalogue, value_index):
    return facts_from_catalogue(catalogue, values=value_index)


def pipeline_on(own_server, value_index, facts, model=None, *, restart: bool = True) -> Pipeline:
    """The real pipeline on the module's server; `restart=False` behaves as with an external server."""
    settings, owner = own_server
    cat = Catalogue(reader_dsn(settings, owner), owner, restart_embedded=restart)
    options = PipelineOptions(route=False)  # the model is asked even where the draft could answer
    return Pipeline(cat, ValueLinker(value_index, aliases=cat), model or FaultyModel(), facts, options)


@pytest.fixture(scope="module")
def app(own_server, value_index, facts, tmp_path_factory):
    """(model, pipeline, /ask client) of the app served on 127.0.0.1 over the module's server."""
    model = FaultyModel()
    pipeline = pipeline_on(own_server, value_index, facts, model)
    demo, client = serve(pipeline, tmp_path_factory.mktemp("csv"))
    yield model, pipeline, client
    demo.close()
    pipeline.catalogue.close()


def superuser_dsn(owner: str) -> str:
    return with_parts(owner, user="postgres", dbname="postgres")


def kill_server(settings) -> None:
    """SIGKILL the postmaster, as a crash or the OOM killer would, and wait for its backends to go."""
    pid = int((settings.pgdata / "postmaster.pid").read_text().split()[0])
    backends = psutil.Process(pid).children()
    os.kill(pid, signal.SIGKILL)
    psutil.wait_procs(backends, timeout=10)


def logged(catalogue, session_id: str) -> list[tuple[str, str]]:
    return catalogue.owner_execute(
        "SELECT question, status FROM querylog WHERE session_id = %s ORDER BY id", (session_id,)
    )


# --- the database ---------------------------------------------------------------------------------


def test_a_stopped_external_database_is_a_clear_error_and_reconnected_when_back(server, value_index, facts):
    settings, _ = server
    pipeline = pipeline_on(server, value_index, facts, restart=False)
    state = ChatState()
    handlers.ask(pipeline, state, QUESTION)
    assert state.last.rows == [[7216]]

    stop_embedded(settings.pgdata)
    handlers.ask(pipeline, state, QUESTION)
    message = state.messages[-1]["content"]
    assert message.startswith("Sorry, I could not answer that: the catalogue database at strainchat_reader@")
    assert "is unavailable" in message and "Traceback" not in message
    assert state.last.log_id is None  # the log write failed too; the answer was still shown
    assert not answers(superuser_dsn(server[1]))  # an external server is not ours to restart

    start_embedded(settings.pgdata)
    handlers.ask(pipeline, state, QUESTION)
    assert state.last.error is None and state.last.rows == [[7216]]
    assert logged(pipeline.catalogue, state.conversation_id) == [(QUESTION, "ok"), (QUESTION, "ok")]
    pipeline.catalogue.close()


def test_a_restart_between_questions_goes_unnoticed(server, value_index, facts):
    settings, _ = server
    pipeline = pipeline_on(server, value_index, facts, restart=False)
    assert pipeline.answer(QUESTION).rows == [[7216]]
    stop_embedded(settings.pgdata)
    start_embedded(settings.pgdata)
    answer = pipeline.answer(QUESTION)  # every pooled connection is broken now: replaced, once
    assert answer.error is None and answer.rows == [[7216]] and answer.log_id is not None
    pipeline.catalogue.close()


def test_a_killed_embedded_server_is_started_again_by_the_served_app(server, app):
    settings, owner = server
    _, pipeline, client = app
    assert client.predict(QUESTION, None, "before-kill", api_name="/ask")["rows"] == [[7216]]
    kill_server(settings)
    assert not answers(superuser_dsn(owner))
    result = client.predict(QUESTION, None, "after-kill", api_name="/ask")
    assert result["error"] is None and result["rows"] == [[7216]]
    assert answers(superuser_dsn(owner))
    assert logged(pipeline.catalogue, "api:after-kill") == [(QUESTION, "ok")]


def test_concurrent_sessions_ride_through_a_killed_server(server, app):
    settings, _ = server
    url = app[2].src
    assert run_load(url, [QUESTION], sessions=4, per_session=1, warm_up=False).errors == []
    kill_server(settings)
    result = run_load(url, [QUESTION, "how many are there?"], sessions=6, per_session=2, warm_up=False)
    assert result.errors == [] and len(result.calls) == 12


def test_a_stopped_embedded_server_is_started_again_in_the_chat(server, app):
    settings, _ = server
    pipeline = app[1]
    state = ChatState()
    handlers.ask(pipeline, state, QUESTION)
    stop_embedded(settings.pgdata)
    handlers.ask(pipeline, state, "how many are there?")
    assert state.last.error is None and state.last.rows == [[7216]]
    assert len(logged(pipeline.catalogue, state.conversation_id)) == 2


def test_a_failed_log_write_never_loses_the_answer(server, app):
    _, pipeline, client = app
    drill = sql.SQL("ALTER TABLE querylog ADD CONSTRAINT fault_drill CHECK (false) NOT VALID")
    pipeline.catalogue.owner_execute(drill)
    try:
        state = ChatState()
        handlers.ask(pipeline, state, QUESTION)
        result = client.predict(QUESTION, api_name="/ask")
    finally:
        pipeline.catalogue.owner_execute("ALTER TABLE querylog DROP CONSTRAINT fault_drill")
    assert state.messages[-1]["content"].startswith("The answer is **7") and state.last.log_id is None
    assert result["error"] is None and result["rows"] == [[7216]]
    assert pipeline.answer(QUESTION).log_id is not None  # and logging works again


# --- the model ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (RuntimeError("CUDA out of memory"), "the model failed (RuntimeError)"),
        (TimeoutError(), "the model did not answer in time"),
        (GenerationFailed("the model took longer than 60 s and was stopped"), "longer than 60 s"),
        ("no text", "the model returned no text"),
    ],
    ids=["crash", "timeout", "time limit", "no text"],
)
def test_a_failing_model_is_a_clear_logged_error_and_the_next_question_works(app, fault, message):
    model, pipeline, client = app
    model.fault = fault
    try:
        state = ChatState()
        handlers.ask(pipeline, state, QUESTION)
        result = client.predict(QUESTION, None, "model-fault", api_name="/ask")
    finally:
        model.fault = None
    assert state.messages[-1]["content"] == f"Sorry, I could not answer that: {state.last.error}"
    assert message in state.last.error and message in result["error"]
    assert logged(pipeline.catalogue, state.conversation_id) == [(QUESTION, "error")]
    handlers.ask(pipeline, state, QUESTION)
    assert state.last.error is None and state.last.rows == [[7216]]


# --- the value index ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_index(own_server, tmp_path_factory):
    """(catalogue, config, folder) of an index over a 300-strain table on the module's server."""
    settings, owner = own_server
    cat = Catalogue(reader_dsn(settings, owner), owner)
    cat.owner_execute("CREATE TABLE fault_strains AS SELECT * FROM detailedstrain WHERE strainid <= 300")
    cat.owner_execute(sql.SQL("GRANT SELECT ON fault_strains TO {}").format(sql.Identifier(settings.reader_role)))
    config = IndexConfig(table="fault_strains")
    folder = tmp_path_factory.mktemp("index") / "index"
    built = ensure_index_at(cat, folder, config=config)
    yield cat, config, folder, built.build_id
    cat.close()


def corrupt(folder: Path, how: str) -> None:
    if how == "folder missing":
        shutil.rmtree(folder)
    elif how == "meta missing":
        (folder / META_FILE).unlink()
    elif how == "vectors not FAISS":
        (folder / VECTORS_FILE).write_bytes(b"\x00garbage" * 10)
    elif how == "values cut short":
        text = (folder / VALUES_FILE).read_text(encoding="utf-8")
        (folder / VALUES_FILE).write_text(text[: len(text) // 2], encoding="utf-8")
    elif how == "values of the wrong shape":
        (folder / VALUES_FILE).write_text('{"columns": 5}', encoding="utf-8")
    elif how == "vector keys mismatched":
        (folder / VECTOR_KEYS_FILE).write_text("[]", encoding="utf-8")
    elif how == "meta not UTF-8":
        (folder / META_FILE).write_bytes(b"\xff\xfe\x00")


CORRUPTIONS = [
    "folder missing",
    "meta missing",
    "vectors not FAISS",
    "values cut short",
    "values of the wrong shape",
    "vector keys mismatched",
    "meta not UTF-8",
]


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_missing_or_corrupt_index_is_rebuilt(small_index, how, tmp_path):
    cat, config, template, first_build = small_index
    folder = tmp_path / "index"
    shutil.copytree(template, folder)
    corrupt(folder, how)
    index = ensure_index_at(cat, folder, config=config)
    assert index.build_id != first_build and "genus" in index.columns
    assert ValueIndex.load(folder).build_id == index.build_id  # and what is on disk now loads


def test_a_corrupt_index_that_cannot_be_rebuilt_is_a_clear_message(small_index, tmp_path, monkeypatch, capsys):
    _, config, template, _ = small_index
    home = tmp_path / "home"
    shutil.copytree(template, home / "index")
    corrupt(home / "index", "vectors not FAISS")
    with pytest.raises(IndexMissing, match="run `strainchat index build`"):
        ValueIndex.load(home / "index")
    dead = Catalogue("postgresql://x@127.0.0.1:1/none", "postgresql://x@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="unavailable"):  # no rebuild without the data
        ensure_index_at(dead, home / "index", config=config)
    monkeypatch.setenv("STRAINCHAT_HOME", str(home))
    assert strainchat(["index", "status"]) == 1
    assert "no usable value index" in capsys.readouterr().err
