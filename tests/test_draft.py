"""The draft query composed in code from links and hints (text2sql/draft.py); no database needed."""

from __future__ import annotations

from linking.types import Hint, Link, LinkResult
from text2sql.draft import draft_sql


def link(span: str, start: int, column: str, values: list[str], operator: str = "=") -> Link:
    return Link(span, start, start + len(span), column, values[0], values, 1, 1.0, "exact", operator=operator)


def hint(kind: str, clause: str, sql: str, start: int = 0, column: str | None = None) -> Hint:
    return Hint(kind, clause, sql, "", start, start + 1, column)


def test_values_of_one_column_are_alternatives():
    links = [
        link("Penicillium", 0, "genus", ["Penicillium"]),
        link("Tuscany", 17, "region", ["Tuscany", "Toscana"]),
        link("Liguria", 28, "region", ["Ligury", "Liguria"]),
    ]
    assert draft_sql(LinkResult(links, [])) == (
        "SELECT strainid FROM detailedstrain WHERE genus = 'Penicillium' "
        "AND region IN ('Tuscany', 'Toscana', 'Ligury', 'Liguria')"
    )


def test_excluded_and_contained_links_keep_their_operator():
    links = [link("yeasts", 0, "organismtype", ["Yeasts"]), link("Italy", 15, "country", ["Italy", "italy"], "not")]
    links.append(link("forest", 30, "isolationhabitat", ["forest"], "contains"))
    assert draft_sql(LinkResult(links, [])) == (
        "SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts' AND country NOT IN ('Italy', 'italy') "
        "AND isolationhabitat ILIKE '%forest%'"
    )


def test_a_count_with_a_flag_and_a_date():
    hints = [
        hint("flag", "WHERE", "typestrain = FALSE", 4, "typestrain"),
        hint("date", "WHERE", "inclusiondate > '2020'", 30, "inclusiondate"),
        hint("count", "SELECT", "COUNT(*)"),
    ]
    assert draft_sql(LinkResult([], [], hints=hints)) == (
        "SELECT COUNT(*) FROM detailedstrain WHERE typestrain = FALSE AND inclusiondate > '2020'"
    )


def test_groups_with_threshold_top_and_single_member():
    having = [hint("having", "HAVING", "COUNT(*) > 30"), hint("group", "GROUP BY", "scientificname")]
    assert draft_sql(LinkResult([], [], hints=having)) == (
        "SELECT scientificname, COUNT(*) FROM detailedstrain GROUP BY scientificname HAVING COUNT(*) > 30"
    )
    top = [hint("group", "GROUP BY", "country"), hint("top", "ORDER BY", "COUNT(*) DESC LIMIT 5")]
    assert draft_sql(LinkResult([], [], hints=top)) == (
        "SELECT country, COUNT(*) FROM detailedstrain GROUP BY country ORDER BY COUNT(*) DESC LIMIT 5"
    )
    single = [hint("group", "GROUP BY", "genus"), hint("single", "HAVING", "COUNT(DISTINCT species) = 1")]
    assert draft_sql(LinkResult([], [], hints=single)) == (
        "SELECT genus FROM detailedstrain GROUP BY genus HAVING COUNT(DISTINCT species) = 1"
    )


def test_equal_dates_on_one_column_are_or_ed_and_no_filter_adds_nothing():
    dates = [
        hint("date", "WHERE", "collectiondate = '2020'", 10, "collectiondate"),
        hint("date", "WHERE", "collectiondate = '2021'", 18, "collectiondate"),
    ]
    assert draft_sql(LinkResult([], [], hints=dates)) == (
        "SELECT strainid FROM detailedstrain WHERE (collectiondate = '2020' OR collectiondate = '2021')"
    )
    assert draft_sql(LinkResult([], [], hints=[hint("nofilter", "WHERE", "(none)")])) == (
        "SELECT strainid FROM detailedstrain"
    )


def test_the_draft_only_baseline_answers_with_the_prompt_draft_line():
    from text2sql.generators.draft_echo import DraftEcho

    prompt = [{"role": "user", "content": "Columns: x\nDraft: SELECT COUNT(*) FROM detailedstrain\nQuestion: q"}]
    assert DraftEcho().generate(prompt) == "SELECT COUNT(*) FROM detailedstrain;"
    assert DraftEcho().generate([{"role": "user", "content": "Question: q"}]) == ""
