"""The conversation evaluation on the real catalogue, with a scripted model answering each turn alone.

Run: .venv/bin/python -m pytest -q -p no:xdist tests/test_eval_conversations.py
"""

from __future__ import annotations

import pytest

from finetune.eval_conversations import conditions_of, evaluate_conversations
from finetune.eval_report import conversation_section
from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from text2sql.generators.fake import FunctionGenerator
from text2sql.pipeline import Pipeline

S = "SELECT strainid FROM detailedstrain"
# What the scripted model answers to each turn's own words (it never sees the history).
STANDALONE = {
    "yeasts from sardinia": f"{S} WHERE organismtype = 'Yeasts' AND region = 'Sardinia'",
    "how many?": "SELECT COUNT(*) FROM detailedstrain",
    "penicillium from tuscany": f"{S} WHERE genus = 'Penicillium' AND region = 'Tuscany'",
    "e invece aspergillus?": f"{S} WHERE genus = 'Aspergillus'",
    "quanti ceppi di fusarium ci sono?": "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium'",
}
CONVERSATIONS = [
    {
        "id": "c-en",
        "language": "en",
        "turns": [
            {"question": "yeasts from sardinia", "sql": STANDALONE["yeasts from sardinia"], "act": "FIRST"},
            {
                "question": "how many?",
                "sql": "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Yeasts' AND region = 'Sardinia'",
                "act": "PROJECT",
            },
        ],
    },
    {
        "id": "c-it",
        "language": "it",
        "turns": [
            {"question": "penicillium from tuscany", "sql": STANDALONE["penicillium from tuscany"], "act": "FIRST"},
            {
                "question": "e invece aspergillus?",
                "sql": f"{S} WHERE genus = 'Aspergillus' AND region = 'Tuscany'",
                "act": "REPLACE",
            },
            {
                "question": "quanti ceppi di fusarium ci sono?",
                "sql": "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium'",
                "act": "NEW",
            },
        ],
    },
]


def respond(prompt: str) -> str:
    question = prompt.rsplit("Question: ", 1)[-1].strip()
    return STANDALONE[question]


@pytest.fixture(scope="module")
def pipeline(catalogue, value_index) -> Pipeline:
    linker = ValueLinker(value_index, aliases=catalogue)
    return Pipeline(catalogue, linker, FunctionGenerator(respond), facts_from_catalogue(catalogue, values=value_index))


def test_turns_are_scored_with_the_systems_own_history(pipeline):
    report = evaluate_conversations(pipeline, CONVERSATIONS)
    summary = report.summary()
    assert summary["n"] == 5 and summary["conversations"] == 2
    assert summary["execution_accuracy"] == 100.0 and summary["act_accuracy"] == 100.0
    assert summary["by_act_language"]["REPLACE/it"] == {"n": 1, "execution_accuracy": 100.0, "act_accuracy": 100.0}
    assert summary["new_turns"] == 1 and summary["new_inherit_nothing"] == 100.0
    assert summary["act_confusion"]["PROJECT"] == {"PROJECT": 1}
    section = "\n".join(conversation_section(summary, report))
    assert "REPLACE" in section and "(none)" in section


def test_a_new_turn_that_keeps_an_earlier_filter_counts_as_inherited(pipeline):
    wrong = {**CONVERSATIONS[1], "turns": [dict(t) for t in CONVERSATIONS[1]["turns"]]}
    wrong["turns"][2]["question"] = "e quanti di fusarium?"  # reads as a replacement: Tuscany is kept
    STANDALONE["e quanti di fusarium?"] = "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Fusarium'"
    summary = evaluate_conversations(pipeline, [wrong]).summary()
    assert summary["new_turns"] == 1 and summary["new_inherit_nothing"] == 0.0
    assert summary["by_act"]["NEW"]["execution_accuracy"] == 0.0


def test_conditions_of_reads_top_level_terms():
    assert conditions_of(f"{S} WHERE genus = 'A' AND region = 'B'") == {"genus = 'A'", "region = 'B'"}
    assert conditions_of(None) == set() and conditions_of("not sql (") == set()


def test_a_follow_up_record_is_matched_exactly_on_its_merged_query(pipeline):
    from finetune.evaluate import gold_outcome, score

    record = {
        "id": "f1",
        "question": "e invece aspergillus?",
        "sql": f"{S} WHERE genus = 'Aspergillus' AND region IN ('Tuscany', 'Toscana', 'Tuscnay')",  # every spelling
        "history": [{"question": "penicillium from tuscany", "sql": STANDALONE["penicillium from tuscany"]}],
    }
    scored = score(pipeline, record, gold_outcome(pipeline, record))
    assert scored.execution and scored.exact
