"""Training targets for follow-ups: the standalone SQL of a turn merges back into the full gold.

For every C6 (follow-up) training template filled by the dataset generator on the real catalogue:
classify the turn with the real linker, take `standalone_sql(previous gold, full gold)` as the
model's answer, merge it with the previous turn's state and compare with the full gold, as SQL and
by execution. Run: .venv/bin/python -m pytest -q -p no:xdist tests/test_conversation_training.py
"""

from __future__ import annotations

import random

import pytest

from conversation.acts import REMOVE, classify
from conversation.merge import merge, standalone_sql
from conversation.state import from_sql
from finetune.dataset import training_view
from finetune.sampling import GoldChecker, Sampler
from finetune.templates import load_templates
from finetune.vocabulary import Vocabulary
from linking.linker import ValueLinker
from strainchat.settings import REPO_ROOT

TEMPLATES_DIR = REPO_ROOT / "data" / "templates"
SAMPLES_PER_TEMPLATE = 4
FOLLOW_UPS = [t for t in load_templates(TEMPLATES_DIR) if t.category == "C6" and t.source == "train"]


@pytest.fixture(scope="module")
def sampler(catalogue) -> Sampler:
    return Sampler(Vocabulary.load(catalogue, TEMPLATES_DIR / "vocabulary.json"), GoldChecker(catalogue))


@pytest.fixture(scope="module")
def linker(catalogue, value_index) -> ValueLinker:
    return ValueLinker(value_index, aliases=catalogue)


def samples(sampler: Sampler, template, count: int):
    rng = random.Random(template.index_template)
    out = []
    for _ in range(count * 20):
        sample = sampler.sample(template, rng)
        if sample is not None:
            out.append(sample)
        if len(out) == count:
            break
    return out


def rows(catalogue, sql: str) -> list:
    return sorted(map(repr, catalogue.run_read(sql, max_rows=None).rows))


@pytest.mark.parametrize("template", FOLLOW_UPS, ids=lambda t: t.index_template)
def test_standalone_target_merges_back_into_the_full_gold(template, sampler, linker, catalogue):
    filled = samples(sampler, template, SAMPLES_PER_TEMPLATE)
    assert filled, template.index_template
    for sample in filled:
        previous_sql = sample.history[-1]["sql"]
        previous = from_sql(previous_sql)
        act = classify(sample.question, linker.link(sample.question), previous)
        target = standalone_sql(previous_sql, sample.sql, question=sample.question)
        assert (target is None) == (act.kind == REMOVE), (sample.question, act)
        standalone = from_sql(target) if target is not None else None
        merged = merge(previous, act, standalone, sample.question).to_sql()
        assert merged in (sample.sql, *sample.possible_sql_queries) or rows(catalogue, merged) == rows(
            catalogue, sample.sql
        ), (sample.question, act, target, merged, sample.sql)


def test_a_follow_up_trains_without_history_and_keeps_its_full_gold():
    record = {
        "question": "Only those from Liguria",
        "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND region IN ('Liguria', 'Ligury')",
        "history": [
            {
                "question": "Show me the Aspergillus strains",
                "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus'",
            }
        ],
    }
    view = training_view(record)
    assert view["history"] == [] and view["full_sql"] == record["sql"]
    assert view["sql"] == "SELECT strainid FROM detailedstrain WHERE region IN ('Liguria', 'Ligury')"
    assert record["history"]  # the record itself (used by evaluation) is unchanged


def test_a_removal_is_no_training_example_and_single_questions_are_untouched():
    removal = {
        "question": "Drop the date filter",
        "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus'",
        "history": [
            {
                "question": "q",
                "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND collectiondate > '2010'",
            }
        ],
    }
    single = {"question": "How many yeasts?", "sql": "SELECT COUNT(*) FROM detailedstrain", "history": []}
    assert training_view(removal) is None
    assert training_view(single) is single
