-- Rule 8, relaxed ILIKE variant (format: see tables.sql; "-- expect: NONE" = no variant).

-- case: equality on a text column
SELECT count(*) FROM detailedstrain WHERE isolationhabitat = 'Marine sediment'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE isolationhabitat ILIKE '%Marine sediment%'
-- value: 190

-- case: IN list becomes ORed patterns
SELECT count(*) FROM detailedstrain WHERE region IN ('Ligury', 'Liguria')
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE (region ILIKE '%Ligury%' OR region ILIKE '%Liguria%')
-- value: 545

-- case: values with digits stay exact, in IN lists too
SELECT count(*) FROM detailedstrain WHERE accessionnumber IN ('MUT 1', 'Genus') AND genus = 'Aspergillus'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE (accessionnumber ILIKE '%Genus%' OR accessionnumber IN ('MUT 1')) AND genus ILIKE '%Aspergillus%'

-- case: a value with digits gives no variant
SELECT count(*) FROM detailedstrain WHERE remarks = '50%_off'
-- expect:
NONE

-- case: wildcard characters without digits are escaped
SELECT count(*) FROM detailedstrain WHERE remarks = 'a_b%c'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE remarks ILIKE '%a\_b\%c%'
-- value: 0

-- case: negated comparisons are not relaxed
SELECT count(*) FROM detailedstrain WHERE NOT genus = 'Aspergillus' AND NOT region IN ('Piedmont')
-- expect:
NONE

-- case: date columns are not relaxed
SELECT count(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) = '2019' AND collectiondate = 'unknown'
-- expect:
NONE

-- case: non-text columns are not relaxed
SELECT count(*) FROM detailedstrain WHERE riskgroup = 1
-- expect:
NONE

-- case: inside the display query
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE substrate = 'marine sediment')
-- expect:
SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE substrate ILIKE '%marine sediment%')
-- rows: 152
