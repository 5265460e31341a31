-- Rule 3, table fix: unknown table names close to the catalogue tables.
-- Format (all golden files): "-- case: NAME", the input, then "-- expect:" and the expected SQL, or
-- "-- reject: TEXT" (SqlRejected whose message contains TEXT); optional "-- rows: N" (rows the
-- expected SQL returns on the real catalogue) and "-- value: V" (its first cell).

-- case: transposed letters
SELECT count(*) FROM detailedstrian
-- expect:
SELECT COUNT(*) FROM detailedstrain
-- value: 7216

-- case: underscore and plural
SELECT genus FROM detailed_strains WHERE genus = 'Aspergillus'
-- expect:
SELECT genus FROM detailedstrain WHERE genus = 'Aspergillus'
-- rows: 607

-- case: the qualifier follows the renamed table
SELECT detailedstrian.accessionnumber FROM detailedstrian WHERE detailedstrian.genus = 'Fusarium'
-- expect:
SELECT detailedstrain.accessionnumber FROM detailedstrain WHERE detailedstrain.genus = 'Fusarium'
-- rows: 214

-- case: an alias keeps its name
SELECT d.genus FROM detailedstrains AS d WHERE d.genus = 'Trichoderma'
-- expect:
SELECT d.genus FROM detailedstrain AS d WHERE d.genus = 'Trichoderma'
-- rows: 160

-- case: a generic strain table name means detailedstrain
SELECT count(*) FROM strains
-- expect:
SELECT COUNT(*) FROM detailedstrain
-- value: 7216

-- case: Italian name
SELECT count(*) FROM ceppi
-- expect:
SELECT COUNT(*) FROM detailedstrain

-- case: quoted mixed case would not exist in PostgreSQL
SELECT count(*) FROM "DetailedStrain"
-- expect:
SELECT COUNT(*) FROM detailedstrain

-- case: misspelt display view
SELECT taxonname FROM syntheticstrian WHERE taxonname = 'Aspergillus niger'
-- expect:
SELECT taxonname FROM syntheticstrain WHERE taxonname = 'Aspergillus niger'

-- case: correct names are left alone
SELECT s.* FROM syntheticstrain AS s JOIN detailedstrain AS d ON d.strainid = s.strainid
-- expect:
SELECT s.* FROM syntheticstrain AS s JOIN detailedstrain AS d ON d.strainid = s.strainid
-- rows: 7216

-- case: CTE names are not tables to fix
WITH strain_counts AS (SELECT genus, count(*) AS n FROM detailedstrain GROUP BY genus) SELECT * FROM strain_counts WHERE n > 1000
-- expect:
WITH strain_counts AS (SELECT genus, COUNT(*) AS n FROM detailedstrain GROUP BY genus) SELECT * FROM strain_counts WHERE n > 1000

-- case: unrelated names are left for the guard to refuse
SELECT * FROM users
-- expect:
SELECT * FROM users
