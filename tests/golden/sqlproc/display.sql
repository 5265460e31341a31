-- Rule 7, display (format: see tables.sql).

-- case: star
SELECT * FROM detailedstrain WHERE genus = 'Aspergillus'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus')
-- rows: 607

-- case: any columns
SELECT accessionnumber, genus, species FROM detailedstrain WHERE substrate = 'Marine sediment'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE substrate = 'Marine sediment')
-- rows: 115

-- case: ORDER BY without LIMIT cannot change the strains: dropped
SELECT accessionnumber FROM detailedstrain WHERE organismtype = 'Yeasts' ORDER BY accessionnumber
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts')
-- rows: 427

-- case: ORDER BY with LIMIT is kept, aliases resolved
SELECT accessionnumber AS acc FROM detailedstrain WHERE organismtype = 'Yeasts' ORDER BY acc DESC LIMIT 10
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts' ORDER BY accessionnumber DESC LIMIT 10)
-- rows: 10

-- case: ORDER BY position is resolved
SELECT genus, recommendedtemperature FROM detailedstrain ORDER BY 2 DESC LIMIT 3 OFFSET 1
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain ORDER BY recommendedtemperature DESC LIMIT 3 OFFSET 1)
-- rows: 3

-- case: DISTINCT rows of whole strains
SELECT DISTINCT * FROM detailedstrain WHERE genus = 'Fusarium'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Fusarium')
-- rows: 214

-- case: joins qualify the strain id
SELECT s.taxonname FROM detailedstrain AS d JOIN syntheticstrain AS s ON s.strainid = d.strainid WHERE d.region = 'Sicily'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT d.strainid FROM detailedstrain AS d JOIN syntheticstrain AS s ON s.strainid = d.strainid WHERE d.region = 'Sicily')
-- rows: 148

-- case: a UNION of strain lists
SELECT * FROM detailedstrain WHERE genus = 'Fusarium' UNION SELECT * FROM detailedstrain WHERE genus = 'Trichoderma'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Fusarium' UNION SELECT strainid FROM detailedstrain WHERE genus = 'Trichoderma')
-- rows: 374

-- case: CTE kept inside
WITH y AS (SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts') SELECT * FROM detailedstrain WHERE strainid IN (SELECT strainid FROM y) AND region = 'Piedmont'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (WITH y AS (SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts') SELECT strainid FROM detailedstrain WHERE strainid IN (SELECT strainid FROM y) AND region = 'Piedmont')

-- case: from the display view itself
SELECT * FROM syntheticstrain WHERE taxonname = 'Aspergillus niger'
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM syntheticstrain WHERE taxonname = 'Aspergillus niger')

-- case: the display query is its own fixed point
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus')
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus')
-- rows: 607

-- case: COUNT is kept
SELECT count(*) FROM detailedstrain WHERE genus = 'Aspergillus'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus'
-- value: 607

-- case: GROUP BY is kept
SELECT organismtype, count(*) FROM detailedstrain GROUP BY organismtype ORDER BY 2 DESC
-- expect:
SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype ORDER BY 2 DESC
-- rows: 3
-- value: Filamentous Fungi

-- case: HAVING is kept
SELECT genus FROM detailedstrain GROUP BY genus HAVING count(*) > 1000
-- expect:
SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 1000
-- rows: 1
-- value: Penicillium

-- case: other aggregates are kept
SELECT max(recommendedtemperature), avg(testedtgmax) FROM detailedstrain WHERE organismtype = 'Bacteria'
-- expect:
SELECT MAX(recommendedtemperature), AVG(testedtgmax) FROM detailedstrain WHERE organismtype = 'Bacteria'
-- rows: 1

-- case: DISTINCT values are a list of values, not strains
SELECT DISTINCT organismtype FROM detailedstrain
-- expect:
SELECT DISTINCT organismtype FROM detailedstrain
-- rows: 3

-- case: window functions are kept
SELECT genus, count(*) OVER (PARTITION BY genus) FROM detailedstrain LIMIT 2
-- expect:
SELECT genus, COUNT(*) OVER (PARTITION BY genus) FROM detailedstrain LIMIT 2
-- rows: 2

-- case: a query over a CTE is kept as it is
WITH g AS (SELECT genus FROM detailedstrain) SELECT * FROM g LIMIT 4
-- expect:
WITH g AS (SELECT genus FROM detailedstrain) SELECT * FROM g LIMIT 4
-- rows: 4
