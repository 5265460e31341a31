"""The conversation stage, golden-style: previous query + new turn (+ the model's standalone answer)
-> act and merged SQL, with the real linker, and merged queries executed on the real catalogue.

Run: .venv/bin/python -m pytest -q -p no:xdist tests/test_conversation.py
"""

from __future__ import annotations

import pytest

from conversation.acts import FIRST, NEW, PROJECT, REFINE, REMOVE, REPLACE, classify
from conversation.merge import carried, effective_act, merge, standalone_sql
from conversation.state import Projection, from_sql
from linking.linker import ValueLinker

S = "SELECT strainid FROM detailedstrain"
C = "SELECT COUNT(*) FROM detailedstrain"
ASP_SEDIMENT = f"{S} WHERE genus = 'Aspergillus' AND substrate IN ('Marine sediment', 'Marine sediments')"

# (previous SQL, question, the model's standalone SQL or None when no model is asked, act, merged SQL)
GOLDEN = [
    (
        ASP_SEDIMENT,
        "only those from Italy",
        f"{S} WHERE country = 'Italy'",
        REFINE,
        f"{ASP_SEDIMENT} AND country = 'Italy'",
    ),
    (
        ASP_SEDIMENT,
        "How many strains are there per organism type?",
        "SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype",
        NEW,
        "SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype",
    ),
    (
        ASP_SEDIMENT,
        "show me all yeasts from Sardinia",
        f"{S} WHERE organismtype = 'Yeasts' AND region = 'Sardinia'",
        NEW,
        f"{S} WHERE organismtype = 'Yeasts' AND region = 'Sardinia'",
    ),
    (
        f"{S} WHERE genus = 'Penicillium' AND region IN ('Liguria', 'Ligury') AND typestrain = TRUE",
        "and for Sardinia?",
        f"{S} WHERE region = 'Sardinia'",
        REPLACE,
        f"{S} WHERE genus = 'Penicillium' AND region = 'Sardinia' AND typestrain = TRUE",
    ),
    (
        f"{C} WHERE genus = 'Fusarium' AND country = 'Italy'",
        "e invece Aspergillus?",
        f"{S} WHERE genus = 'Aspergillus'",
        REPLACE,
        f"{C} WHERE genus = 'Aspergillus' AND country = 'Italy'",
    ),
    (
        f"{S} WHERE genus = 'Penicillium' AND collectiondate > '2010'",
        "togli la data",
        None,
        REMOVE,
        f"{S} WHERE genus = 'Penicillium'",
    ),
    (
        f"{S} WHERE organismtype = 'Yeasts' AND region = 'Sardinia'",
        "never mind the region",
        None,
        REMOVE,
        f"{S} WHERE organismtype = 'Yeasts'",
    ),
    (
        f"{S} WHERE genus = 'Aspergillus' AND isolationdate < '2000' AND country = 'Italy'",
        "drop the date",
        None,
        REMOVE,
        f"{S} WHERE genus = 'Aspergillus' AND country = 'Italy'",
    ),
    (f"{S} WHERE genus = 'Aspergillus'", "how many?", None, PROJECT, f"{C} WHERE genus = 'Aspergillus'"),
    (f"{S} WHERE genus = 'Aspergillus'", "quanti sono?", None, PROJECT, f"{C} WHERE genus = 'Aspergillus'"),
    (
        f"{S} WHERE genus = 'Aspergillus'",
        "list them by country",
        None,
        PROJECT,
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus' GROUP BY country",
    ),
    (
        f"{S} WHERE organismtype = 'Yeasts'",
        "e per paese?",
        None,
        PROJECT,
        "SELECT country, COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' GROUP BY country",
    ),
    (f"{C} WHERE genus = 'Aspergillus'", "elencali", None, PROJECT, f"{S} WHERE genus = 'Aspergillus'"),
    (
        f"{S} WHERE organismtype = 'Yeasts'",
        "e solo quelli dopo il 2010",
        f"{S} WHERE collectiondate > '2010'",
        REFINE,
        f"{S} WHERE organismtype = 'Yeasts' AND collectiondate > '2010'",
    ),
    (
        f"{S} WHERE genus = 'Aspergillus'",
        "which of them are type strains?",
        f"{S} WHERE typestrain = TRUE",
        REFINE,
        f"{S} WHERE genus = 'Aspergillus' AND typestrain = TRUE",
    ),
    (
        f"{S} WHERE genus = 'Aspergillus'",
        "add the Penicillium strains too",
        f"{S} WHERE genus = 'Penicillium'",
        REFINE,
        f"{S} WHERE genus = 'Aspergillus' OR genus = 'Penicillium'",
    ),
    (
        f"{C} WHERE genus = 'Penicillium' AND region IN ('Liguria', 'Ligury')",
        "and from Tuscany?",
        f"{S} WHERE region = 'Tuscany'",
        REPLACE,
        f"{C} WHERE genus = 'Penicillium' AND region = 'Tuscany'",
    ),
    (
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY country",
        "only the yeasts",
        f"{S} WHERE organismtype = 'Yeasts'",
        REFINE,
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' AND organismtype = 'Yeasts' "
        "GROUP BY country",
    ),
    (
        f"{S} WHERE genus = 'Penicillium' OR region = 'Sardinia'",
        "how many of them?",
        None,
        PROJECT,
        f"{C} WHERE genus = 'Penicillium' OR region = 'Sardinia'",
    ),
    (
        f"{C} WHERE organismtype = 'Yeasts' AND country = 'Italy'",
        "and how many of them are in risk group 2?",
        f"{C} WHERE riskgroup = 2",
        REFINE,
        f"{C} WHERE organismtype = 'Yeasts' AND country = 'Italy' AND riskgroup = 2",
    ),
    (
        f"{S} WHERE region IN ('Piedmont', 'Piemonte')",
        "which genera have more than 20 of them?",
        "SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus HAVING COUNT(*) > 20",
        REFINE,
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE region IN ('Piedmont', 'Piemonte') GROUP BY genus "
        "HAVING COUNT(*) > 20",
    ),
    (  # its own ranking over its own conditions is a new question
        f"{S} WHERE city = 'San Miniato'",
        "i primi 3 substrati in toscana",
        "SELECT substrate, COUNT(*) FROM detailedstrain WHERE region = 'Tuscany' GROUP BY substrate "
        "ORDER BY COUNT(*) DESC LIMIT 3",
        NEW,
        "SELECT substrate, COUNT(*) FROM detailedstrain WHERE region = 'Tuscany' GROUP BY substrate "
        "ORDER BY COUNT(*) DESC LIMIT 3",
    ),
    (  # a bare species replaces the species of a scientific name; its genus stays
        f"{S} WHERE scientificname = 'Aspergillus niger'",
        "flavus?",
        f"{S} WHERE species = 'flavus'",
        REPLACE,
        f"{S} WHERE genus = 'Aspergillus' AND species = 'flavus'",
    ),
    (  # a date said without its column replaces the date on the column it had
        f"{S} WHERE genus = 'Rhizopus' AND depositdate > '2015'",
        "make that after 2010",
        f"{S} WHERE collectiondate > '2010'",
        REPLACE,
        f"{S} WHERE genus = 'Rhizopus' AND depositdate > '2010'",
    ),
    (  # ... unless the turn names one
        f"{S} WHERE genus = 'Rhizopus' AND depositdate > '2015'",
        "and collected after 2010?",
        f"{S} WHERE collectiondate > '2010'",
        REPLACE,
        f"{S} WHERE genus = 'Rhizopus' AND collectiondate > '2010'",
    ),
    (  # a turn that says it changes the subject is new, even with a bare value
        f"{S} WHERE genus = 'Talaromyces'",
        "ok different thing, do we have anything from lazio?",
        f"{S} WHERE region IN ('Lazio', 'Latium')",
        NEW,
        f"{S} WHERE region IN ('Lazio', 'Latium')",
    ),
    (  # the whole catalogue is a new question
        f"{S} WHERE organismtype = 'Yeasts'",
        "top 5 cities in the whole catalogue?",
        "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city ORDER BY COUNT(*) DESC LIMIT 5",
        NEW,
        "SELECT city, COUNT(*) FROM detailedstrain GROUP BY city ORDER BY COUNT(*) DESC LIMIT 5",
    ),
    (  # 'now' with a value of a constrained column replaces it
        f"{S} WHERE genus = 'Penicillium' AND country = 'Norway'",
        "now fusarium",
        f"{S} WHERE genus = 'Fusarium'",
        REPLACE,
        f"{S} WHERE genus = 'Fusarium' AND country = 'Norway'",
    ),
    (  # 'btw' / 'domanda a parte' open a new question
        f"{S} WHERE genus = 'Penicillium'",
        "domanda a parte: quanti ceppi abbiamo dalla grecia?",
        "SELECT COUNT(*) FROM detailedstrain WHERE country = 'Greece'",
        NEW,
        "SELECT COUNT(*) FROM detailedstrain WHERE country = 'Greece'",
    ),
]


