"""The post-processing pipeline as the app and the CLI use it: kinds, applied rules, the repair
ablation, the relaxed variant on the real catalogue, facts read from the database, `check-sql`.

    .venv/bin/python -m pytest -q tests/test_sqlproc_pipeline.py
"""

from __future__ import annotations

import json

import pytest
from test_sqlproc_fakes import FakeValues, contract_facts

from sqlproc.facts import facts_from_catalogue
from sqlproc.pipeline import SqlRejected, check_sql, postprocess
from strainchat.cli import main

FACTS = contract_facts(FakeValues())
PLAIN = contract_facts()  # no value index


def test_row_query_is_displayed_and_every_changing_rule_is_named():
    processed = postprocess(
        "Sure: SELECT genus FROM detailedstrian WHERE organism_type = 'bacteria' AND collectiondate < '2010';",
        FACTS,
    )
    assert processed.kind == "rows"
    assert processed.applied == ["extract", "tables", "columns", "values", "dates", "display"]
    assert processed.sql.startswith("SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid")
    assert processed.relaxed_sql is not None and "organismtype ILIKE '%Bacteria%'" in processed.relaxed_sql


def test_aggregate_query_is_kept_and_nothing_applied_when_nothing_changes():
    sql = "SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype"
    processed = postprocess(sql, FACTS)
    assert (processed.sql, processed.kind, processed.applied, processed.relaxed_sql) == (sql, "aggregate", [], None)


def test_without_repairs_the_guard_and_display_still_run():
    processed = postprocess("SELECT * FROM detailedstrain WHERE organism_type = 'bacteria';", FACTS, repair=False)
    assert processed.applied == ["extract", "display"]
    assert "organism_type = 'bacteria'" in processed.sql
    with pytest.raises(SqlRejected, match="unknown table 'detailedstrian'"):
        postprocess("SELECT * FROM detailedstrian", FACTS, repair=False)
    with pytest.raises(SqlRejected, match="pg_sleep"):
        postprocess("SELECT pg_sleep(1)", FACTS, repair=False)


def test_check_sql_reports_ok_and_errors():
    assert check_sql("SELECT count(*) FROM detailedstrain", FACTS) == {
        "ok": True,
        "sql": "SELECT COUNT(*) FROM detailedstrain",
        "error": None,
    }
    refused = check_sql("DELETE FROM detailedstrain", FACTS)
    assert refused["ok"] is False and refused["sql"] is None and "DELETE" in refused["error"]


def test_facts_are_read_from_the_database(catalogue):
    facts = facts_from_catalogue(catalogue)
    assert facts.columns == PLAIN.columns
    assert facts.table_columns("syntheticstrain") == {
        "strainid": "integer",
        "collection": "text",
        "accessionnumber": "text",
        "fullaccessionnumber": "text",
        "organismtype": "text",
        "taxonname": "text",
    }
    assert facts.values is None


def test_the_issue_examples_on_the_catalogue(catalogue):
    """'Marine sediment' is substrate for 115 strains and isolationhabitat for 60; Ligury/Liguria is one region."""

    def rows(sql: str, facts=FACTS) -> int:
        return catalogue.run_read(postprocess(sql, facts).sql, max_rows=None).row_count

    assert rows("SELECT * FROM detailedstrain WHERE substrate = 'marine sediment'") == 115
    assert rows("SELECT * FROM detailedstrain WHERE isolationhabitat = 'Marine sediment'") == 60
    assert rows("SELECT * FROM detailedstrain WHERE genus = 'Marine sediment'") == 115
    assert rows("SELECT * FROM detailedstrain WHERE region = 'Ligury'") == 487 + 58
    assert rows("SELECT * FROM detailedstrain WHERE collection = 'TUCC' AND organismtype = 'yeasts'") == 427


def test_relaxed_variant_finds_rows_when_the_exact_query_finds_none(catalogue):
    processed = postprocess("SELECT * FROM detailedstrain WHERE genus = 'aspergillus'", PLAIN)
    assert catalogue.run_read(processed.sql).row_count == 0
    assert catalogue.run_read(processed.relaxed_sql, max_rows=None).row_count == 607


def test_display_rows_are_the_synthetic_view(catalogue):
    processed = postprocess("SELECT accessionnumber FROM detailedstrain WHERE genus = 'Fusarium'", FACTS)
    result = catalogue.run_read(processed.sql, max_rows=None)
    assert result.columns == [
        "strainid",
        "collection",
        "accessionnumber",
        "fullaccessionnumber",
        "organismtype",
        "taxonname",
    ]
    assert result.row_count == 214
    assert all(row[5].startswith("Fusarium ") for row in result.rows)


@pytest.fixture
def cli(setup_report, db_settings, monkeypatch, capsys):
    """Run `strainchat check-sql ...` against the test database; return the printed JSON lines."""
    monkeypatch.setenv("STRAINCHAT_HOME", str(db_settings.home))

    def run(*args: str) -> list[dict]:
        code = main(["check-sql", *args, "--no-values", "--database-url", setup_report.owner_dsn])
        assert code == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    return run


def test_check_sql_command_json(cli):
    [line] = cli("--json", "SELECT * FROM detailedstrian WHERE collectiondate < '2010'")
    assert line == {
        "id": None,
        "ok": True,
        "sql": "SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN "
        "(SELECT strainid FROM detailedstrain WHERE LEFT(collectiondate, 4) < '2010')",
        "error": None,
    }


def test_check_sql_command_jsonl(cli, tmp_path):
    path = tmp_path / "queries.jsonl"
    lines = [
        {"id": "a", "sql": "SELECT count(*) FROM detailedstrain"},
        {"id": 2, "sql": "SELECT 1; DROP TABLE detailedstrain"},
        {"id": "c", "sql": None},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n\n", encoding="utf-8")
    out = cli("--jsonl", str(path))
    assert [(line["id"], line["ok"]) for line in out] == [("a", True), (2, False), ("c", False), (4, False)]
    assert out[0]["sql"] == "SELECT COUNT(*) FROM detailedstrain"
    assert "only one SQL statement" in out[1]["error"]
    assert "expected SQL text" in out[2]["error"]
    assert out[3]["error"] == 'line 4: expected {"id", "sql"}'
    assert all(set(line) == {"id", "ok", "sql", "error"} for line in out)
