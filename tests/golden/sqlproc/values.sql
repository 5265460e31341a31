-- Rule 5, dictionary fix, with the hand-written FakeValues of tests/test_sqlproc_fakes.py
-- (format: see tables.sql).

-- case: stored case
SELECT count(*) FROM detailedstrain WHERE organismtype = 'bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria'
-- value: 493

-- case: stored spelling of a multi-word value
SELECT count(*) FROM detailedstrain WHERE organismtype = 'filamentous  fungi'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Filamentous Fungi'
-- value: 6296

-- case: the value is stored in another column only
SELECT count(*) FROM detailedstrain WHERE genus = 'Yeasts'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'
-- value: 427

-- case: a column that holds the value keeps it even if another holds it more often
SELECT count(*) FROM detailedstrain WHERE isolationhabitat = 'marine sediment'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE isolationhabitat = 'Marine sediment'
-- value: 60

-- case: a column that does not hold it moves to where it is most frequent
SELECT count(*) FROM detailedstrain WHERE locality = 'Marine sediment'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE substrate = 'Marine sediment'
-- value: 115

-- case: variants become an IN list
SELECT count(*) FROM detailedstrain WHERE region = 'Liguria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE region IN ('Liguria', 'Ligury')
-- value: 545

-- case: variants of the same normal form, the exact spelling first
SELECT count(*) FROM detailedstrain WHERE region = 'emilia romagna'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE region IN ('Emilia-Romagna', 'Emilia Romagna')
-- value: 348

-- case: moved and expanded
SELECT count(*) FROM detailedstrain WHERE city = 'Ligury'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE region IN ('Ligury', 'Liguria')
-- value: 545

-- case: not equal becomes NOT IN
SELECT count(*) FROM detailedstrain WHERE region <> 'Ligury' AND organismtype = 'bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE NOT region IN ('Ligury', 'Liguria') AND organismtype = 'Bacteria'

-- case: IN list items canonicalized and expanded
SELECT count(*) FROM detailedstrain WHERE city IN ('turin', 'Genova')
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE city IN ('Turin', 'Torino', 'Genova')
-- value: 841

-- case: IN list moved when every known item belongs elsewhere
SELECT count(*) FROM detailedstrain WHERE genus IN ('bacteria', 'yeasts')
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype IN ('Bacteria', 'Yeasts')
-- value: 920

-- case: LIKE without wildcards behaves like equality
SELECT count(*) FROM detailedstrain WHERE organismtype ILIKE 'yeasts'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE organismtype ILIKE 'Yeasts'
-- value: 427

-- case: a LIKE pattern only moves, keeping case and wildcards
SELECT count(*) FROM detailedstrain WHERE genus ILIKE '%marine sediment%'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE substrate ILIKE '%marine sediment%'

-- case: a LIKE pattern on a column that holds the value is left alone
SELECT count(*) FROM detailedstrain WHERE isolationhabitat LIKE '%Marine sediment%'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE isolationhabitat LIKE '%Marine sediment%'

-- case: lower() keeps its folded literal, only the column moves
SELECT count(*) FROM detailedstrain WHERE lower(genus) = 'bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE LOWER(organismtype) = 'bacteria'
-- value: 493

-- case: unknown values are left alone
SELECT count(*) FROM detailedstrain WHERE genus = 'Saccharomyces'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Saccharomyces'

-- case: date columns are rule 6's
SELECT count(*) FROM detailedstrain WHERE collectiondate = 'Bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE collectiondate = 'Bacteria'

-- case: expressions other than a (lower/upper/trimmed) column are not touched
SELECT count(*) FROM detailedstrain WHERE CAST(riskgroup AS TEXT) = 'bacteria' OR genus || species = 'bacteria'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE CAST(riskgroup AS TEXT) = 'bacteria' OR genus || species = 'bacteria'

-- case: canonical input is unchanged
SELECT count(*) FROM detailedstrain WHERE region IN ('Ligury', 'Liguria') AND substrate = 'Marine sediment'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE region IN ('Ligury', 'Liguria') AND substrate = 'Marine sediment'
