"""The dictionary fix with the real value index (index.store.ValueIndex) built from the test catalogue.

Uses the session fixture `value_index` (tests/fixtures_index.py): built once per test worker from the
test database (about 15 s: it embeds every distinct value) and shared with the other index tests.

    .venv/bin/python -m pytest -q tests/test_sqlproc_value_index.py
"""

from __future__ import annotations

import pytest

from sqlproc.facts import facts_from_catalogue
from sqlproc.pipeline import postprocess


@pytest.fixture(scope="module")
def facts(catalogue, value_index):
    return facts_from_catalogue(catalogue, values=value_index)


def rows(catalogue, sql: str) -> int:
    return catalogue.run_read(sql, max_rows=None).row_count


def test_stored_case_and_variants(facts, catalogue):
    bacteria = postprocess("SELECT * FROM detailedstrain WHERE organismtype = 'bacteria'", facts)
    assert "organismtype = 'Bacteria'" in bacteria.sql
    assert rows(catalogue, bacteria.sql) == 493
    liguria = postprocess("SELECT count(*) FROM detailedstrain WHERE region = 'liguria'", facts)
    assert liguria.sql == "SELECT COUNT(*) FROM detailedstrain WHERE region IN ('Liguria', 'Ligury')"
    assert catalogue.run_read(liguria.sql).rows == [(545,)]


def test_value_moves_to_the_column_that_holds_it(facts, catalogue):
    moved = postprocess("SELECT * FROM detailedstrain WHERE genus = 'Marine sediment'", facts)
    assert "WHERE substrate IN ('Marine sediment'" in moved.sql
    assert rows(catalogue, moved.sql) >= 115
    kept = postprocess("SELECT * FROM detailedstrain WHERE isolationhabitat = 'Marine sediment'", facts)
    assert "isolationhabitat" in kept.sql and "substrate" not in kept.sql
    assert rows(catalogue, kept.sql) >= 60


def test_real_index_output_is_a_fixed_point(facts):
    for sql in (
        "SELECT * FROM detailedstrain WHERE substrate = 'soil' AND city = 'torino'",
        "SELECT count(*) FROM detailedstrain WHERE region IN ('liguria', 'Piemonte')",
        "SELECT * FROM detailedstrain WHERE organismtype <> 'yeasts'",
    ):
        once = postprocess(sql, facts)
        assert postprocess(once.sql, facts).sql == once.sql