# The examples of README.md's Conversations table, each after a previous query it applies to.
README_PREVIOUS = (
    f"{S} WHERE genus = 'Aspergillus' AND region = 'Liguria' AND country = 'Italy' AND collectiondate > '2010' "
    "AND substrate = 'Soil'"
)
ONLY_GENUS = f"{S} WHERE genus = 'Aspergillus'"
README_EXAMPLES = [
    *[(q, NEW, README_PREVIOUS) for q in ("Show me all yeasts from Sardinia", "Mostrami i lieviti della Sardegna")],
    ("How many strains are there per organism type?", NEW, README_PREVIOUS),
    ("quanti ceppi vengono dalla Francia", NEW, README_PREVIOUS),
    *[(q, REFINE, ONLY_GENUS) for q in ("only those from Italy", "solo quelli della Liguria")],
    ("e solo quelli raccolti dopo il 2010", REFINE, ONLY_GENUS),
    ("which of them are type strains?", REFINE, README_PREVIOUS),
    ("add the Penicillium strains too", REFINE, README_PREVIOUS),
    ("di questi, quanti nel gruppo di rischio 2?", REFINE, README_PREVIOUS),
    *[(q, REPLACE, README_PREVIOUS) for q in ("and for Sardinia?", "what about Fusarium?", "2014?")],
    *[(q, REPLACE, README_PREVIOUS) for q in ("e invece Fusarium?", "e per la Toscana?", "e dalla Spagna?")],
    *[(q, REMOVE, README_PREVIOUS) for q in ("never mind the region", "drop the date filter", "togli la data")],
    ("include Italy too", REMOVE, f"{S} WHERE genus = 'Aspergillus' AND country NOT IN ('Italy')"),
    *[(q, REMOVE, README_PREVIOUS) for q in ("senza il filtro sulla regione", "lascia perdere il substrato")],
    *[(q, PROJECT, README_PREVIOUS) for q in ("how many?", "list them by country", "show them", "which genera?")],
    *[(q, PROJECT, README_PREVIOUS) for q in ("quanti sono?", "elencali per paese", "mostrameli", "quali generi?")],
    *[(q, PROJECT, README_PREVIOUS) for q in ("which regions do they come from?", "quanit sono?")],
    *[(q, REMOVE, README_PREVIOUS) for q in ("from anywhere", "any source", "actually any collection date")],
    ("ok put italy back in", REMOVE, f"{S} WHERE genus = 'Aspergillus' AND country NOT IN ('Italy')"),
    ("scrap the region requirement", REMOVE, README_PREVIOUS),
    ("count the type strains as well", REMOVE, f"{S} WHERE genus = 'Aspergillus' AND typestrain = FALSE"),
    *[(q, REPLACE, README_PREVIOUS) for q in ("hmm, fusarium rather", "idem x penicillium", "fai lo stesso con mucor")],
    *[
        (q, NEW, README_PREVIOUS)
        for q in ("ok other thing - what do we have from albenga", "separate question: yeasts?")
    ],
    *[(q, PROJECT, README_PREVIOUS) for q in ("top 3 genera in there", "me li conti?", "da che substrati vengono?")],
    ("come si distribuiscono tra le specie?", PROJECT, README_PREVIOUS),
    *[(q, PROJECT, README_PREVIOUS) for q in ("what were they isolated from", "list the strains instead")],
    ("how many in total", PROJECT, README_PREVIOUS),
    *[(q, REMOVE, README_PREVIOUS) for q in ("actually don't care about the year", "fa niente la regione")],
    *[(q, REPLACE, README_PREVIOUS) for q in ("no wait, I meant penicillium", "no aspetta, volevo dire mucor")],
    ("leave out the filamentous fungi", REFINE, README_PREVIOUS),
]


