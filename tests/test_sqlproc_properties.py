"""Property tests of post-processing (hypothesis): on model-like SQL and on random token soup,
postprocess only ever yields one guarded read query that re-parses, is a fixed point of itself, and
runs on the real catalogue; string literals survive quoting exactly.

    .venv/bin/python -m pytest -q tests/test_sqlproc_properties.py
"""

from __future__ import annotations

import string

import sqlglot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp
from test_sqlproc_fakes import STORED, FakeValues, contract_facts

from sqlproc.guard import READ_ROOTS, guard
from sqlproc.pipeline import SqlRejected, postprocess
from sqlproc.syntax import parse_one

FACTS = contract_facts(FakeValues())
TEXT_COLUMNS = ["genus", "species", "organismtype", "substrate", "isolationhabitat", "region", "country", "city"]
MISSPELT = ["organism_type", "isolation_habitat", "regione", "genere", "substrat", "habitat", "Genus", "countri"]
DATE_COLUMNS = list(FACTS.date_columns)
TABLES = ["detailedstrain", "detailedstrian", "detailed_strain", "DetailedStrain", "strains"]
WORDS = [value for _, value, _ in STORED] + ["bacteria", "marine sediment", "liguria", "O'Brien", "a%b_c", "Torino"]


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


values = st.one_of(st.sampled_from(WORDS), st.text(alphabet=string.ascii_letters + " '%_-", max_size=12))
columns = st.sampled_from(TEXT_COLUMNS + MISSPELT)
date_literals = st.sampled_from(["'2019'", "2010", "'2023-05'", "'15/05/2023'", "'20230515'", "DATE '2014-02-08'"])


@st.composite
def conditions(draw) -> str:
    column, value = draw(columns), draw(values)
    date_column = draw(st.sampled_from(DATE_COLUMNS))
    return draw(
        st.sampled_from(
            [
                f"{column} = {quote(value)}",
                f"{column} <> {quote(value)}",
                f"{column} ILIKE {quote('%' + value + '%')}",
                f"{column} IN ({quote(value)}, {quote(draw(values))})",
                f"{column} IS NULL",
                f"{date_column} {draw(st.sampled_from(['=', '<', '<=', '>', '>=', '<>']))} {draw(date_literals)}",
                f"{date_column} BETWEEN {draw(date_literals)} AND {draw(date_literals)}",
                f"{date_column} LIKE '2019%'",
                f"EXTRACT(YEAR FROM {date_column}) >= {draw(st.integers(1950, 2030))}",
                f"recommendedtemperature > {draw(st.integers(-5, 60))}",
                "collection = 'TUCC'",
                "typestrain",
            ]
        )
    )


@st.composite
def where_clauses(draw) -> str:
    parts = draw(st.lists(conditions(), min_size=0, max_size=3))
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        joined += f" {draw(st.sampled_from(['AND', 'OR', 'AND NOT']))} {part}"
    return f" WHERE {joined}"


@st.composite
def model_sql(draw) -> str:
    table, where = draw(st.sampled_from(TABLES)), draw(where_clauses())
    shape = draw(st.integers(0, 5))
    if shape == 0:
        sql = f"SELECT * FROM {table}{where}"
    elif shape == 1:
        sql = f"SELECT accessionnumber, genus FROM {table}{where} ORDER BY collectiondate DESC LIMIT 5"
    elif shape == 2:
        sql = f"SELECT count(*) FROM {table}{where}"
    elif shape == 3:
        sql = f"SELECT organism_type, count(*) FROM {table}{where} GROUP BY organism_type ORDER BY 2 DESC"
    elif shape == 4:
        sql = f"SELECT DISTINCT region FROM {table}{where}"
    else:
        sql = f"SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM {table}{where})"
    wrap = draw(
        st.sampled_from(["{}", "{};", "```sql\n{};\n```", "[{}]", "Here is the query: {}", "{}\nThis lists it."])
    )
    return wrap.format(sql)


def assert_one_guarded_read_query(sql: str) -> None:
    trees = [tree for tree in sqlglot.parse(sql, read="postgres") if tree is not None]
    assert len(trees) == 1
    assert isinstance(trees[0], READ_ROOTS)
    guard(trees[0], strict=True)


def processed_or_none(text: str):
    try:
        return postprocess(text, FACTS)
    except SqlRejected as exc:
        assert str(exc).strip()
        return None


@settings(max_examples=200, deadline=None)
@given(model_sql())
def test_postprocess_yields_one_read_query_and_is_idempotent(text):
    processed = processed_or_none(text)
    if processed is None:
        return
    assert_one_guarded_read_query(processed.sql)
    again = postprocess(processed.sql, FACTS)
    assert (again.sql, again.kind, again.relaxed_sql) == (processed.sql, processed.kind, processed.relaxed_sql)
    assert again.applied == []
    assert postprocess(processed.sql, FACTS, repair=False).sql == processed.sql
    if processed.relaxed_sql is not None:
        # The app re-checks whichever SQL produced the rows (CSV download) without repairs.
        assert_one_guarded_read_query(processed.relaxed_sql)
        assert postprocess(processed.relaxed_sql, FACTS, repair=False).sql == processed.relaxed_sql


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model_sql())
def test_postprocessed_sql_runs_on_the_catalogue(catalogue, text):
    processed = processed_or_none(text)
    if processed is None:
        return
    catalogue.run_read(processed.sql, max_rows=1)
    if processed.relaxed_sql is not None:
        catalogue.run_read(processed.relaxed_sql, max_rows=1)


TOKENS = [
    "SELECT", "WITH", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "(", ")", ",", ";", "*", "=", "<", ">", "'", '"',
    "--", "/*", "*/", "$$", "INSERT", "DELETE", "UPDATE", "DROP", "COPY", "DO", "INTO", "FOR", "pg_sleep(1)",
    "pg_user", "information_schema.tables", "detailedstrain", "syntheticstrain", "genus", "1", "'x'", "E'\\''",
    "SET", "ROLE", "PREPARE", "EXECUTE", "UNION", "LIMIT", "GROUP", "BY", "count(*)", "RETURNING", "TABLE",
    "VALUES", "lo_import('/x')",
]  # fmt: skip
FORBIDDEN = ("pg_", "lo_", "dblink", "set_config", "current_setting")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14).map(" ".join))
def test_token_soup_never_yields_anything_but_a_guarded_read_query(text):
    processed = processed_or_none(text)
    if processed is None:
        return
    assert_one_guarded_read_query(processed.sql)
    tree = parse_one(processed.sql)
    tables = {table.name.lower() for table in tree.find_all(exp.Table)}
    functions = {node.sql("postgres").split("(")[0].lower() for node in tree.find_all(exp.Func)}
    assert tables <= {"detailedstrain", "syntheticstrain"}
    assert not any(name.startswith(FORBIDDEN) for name in functions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_string_literals_survive_quoting_exactly(catalogue, text):
    """Whatever a literal holds (quotes, backslashes, semicolons), what runs returns exactly it."""
    processed = processed_or_none(f"SELECT {quote(text)} AS v")
    if processed is None:  # control and invisible characters are refused, nothing else
        assert any(not ch.isprintable() and ch not in "\t\n\r " for ch in text) or "\u00ad" in text
        return
    assert catalogue.run_read(processed.sql).rows == [(text,)]
