"""The prompt builder: pruned schema, linked-value hints, previous turns."""

from __future__ import annotations

from linking.types import Link, LinkResult, ValueHit
from text2sql.prompt import PromptConfig, build_messages, link_hint, training_messages
from text2sql.types import Turn

COLUMNS = {
    "strainid": "integer",
    "genus": "text",
    "species": "text",
    "organismtype": "text",
    "substrate": "text",
    "isolationhabitat": "text",
    "region": "text",
    "riskgroup": "integer",
    "collectiondate": "text",
}

MARINE = Link(
    span="Marine sediment",
    start=34,
    end=49,
    column="substrate",
    value="Marine sediment",
    values=["Marine sediment"],
    count=115,
    score=1.0,
    method="exact",
    alternatives=[ValueHit("isolationhabitat", "Marine sediment", 60)],
)
LIGURIA = Link("Liguria", 0, 7, "region", "Ligury", ["Ligury", "Liguria"], 487, 1.0, "exact")


def test_hint_names_column_value_count_and_alternatives():
    assert link_hint(MARINE) == (
        "\"Marine sediment\" -> substrate = 'Marine sediment' (115 strains; also isolationhabitat 60)"
    )
    assert "region IN ('Ligury', 'Liguria')" in link_hint(LIGURIA)


def test_pruned_schema_keeps_linked_and_always_on_columns():
    links = LinkResult(links=[MARINE], columns=["riskgroup"])
    user = build_messages("Aspergillus strains with Marine sediment", links, COLUMNS)[1]["content"]
    schema = user.splitlines()[0]
    assert "substrate text" in schema and "riskgroup integer" in schema and "genus text" in schema
    assert "region" not in schema and "isolationhabitat" not in schema
    assert user.endswith("Question: Aspergillus strains with Marine sediment")


def test_full_schema_and_no_links_for_the_baseline():
    config = PromptConfig(prune_columns=False, use_links=False)
    user = build_messages("q", LinkResult([MARINE], []), COLUMNS, config=config)[1]["content"]
    assert "collectiondate date text" in user and "region text" in user
    assert "Linked values" not in user


def test_follow_up_carries_previous_turns_only_when_configured():
    history = [Turn("strains from Liguria", "SELECT strainid FROM detailedstrain WHERE region = 'Ligury'")]
    # the default: the conversation stage keeps the state, nothing is pasted into the prompt
    user = build_messages("only the yeasts", LinkResult([], []), COLUMNS, history)[1]["content"]
    assert "Previous question" not in user and "region" not in user.splitlines()[0]
    pasted = build_messages("only the yeasts", LinkResult([], []), COLUMNS, history, PromptConfig(max_history=2))
    assert "Previous question: strains from Liguria" in pasted[1]["content"]
    assert "region text" in pasted[1]["content"].splitlines()[0]


def test_the_draft_line_composes_links_and_hints():
    from linking.types import Hint

    links = LinkResult([LIGURIA], [], hints=[Hint("flag", "WHERE", "typestrain = FALSE", "not a type strain", 20, 37)])
    user = build_messages("Liguria strains, not a type strain", links, COLUMNS)[1]["content"]
    draft = "SELECT strainid FROM detailedstrain WHERE region IN ('Ligury', 'Liguria') AND typestrain = FALSE"
    assert f"Draft: {draft}" in user
    assert "Draft" not in build_messages("q", links, COLUMNS, config=PromptConfig(use_hints=False))[1]["content"]


def test_training_messages_end_the_sql_with_a_semicolon():
    msgs = training_messages(build_messages("q", None, COLUMNS), "SELECT 1 ;")
    assert msgs[-1] == {"role": "assistant", "content": "SELECT 1;"}
