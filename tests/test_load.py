"""Load: 16 concurrent conversations × 8 questions through `/ask` of the app served on 127.0.0.1.

The real pipeline (linker, value index, post-processing, query log, real PostgreSQL) with the
scripted model; the driver is `chat_app.load`, as the benchmark uses it with the real model.
Timings are printed (`-s`), never asserted: the numbers that matter come from `strainchat bench`.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from test_api_ask import serve
from test_chat_app_handlers import MODEL_SQL, ScriptedModel, real_pipeline

from bench.cold_start import free_port
from chat_app.load import compare_load, percentile, run_load
from strainchat.cli import main as strainchat

pytestmark = pytest.mark.xdist_group("chat_app")  # one value index per worker, shared with the other chat tests

QUESTIONS = list(MODEL_SQL)  # 7 questions the scripted model answers; 8 per session cycle through them


@pytest.fixture(scope="module")
def served(db_settings, value_index, tmp_path_factory):
    with real_pipeline(db_settings, ScriptedModel()) as pipeline:
        demo, client = serve(pipeline, tmp_path_factory.mktemp("csv"))
        yield client.src, pipeline.catalogue
        demo.close()


def logged_questions(catalogue, session_ids: list[str]) -> dict[str, list[str]]:
    rows = catalogue.owner_execute(
        "SELECT session_id, question FROM querylog WHERE session_id = ANY(%s) ORDER BY id", (session_ids,)
    )
    by_session: dict[str, list[str]] = defaultdict(list)
    for session_id, question in rows:
        by_session[session_id].append(question)
    return by_session


def test_sixteen_conversations_of_eight_questions_all_answered_and_logged(served):
    url, catalogue = served
    report = compare_load(url, QUESTIONS, sessions=16, per_session=8)
    print(f"\nload with the scripted model: {json.dumps(report.to_json())}")

    for result, sessions in ((report.single, 1), (report.load, 16)):
        assert len(result.calls) == sessions * 8
        assert result.errors == [], result.to_json()
    expected = [QUESTIONS[turn % len(QUESTIONS)] for turn in range(8)]
    logged = logged_questions(catalogue, report.load.session_ids)
    assert sorted(logged) == sorted(report.load.session_ids)
    assert all(questions == expected for questions in logged.values())
    assert catalogue.run_read("SELECT count(*) FROM detailedstrain").rows[0][0] == 7216


def test_follow_ups_carry_the_conversation(served):
    url, catalogue = served
    result = run_load(url, QUESTIONS[:3], sessions=2, per_session=3, warm_up=False)
    listed, _, counted = result.calls[:3]
    assert counted.question == "how many are there?" and counted.row_count == 1 and listed.row_count in (13, 23)
    assert sum(len(q) for q in logged_questions(catalogue, result.session_ids).values()) == 6


def test_failed_calls_are_counted_not_raised(served):
    url, _ = served
    result = run_load(url, ["   "], sessions=2, per_session=2, warm_up=False)
    assert len(result.errors) == 4 and {c.error for c in result.errors} == {"please type a question"}
    assert not any(c.failed for c in result.calls)


def test_the_load_command_prints_one_json_object(served, capsys, tmp_path):
    url, _ = served
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS[:2]) + "\n", encoding="utf-8")
    args = ["--sessions", "2", "--per-session", "2", "--questions", str(questions), "--no-single", "--json"]
    status = strainchat(["load", "--url", url, *args])
    data = json.loads(capsys.readouterr().out)
    assert status == 0 and data["load"]["questions"] == 4 and data["load"]["errors"] == 0
    assert data["load"]["p95_s"] >= data["load"]["p50_s"] > 0


def test_percentiles_interpolate_between_ranks():
    assert percentile([], 95) == 0.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)


def test_the_load_command_says_when_no_app_answers(capsys):
    status = strainchat(["load", "--url", f"http://127.0.0.1:{free_port()}/", "--sessions", "1", "--per-session", "1"])
    assert status == 2 and "cannot load-test" in capsys.readouterr().err
