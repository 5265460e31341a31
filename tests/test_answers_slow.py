"""The shipped adapter on the real small model, end to end: question → links → SQL → rows.

Slow: loads SmolLM2-135M with the LoRA adapter in finetune/adapter. The expected counts are facts
of the catalogue, checked against direct SQL, not copied from the model's output.
"""

from __future__ import annotations

import pytest

from text2sql.factory import build_pipeline
from text2sql.types import Answer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline(db_settings, value_index):
    pipe = build_pipeline(db_settings)
    yield pipe
    pipe.catalogue.close()


def strains(catalogue, where: str) -> set[str]:
    rows = catalogue.run_read(f"SELECT accessionnumber FROM detailedstrain WHERE {where}", max_rows=None).rows
    return {r[0] for r in rows}


def accessions(answer: Answer) -> set[str]:
    i = answer.columns.index("accessionnumber")
    return {row[i] for row in answer.rows}


def test_the_adapter_is_loaded(pipeline):
    assert pipeline.generator.adapter and "adapter" in pipeline.generator.name


def test_value_only_question_finds_the_strains_in_the_right_column(pipeline, catalogue):
    answer = pipeline.answer("Give me all the Aspergillus strains with Marine sediment", max_rows=None)
    assert answer.error is None and "substrate" in answer.sql
    expected = strains(catalogue, "genus = 'Aspergillus' AND substrate IN ('Marine sediment', 'Marine sediments')")
    assert accessions(answer) == expected


def test_italian_count(pipeline, catalogue):
    answer = pipeline.answer("Quanti lieviti ci sono?")
    assert answer.error is None and answer.kind == "aggregate"
    assert answer.rows[0][0] == len(strains(catalogue, "organismtype = 'Yeasts'"))


def test_follow_up_narrows_the_previous_answer(pipeline, catalogue):
    first = pipeline.answer("Show me the bacteria", max_rows=None)
    second = pipeline.answer("only those in risk group 2", [first.turn()], max_rows=None)
    assert first.error is None and second.error is None
    assert accessions(second) == strains(catalogue, "organismtype = 'Bacteria' AND riskgroup = 2")
