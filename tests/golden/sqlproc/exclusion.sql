-- Rule 5f, exclusion keeps unknowns: <>, NOT IN and NOT ILIKE also keep the rows whose column is NULL
-- (format: see tables.sql).

-- case: not equal
SELECT strainid FROM detailedstrain WHERE country <> 'Italy'
-- expect:
SELECT strainid FROM detailedstrain WHERE (country <> 'Italy' OR country IS NULL)

-- case: not in, beside a positive condition
SELECT strainid FROM detailedstrain WHERE genus = 'Penicillium' AND country NOT IN ('Italy', 'italy')
-- expect:
SELECT strainid FROM detailedstrain WHERE genus = 'Penicillium' AND (NOT country IN ('Italy', 'italy') OR country IS NULL)

-- case: not ilike
SELECT COUNT(*) FROM detailedstrain WHERE substrate NOT ILIKE '%soil%'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE (substrate NOT ILIKE '%soil%' OR substrate IS NULL)

-- case: already NULL-aware (idempotent)
SELECT strainid FROM detailedstrain WHERE (country <> 'Italy' OR country IS NULL)
-- expect:
SELECT strainid FROM detailedstrain WHERE (country <> 'Italy' OR country IS NULL)

-- case: a HAVING comparison is not an exclusion
SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) <> 1
-- expect:
SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) <> 1
