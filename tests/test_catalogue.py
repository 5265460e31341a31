"""The foundation contract: real catalogue in real PostgreSQL, spot counts, columns, roles, idempotent setup."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import psycopg
import pytest

from catalogue.contract import ABSENT_COLUMNS, COLUMN_NAMES, SYNTHETIC_COLUMNS
from catalogue.database import QueryFailed
from catalogue.querylog import LogEntry, log_answer, record_feedback
from catalogue.server import DatabaseUnavailable, reader_dsn
from catalogue.setup import setup

SPOT_COUNTS = [
    ("substrate = 'Marine sediment'", 115),
    ("isolationhabitat = 'Marine sediment'", 60),
    ("region = 'Ligury'", 487),
    ("riskgroup = 2", 795),
    ("gmo", 14),
    ("city = 'Turin'", 752),
    ("true", 7216),
]


@pytest.mark.parametrize(("condition", "expected"), SPOT_COUNTS)
def test_spot_counts(catalogue, condition, expected):
    result = catalogue.run_read(f"SELECT count(*) FROM detailedstrain WHERE {condition}")
    assert result.rows[0][0] == expected


def test_detailedstrain_has_every_contract_column_with_its_type(catalogue):
    result = catalogue.run_read(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'detailedstrain' ORDER BY ordinal_position",
        max_rows=None,
    )
    types = dict(result.rows)
    assert list(types) == COLUMN_NAMES
    assert types["strainid"] == "integer" and types["collection"] == "bigint"
    assert types["gmo"] == "boolean" and types["riskgroup"] == "integer"
    assert types["testedtgmin"] == "numeric" and types["collectiondate"] == "text"
    assert set(ABSENT_COLUMNS) <= set(types)


def test_values_are_exactly_as_published(catalogue):
    rows = catalogue.run_read(
        "SELECT strainid, accessionnumber, scientificname, cacronym, collection, testedtgmin, testedtgmax "
        "FROM detailedstrain WHERE strainid IN (1, 7216) OR testedtgmin IS NOT NULL ORDER BY strainid"
    ).rows
    assert rows[0][:5] == (1, "MUT00000002", "Penicillium glandicola", "TUCC", 1)
    assert rows[-1][1] == "TUCC00001546"
    assert [float(v) for v in rows[1][5:]] == [15.0, 37.0]
    both = catalogue.run_read("SELECT count(DISTINCT region) FROM detailedstrain WHERE region IN ('Ligury', 'Liguria')")
    assert both.rows[0][0] == 2  # spelling variants are kept, not merged
    formats = catalogue.run_read(
        "SELECT count(DISTINCT length(collectiondate)) FROM detailedstrain WHERE collectiondate IS NOT NULL"
    )
    assert formats.rows[0][0] >= 3  # YYYY, YYYYMM, YYYYMMDD, YYYY-MM-DD all occur


def test_absent_thesis_columns_are_null(catalogue):
    checks = " AND ".join(f"{c} IS NULL" for c in ABSENT_COLUMNS)
    assert catalogue.run_read(f"SELECT count(*) FROM detailedstrain WHERE {checks}").rows[0][0] == 7216


def test_syntheticstrain_view(catalogue):
    result = catalogue.run_read("SELECT * FROM syntheticstrain ORDER BY strainid", max_rows=1)
    assert tuple(result.columns) == SYNTHETIC_COLUMNS
    assert result.row_count == 7216
    assert result.rows[0] == (
        1,
        "TUCC",
        "MUT00000002",
        "TUCC MUT00000002",
        "Filamentous Fungi",
        "Penicillium glandicola",
    )


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE evil (a int)",
        "DELETE FROM detailedstrain",
        "UPDATE detailedstrain SET genus = 'x'",
        "INSERT INTO querylog (question, status) VALUES ('x', 'ok')",
        "SELECT * FROM querylog",
        "SELECT * FROM value_alias",
        "SELECT * FROM curator",
        "SELECT * FROM alias_audit",
        "SELECT * FROM locality",
        "DELETE FROM alias_audit",
        "DROP VIEW syntheticstrain",
        "SET default_transaction_read_only = off; DELETE FROM detailedstrain",
        "CREATE TEMP TABLE t (a int)",
    ],
)
def test_reader_cannot_write_or_read_app_tables(catalogue, statement):
    with pytest.raises(QueryFailed):
        catalogue.run_read(statement)
    assert catalogue.run_read("SELECT count(*) FROM detailedstrain").rows[0][0] == 7216


def test_reader_with_its_own_connection_cannot_write(db_settings, setup_report):
    dsn = reader_dsn(db_settings, setup_report.owner_dsn)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")  # the role's rights still hold
        for statement in (
            "DELETE FROM detailedstrain",
            "CREATE TABLE public.evil (a int)",
            "TRUNCATE detailedstrain",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_statement_timeout_applies_to_reader(db_settings, catalogue):
    with pytest.raises(QueryFailed, match="cancelled"):
        catalogue.run_read("SELECT count(*) FROM detailedstrain a, detailedstrain b, detailedstrain c")


def test_setup_is_idempotent(db_settings, setup_report):
    again = setup(db_settings)
    assert again.strains_loaded is None
    assert again.owner_dsn == setup_report.owner_dsn


def test_querylog_entries_are_durable(catalogue):
    entry_id = log_answer(
        catalogue,
        LogEntry(question="how many\x00 strains?", status="ok", row_count=3, timings={"total": 1.5}),
    )
    record_feedback(catalogue, entry_id, rating=-1, corrected_sql="SELECT 1", comment="wrong")
    row = catalogue.owner_execute(
        "SELECT question, rating, corrected_sql, timings FROM querylog WHERE id = %s", (entry_id,)
    )
    assert row[0] == ("how many\ufffd strains?", -1, "SELECT 1", {"total": 1.5})


def test_unreachable_external_database_gives_a_clear_error(db_settings):
    dead = replace(db_settings, database_url="postgresql://nobody@127.0.0.1:1/nothing")
    with pytest.raises(DatabaseUnavailable, match="cannot connect to PostgreSQL at nobody@127.0.0.1:1/nothing"):
        setup(dead)


def test_cli_db_url_prints_one_dsn_line(db_settings, setup_report):
    env = {"STRAINCHAT_HOME": str(db_settings.home), "PATH": "/usr/bin:/bin"}
    for role, user in (("owner", "strainchat_owner"), ("reader", "strainchat_reader")):
        out = subprocess.run(
            [sys.executable, "-m", "strainchat.cli", "db", "url", "--role", role],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.count("\n") == 1 and out.startswith(f"postgresql://{user}")
        with psycopg.connect(out.strip()) as conn:
            assert conn.execute("SELECT current_user").fetchone()[0] == user


def test_cli_reports_a_dead_database_clearly():
    done = subprocess.run(
        [sys.executable, "-m", "strainchat.cli", "--database-url", "postgresql://x@127.0.0.1:1/y", "setup"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "cannot connect to PostgreSQL at x@127.0.0.1:1/y" in done.stderr
    assert "Traceback" not in done.stderr
