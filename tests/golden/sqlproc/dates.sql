-- Rule 6, dates (format: see tables.sql). Semantics: see the docstring of sqlproc/dates.py; the
-- full check against an independent Python reference is tests/test_sqlproc_dates.py.

-- case: year equality
SELECT count(*) FROM detailedstrain WHERE collectiondate = '2019'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) = '2019'

-- case: before a year
SELECT count(*) FROM detailedstrain WHERE collectiondate < '2010'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) < '2010'

-- case: up to a year includes all of it
SELECT count(*) FROM detailedstrain WHERE isolationdate <= '2018'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(isolationdate, 4) <= '2018'

-- case: between two years includes both
SELECT count(*) FROM detailedstrain WHERE collectiondate BETWEEN '2015' AND '2018'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) BETWEEN '2015' AND '2018'

-- case: NOT BETWEEN keeps its NOT
SELECT count(*) FROM detailedstrain WHERE collectiondate NOT BETWEEN '2015' AND '2018'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE NOT LEFT(collectiondate, 4) BETWEEN '2015' AND '2018'

-- case: a number as year, literal on the left
SELECT count(*) FROM detailedstrain WHERE 2010 > depositdate
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(depositdate, 4) < '2010'

-- case: Italian day-first date
SELECT count(*) FROM detailedstrain WHERE isolationdate = '15/05/2023'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE RPAD(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g'), 8, '01') = '20230515'

-- case: compact day
SELECT count(*) FROM detailedstrain WHERE collectiondate >= '20230515'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE RPAD(REGEXP_REPLACE(collectiondate, '[^0-9]', '', 'g'), 8, '01') >= '20230515'

-- case: ISO day compared with a cast column
SELECT count(*) FROM detailedstrain WHERE collectiondate::date > DATE '2023-05-15'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE RPAD(REGEXP_REPLACE(collectiondate, '[^0-9]', '', 'g'), 8, '01') > '20230515'

-- case: month precision
SELECT count(*) FROM detailedstrain WHERE collectiondate = '2023-05'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE RPAD(REGEXP_REPLACE(collectiondate, '[^0-9]', '', 'g'), 6, '01') = '202305'

-- case: mixed precisions in BETWEEN
SELECT count(*) FROM detailedstrain WHERE depositdate BETWEEN '2019' AND '30/06/2020'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE (LEFT(depositdate, 4) >= '2019' AND RPAD(REGEXP_REPLACE(depositdate, '[^0-9]', '', 'g'), 8, '01') <= '20200630')

-- case: LIKE a year prefix
SELECT count(*) FROM detailedstrain WHERE collectiondate LIKE '2019%'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) = '2019'

-- case: NOT LIKE a year
SELECT count(*) FROM detailedstrain WHERE collectiondate NOT LIKE '%2019%'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) <> '2019'

-- case: IN years
SELECT count(*) FROM detailedstrain WHERE collectiondate IN ('2019', '2020')
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) IN ('2019', '2020')

-- case: EXTRACT year in a comparison and a group
SELECT EXTRACT(YEAR FROM collectiondate) AS y, count(*) FROM detailedstrain WHERE EXTRACT(YEAR FROM collectiondate) >= 2020 GROUP BY 1 ORDER BY 1
-- expect:
SELECT CAST(LEFT(collectiondate, 4) AS INT) AS y, COUNT(*) FROM detailedstrain WHERE CAST(LEFT(collectiondate, 4) AS INT) >= 2020 GROUP BY 1 ORDER BY 1

-- case: date_part month is NULL for a year-only value
SELECT count(*) FROM detailedstrain WHERE date_part('month', isolationdate) = 5
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE CAST(NULLIF(SUBSTRING(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g') FROM 5 FOR 2), '') AS INT) = 5

-- case: LEFT and SUBSTRING of the column mean the stored date
SELECT count(*) FROM detailedstrain WHERE SUBSTRING(collectiondate, 1, 4) = '2019' OR LEFT(isolationdate, 7) = '2019-05'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) = '2019' OR RPAD(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g'), 6, '01') = '201905'

-- case: most recent first sorts on the full key, NULLs last
SELECT accessionnumber FROM detailedstrain ORDER BY collectiondate DESC LIMIT 5
-- expect:
SELECT accessionnumber FROM detailedstrain ORDER BY RPAD(REGEXP_REPLACE(collectiondate, '[^0-9]', '', 'g'), 8, '01') DESC NULLS LAST LIMIT 5
-- rows: 5

-- case: comparison with CURRENT_DATE uses a real date
SELECT count(*) FROM detailedstrain WHERE depositdate >= CURRENT_DATE - INTERVAL '100 years'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE CAST(RPAD(REGEXP_REPLACE(depositdate, '[^0-9]', '', 'g'), 8, '01') AS DATE) >= CURRENT_DATE - INTERVAL '100 YEARS'
-- value: 7216

-- case: a cast in the select list becomes a valid date
SELECT min(collectiondate::date) FROM detailedstrain
-- expect:
SELECT MIN(CAST(RPAD(REGEXP_REPLACE(collectiondate, '[^0-9]', '', 'g'), 8, '01') AS DATE)) FROM detailedstrain
-- value: 1952-01-01

-- case: two stored dates compare as days
SELECT count(*) FROM detailedstrain WHERE isolationdate > depositdate
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE RPAD(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g'), 8, '01') > RPAD(REGEXP_REPLACE(depositdate, '[^0-9]', '', 'g'), 8, '01')

-- case: not a date literal: left alone
SELECT count(*) FROM detailedstrain WHERE collectiondate = 'unknown'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE collectiondate = 'unknown'

-- case: the rewrite is its own fixed point
SELECT count(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) < '2010' AND RPAD(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g'), 6, '01') = '202305'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LEFT(collectiondate, 4) < '2010' AND RPAD(REGEXP_REPLACE(isolationdate, '[^0-9]', '', 'g'), 6, '01') = '202305'
