"""The benchmark's plumbing with a fake model on the real catalogue: statistics, both runs, the report.

The numbers themselves are not asserted (a benchmark prints numbers; tests do not time things)."""

from __future__ import annotations

import json

import pytest
from test_chat_app_handlers import real_pipeline

from bench import report
from bench.runs import run_both, thesis_baseline
from bench.stats import percentile, stage_stats
from finetune.evaluate import gold_outcome
from finetune.train import read_jsonl
from text2sql.pipeline import PipelineOptions

pytestmark = pytest.mark.xdist_group("chat_app")


class GoldModel:
    """Answers each known question with its gold SQL, so both runs should be fully correct."""

    name = "fake-gold"

    def __init__(self, records):
        self.sql = {r["question"]: r["sql"] for r in records}

    def generate(self, messages):
        return self.sql[messages[-1]["content"].rsplit("Question: ", 1)[-1].strip()]


def test_percentile_interpolates_between_ranks():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10], 95) == 10
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_stage_stats_name_the_stages_as_the_json_contract_does():
    stats = stage_stats([{"link": 1.0, "generate": 10.0, "total": 12.0}, {"link": 3.0, "total": 4.0}])
    assert stats["link_ms"] == {"p50": 2.0, "p95": 2.9}
    assert stats["e2e_ms"]["p50"] == 8.0 and stats["generate_ms"] == {"p50": 10.0, "p95": 10.0}


def test_baseline_turns_off_linking_and_pruning():
    baseline = thesis_baseline(PipelineOptions())
    assert not baseline.use_linking and not baseline.prompt.use_links and not baseline.prompt.prune_columns


def test_both_runs_and_the_report(db_settings, value_index, tmp_path):
    records = [r for r in read_jsonl("data/dataset/test.jsonl") if not r.get("history")][:4]
    with real_pipeline(db_settings, GoldModel(records)) as pipeline:
        golds = [gold_outcome(pipeline, r) for r in records]
        runs = run_both(pipeline, records, golds)
    product, baseline = runs["product"], runs["baseline"]
    assert product["n"] == baseline["n"] == 4
    assert product["execution_accuracy"] == baseline["execution_accuracy"] == 100.0
    assert product["link_ms"]["p50"] > baseline["link_ms"]["p50"]  # the baseline skips value linking
    run = {"sessions": 1, "per_session": 8, "p50_s": 1.0, "p95_s": 2.0, "failed_calls": 0, "errors": 1}
    load = {"single": {**run, "questions_per_s": 1.0}, "load": {**run, "questions_per_s": 3.0}, "p95_ratio": 1.0}
    result = {**product, "baseline": baseline, "cold_start_s": 12.5, "model": "fake-gold", "sets": "4", "machine": "x"}
    result["load"] = load
    report.write(result, tmp_path)
    assert json.loads((tmp_path / "bench.json").read_text())["e2e_ms"] == product["e2e_ms"]
    markdown = (tmp_path / "bench.md").read_text()
    assert "| link |" in markdown and "| concurrent | 1 × 8 | 1.0 | 2.0 | 0 | 1 | 3.0 |" in markdown
    assert (tmp_path / "bench.png").stat().st_size > 0
