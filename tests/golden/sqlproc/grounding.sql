-- Rule 5c, grounding: a WHERE term whose value the question never gave is dropped. The first line
-- of each case is the question ('added' questions also get the hint inclusiondate > '2020').

-- case: an invented date on a question with no filter
-- question: species with more than 30 isolates
SELECT scientificname, COUNT(*) FROM detailedstrain WHERE collectiondate > '2020-01-01' GROUP BY scientificname HAVING COUNT(*) > 30
-- expect:
SELECT scientificname, COUNT(*) FROM detailedstrain GROUP BY scientificname HAVING COUNT(*) > 30

-- case: a value written in the question stays, an invented one goes
-- question: aspergillus strains from italy
SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND substrate = 'PBS'
-- expect:
SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus'

-- case: a typo in the question still grounds the stored spelling
-- question: penicilium from piemonte
SELECT strainid FROM detailedstrain WHERE genus = 'Penicillium'
-- expect:
SELECT strainid FROM detailedstrain WHERE genus = 'Penicillium'

-- case: a hinted date grounds the model's fuller date
-- question: strains added to the catalogue after 2020
SELECT strainid FROM detailedstrain WHERE inclusiondate > '2020-12-31'
-- expect:
SELECT strainid FROM detailedstrain WHERE inclusiondate > '2020-12-31'

-- case: a number not in the question goes
-- question: how many yeasts are there
SELECT COUNT(*) FROM detailedstrain WHERE genus ILIKE '%yeast%' AND riskgroup = 2
-- expect:
SELECT COUNT(*) FROM detailedstrain WHERE genus ILIKE '%yeast%'

-- case: a flag whose column the question types as is stays
-- question: Dammi tutti gli isolati con il flag status attivo
SELECT strainid FROM detailedstrain WHERE status = TRUE
-- expect:
SELECT strainid FROM detailedstrain WHERE status = TRUE

-- case: an invented flag goes
-- question: strains from Italy
SELECT strainid FROM detailedstrain WHERE country = 'Italy' AND gmo = TRUE
-- expect:
SELECT strainid FROM detailedstrain WHERE country = 'Italy'
