"""`strainchat bench`'s side-by-side backends: names, same-SQL share, the entry per backend, the report table.
No model, no timing asserted (a benchmark prints numbers; tests do not time things).

    .venv/bin/python -m pytest -q -p no:xdist tests/test_bench_backends.py
"""

from __future__ import annotations

from bench import report
from bench.backends import backend_entry, parse_backends, same_sql
from finetune.evaluate import Report, Scored


def scored(id: str, sql: str | None) -> Scored:
    return Scored(id, "C1", "en", "q", False, True, 10.0, sql, None)


def test_backend_names_put_the_default_first_once():
    assert parse_backends("local,llamacpp", "local") == ["local", "llamacpp"]
    assert parse_backends("llamacpp, local", "llamacpp") == ["llamacpp", "local"]
    assert parse_backends("local", "llamacpp") == ["llamacpp", "local"]
    assert parse_backends("", "local") == ["local"]


def test_same_sql_compares_question_by_question():
    reference = Report(items=[scored("a", "SELECT 1"), scored("b", "SELECT 2"), scored("c", None)])
    other = Report(items=[scored("a", "SELECT 1"), scored("b", "SELECT 3"), scored("c", None), scored("d", "x")])
    assert same_sql(other, reference) == 66.67
    assert same_sql(reference, reference) == 100.0
    assert same_sql(Report(), reference) == 0.0


def test_backend_entries_and_their_report_table():
    summary = {"e2e_ms": {"p50": 500.0, "p95": 900.0}, "generate_ms": {"p50": 400.0, "p95": 800.0}}
    summary.update(execution_accuracy=80.0, errors=1)
    run = {"sessions": 16, "per_session": 8, "p50_s": 3.0, "p95_s": 4.0, "failed_calls": 0, "questions_per_s": 5.2}
    served = {"cold_start_s": 12.3, "load": {"single": {**run, "p95_s": 0.9}, "load": run, "p95_ratio": 4.4}}
    reference = Report(items=[scored("a", "SELECT 1")])
    entry = backend_entry(summary, served, reference, reference, "m (llama.cpp q8_0)", 1.234)
    assert entry == {
        "model": "m (llama.cpp q8_0)",
        "e2e_ms": {"p50": 500.0, "p95": 900.0},
        "generate_ms": {"p50": 400.0, "p95": 800.0},
        "load": served["load"],
        "cold_start_s": 12.3,
        "model_load_s": 1.23,
        "execution_accuracy": 80.0,
        "errors": 1,
        "same_sql_pct": 100.0,
    }
    no_load = backend_entry(summary, {"cold_start_s": None}, reference, reference, "m", None)
    lines = report._backend_lines({"llamacpp": entry, "local": no_load})
    assert (
        "| llamacpp | `m (llama.cpp q8_0)` | 12.3 | 500.0 | 900.0 | 0.9 | 3.0 | 4.0 | 5.2 | 0 | 80.0 | 100.0 |" in lines
    )
    assert "| local | `m` | None | 500.0 | 900.0 | – | – | – | – | – | 80.0 | 100.0 |" in lines
    assert report._backend_lines(None) == []