@pytest.mark.parametrize(("question", "act", "previous_sql"), README_EXAMPLES, ids=[e[0] for e in README_EXAMPLES])
def test_the_readme_examples_are_classified_as_documented(linker, question, act, previous_sql):
    classified = classify(question, linker.link(question), from_sql(previous_sql))
    assert classified.kind == act, classified
    if question == "drop the date filter":  # 'date' and 'filter' are the removal's words, not values
        assert classified.remove == ("collectiondate",)


@pytest.fixture(scope="module")
def linker(catalogue, value_index) -> ValueLinker:
    return ValueLinker(value_index, aliases=catalogue)


def turn(linker, previous_sql, question, model_sql):
    previous = from_sql(previous_sql)
    act = classify(question, linker.link(question), previous)
    standalone = from_sql(model_sql) if model_sql else None
    merged = merge(previous, act, standalone, question)
    return previous, act, merged


@pytest.mark.parametrize(
    ("previous_sql", "question", "model_sql", "act", "expected"), GOLDEN, ids=[g[1] for g in GOLDEN]
)
def test_golden_turns(linker, catalogue, previous_sql, question, model_sql, act, expected):
    previous, classified, merged = turn(linker, previous_sql, question, model_sql)
    assert effective_act(classified.kind, previous, merged) == act, classified
    assert classified.needs_model == (model_sql is not None), classified
    assert merged.to_sql() == expected
    result = catalogue.run_read(expected, max_rows=1)  # the merged query runs on the real catalogue
    assert result.columns


