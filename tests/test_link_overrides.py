"""Per-conversation readings: a link moved to one of its alternatives before the prompt, through
the real pipeline (linker, value index, post-processing, PostgreSQL) with a scripted model."""

from __future__ import annotations

import pytest
from test_chat_app_handlers import ScriptedModel, real_pipeline

from linking.overrides import apply_overrides, reading_key
from linking.types import Link, LinkResult, ValueHit

pytestmark = pytest.mark.xdist_group("chat_app")

QUESTION = "Give me all the Aspergillus strains with Marine sediment"
HABITAT = {reading_key("marine  SEDIMENT"): ("isolationhabitat", "Marine sediment")}


HABITAT_HIT = ValueHit("isolationhabitat", "Marine sediment", 60)


def marine(alternatives=(HABITAT_HIT,)) -> LinkResult:
    link = Link("Marine sediment", 0, 15, "substrate", "Marine sediment", ["Marine sediment"], 115, 1.0, "exact",
                list(alternatives))  # fmt: skip
    return LinkResult(links=[link], columns=[])


def test_an_override_swaps_the_link_with_its_alternative():
    link = apply_overrides(marine(), HABITAT, None).links[0]
    assert (link.column, link.value, link.count, link.method) == ("isolationhabitat", "Marine sediment", 60, "chosen")
    assert link.alternatives == [ValueHit("substrate", "Marine sediment", 115)]


def test_an_override_the_linker_no_longer_offers_is_ignored():
    assert apply_overrides(marine(alternatives=()), HABITAT, None).links[0].column == "substrate"
    assert apply_overrides(marine(), {}, None).links[0].column == "substrate"
    assert apply_overrides(None, HABITAT, None) is None


def test_the_pipeline_answers_with_the_chosen_reading(db_settings, value_index):
    model = ScriptedModel()
    with real_pipeline(db_settings, model) as pipeline:
        plain = pipeline.answer(QUESTION)
        chosen = pipeline.answer(QUESTION, link_overrides=HABITAT)
    assert "substrate IN ('Marine sediment'" in plain.sql
    assert '"Marine sediment" -> isolationhabitat' in model.prompts[-1]
    assert "isolationhabitat" in chosen.sql and "substrate" not in chosen.sql
    assert {link["span"]: link["column"] for link in chosen.links}["Marine sediment"] == "isolationhabitat"
    assert chosen.row_count != plain.row_count
