-- The whole post-processing, postprocess(...).sql, with FakeValues (format: see tables.sql).

-- case: the issue's example: misspelt table, prose, date, display
Here is the SQL: SELECT * FROM detailedstrian WHERE genus = 'Aspergillus' AND collectiondate < '2010';
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND LEFT(collectiondate, 4) < '2010')

-- case: column, value and case fixes together
SELECT count(*) FROM detailed_strain WHERE organism_type = 'bacteria' AND regione = 'liguria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' AND region IN ('Liguria', 'Ligury')

-- case: collection acronym and a value in the wrong column
SELECT accessionnumber FROM detailedstrain WHERE collection = 'TUCC' AND isolationhabitat = 'Marine sediment' AND genus = 'bacteria'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE cacronym = 'TUCC' AND isolationhabitat = 'Marine sediment' AND organismtype = 'Bacteria')

-- case: counts per year over mixed formats
SELECT EXTRACT(YEAR FROM isolationdate) AS year, count(*) FROM detailedstrain WHERE isolationdate BETWEEN '2015' AND '2018' GROUP BY year ORDER BY year
-- expect:
SELECT CAST(LEFT(isolationdate, 4) AS INT) AS year, COUNT(*) FROM detailedstrain WHERE LEFT(isolationdate, 4) BETWEEN '2015' AND '2018' GROUP BY year ORDER BY year

-- case: not a read query
UPDATE detailedstrain SET genus = 'x'
-- reject: only read queries (SELECT) are allowed

-- case: unknown table after the fix
SELECT * FROM pets
-- reject: unknown table 'pets'
