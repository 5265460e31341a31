"""Golden cases: question -> the draft the code composes (linker, hints, text2sql/draft.py), each
one run on the real catalogue. These are the readings the router answers without the model.

    .venv/bin/python -m pytest -q tests/test_draft_readings.py
"""

from __future__ import annotations

import pytest

from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from sqlproc.pipeline import postprocess
from text2sql.draft import draft_sql

TOP = "SELECT {0}, COUNT(*) FROM detailedstrain GROUP BY {0} ORDER BY COUNT(*) DESC LIMIT {1}"
S = "SELECT strainid FROM detailedstrain"
GOLDEN = {
    # comparisons written as symbols, on numbers and on dates
    "RiskGroup >= 2 and OrganismType = Yeasts": f"{S} WHERE riskgroup >= 2 AND organismtype = 'Yeasts'",
    "CollectionDate < 2000 and Country = Norway": f"{S} WHERE collectiondate < '2000' AND country = 'Norway'",
    "InclusionDate >= 2025-01-01": f"{S} WHERE inclusiondate >= '2025-01-01'",
    # a threshold on a column is no group size
    "temperatura almeno 30": f"{S} WHERE recommendedtemperature >= 30",
    "regions over 150": "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) > 150",
    "città sopra i 100 ceppi": "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city HAVING COUNT(*) > 100",
    "`Genus` con COUNT(*) > 200": "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 200",
    # misspelt plural and two-word column words
    "countires with more than 50 strains": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) > 50"
    ),
    "strains per recomended medium": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain GROUP BY recommendedmedium"
    ),
    "distinct scientific names": "SELECT COUNT(DISTINCT scientificname) FROM detailedstrain",
    "conta i valori unici del campo ploidia": "SELECT COUNT(DISTINCT ploidy) FROM detailedstrain",
    # partial values never from misspelt function words, number words or stray words
    "strains colected before 1990": f"{S} WHERE collectiondate < '1990'",
    "how many diferent media are recommended": "SELECT COUNT(DISTINCT recommendedmedium) FROM detailedstrain",
    "How many unique countries does the collection cover?": "SELECT COUNT(DISTINCT country) FROM detailedstrain",
    "moulds outside turin": f"{S} WHERE organismtype = 'Filamentous Fungi' AND city NOT IN ('Turin', 'Torino')",
    # ... but from text asked for as text
    "strains whose remarks mention pyrene": f"{S} WHERE remarks ILIKE '%pyrene%'",
    '`Remarks` contains "sole carbon source"': f"{S} WHERE remarks ILIKE '%sole carbon source%'",
    "strains whose habitat does not contain marine": f"{S} WHERE isolationhabitat NOT ILIKE '%marine%'",
    # a verb names the free-text column: what a strain produces, degrades, grows on, is a pathogen of
    "strains that degrade polyethylene": f"{S} WHERE applications ILIKE '%polyethylene%'",
    "ceppi che producono pigmenti": f"{S} WHERE applications ILIKE '%pigment%'",
    "funghi patogeni per il pomodoro": (
        f"{S} WHERE organismtype = 'Filamentous Fungi' AND pathogenicity ILIKE '%tomato%'"
    ),
    "All strains except Filamentous Fungi": f"{S} WHERE organismtype <> 'Filamentous Fungi'",
    # stored values across a comma or a colon, or longer than an n-gram, read whole
    "isolates from skin, cat": f"{S} WHERE substrate IN ('skin, cat', 'Skin cat', 'skin,cat')",
    "strains from Piedmont cheese: tometta": f"{S} WHERE substrate = 'Piedmont cheese: tometta'",
    "how many come from stump of Picea abies treated with propiconazole": (
        "SELECT COUNT(*) FROM detailedstrain WHERE substrate = 'stump of Picea abies treated with propiconazole'"
    ),
    # flags: the EU quarantine said in full, a flag word asked for as text, "uguale a FALSE"
    "isolati in quarantena europea": f"{S} WHERE euquarantine = TRUE",
    "strains whose substrate contains transgenic": f"{S} WHERE substrate ILIKE '%transgenic%'",
    "strains where GMO equal to false": f"{S} WHERE gmo = FALSE",
    "how many have soil in their substrate?": "SELECT COUNT(*) FROM detailedstrain WHERE substrate ILIKE '%soil%'",
    "ceppi con gruppo di rischio uguali a 2": f"{S} WHERE riskgroup = 2",
    # top N: the category after 'values of', or named before the N; 'first N'; 'con più isolati'
    "the 4 most frequent values of country": TOP.format("country", 4),
    "paese: i primi 2 per numero di ceppi": TOP.format("country", 2),
    "first 3 substrates by count": TOP.format("substrate", 3),
    "le quattro città con più isolati": TOP.format("city", 4),
    # relative to one strain
    "strains whose habitat matches that of MUT00002190": (
        f"{S} WHERE isolationhabitat = "
        "(SELECT isolationhabitat FROM detailedstrain WHERE accessionnumber = 'MUT00002190')"
    ),
    "isolates sharing MUT00002190's country": (
        f"{S} WHERE country = (SELECT country FROM detailedstrain WHERE accessionnumber = 'MUT00002190')"
    ),
    "what is the substrate of MUT00002190?": f"{S} WHERE accessionnumber = 'MUT00002190'",
    "altri ceppi del genere di MUT00002940": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00002940') "
        "AND accessionnumber <> 'MUT00002940'"
    ),
    # 'manca' is missing, not the city Manta; a flag's missing information is NULL, not FALSE
    "ceppi a cui manca la regione": f"{S} WHERE region IS NULL",
    "per quanti ceppi manca il dato sul gmo?": "SELECT COUNT(*) FROM detailedstrain WHERE gmo IS NULL",
    "how many strains share the species of TUCC00000969?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE scientificname = "
        "(SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'TUCC00000969')"
    ),
    "Show the strains that come from the same locality as MUT00006921, excluding that one": (
        f"{S} WHERE locality = (SELECT locality FROM detailedstrain WHERE accessionnumber = 'MUT00006921') "
        "AND accessionnumber <> 'MUT00006921'"
    ),
    # dates in words
    "How many strains of yeasts were sampled before January 19, 2021?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND collectiondate < '2021-01-19'"
    ),
    "Conta i ceppi con data di isolamento precedente al 2014": (
        "SELECT COUNT(*) FROM detailedstrain WHERE isolationdate < '2014'"
    ),
    "conteggio annuale dei ceppi per data di inserimento": (
        "SELECT LEFT(inclusiondate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(inclusiondate, 4) ORDER BY 1"
    ),
    # ranks, distributions, single members, flags, several numbers
    "rank the countries by strain count and keep the first 4": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country ORDER BY COUNT(*) DESC LIMIT 4"
    ),
    "distribuzione dei ceppi tra città": "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city",
    "find regions whose strains all share one city": (
        "SELECT region FROM detailedstrain GROUP BY region HAVING COUNT(DISTINCT city) = 1"
    ),
    "list Bacteria whose data are public": f"{S} WHERE organismtype = 'Bacteria' AND publicdata = TRUE",
    "count of isolates that are not duul use": "SELECT COUNT(*) FROM detailedstrain WHERE dualuse = FALSE",
    "gruppo di rischio 1 o 2": f"{S} WHERE riskgroup IN (1, 2)",
    "Show strains of Fuscoporia with risk gruop 1": f"{S} WHERE genus = 'Fuscoporia' AND riskgroup = 1",
    # decades, a month that is also a region, exclusions shared by a list, adjectives, 'nel substrato'
    "Trametes collected in the 90s": f"{S} WHERE genus = 'Trametes' AND collectiondate BETWEEN '1990' AND '1999'",
    "strains collected in march 2010": f"{S} WHERE collectiondate = '2010-03'",
    "how many strains come from outside Italy and Spain?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE country NOT IN ('Italy', 'italy', 'ITALY') "
        "AND country NOT IN ('Spain', 'SPAIN')"
    ),
    "solo italiani": f"{S} WHERE country IN ('Italy', 'italy', 'ITALY')",
    "ceppi con 'Posidonia' nel substrato": f"{S} WHERE substrate ILIKE '%Posidonia%'",
    "different cities: how many?": "SELECT COUNT(DISTINCT city) FROM detailedstrain",
    "quali valori di habitat compaiono più di 500 volte?": (
        "SELECT isolationhabitat, COUNT(*) FROM detailedstrain GROUP BY isolationhabitat HAVING COUNT(*) > 500"
    ),
    "Mostrami il ceppo con numero di accesso MUT00001134": f"{S} WHERE accessionnumber = 'MUT00001134'",
    "ceppi di Botryotrichum per cui non è indicato il campo città": (
        f"{S} WHERE genus = 'Botryotrichum' AND city IS NULL"
    ),
    "ceppi con terreno MY40": f"{S} WHERE recommendedmedium = 'MY40'",
    # stored values with brackets, and 'terreno consigliato' as the medium column
    "How many strains were found in the city of Nizza Monferrato (AT)?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE city = 'Nizza Monferrato (AT)'"
    ),
    "Is there any Aliarcobacter in chicken caecums (pool)?": (
        f"{S} WHERE genus = 'Aliarcobacter' AND substrate = 'chicken caecums (pool)'"
    ),
    "Ceppi il cui terreno consigliato è PDA": f"{S} WHERE recommendedmedium = 'PDA'",
    "fusarium oxysporum or solani, piedmont": (
        f"{S} WHERE scientificname IN ('Fusarium oxysporum', 'Fusarium solani') AND region IN ('Piedmont', 'Piemonte')"
    ),
    "Among risk group 2 strains, which 5 genera are most frequent?": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE riskgroup = 2 GROUP BY genus ORDER BY COUNT(*) DESC LIMIT 5"
    ),
    "`Country` is not equal to Italy and `Genus` = Aspergillus": (
        f"{S} WHERE country NOT IN ('Italy', 'italy', 'ITALY') AND genus = 'Aspergillus'"
    ),
    # the glossary's Italian words for words of stored values, misspelt too
    "ceppi isolati da spugne": f"{S} WHERE substrate ILIKE '%sponge%'",
    "oloturie": f"{S} WHERE substrate ILIKE '%holothuria%'",
    "isolati da rizosfra": f"{S} WHERE substrate ILIKE '%rhizosphere%'",
    "penicillium raccolti in piemonte nel 2005": (
        f"{S} WHERE genus = 'Penicillium' AND region IN ('Piedmont', 'Piemonte') AND collectiondate = '2005'"
    ),
    # top N closing the question, more superlatives, a category beside the superlative
    "top five genera of the yeasts": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY genus "
        "ORDER BY COUNT(*) DESC LIMIT 5"
    ),
    "the best represented country": TOP.format("country", 1),
    "specie maggiori nel gruppo di rischio 3 (top 2)": (
        "SELECT scientificname, COUNT(*) FROM detailedstrain WHERE riskgroup = 3 GROUP BY scientificname "
        "ORDER BY COUNT(*) DESC LIMIT 2"
    ),
    # thresholds: 'N or more', number words, a word or a linked value before the noun
    "genera con 20 o più ceppi": "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 20",
    "regions with more than fifty strains": (
        "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) > 50"
    ),
    "media used for at least 40 bacterial strains": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' "
        "GROUP BY recommendedmedium HAVING COUNT(*) >= 40"
    ),
    "substrati con oltre 30 penicilli": (
        "SELECT substrate, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY substrate "
        "HAVING COUNT(*) > 30"
    ),
    "isolates grouped by dual use": "SELECT dualuse, COUNT(*) FROM detailedstrain GROUP BY dualuse",
    "gmo count": "SELECT COUNT(*) FROM detailedstrain WHERE gmo = TRUE",
    # a value is never a filter on the column grouped or counted ('comuni del piemonte')
    "quante città diverse ci sono in toscana": (
        "SELECT COUNT(DISTINCT city) FROM detailedstrain WHERE region IN ('Tuscany', 'Toscana', 'Tuscnay')"
    ),
    "comuni del piemonte con più di 40 ceppi": (
        "SELECT city, COUNT(*) FROM detailedstrain WHERE region IN ('Piedmont', 'Piemonte') GROUP BY city "
        "HAVING COUNT(*) > 40"
    ),
    # relative: 'strains in the region of X'; 'include it too'
    "strains in the region of MUT00002180": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00002180')"
    ),
    "other strains on the same medium as MUT00002180, itself included": (
        f"{S} WHERE recommendedmedium = "
        "(SELECT recommendedmedium FROM detailedstrain WHERE accessionnumber = 'MUT00002180')"
    ),
    # missing values and flags: chat shorthand, 'left blank', 'we don't know', 'non si sa se'
    "moulds w/o a recorded substrate": f"{S} WHERE organismtype = 'Filamentous Fungi' AND substrate IS NULL",
    "penicillium with the city left blank": f"{S} WHERE genus = 'Penicillium' AND city IS NULL",
    "strains where we don't know the region": f"{S} WHERE region IS NULL",
    "ceppi di cui non si sa se sono dual use": f"{S} WHERE dualuse IS NULL",
    "lieviti con tecnica di identificazone mancante": (
        f"{S} WHERE organismtype = 'Yeasts' AND identificationtechnique IS NULL"
    ),
    # exclusions, ranges and comparisons in words, counts in shorthand, months in a row
    "yeasts, leaving out Italy": f"{S} WHERE organismtype = 'Yeasts' AND country NOT IN ('Italy', 'italy', 'ITALY')",
    "rischio 2 ma niente lieviti": f"{S} WHERE riskgroup = 2 AND organismtype <> 'Yeasts'",
    "UserRestrictions less than or equal to 2": f"{S} WHERE userrestrictions <= 2",
    "penicillium collected btw 2001 and 2003": (
        f"{S} WHERE genus = 'Penicillium' AND collectiondate BETWEEN '2001' AND '2003'"
    ),
    "nr of yeasts": "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'",
    "collection dates month by month": (
        "SELECT LEFT(REPLACE(collectiondate, '-', ''), 6), COUNT(*) FROM detailedstrain "
        "GROUP BY LEFT(REPLACE(collectiondate, '-', ''), 6) ORDER BY 1"
    ),
    # free text: a column named after the word, a misspelt word, the column that holds it
    "fungi with benzene in the remarks": f"{S} WHERE organismtype = 'Filamentous Fungi' AND remarks ILIKE '%benzene%'",
    "strains that produce pigmnets": f"{S} WHERE applications ILIKE '%pigment%'",
    "carbapenemase producers from Italy": (
        f"{S} WHERE remarks ILIKE '%carbapenemase%' AND country IN ('Italy', 'italy', 'ITALY')"
    ),
    "patogeni per il pomodoro in qualunque regione": f"{S} WHERE pathogenicity ILIKE '%tomato%'",
    # a one-word value mostly stored inside longer ones is its family, unless a column is named
    "isolates from compost": f"{S} WHERE isolationhabitat ILIKE '%compost%'",
    "habitat compost": f"{S} WHERE isolationhabitat = 'compost'",
    "cheese or compost": f"{S} WHERE isolationhabitat IN ('cheese', 'compost')",
    # a city's province code is never typed; a period 'by collection year'; typo'd date words
    "penicillium from lagnasco": f"{S} WHERE genus = 'Penicillium' AND city = 'Lagnasco (CN)'",
    "yeasts broken down by collection year": (
        "SELECT LEFT(collectiondate, 4), COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' "
        "GROUP BY LEFT(collectiondate, 4) ORDER BY 1"
    ),
    "ceppi tunisini divisi per anno di isolamnto": (
        "SELECT LEFT(isolationdate, 4), COUNT(*) FROM detailedstrain WHERE country = 'Tunisia' "
        "GROUP BY LEFT(isolationdate, 4) ORDER BY 1"
    ),
    "regions where every strain has one and the same medium": (
        "SELECT region FROM detailedstrain GROUP BY region HAVING COUNT(DISTINCT recommendedmedium) = 1"
    ),
    "aspergillus minus niger": f"{S} WHERE genus = 'Aspergillus' AND species <> 'niger'",
    "ceppi le cui note citano pyrene": f"{S} WHERE remarks ILIKE '%pyrene%'",
    "le tre specie di aspergillus con più ceppi": (
        "SELECT scientificname, COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus' GROUP BY scientificname "
        "ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "bacteria with risk group at most 2": f"{S} WHERE organismtype = 'Bacteria' AND riskgroup <= 2",
    # a negation turns the comparison after it; 'pari o superiore', 'upwards of', 'reach'
    "countries with not fewer than 40 strains": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) >= 40"
    ),
    "generi che non superano i 3 ceppi": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) <= 3"
    ),
    "substrates that do not reach 20 strains": (
        "SELECT substrate, COUNT(*) FROM detailedstrain GROUP BY substrate HAVING COUNT(*) < 20"
    ),
    "paesi con un numero di ceppi pari o superiore a 50": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) >= 50"
    ),
    "cities holding upwards of 200 strains": (
        "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city HAVING COUNT(*) > 200"
    ),
    "genera counting 100 strains or more": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 100"
    ),
    # a column named with its value filters the groups; the next one is grouped
    "in the genus Penicillium, which species have at least 10 strains": (
        "SELECT scientificname, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium'"
        " GROUP BY scientificname HAVING COUNT(*) >= 10"
    ),
    # the compared property said another way, the strain left out by other words
    "conspecifics of MUT00003610": (
        f"{S} WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "i ceppi del genere a cui appartiene MUT00003610, a parte lui": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    # exclusions written after the value, or as 'everything but', 'né ... né'
    "everything but the yeasts": f"{S} WHERE organismtype <> 'Yeasts'",
    "ceppi italiani, lieviti esclusi": (
        f"{S} WHERE country IN ('Italy', 'italy', 'ITALY') AND organismtype <> 'Yeasts'"
    ),
    # missing values said with a verb; a misspelt three-word column word
    "ceppi a cui non è stata assegnata una regione": f"{S} WHERE region IS NULL",
    "strains whose substrate field has been left empty": f"{S} WHERE substrate IS NULL",
    "ceppi senza data di isolameto": f"{S} WHERE isolationdate IS NULL",
    # a negated date cue; a negated or padded comparison on a coded number; a range with articles
    "moulds deposited not before 2019": f"{S} WHERE organismtype = 'Filamentous Fungi' AND depositdate >= '2019'",
    "strains grown at no more than 25 degres": f"{S} WHERE recommendedtemperature <= 25",
    "ceppi con restrizioni d'uso al massimo pari a 2": f"{S} WHERE userrestrictions <= 2",
    # "or later" after a date; a missing column is no group; ", no X" and "didn't come from" exclude
    "yeasts isolated in 2018 or later": f"{S} WHERE organismtype = 'Yeasts' AND isolationdate >= '2018'",
    "ceppi senza regione registrata: quali generi superano i 30 ceppi?": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE region IS NULL GROUP BY genus HAVING COUNT(*) > 30"
    ),
    "type strains, no penicillium": f"{S} WHERE typestrain = TRUE AND genus <> 'Penicillium'",
    "yeasts that didn't come from Italy": (
        f"{S} WHERE organismtype = 'Yeasts' AND country NOT IN ('Italy', 'italy', 'ITALY')"
    ),
    # an Italian adjective after a noun a verb placed is one English phrase; "parlano di" asks for text
    "ceppi che producono un pigmento verde": f"{S} WHERE applications ILIKE '%green pigment%'",
    "ceppi le cui osservazioni parlano di tossine": f"{S} WHERE remarks ILIKE '%toxin%'",
    # a second column word listed after a missing one shares the cue; "from there" after "X of ACC"
    "strains lacking both a substrate and a habitat": f"{S} WHERE substrate IS NULL AND isolationhabitat IS NULL",
    "region of MUT00003610: every strain from there": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "lieviti da coltivare tra i 25 e i 30 gradi": (
        f"{S} WHERE organismtype = 'Yeasts' AND recommendedtemperature BETWEEN 25 AND 30"
    ),
    # a typo beside a number is corrected on its letters only; the culture collection is no date word
    "candida auris from circoscrizone 8": (
        f"{S} WHERE scientificname = 'Candida auris' AND locality = 'Circoscrizione 8'"
    ),
    "strains deposited in the collection before 2005": f"{S} WHERE depositdate < '2005'",
    # missing and present, worded around the column
    "Penicillium whose substrate has not been recorded": f"{S} WHERE genus = 'Penicillium' AND substrate IS NULL",
    "strains carrying a note on pathogenicity": f"{S} WHERE pathogenicity IS NOT NULL",
    "ceppi toscani privi di indicazione del substrato": (
        f"{S} WHERE region IN ('Tuscany', 'Toscana', 'Tuscnay') AND substrate IS NULL"
    ),
    "ceppi con il campo `DualUse` non valorizzato": f"{S} WHERE dualuse IS NULL",
    # groups: 'x' for per, 'per ogni valore di', a date column named before 'year', 'montth'
    "conteggio ceppi x paese": "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country",
    "numero di ceppi per ogni valore di `Ploidy`": "SELECT ploidy, COUNT(*) FROM detailedstrain GROUP BY ploidy",
    "strains per `DepositDate` year, oldest first": (
        "SELECT LEFT(depositdate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(depositdate, 4) ORDER BY 1"
    ),
    "substrates that yielded over 100 strains": (
        "SELECT substrate, COUNT(*) FROM detailedstrain GROUP BY substrate HAVING COUNT(*) > 100"
    ),
    "per una tabella: i 4 generi più frequenti": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus ORDER BY COUNT(*) DESC LIMIT 4"
    ),
    # relative: the property before 'is the same as that of', a participle before it, 'escludendo'
    "strains whose substrate is the same as that of MUT00003610": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "ceppi isolati nella regione di MUT00003610, escludendo il ceppo stesso": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    # exclusion through 'the ones whose', a word cue before a value, tested temperatures
    "Ligurian strains, leaving out the ones whose `City` is Varigotti": (
        f"{S} WHERE region IN ('Ligury', 'Liguria') AND city <> 'Varigotti'"
    ),
    "ceppi che hanno la parola forest nell'habitat": f"{S} WHERE isolationhabitat ILIKE '%forest%'",
    "ceppi con temperatura max testata 40": f"{S} WHERE testedtgmax = 40",
    # relative: 'coincides with that of', 'in common with', 'where X was collected', 'its species',
    # the strain named twice (once to leave it out), the property word that is also a value
    "strains whose substrate coincides with that of MUT00003610": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "ceppi che hanno in comune la regione con MUT00003610": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "strains from the city where MUT00003610 was found, minus that one": (
        f"{S} WHERE city = (SELECT city FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "oltre a MUT00003610 stesso, chi condivide la sua specie?": (
        f"{S} WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "strains, MUT00003610 excluded, whose region matches the region of MUT00003610": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "ceppi sullo stesso terreno di MUT00003610": (
        f"{S} WHERE recommendedmedium = (SELECT recommendedmedium FROM detailedstrain"
        " WHERE accessionnumber = 'MUT00003610')"
    ),
    # missing: contrasted with a present column, 'on file', 'è indicato il'
    "strains with an isolation date but not a collection date": (
        f"{S} WHERE isolationdate IS NOT NULL AND collectiondate IS NULL"
    ),
    "yeasts with a substrate on file": f"{S} WHERE organismtype = 'Yeasts' AND substrate IS NOT NULL",
    # text: a cued acronym, an Italian technique word; exclusion 'any species but'
    "strains whose medium includes PDA": f"{S} WHERE recommendedmedium ILIKE '%PDA%'",
    "lieviti identificati con tecniche molecolari": (
        f"{S} WHERE organismtype = 'Yeasts' AND identificationtechnique ILIKE '%molecular%'"
    ),
    # aggregates: N+, '+ di', 'fall short of', a flag against its negation, all strains with one X,
    # 'yr breakdown', '# of unique', groups across 'the different'
    "regions w/ 100+ strains": "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) >= 100",
    "generi con + di 50 ceppi": "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 50",
    "countries that fall short of 5 strains": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) < 5"
    ),
    "dual use vs not, counts": "SELECT dualuse, COUNT(*) FROM detailedstrain GROUP BY dualuse",
    "generi con tutti i ceppi con la stessa ploidia": (
        "SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(DISTINCT ploidy) = 1"
    ),
    "deposit yr breakdown": (
        "SELECT LEFT(depositdate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(depositdate, 4) ORDER BY 1"
    ),
    "# of unique ploidy values": "SELECT COUNT(DISTINCT ploidy) FROM detailedstrain",
    "how are the bacteria spread across the different regions?": (
        "SELECT region, COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' GROUP BY region"
    ),
    # other collection numbers: an acronym among them, or their presence; how a strain was identified
    "strains with a DSM number among the other collection numbers": f"{S} WHERE otherccnumbers ILIKE '%DSM%'",
    "ceppi che riportano numeri presso altre collezioni": f"{S} WHERE otherccnumbers IS NOT NULL",
    "fusarium identificati anche con analisi molecolare": (
        f"{S} WHERE genus = 'Fusarium' AND identificationtechnique ILIKE '%molecular%'"
    ),
    # groups: 'split acros', 'secondo', 'x anno', 'calendar year', 'diff', '+ ceppi', 'N+ <value>'
    "how are the yeasts split acros countries": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY country"
    ),
    "ripartizione dei ceppi secondo la ploidia": "SELECT ploidy, COUNT(*) FROM detailedstrain GROUP BY ploidy",
    "isolati x anno": (
        "SELECT LEFT(isolationdate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(isolationdate, 4) ORDER BY 1"
    ),
    "strains collected in each calendar year": (
        "SELECT LEFT(collectiondate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(collectiondate, 4) ORDER BY 1"
    ),
    "no. of diff regions": "SELECT COUNT(DISTINCT region) FROM detailedstrain",
    "le 3 regioni con + ceppi": (
        "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "countries giving 40+ aspergillus": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus'"
        " GROUP BY country HAVING COUNT(*) >= 40"
    ),
    # relative: a possessive without its apostrophe, 'excl.', 'excepted'; missing 'nn è noto'
    "strains sharing MUT00003610s region, excl. that one": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "lieviti x cui il substrato nn è noto": f"{S} WHERE organismtype = 'Yeasts' AND substrate IS NULL",
    # relative: the property beside the accession in a question about a set of strains; the strain
    # itself left out in words of its own; a lookup stays a lookup
    "substrate of MUT00003610, all the other strains": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "quanti ceppi nella regione di TUCC00000520?": (
        "SELECT COUNT(*) FROM detailedstrain"
        " WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'TUCC00000520')"
    ),
    "MUT00003610 and every strain of its genus": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "strains with `City` equal to that of MUT00003610, leaving that strain itself aside": (
        f"{S} WHERE city = (SELECT city FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "ceppi della stessa località di MUT00003610, però MUT00003610 non contarlo": (
        f"{S} WHERE locality = (SELECT locality FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "details for MUT00003610, I need its substrate": (f"{S} WHERE accessionnumber = 'MUT00003610'"),
    # missing: listed present columns, 'neither ... nor', 'non pervenuta', flags with 'no recorded'
    "ceppi che hanno compilati sia il substrato sia l'habitat": (
        f"{S} WHERE substrate IS NOT NULL AND isolationhabitat IS NOT NULL"
    ),
    "strains with neither a substrate nor a habitat": (f"{S} WHERE substrate IS NULL AND isolationhabitat IS NULL"),
    "funghi con data di raccolta non pervenuta": (
        f"{S} WHERE organismtype = 'Filamentous Fungi' AND collectiondate IS NULL"
    ),
    "strains with no recorded GMO status": (f"{S} WHERE gmo IS NULL"),
    "`TypeStrain` is equal to FALSE": (f"{S} WHERE typestrain = FALSE"),
    # exclusions: the nearest cue before each value, 'skip', 'other than', 'diverso da X e da Y'
    "yeasts (no candida, no pichia)": (
        f"{S} WHERE organismtype = 'Yeasts' AND genus <> 'Candida' AND genus <> 'Pichia'"
    ),
    "norwegian strains but skip Penicillium": (f"{S} WHERE country = 'Norway' AND genus <> 'Penicillium'"),
    "collected somewhere other than Norway or Tunisia": (f"{S} WHERE country <> 'Norway' AND country <> 'Tunisia'"),
    "ceppi con paese diverso da Norvegia e da Tunisia": (f"{S} WHERE country <> 'Norway' AND country <> 'Tunisia'"),
    # aggregates: 'count (distinct)', 'month-by-month', 'N+' after the group, 'more than N of the
    # strains', 'più abbondanti', the year with most strains, 'per valore', 'gave us more X strains'
    "genus count (distinct), whole catalogue": ("SELECT COUNT(DISTINCT genus) FROM detailedstrain"),
    "month-by-month count of isolations": (
        "SELECT LEFT(REPLACE(isolationdate, '-', ''), 6), COUNT(*) FROM detailedstrain"
        " GROUP BY LEFT(REPLACE(isolationdate, '-', ''), 6) ORDER BY 1"
    ),
    "norway cities 5+": (
        "SELECT city, COUNT(*) FROM detailedstrain WHERE country = 'Norway' GROUP BY city HAVING COUNT(*) >= 5"
    ),
    "which genera gave more than 40 of the strains collected in 2010?": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE collectiondate = '2010' GROUP BY genus HAVING COUNT(*) > 40"
    ),
    "le 4 regioni più abbondanti": (
        "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region ORDER BY COUNT(*) DESC LIMIT 4"
    ),
    "in quale anno di isolamento ci sono più ceppi?": (
        "SELECT LEFT(isolationdate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(isolationdate, 4)"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    ),
    "substrato: quanti ceppi per valore": ("SELECT substrate, COUNT(*) FROM detailedstrain GROUP BY substrate"),
    "the 3 countries that gave us more Penicillium strains": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY country"
        " ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    # asides name a purpose, not a value; two-digit years; 'b4'; 'risk grp'
    "for the review paper: how many Aspergillus strains?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus'"
    ),
    "strains isolated from paper": (f"{S} WHERE substrate = 'paper'"),
    "ceppi raccolti dopo il '95": (f"{S} WHERE collectiondate > '1995'"),
    "fusarium isolated b4 2000": (f"{S} WHERE genus = 'Fusarium' AND isolationdate < '2000'"),
    "risk grp 2 yeasts": (f"{S} WHERE riskgroup = 2 AND organismtype = 'Yeasts'"),
    # relative: 'who else', the strain named again only to be left out, '`X` = X of ACC'
    "MUT00003610 genus - who else has it": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "same locality as MUT00003610 but not MUT00003610 itself": (
        f"{S} WHERE locality = (SELECT locality FROM detailedstrain"
        " WHERE accessionnumber = 'MUT00003610') AND accessionnumber <> 'MUT00003610'"
    ),
    "regione = regione di MUT00003610": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    # missing: 'never been specified', 'has no value', 'no statement about', 'né ... né'
    "strains whose GMO status has never been specified": (f"{S} WHERE gmo IS NULL"),
    "yeasts where `DualUse` has no value": (f"{S} WHERE organismtype = 'Yeasts' AND dualuse IS NULL"),
    "bacteria with no statement about pathogenicity": (
        f"{S} WHERE organismtype = 'Bacteria' AND pathogenicity IS NULL"
    ),
    "funghi né data raccolta né data isolamento": (
        f"{S} WHERE organismtype = 'Filamentous Fungi' AND collectiondate IS NULL AND isolationdate IS NULL"
    ),
    # aggregates: a scope clause, 'per `Genus` = X', 'and no other', 'takes exactly one value', 'largest
    # number of', 'most common X', a year is no top N, 'o +', 'count sopra', 'raggiungono quota',
    # 'per ciascun livello di', 'si dividono tra', a value also stored as a region, a period's column after it
    "Across the yeasts, how many distinct genera appear?": (
        "SELECT COUNT(DISTINCT genus) FROM detailedstrain WHERE organismtype = 'Yeasts'"
    ),
    "numero di valori distinti di `Country` per `Genus` = Aspergillus": (
        "SELECT COUNT(DISTINCT country) FROM detailedstrain WHERE genus = 'Aspergillus'"
    ),
    "which regions have given strains of one genus and no other?": (
        "SELECT region FROM detailedstrain GROUP BY region HAVING COUNT(DISTINCT genus) = 1"
    ),
    "`City` values for which `Genus` takes exactly one distinct value": (
        "SELECT city FROM detailedstrain GROUP BY city HAVING COUNT(DISTINCT genus) = 1"
    ),
    "Which country has the largest number of Fusarium strains?": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium' GROUP BY country"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    ),
    "most common recommended medium for yeasts": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY recommendedmedium ORDER BY COUNT(*) DESC LIMIT 1"
    ),
    "generi più gettonati tra i ceppi raccolti dal 2015 in poi, primi 3": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE collectiondate >= '2015' GROUP BY genus"
        " ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "regioni con 40 o + ceppi": ("SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) >= 40"),
    "group by genus, count sopra 100": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 100"
    ),
    "quali generi raggiungono quota 50 ceppi?": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 50"
    ),
    "numero di ceppi per ciascun livello di ploidia": ("SELECT ploidy, COUNT(*) FROM detailedstrain GROUP BY ploidy"),
    "come si dividono i lieviti tra le varie regioni?": (
        "SELECT region, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY region"
    ),
    "città piemontesi con più di 20 ceppi": (
        "SELECT city, COUNT(*) FROM detailedstrain WHERE region IN ('Piedmont', 'Piemonte')"
        " GROUP BY city HAVING COUNT(*) > 20"
    ),
    "conteggio mensile sulla data di isolamento": (
        "SELECT LEFT(REPLACE(isolationdate, '-', ''), 6), COUNT(*) FROM detailedstrain"
        " GROUP BY LEFT(REPLACE(isolationdate, '-', ''), 6) ORDER BY 1"
    ),
    # numbers: 'non superiore a', 'more of'
    "ceppi con gruppo di rischio non superiore a 1": (f"{S} WHERE riskgroup <= 1"),
    "which genus have more of 200 strains?": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 200"
    ),
    # a purpose clause names no value; 'given rise to'; 'over a hundred'; 'later then'; 'how much strains';
    # 'temprature'; 'btwn'
    "For a report on old collections: Penicillium from Norway": (
        f"{S} WHERE genus = 'Penicillium' AND country = 'Norway'"
    ),
    "genera that have given rise to more than 200 strains": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 200"
    ),
    "countries held by over a hundred strains": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) > 100"
    ),
    "fusarium isolatd later then 2015": f"{S} WHERE genus = 'Fusarium' AND isolationdate > '2015'",
    "how much strains from norway": "SELECT COUNT(*) FROM detailedstrain WHERE country = 'Norway'",
    "temprature btwn 20 and 25": f"{S} WHERE recommendedtemperature BETWEEN 20 AND 25",
    # 'privi del valore di', 'non riportano', 'risulta valorizzato', the period's date word after it,
    # 'cn piu <value>', 'beyond', 'atleast', 'oltrepassano quota'
    "lieviti privi del valore di ploidia": (f"{S} WHERE organismtype = 'Yeasts' AND ploidy IS NULL"),
    "quanti ceppi norvegesi non riportano la città?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE country = 'Norway' AND city IS NULL"
    ),
    "ceppi per cui il campo osservazioni risulta valorizzato": (f"{S} WHERE remarks IS NOT NULL"),
    "Ripartisci per anno di inserimento i lieviti": (
        "SELECT LEFT(inclusiondate, 4), COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY LEFT(inclusiondate, 4) ORDER BY 1"
    ),
    "i 3 paesi cn piu lieviti": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY country ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "regions beyond 300 strains": ("SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) > 300"),
    "genera with atleast 100 strains": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 100"
    ),
    "quali paesi oltrepassano quota 200 ceppi?": (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country HAVING COUNT(*) > 200"
    ),
    # field wording: 'the distinct values of', 'valori diversi assume il campo', 'no value in the X field',
    # 'X and Y are both empty', 'have a value in', 'annotata', 'in comune con X la P', 'coincidono con X per P',
    # 'P come X', 'a single value in the X field', 'w/ 1', a date word inside the period, 'upward of'
    "Count the distinct values of the substrate among Fusarium strains": (
        "SELECT COUNT(DISTINCT substrate) FROM detailedstrain WHERE genus = 'Fusarium'"
    ),
    "quanti valori diversi assume il campo regione?": ("SELECT COUNT(DISTINCT region) FROM detailedstrain"),
    "yeasts with no value in the substrate field": (f"{S} WHERE organismtype = 'Yeasts' AND substrate IS NULL"),
    "strains whose city and locality are both empty": (f"{S} WHERE city IS NULL AND locality IS NULL"),
    "strains that have a value in the ploidy field": (f"{S} WHERE ploidy IS NOT NULL"),
    "ceppi per cui è stata annotata la ploidia": (f"{S} WHERE ploidy IS NOT NULL"),
    "ceppi che hanno in comune con MUT00003610 la regione": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "ceppi che coincidono con MUT00003610 per substrato": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "substrato come MUT00003610, lui escluso": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain"
        " WHERE accessionnumber = 'MUT00003610') AND accessionnumber <> 'MUT00003610'"
    ),
    "cities with a single value in the genus field": (
        "SELECT city FROM detailedstrain GROUP BY city HAVING COUNT(DISTINCT genus) = 1"
    ),
    "yeast species w/ 1 substrate": (
        "SELECT scientificname FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY scientificname HAVING COUNT(DISTINCT substrate) = 1"
    ),
    "counted by isolaton month": (
        "SELECT LEFT(REPLACE(isolationdate, '-', ''), 6), COUNT(*) FROM detailedstrain"
        " GROUP BY LEFT(REPLACE(isolationdate, '-', ''), 6) ORDER BY 1"
    ),
    "genera with upward of 150 isolates": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 150"
    ),
    # 'exluding', 'match X on P', 'la sua stessa P' in a set question, 'risultano', 'month of collection
    # breakdown', 'a X value of at least N', 'contano più <value>', 'oltre quota', 'per ciascun valore del
    # campo', a negation up to five words before a flag
    "strains sharing the city of MUT00003610, exluding that one": (
        f"{S} WHERE city = (SELECT city FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    "Which yeasts match MUT00003610 on country?": (
        f"{S} WHERE organismtype = 'Yeasts' AND country = (SELECT country FROM detailedstrain"
        " WHERE accessionnumber = 'MUT00003610')"
    ),
    "MUT00003610: tutti i ceppi che hanno la sua stessa regione": (
        f"{S} WHERE region = (SELECT region FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "quanti ceppi per cui risultano osservazioni?": ("SELECT COUNT(*) FROM detailedstrain WHERE remarks IS NOT NULL"),
    "yeasts, month of collection breakdown": (
        "SELECT LEFT(REPLACE(collectiondate, '-', ''), 6), COUNT(*) FROM detailedstrain"
        " WHERE organismtype = 'Yeasts' GROUP BY LEFT(REPLACE(collectiondate, '-', ''), 6)"
        " ORDER BY 1"
    ),
    "strains with a risk group value of at least 2": (f"{S} WHERE riskgroup >= 2"),
    "i tre paesi che contano più penicilli": (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY country"
        " ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "generi oltre quota 100": ("SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 100"),
    "conta i lieviti per ciascun valore del campo regione": (
        "SELECT region, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY region"
    ),
    "lieviti che non hanno lo status di ceppo tipo": (f"{S} WHERE organismtype = 'Yeasts' AND typestrain = FALSE"),
    # 'carrying an entry for', 'nothing recorded as', 'isolaton month breakdown', 'year tally', 'sena', 'divresi'
    "yeasts carrying an entry for ploidy": (f"{S} WHERE organismtype = 'Yeasts' AND ploidy IS NOT NULL"),
    "strains with nothing recorded as city": (f"{S} WHERE city IS NULL"),
    "inclusion year tally, yeasts": (
        "SELECT LEFT(inclusiondate, 4), COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY LEFT(inclusiondate, 4) ORDER BY 1"
    ),
    "lieviti sena ploidia": (f"{S} WHERE organismtype = 'Yeasts' AND ploidy IS NULL"),
    "qnti generi divresi per i lieviti": (
        "SELECT COUNT(DISTINCT genus) FROM detailedstrain WHERE organismtype = 'Yeasts'"
    ),
    # 'holds no value', a flag 'not filled in' or 'filled in', 'w/ <column>', 'nn c'è info sul', 'valdostani',
    # 'othr', 'skip that one', "X's genus, everything in it", 'mnth', 'one distinct X only', 'nt'
    "yeasts for which the ploidy field holds no value": (f"{S} WHERE organismtype = 'Yeasts' AND ploidy IS NULL"),
    "yeasts with `DualUse` not filled in": (f"{S} WHERE organismtype = 'Yeasts' AND dualuse IS NULL"),
    "lieviti che riportano un valore nel campo quarantena UE": (
        f"{S} WHERE organismtype = 'Yeasts' AND euquarantine IS NOT NULL"
    ),
    "yeasts w/ remarks": (f"{S} WHERE organismtype = 'Yeasts' AND remarks IS NOT NULL"),
    "lieviti x cui nn c'è info sul doppio uso": (f"{S} WHERE organismtype = 'Yeasts' AND dualuse IS NULL"),
    "lieviti valdostani": (f"{S} WHERE organismtype = 'Yeasts' AND region IN ('Aosta valley', 'Aosta Valley')"),
    "othr strains of the same genus as MUT00005345": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00005345')"
        " AND accessionnumber <> 'MUT00005345'"
    ),
    "same genus as MUT00005345 pls, skip that one": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00005345')"
        " AND accessionnumber <> 'MUT00005345'"
    ),
    "MUT00005345's genus, everything in it incl. itself": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00005345')"
    ),
    "yeast inclusions per mnth pls": (
        "SELECT LEFT(REPLACE(inclusiondate, '-', ''), 6), COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY LEFT(REPLACE(inclusiondate, '-', ''), 6) ORDER BY 1"
    ),
    "`Genus` values having one distinct `RiskGroup` only": (
        "SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(DISTINCT riskgroup) = 1"
    ),
    "yeasts nt isolated from sponges": (f"{S} WHERE organismtype = 'Yeasts' AND substrate NOT ILIKE '%sponge%'"),
    # an opening clause that says what the answer is for names no value, flag or column
    "For the register we keep on genetically modified material, how many yeasts are not GMOs?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND gmo = FALSE"
    ),
    "Nel quadro dell'inventario dei materiali di provenienza iberica, elenca i lieviti spagnoli.": (
        f"{S} WHERE organismtype = 'Yeasts' AND country IN ('Spain', 'SPAIN')"
    ),
    # ... but an opening part that asks something is the question itself
    "For my thesis I need the yeasts collected in 2021, could you list them?": (
        f"{S} WHERE organismtype = 'Yeasts' AND collectiondate = '2021'"
    ),
    # numbers in words, "marzo '19", 'se si tolgono', 'quarantena dell'Unione Europea', 'have contributed'
    "yeasts with a recommended temperature of twenty-eight degrees": (
        f"{S} WHERE organismtype = 'Yeasts' AND recommendedtemperature = 28"
    ),
    "yeasts added to the catalogue before the year two thousand and ten": (
        f"{S} WHERE organismtype = 'Yeasts' AND inclusiondate < '2010'"
    ),
    "lieviti depositati a marzo '19": (f"{S} WHERE organismtype = 'Yeasts' AND depositdate = '2019-03'"),
    "quanti lieviti restano se si tolgono i Candida?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND genus <> 'Candida'"
    ),
    "lieviti sotto la quarantena dell'Unione Europea": (f"{S} WHERE organismtype = 'Yeasts' AND euquarantine = TRUE"),
    "which three isolation habitats have contributed the most yeasts?": (
        "SELECT isolationhabitat, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY isolationhabitat ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "yeasts never given an isolation date": f"{S} WHERE organismtype = 'Yeasts' AND isolationdate IS NULL",
    "how many penicillium have a substrate entry recorded": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' AND substrate IS NOT NULL"
    ),
    "genera with one species and no more": (
        "SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(DISTINCT species) = 1"
    ),
    "cities that gave 1 genus only": "SELECT city FROM detailedstrain GROUP BY city HAVING COUNT(DISTINCT genus) = 1",
    "strains whose applications entry refers to pigments": f"{S} WHERE applications ILIKE '%pigment%'",
    "strains isolated in the same year as MUT00001833, that one excluded": (
        f"{S} WHERE LEFT(isolationdate, 4) = (SELECT LEFT(isolationdate, 4) FROM detailedstrain"
        " WHERE accessionnumber = 'MUT00001833') AND accessionnumber <> 'MUT00001833'"
    ),
    "alla fine quanti lieviti abbiamo?": "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'",
    "le 3 città + rappresentate": (
        "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "how many strains in total, without splitting by genus or country": "SELECT COUNT(*) FROM detailedstrain",
    "for each distinct value of `Region`, the number of yeasts": (
        "SELECT region, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY region"
    ),
    "quante diverse tipologie di substrato tra i lieviti?": (
        "SELECT COUNT(DISTINCT substrate) FROM detailedstrain WHERE organismtype = 'Yeasts'"
    ),
    "lieviti privi dell'indicazione della località": f"{S} WHERE organismtype = 'Yeasts' AND locality IS NULL",
    "yeasts per recommended culture medium": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts'"
        " GROUP BY recommendedmedium"
    ),
    'strains whose `Remarks` contain "apple scab"': f"{S} WHERE remarks ILIKE '%apple scab%'",
    "ceppi dell'Aspergillus con osservazioni che contengono 'apple scab'": (
        f"{S} WHERE genus = 'Aspergillus' AND remarks ILIKE '%apple scab%'"
    ),
    # a first-person account of the bench work before the request names no value
    "I'm sorting the cryo boxes today, so could you list the Fusarium from Piedmont?": (
        f"{S} WHERE genus = 'Fusarium' AND region IN ('Piedmont', 'Piemonte')"
    ),
    "We're short of incubators this week; which bacteria grow best at 37 degrees?": (
        f"{S} WHERE organismtype = 'Bacteria' AND recommendedtemperature = 37"
    ),
    "Sto sistemando il frigo dei terreni, mi dici quanti Aspergillus vengono dalla Sicilia?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus' AND region IN ('Sicily', 'Sicilia')"
    ),
    # ... but it keeps its accession number
    "I've got MUT00003005 in my hands; which strains have the same species, leaving it out?": (
        f"{S} WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003005')"
        " AND accessionnumber <> 'MUT00003005'"
    ),
    # a reason after the question, and sentences about the asker, name no value
    "Elenca le Mucor raccolte dopo il 2015, perché devo preparare una tabella per la riunione.": (
        f"{S} WHERE genus = 'Mucor' AND collectiondate > '2015'"
    ),
    "Hi, I'm new in the group and I study soil fungi. Do you have any Mortierella from Norway?": (
        f"{S} WHERE genus = 'Mortierella' AND country = 'Norway'"
    ),
    "Quanti lieviti sono stati isolati nel 2019? Mi sembra un numero strano e vorrei controllarlo.": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND isolationdate = '2019'"
    ),
    # ... but a sentence that narrows the request is part of it
    "How many yeasts? I only want the Italian ones.": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND country IN ('Italy', 'italy', 'ITALY')"
    ),
    "Per la tesi mi serve sapere come si distribuiscono i lieviti rispetto alla ploidia: quanti per valore?": (
        "SELECT ploidy, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY ploidy"
    ),
    "same genus as MUT00003005 but not it": (
        f"{S} WHERE genus = (SELECT genus FROM detailedstrain WHERE accessionnumber = 'MUT00003005')"
        " AND accessionnumber <> 'MUT00003005'"
    ),
    "quanti ceppi della stessa specie di MUT00003005, contando anche lui": (
        "SELECT COUNT(*) FROM detailedstrain"
        " WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003005')"
    ),
    "how many T. harzianum strains": (
        "SELECT COUNT(*) FROM detailedstrain WHERE scientificname = 'Trichoderma harzianum'"
    ),
    "aspergillus with MALDI written in the remarks": f"{S} WHERE genus = 'Aspergillus' AND remarks ILIKE '%maldi%'",
    "le 3 specie più frequnti in Toscana": (
        "SELECT scientificname, COUNT(*) FROM detailedstrain WHERE region IN ('Tuscany', 'Toscana', 'Tuscnay')"
        " GROUP BY scientificname ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "trichoderma deposited per year, give me the cont": (
        "SELECT LEFT(depositdate, 4), COUNT(*) FROM detailedstrain WHERE genus = 'Trichoderma'"
        " GROUP BY LEFT(depositdate, 4) ORDER BY 1"
    ),
    "penicillium without substrate, number": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' AND substrate IS NULL"
    ),
    "penicillium sensa regione": f"{S} WHERE genus = 'Penicillium' AND region IS NULL",
    "aspergillus that don't have a collection date": f"{S} WHERE genus = 'Aspergillus' AND collectiondate IS NULL",
    "quanti ceppi entrati in catalogo nel 2021": "SELECT COUNT(*) FROM detailedstrain WHERE inclusiondate = '2021'",
    "nagoya cond 3 strains": f"{S} WHERE nagoyaconditions = 3",
    "Our lab is screening yeasts for ethanol tolerance. Could you tell me which strains have ethanol mentioned "
    "anywhere in their applications?": f"{S} WHERE applications ILIKE '%ethanol%'",
    "doing a review of old deposits - which Mucor were deposited before 1990?": (
        f"{S} WHERE genus = 'Mucor' AND depositdate < '1990'"
    ),
    "Before I submit the order, could you tell me how many Fusarium you hold?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium'"
    ),
    "prima di inviarvi l'ordine: quanti Fusarium avete?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium'"
    ),
    # the question points back into the opening clause: its genus counts
    "Nell'ambito di una tesi sui Penicillium, vorrei sapere da quanti paesi provengono i ceppi di questo genere.": (
        "SELECT COUNT(DISTINCT country) FROM detailedstrain WHERE genus = 'Penicillium'"
    ),
    "We received MUT00003005 last spring. Are there other strains of the same species?": (
        f"{S} WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = 'MUT00003005')"
        " AND accessionnumber <> 'MUT00003005'"
    ),
    "Substrate contains: olive brine": f"{S} WHERE substrate ILIKE '%olive brine%'",
    "ceppi isolatti dopo il 2015, qaunti?": "SELECT COUNT(*) FROM detailedstrain WHERE isolationdate > '2015'",
    "penicillium tranne quelli il cui paese di origine è la Francia": (
        f"{S} WHERE genus = 'Penicillium' AND country <> 'France'"
    ),
    # lower-case sentences, a request with 'please', a question that points back into the sentence before
    "the field course will use the cold room, which stays below 10 °C. which strains have a recommended temperature"
    " of 10 degrees or less?": f"{S} WHERE recommendedtemperature <= 10",
    "penicillium or aspergillus from sicily, please. the class will compare them with bread moulds.": (
        f"{S} WHERE genus IN ('Penicillium', 'Aspergillus') AND region IN ('Sicily', 'Sicilia')"
    ),
    "We're visiting the Island of Elba next week. How many strains were collected there?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE locality = 'Island of Elba'"
    ),
    "yeasts kept at 25 or 28 degrees": f"{S} WHERE organismtype = 'Yeasts' AND recommendedtemperature IN (25, 28)",
    "le 3 specie + usate in Piemonte": (
        "SELECT scientificname, COUNT(*) FROM detailedstrain WHERE region IN ('Piedmont', 'Piemonte')"
        " GROUP BY scientificname ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "lieviti escusi i candida": f"{S} WHERE organismtype = 'Yeasts' AND genus <> 'Candida'",
    # operators typed as in code
    "heterobasidion, euquarantine != TRUE": f"{S} WHERE genus = 'Heterobasidion' AND euquarantine = FALSE",
    "staphylococcus with typestrain == FALSE": f"{S} WHERE genus = 'Staphylococcus' AND typestrain = FALSE",
    "trichoderma where country != Italy": (
        f"{S} WHERE genus = 'Trichoderma' AND country NOT IN ('Italy', 'italy', 'ITALY')"
    ),
    "funghi filamentosi con Ploidy != Aneuploid": (
        f"{S} WHERE organismtype = 'Filamentous Fungi' AND ploidy <> 'Aneuploid'"
    ),
    "alternaria colected btwn 2010 & 2014": (
        f"{S} WHERE genus = 'Alternaria' AND collectiondate BETWEEN '2010' AND '2014'"
    ),
    # formal sentences: 'per quanto concerne' counts nothing, 'relativa alla' is a filler
    "Per quanto concerne il genere Aspergillus, quali ceppi sono nel gruppo di rischio due?": (
        f"{S} WHERE genus = 'Aspergillus' AND riskgroup = 2"
    ),
    "top3 substrates for penicillium": (
        "SELECT substrate, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium'"
        " GROUP BY substrate ORDER BY COUNT(*) DESC LIMIT 3"
    ),
    "in quante regioni sono stati raccolti lieviti?": (
        "SELECT COUNT(DISTINCT region) FROM detailedstrain WHERE organismtype = 'Yeasts'"
    ),
    "lieviti privi di qualsiasi informazione relativa alla patogenicità": (
        f"{S} WHERE organismtype = 'Yeasts' AND pathogenicity IS NULL"
    ),
    "strain MUT00005697, whose data I intend to cite in a forthcoming paper": (
        f"{S} WHERE accessionnumber = 'MUT00005697'"
    ),
    "Taking MUT00006415 as a point of reference, which other strains share the same substrate?": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00006415')"
        " AND accessionnumber <> 'MUT00006415'"
    ),
    "countries with just one penicillium species": (
        "SELECT country FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY country"
        " HAVING COUNT(DISTINCT scientificname) = 1"
    ),
    # spoken: a self-correction takes back what it replaces; fillers and numbers said in words
    "mucor from spain no sorry from france": f"{S} WHERE genus = 'Mucor' AND country = 'France'",
    "ehm aspergillus isolated in march twenty nineteen no wait april twenty nineteen": (
        f"{S} WHERE genus = 'Aspergillus' AND isolationdate = '2019-04'"
    ),
    "lieviti della toscana anzi della liguria": (
        f"{S} WHERE organismtype = 'Yeasts' AND region IN ('Ligury', 'Liguria')"
    ),
    "ceppi raccolti dopo il millenovecentonovantacinque": f"{S} WHERE collectiondate > '1995'",
    "show me mut three six one zero": f"{S} WHERE accessionnumber = 'MUT00003610'",
    "how many fusarium or can dida": ("SELECT COUNT(*) FROM detailedstrain WHERE genus IN ('Fusarium', 'Candida')"),
    # a search form's symbols and separators
    "genus ≠ Penicillium | country: Italy": (
        f"{S} WHERE genus <> 'Penicillium' AND country IN ('Italy', 'italy', 'ITALY')"
    ),
    "generi con ≥ 40 ceppi": "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 40",
    "top 3 → paesi": "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country ORDER BY COUNT(*) DESC LIMIT 3",
    "regione = Piemonte | generi con almeno 20 ceppi": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE region IN ('Piedmont', 'Piemonte') GROUP BY genus"
        " HAVING COUNT(*) >= 20"
    ),
    "isolation habitat ~ beech": f"{S} WHERE isolationhabitat ILIKE '%beech%'",
    "substrate contains 'oil'": f"{S} WHERE substrate ILIKE '%oil%'",
    "genus=Fusarium | locality: (blank)": f"{S} WHERE genus = 'Fusarium' AND locality IS NULL",
    "yeasts | gmo: no | n": "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND gmo = FALSE",
    "acc# MUT00003610": f"{S} WHERE accessionnumber = 'MUT00003610'",
    "substrato = quello di MUT00003610": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    # values named as examples of the groups, a value in its own word order
    "count per form of supply (agar, cryo etc)": (
        "SELECT formofsupply, COUNT(*) FROM detailedstrain GROUP BY formofsupply"
    ),
    "saccharomyces from nebbiolo grape must": (
        f"{S} WHERE genus = 'Saccharomyces' AND substrate = 'grape must Nebbiolo'"
    ),
    "strains at each incubation temperature": (
        "SELECT recommendedtemperature, COUNT(*) FROM detailedstrain GROUP BY recommendedtemperature"
    ),
    "le 2 regioni che ci hanno dato più lieviti": (
        "SELECT region, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY region"
        " ORDER BY COUNT(*) DESC LIMIT 2"
    ),
    # shorthand: places cut short, "spp.", "n.", "escl.", dash ranges, abbreviated column words
    "Penicillium spp. from Tosc. + Lig.": (
        f"{S} WHERE genus = 'Penicillium' AND region IN ('Toscana', 'Tuscany', 'Tuscnay', 'Ligury', 'Liguria')"
    ),
    "Rhizopus sp. w/o isol. date - n.?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Rhizopus' AND isolationdate IS NULL"
    ),
    "ceppi dalla Sic. (escl. batteri)": (f"{S} WHERE region IN ('Sicily', 'Sicilia') AND organismtype <> 'Bacteria'"),
    "fungi, rec. temp. 20–25 °C": (
        f"{S} WHERE organismtype = 'Filamentous Fungi' AND recommendedtemperature BETWEEN 20 AND 25"
    ),
    "which yeasts come from anywhere but Spain?": (
        f"{S} WHERE organismtype = 'Yeasts' AND country NOT IN ('Spain', 'SPAIN')"
    ),
    # time and quantity in everyday words
    "aspergillus collected in the eighties": (
        f"{S} WHERE genus = 'Aspergillus' AND collectiondate BETWEEN '1980' AND '1989'"
    ),
    "ceppi isolati negli anni novanta": f"{S} WHERE isolationdate BETWEEN '1990' AND '1999'",
    "strains deposited in the second half of 2015": f"{S} WHERE depositdate BETWEEN '2015-07' AND '2015-12'",
    "ceppi raccolti tra marzo e maggio 2018": f"{S} WHERE collectiondate BETWEEN '2018-03' AND '2018-05'",
    "generi con almeno una trentina di ceppi": (
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) >= 30"
    ),
    "quanti lieviti con livello di pericolosità 1": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND riskgroup = 1"
    ),
    "other strains from the same spot as MUT00003610": (
        f"{S} WHERE locality = (SELECT locality FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    # contrasts and existence questions
    "do we have penicillia from chestnut fruit?": f"{S} WHERE genus = 'Penicillium' AND substrate = 'chestnut fruit'",
    "fusarium that do have a pathogenicity entry": f"{S} WHERE genus = 'Fusarium' AND pathogenicity IS NOT NULL",
    "muffe, quante tipologie di habitat": (
        "SELECT COUNT(DISTINCT isolationhabitat) FROM detailedstrain WHERE organismtype = 'Filamentous Fungi'"
    ),
    "ceppi emiliani": f"{S} WHERE region IN ('Emilia-Romagna', 'Emilia Romagna')",
    "ceppi raccolti nel 2019, salvo i batteri": (f"{S} WHERE collectiondate = '2019' AND organismtype <> 'Bacteria'"),
    "aspergillus, purché non isolati prima del 2012": f"{S} WHERE genus = 'Aspergillus' AND isolationdate >= '2012'",
    "quanti ceppi non hanno né la regione né la città?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE region IS NULL AND city IS NULL"
    ),
    "lieviti dalla Spagna, eccetto i Candida e i Pichia": (
        f"{S} WHERE organismtype = 'Yeasts' AND country IN ('Spain', 'SPAIN')"
        " AND genus <> 'Candida' AND genus <> 'Pichia'"
    ),
    "penicillium, salvo quelli il cui substrato contiene 'soil'": (
        f"{S} WHERE genus = 'Penicillium' AND substrate NOT ILIKE '%soil%'"
    ),
    "in the industrial soil habitat, which genera have at least 10 strains?": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE isolationhabitat IN ('Industrial soil', 'industrial soil')"
        " GROUP BY genus HAVING COUNT(*) >= 10"
    ),
    "other strains from the same host tissue as MUT00003610": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
        " AND accessionnumber <> 'MUT00003610'"
    ),
    # a belief to check: its stated number is counted, or a request of its own replaces it
    "Is it right that we have five Penicillium from Sardinia?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' AND region = 'Sardinia'"
    ),
    "Confermi che i ceppi tipo di Candida sono due?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE typestrain = TRUE AND genus = 'Candida'"
    ),
    "My notes say the Mucor came in in 2019. Can you list the Mucor from Spain?": (
        f"{S} WHERE genus = 'Mucor' AND country IN ('Spain', 'SPAIN')"
    ),
    "My table says twelve Fusarium strains lack a locality. Is that right?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium' AND locality IS NULL"
    ),
    # formal participles and relative clauses
    "Vengano elencati i ceppi il cui substrato coincide con quello del ceppo MUT00003610.": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003610')"
    ),
    "ceppi toscani per i quali non risulta indicata alcuna città": (
        f"{S} WHERE region IN ('Tuscany', 'Toscana', 'Tuscnay') AND city IS NULL"
    ),
    # lay words and hurried typing
    "which regions sent us more than a hundred microbes?": (
        "SELECT region, COUNT(*) FROM detailedstrain GROUP BY region HAVING COUNT(*) > 100"
    ),
    "quanti microbi avete in tutto?": "SELECT COUNT(*) FROM detailedstrain",
    "yeasts with recommended temp abvoe 30": (f"{S} WHERE organismtype = 'Yeasts' AND recommendedtemperature > 30"),
    "batteri trane gli staphylococcus": f"{S} WHERE organismtype = 'Bacteria' AND genus <> 'Staphylococcus'",
    # everyday words are no typing errors of values ("panel" is no 'pane'), but a place's adjective is one
    "For the clinical panel I need Staphylococcus isolates": f"{S} WHERE genus = 'Staphylococcus'",
    "ceppi russi isolati anno per anno": (
        "SELECT LEFT(isolationdate, 4), COUNT(*) FROM detailedstrain WHERE country = 'Russian Federation' "
        "GROUP BY LEFT(isolationdate, 4) ORDER BY 1"
    ),
    # a column's own notes, and dates after "pre-" / "post-"
    "How many bacteria have a pathogenicity note filled in?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' AND pathogenicity IS NOT NULL"
    ),
    "ceppi con note sulla patogenicità": f"{S} WHERE pathogenicity IS NOT NULL",
    "chrysosporium deposited pre-1995": f"{S} WHERE genus = 'Chrysosporium' AND depositdate < '1995'",
    "yeasts isolated post-2010": f"{S} WHERE organismtype = 'Yeasts' AND isolationdate > '2010'",
    # a colleague's second language: word order and grammar of the first one
    "How many are the species different that we have of Talaromyces?": (
        "SELECT COUNT(DISTINCT species) FROM detailedstrain WHERE genus = 'Talaromyces'"
    ),
    "batteri che essere aggiunto in catalogo dopo di 2024": (
        f"{S} WHERE organismtype = 'Bacteria' AND inclusiondate > '2024'"
    ),
    "Which strains were isolated in the October of the 2021?": f"{S} WHERE isolationdate = '2021-10'",
    "strains with the temperature recommended superior to 30 degrees": f"{S} WHERE recommendedtemperature > 30",
    "quanti lievito non avere la città scritto?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND city IS NULL"
    ),
    "i strain che nel applications c'è dentro la parola pigment": f"{S} WHERE applications ILIKE '%pigment%'",
    "quale terreno raccomandato avere più che 100 ceppo?": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain GROUP BY recommendedmedium HAVING COUNT(*) > 100"
    ),
    # how the answer should look names no value; "solo il numero" asks for the count
    "Which strains have Platanus somewhere in their substrate? The accession numbers are fine.": (
        f"{S} WHERE substrate ILIKE '%platanus%'"
    ),
    "How many Arthroderma fall in risk group 2? One line is enough.": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Arthroderma' AND riskgroup = 2"
    ),
    "absidia senza regione, solo il numero": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Absidia' AND region IS NULL"
    ),
    "In breve, quanti Paralulworthia sono ceppi tipo?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Paralulworthia' AND typestrain = TRUE"
    ),
    "mi fai vedere il TUCC00000786? in breve": f"{S} WHERE accessionnumber = 'TUCC00000786'",
    # a stored value named in another order with its Italian word ('Castelmagno cheese')
    "Elencameli: i Lacticaseibacillus isolati dal formaggio Castelmagno.": (
        f"{S} WHERE genus = 'Lacticaseibacillus' AND substrate = 'Castelmagno cheese'"
    ),
    # "from" a month is that month; "isolates" dates an isolation
    "isolats from feb 2018 pls": f"{S} WHERE isolationdate = '2018-02'",
    "deposits from july 2024 onwards": f"{S} WHERE depositdate >= '2024-07'",
    "purpureocillium that got a pathogenicty note but no isolaton habitat": (
        f"{S} WHERE genus = 'Purpureocillium' AND pathogenicity IS NOT NULL AND isolationhabitat IS NULL"
    ),
    # a message wrapped in context: a colleague's interest, a purpose noun, a reason before the request
    "Hi! A colleague at the vet school is curious about dermatophytes carried by wild animals. Do you have any "
    "Nannizzia isolated from hedgehog sting? Thanks a lot!": (
        f"{S} WHERE genus = 'Nannizzia' AND substrate = 'hedgehog sting'"
    ),
    "hello, for my wood-decay poster (due next month) im after Stereum or Armillaria. just the ones from "
    "Piedmont pls, thx!": f"{S} WHERE genus IN ('Stereum', 'Armillaria') AND region IN ('Piedmont', 'Piemonte')",
    "Buongiorno, sto ricontrollando una per una le schede dei Coprinellus. Quali sono quelli che non hanno "
    "l'habitat di isolamento compilato? Grazie.": f"{S} WHERE genus = 'Coprinellus' AND isolationhabitat IS NULL",
    "Mi direbbe quanti lieviti ci sono per ciascun tipo di ploidia? Grazie.": (
        "SELECT ploidy, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY ploidy"
    ),
    # "tolti gli X" leaves X out
    "quante muffe spagnole ci sono, tolti gli aspergilli?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Filamentous Fungi' AND country IN ('Spain', "
        "'SPAIN') AND genus <> 'Aspergillus'"
    ),
    # everyday words held by a value or two are no partial value unless asked for as text
    "How big is the collection right now, in number of strains?": "SELECT COUNT(*) FROM detailedstrain",
    # autocorrect and search-box typing: another ending of a word, words run together, no sentence
    "batterie per citta,quanti ceppi per ognuna": (
        "SELECT city, COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' GROUP BY city"
    ),
    "Schizophyllum strains with out a isolation date": f"{S} WHERE genus = 'Schizophyllum' AND isolationdate IS NULL",
    "le escherichia che non sono ceppi tipi": f"{S} WHERE genus = 'Escherichia' AND typestrain = FALSE",
    "irpex raccolti prima 2005": f"{S} WHERE genus = 'Irpex' AND collectiondate < '2005'",
    "clonostachys qunate specie": ("SELECT COUNT(DISTINCT species) FROM detailedstrain WHERE genus = 'Clonostachys'"),
    "applicazioni con PCL": f"{S} WHERE applications ILIKE '%PCL%'",
    # the media in use are no soil ('terreno')
    "i 4 terreni piu usati per i batteri": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' "
        "GROUP BY recommendedmedium ORDER BY COUNT(*) DESC LIMIT 4"
    ),
    "terreni raccomndati x i batteri sopra i 30 ceppi": (
        "SELECT recommendedmedium, COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' "
        "GROUP BY recommendedmedium HAVING COUNT(*) > 30"
    ),
    # a colloquial register: "stuff", "bugs", a hedge before a figure, a second sentence that asks
    "how much stuff got added to the catalogue in 2025?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE inclusiondate = '2025'"
    ),
    "which cities have given us more than 200 bugs? counts too please": (
        "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city HAVING COUNT(*) > 200"
    ),
    "quali generi di lieviti hanno un sacco di ceppi, tipo più di 20? col numero": (
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY genus HAVING COUNT(*) > 20"
    ),
    "what's the deal with MUT00003494? gimme the other strains off the same substrate": (
        f"{S} WHERE substrate = (SELECT substrate FROM detailedstrain WHERE accessionnumber = 'MUT00003494') "
        "AND accessionnumber <> 'MUT00003494'"
    ),
    # rarer columns and Italian words of stored words
    "ci sono ceppi isolati da salsicce?": f"{S} WHERE substrate ILIKE '%sausage%'",
    "fammi vedere i ceppi con note che parlano di azoli": f"{S} WHERE remarks ILIKE '%azole%'",
    "Spanish strains where nobody filled in the city": f"{S} WHERE country IN ('Spain', 'SPAIN') AND city IS NULL",
    "lieviti privi del codice di origine geografica": f"{S} WHERE organismtype = 'Yeasts' AND geoorigin IS NULL",
    "how many strains have WLN among their recommended media?": (
        "SELECT COUNT(*) FROM detailedstrain WHERE recommendedmedium ILIKE '%WLN%'"
    ),
    # one text asked in two columns: the column the question names wins
    "pigment producers, anything with pigment in the remarks": f"{S} WHERE remarks ILIKE '%pigment%'",
}


@pytest.fixture(scope="module")
def parts(catalogue, value_index):
    return ValueLinker(value_index, aliases=catalogue), facts_from_catalogue(catalogue, values=value_index)


@pytest.mark.parametrize(("question", "expected"), GOLDEN.items(), ids=list(GOLDEN))
def test_the_draft_reads_the_question(parts, catalogue, question, expected):
    linker, facts = parts
    drafted = draft_sql(linker.link(question))
    assert drafted == expected
    catalogue.run_read(postprocess(drafted, facts).sql, max_rows=1)  # and it runs


def test_unread_words_are_listed(parts):
    linker, _ = parts
    assert linker.link("thermophilic Penicillium").unread == ["thermophilic"]
    assert linker.link("Give me all the Aspergillus strains with Marine sediment").unread == []