def test_carried_conditions_are_the_kept_ones(linker):
    previous, _, merged = turn(linker, GOLDEN[0][0], "only those from Italy", f"{S} WHERE country = 'Italy'")
    assert carried(previous, merged) == [
        "genus = 'Aspergillus'",
        "substrate IN ('Marine sediment', 'Marine sediments')",
    ]
    previous, _, merged = turn(
        linker, GOLDEN[0][0], "show me all yeasts from Sardinia", f"{S} WHERE region = 'Sardinia'"
    )
    assert carried(previous, merged) == []


def test_first_turn_and_forced_new(linker):
    assert classify("only those from Italy", linker.link("only those from Italy"), None).kind == FIRST
    previous = from_sql(ASP_SEDIMENT)
    assert classify("only those from Italy", None, previous, force=NEW).kind == NEW


def test_refine_narrows_on_the_real_catalogue(catalogue, linker):
    _, _, merged = turn(linker, ASP_SEDIMENT, "only those from Italy", f"{S} WHERE country = 'Italy'")
    before = catalogue.run_read(ASP_SEDIMENT, max_rows=None).row_count
    after = catalogue.run_read(merged.to_sql(), max_rows=None).row_count
    assert before > 0 and after <= before


@pytest.mark.parametrize(
    "sql",
    [
        f"{S} WHERE genus = 'Aspergillus' AND substrate IN ('Marine sediment', 'Marine sediments')",
        f"{S} WHERE scientificname ILIKE '%niger%' AND isolationdate IS NULL AND typestrain = FALSE",
        f"{S} WHERE recommendedtemperature BETWEEN 20 AND 30 AND collectiondate < '2001'",
        f"{C} WHERE riskgroup = 2",
        "SELECT COUNT(DISTINCT country) FROM detailedstrain",
        "SELECT scientificname, COUNT(*) FROM detailedstrain GROUP BY scientificname HAVING COUNT(*) > 30",
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country ORDER BY COUNT(*) DESC LIMIT 5",
        "SELECT LEFT(collectiondate, 4), COUNT(*) FROM detailedstrain GROUP BY LEFT(collectiondate, 4) ORDER BY 1",
        "SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(DISTINCT species) = 1",
        f"{S} WHERE scientificname = (SELECT scientificname FROM detailedstrain WHERE accessionnumber = "
        "'MUT00003610') AND accessionnumber <> 'MUT00003610'",
        f"{S} WHERE genus = 'Penicillium' AND region IN ('Tuscany', 'Liguria', 'Ligury')",
        f"{S} WHERE (genus = 'Penicillium' OR region = 'Sardinia') AND riskgroup = 1",
        "SELECT a.strainid FROM detailedstrain AS a JOIN syntheticstrain AS b ON a.strainid = b.strainid",
    ],
)
def test_canonical_forms_round_trip(sql):
    assert from_sql(sql).to_sql() == sql


