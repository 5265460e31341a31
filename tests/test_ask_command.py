"""`strainchat ask --jsonl`: conversations answered turn by turn; malformed lines reported, not fatal."""

from __future__ import annotations

import json

import pytest

from linking.linker import ValueLinker
from sqlproc.facts import facts_from_catalogue
from text2sql.commands import answer_conversation, dumps, read_conversations
from text2sql.generators.fake import QueueGenerator
from text2sql.pipeline import Pipeline, PipelineOptions


@pytest.fixture
def pipeline(catalogue, value_index):
    facts = facts_from_catalogue(catalogue, values=value_index)
    linker, options = ValueLinker(value_index, aliases=catalogue), PipelineOptions(route=False)
    return Pipeline(catalogue, linker, QueueGenerator(), facts, options)


def test_conversation_turns_build_on_each_other(pipeline):
    pipeline.generator.push(
        "SELECT strainid FROM detailedstrain WHERE organismtype = 'Bacteria'",
        "SELECT COUNT(*) FROM detailedstrain WHERE organismtype = 'Bacteria' AND riskgroup = 2",
    )
    answer = answer_conversation(pipeline, ["Show me the bacteria", "how many in risk group 2?"], 100, "t")
    assert answer.question == "how many in risk group 2?" and answer.kind == "aggregate"
    second_prompt = pipeline.generator.prompts[1][-1]["content"]
    assert "Previous" not in second_prompt and "organismtype = 'Bacteria'" in answer.sql  # kept by the code
    obj = json.loads(dumps(answer.to_json(id="c1")))
    assert list(obj) == [
        "id", "question", "sql", "generated_sql", "columns", "rows", "row_count", "links", "timings_ms", "error",
        "act", "carried", "hints", "draft_sql", "route", "unread",
    ]  # fmt: skip
    assert obj["act"] == "REFINE" and obj["carried"] == ["organismtype = 'Bacteria'"]
    assert set(obj["timings_ms"]) == {"link", "generate", "postprocess", "execute", "total"}


def test_row_answers_carry_accession_numbers_and_respect_the_row_cap(pipeline):
    pipeline.generator.push("SELECT strainid FROM detailedstrain WHERE organismtype = 'Yeasts'")
    answer = answer_conversation(pipeline, ["all the yeasts"], 5, "t")
    assert "accessionnumber" in answer.columns and len(answer.rows) == 5 and answer.row_count == 427


def test_malformed_lines_become_error_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "turns": ["q1", "q2"]}\nnot json\n\n{"id": "b", "turns": "q"}\n{"id": 3, "turns": []}\n'
    )
    rows = list(read_conversations(str(path)))
    assert rows[0] == ("a", ["q1", "q2"], None)
    assert rows[1][2].startswith("line 2:") and rows[2][2].startswith("line 4:")
    assert rows[3] == (3, [], None)


def test_an_empty_conversation_is_an_error(pipeline):
    assert answer_conversation(pipeline, [], 100, "t").error == "the conversation has no turns"
