-- Rule 5d, hints are kept: '-- hint: KIND COLUMN SQL' and '-- link: COLUMN OPERATOR VALUE' lines
-- give the question's LinkResult (format: see tables.sql).

-- case: a flag the model left out is added
-- hint: flag typestrain typestrain = FALSE
SELECT strainid FROM detailedstrain WHERE genus = 'Candida'
-- expect:
SELECT strainid FROM detailedstrain WHERE genus = 'Candida' AND typestrain = FALSE

-- case: a hinted column the model already compares is left as the model wrote it
-- hint: date inclusiondate inclusiondate > '2020'
SELECT strainid FROM detailedstrain WHERE inclusiondate >= '2021'
-- expect:
SELECT strainid FROM detailedstrain WHERE inclusiondate >= '2021'

-- case: a missing value on a query with no WHERE
-- hint: missing isolationdate isolationdate IS NULL
SELECT COUNT(*) FROM detailedstrain
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE isolationdate IS NULL

-- case: a contained value compared with '=' becomes ILIKE
-- link: isolationhabitat contains forest
SELECT strainid FROM detailedstrain WHERE isolationhabitat = 'forest'
-- expect:
SELECT strainid FROM detailedstrain WHERE isolationhabitat ILIKE '%forest%'

-- case: an excluded value compared with '=' is negated
-- link: country not Italy
SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND country = 'Italy'
-- expect:
SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND country <> 'Italy'
