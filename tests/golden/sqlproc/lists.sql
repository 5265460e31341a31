-- Rule 5e, list columns: identificationtechnique holds 'Morphological;Molecular;MALDI-TOF' lists
-- (format: see tables.sql).

-- case: one technique is matched as contained
SELECT strainid FROM detailedstrain WHERE identificationtechnique = 'MALDI-TOF'
-- expect:
SELECT strainid FROM detailedstrain WHERE identificationtechnique ILIKE '%MALDI-TOF%'

-- case: stored spellings with a trailing separator are one technique
SELECT strainid FROM detailedstrain WHERE identificationtechnique IN ('Molecular', 'Molecular;')
-- expect:
SELECT strainid FROM detailedstrain WHERE identificationtechnique ILIKE '%Molecular%'

-- case: two techniques are either one
SELECT COUNT(*) FROM detailedstrain WHERE identificationtechnique IN ('MALDI-TOF', 'Biochemical') AND genus = 'Candida'
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE (identificationtechnique ILIKE '%MALDI-TOF%' OR identificationtechnique ILIKE '%Biochemical%') AND genus = 'Candida'

-- case: other columns are left alone
SELECT strainid FROM detailedstrain WHERE substrate = 'soil'
-- expect:
SELECT strainid FROM detailedstrain WHERE substrate = 'soil'
