-- Rule 2, guard (strict, as on the final SQL): accepted SQL comes back unchanged, anything else is
-- refused with the reason shown to the user (format: see tables.sql). The full hostile suite is
-- tests/test_guard_adversarial.py.

-- case: a read query with the allowed functions
SELECT genus, COUNT(*), MAX(recommendedtemperature), LOWER(species) FROM detailedstrain GROUP BY genus, LOWER(species) LIMIT 3
-- expect:
SELECT genus, COUNT(*), MAX(recommendedtemperature), LOWER(species) FROM detailedstrain GROUP BY genus, LOWER(species) LIMIT 3
-- rows: 3

-- case: UNION, CTE and subquery over both catalogue tables
WITH y AS (SELECT strainid FROM syntheticstrain WHERE organismtype = 'Yeasts') SELECT count(*) FROM detailedstrain WHERE strainid IN (SELECT strainid FROM y) UNION ALL SELECT 1
-- expect:
WITH y AS (SELECT strainid FROM syntheticstrain WHERE organismtype = 'Yeasts') SELECT COUNT(*) FROM detailedstrain WHERE strainid IN (SELECT strainid FROM y) UNION ALL SELECT 1
-- rows: 2
-- value: 427

-- case: stacked statements
SELECT 1; SELECT 2
-- reject: only one SQL statement is allowed

-- case: data change
DELETE FROM detailedstrain WHERE strainid = 1
-- reject: only read queries (SELECT) are allowed, not DELETE statements

-- case: data change inside a CTE
WITH d AS (UPDATE detailedstrain SET genus = 'x' RETURNING strainid) SELECT * FROM d
-- reject: data-changing statements are not allowed (UPDATE)

-- case: unknown function
SELECT pg_sleep(1) FROM detailedstrain
-- reject: the function pg_sleep() is not allowed

-- case: system catalog
SELECT * FROM pg_catalog.pg_roles
-- reject: system catalogs (pg_*, information_schema) are not allowed

-- case: the app's own tables
SELECT * FROM querylog
-- reject: unknown table 'querylog'

-- case: SELECT INTO
SELECT * INTO copy_of_strains FROM detailedstrain
-- reject: SELECT INTO is not allowed (it creates a table)

-- case: locking
SELECT * FROM detailedstrain FOR UPDATE
-- reject: locking clauses (FOR UPDATE/SHARE) are not allowed