def test_state_parts():
    state = from_sql(
        "SELECT country, COUNT(*) FROM detailedstrain WHERE genus = 'A' AND riskgroup > 1 GROUP BY country"
    )
    assert state.projection.kind == "groups" and state.projection.columns == ("country",)
    assert list(state.by_column()) == ["genus", "riskgroup"]
    opaque = from_sql(f"{S} WHERE genus = 'A' OR region = 'B'").conditions[0]
    assert opaque.opaque and opaque.columns == {"genus", "region"}
    assert from_sql("SELECT COUNT(DISTINCT country) FROM detailedstrain").projection.kind == "count_distinct"
    assert from_sql(f"{S} WHERE genus = 'A'").with_projection(Projection.count()).to_sql() == f"{C} WHERE genus = 'A'"


def test_standalone_sql_is_the_turns_own_content():
    previous = f"{S} WHERE genus = 'Aspergillus'"
    assert standalone_sql(previous, f"{previous} AND region = 'Sardinia'") == f"{S} WHERE region = 'Sardinia'"
    assert standalone_sql(previous, f"{C} WHERE genus = 'Aspergillus'", question="how many?") == C
    assert standalone_sql(f"{previous} AND riskgroup = 2", previous) is None  # a removal: no model answers it
    widened = f"{S} WHERE genus = 'Aspergillus' OR genus = 'Penicillium'"
    assert standalone_sql(previous, widened) == f"{S} WHERE genus = 'Penicillium'"


def test_a_bare_number_replaces_the_one_numeric_condition(linker):
    from conversation.turn import begin
    from text2sql.types import Turn

    history = [Turn("yeasts grown at 37 degrees", f"{S} WHERE recommendedtemperature = 37 AND organismtype = 'Yeasts'")]
    step = begin("and at 30?", linker.link("and at 30?"), history)
    assert step.act.kind == REPLACE
    assert [h.sql for h in step.links.hints] == ["recommendedtemperature = 30"]
    alone = begin("and at 30?", linker.link("and at 30?"), [Turn("yeasts", f"{S} WHERE organismtype = 'Yeasts'")])
    assert all(h.kind != "number" for h in alone.links.hints)  # no numeric condition to replace
