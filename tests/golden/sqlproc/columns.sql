-- Rule 4, column fix (format: see tables.sql).

-- case: underscore
SELECT count(*) FROM detailedstrain WHERE organism_type = 'Yeasts'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'
-- value: 427

-- case: missing letter
SELECT count(*) FROM detailedstrain WHERE orgnismtype = 'Bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria'
-- value: 493

-- case: misspelt in the select list, group by and order by
SELECT isolation_habitat, count(*) FROM detailedstrain GROUP BY isolation_habitat ORDER BY isolation_habitat LIMIT 3
-- expect:
SELECT isolationhabitat, COUNT(*) FROM detailedstrain GROUP BY isolationhabitat ORDER BY isolationhabitat LIMIT 3
-- rows: 3

-- case: the only column ending with the name
SELECT count(*) FROM detailedstrain WHERE habitat = 'Marine sediment'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE isolationhabitat = 'Marine sediment'
-- value: 60

-- case: Italian column names from the glossary
SELECT genere, specie FROM detailedstrain WHERE regione = 'Sicily'
-- expect:
SELECT genus, species FROM detailedstrain WHERE region = 'Sicily'
-- rows: 148

-- case: quoted upper case is the lower-case column
SELECT "Genus" FROM detailedstrain WHERE "Genus" = 'Aspergillus'
-- expect:
SELECT genus FROM detailedstrain WHERE genus = 'Aspergillus'
-- rows: 607

-- case: a value in double quotes is a string
SELECT count(*) FROM detailedstrain WHERE genus = "Penicillium"
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium'
-- value: 1141

-- case: double-quoted values in an IN list
SELECT count(*) FROM detailedstrain WHERE genus IN ("Penicillium", "Aspergillus")
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE genus IN ('Penicillium', 'Aspergillus')
-- value: 1748

-- case: qualified column through an alias
SELECT d.acession_number FROM detailedstrain d WHERE d.genus = 'Fusarium'
-- expect:
SELECT d.accessionnumber FROM detailedstrain AS d WHERE d.genus = 'Fusarium'
-- rows: 214

-- case: collection compared with the acronym means cacronym
SELECT count(*) FROM detailedstrain WHERE collection = 'TUCC'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE cacronym = 'TUCC'
-- value: 7216

-- case: collection under lower() with a pattern
SELECT count(*) FROM detailedstrain WHERE lower(collection) LIKE 'tucc'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LOWER(cacronym) LIKE 'tucc'
-- value: 7216

-- case: collection compared with a number stays
SELECT count(*) FROM detailedstrain WHERE collection = 1
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE collection = 1
-- value: 7216

-- case: collection compared with a digit string stays
SELECT count(*) FROM detailedstrain WHERE collection = '1'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE collection = '1'
-- value: 7216

-- case: syntheticstrain has its own columns (collection is text there)
SELECT count(*) FROM syntheticstrain WHERE collection = 'TUCC' AND taxonname = 'Aspergillus niger'
-- expect:
SELECT COUNT(*) FROM syntheticstrain WHERE collection = 'TUCC' AND taxonname = 'Aspergillus niger'

-- case: aliases are not columns to fix
SELECT genus, count(*) AS n FROM detailedstrain GROUP BY genus HAVING count(*) > 1 ORDER BY n DESC LIMIT 1
-- expect:
SELECT genus, COUNT(*) AS n FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 1 ORDER BY n DESC LIMIT 1
-- value: Penicillium

-- case: implicit output names (count) are not columns to fix
SELECT genus, count(*) FROM detailedstrain GROUP BY genus ORDER BY count DESC LIMIT 1
-- expect:
SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus ORDER BY count DESC LIMIT 1
-- value: Penicillium

-- case: columns of a CTE are its own
WITH g AS (SELECT genus AS name_of_genus FROM detailedstrain) SELECT name_of_genus FROM g LIMIT 1
-- expect:
WITH g AS (SELECT genus AS name_of_genus FROM detailedstrain) SELECT name_of_genus FROM g LIMIT 1

-- case: nothing close
SELECT * FROM detailedstrain WHERE colour = 'red'
-- reject: unknown column 'colour'

-- case: ambiguous name lists the candidates
SELECT * FROM detailedstrain WHERE date = '2019'
-- reject: did you mean collectiondate, isolationdate, depositdate or inclusiondate?
