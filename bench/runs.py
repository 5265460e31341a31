"""The benchmark's two runs over the same questions: the product and the thesis-style baseline.

Product: the shipped adapter with value linking, the pruned schema and the linked values in the
prompt. Baseline (the thesis's set-up): the same model with the full schema and no value linking.
Both go through the same post-processing and database, so the difference is linking and prompt.
"""

from __future__ import annotations

from dataclasses import replace

from bench.stats import stage_stats
from finetune.evaluate import Report, evaluate
from finetune.scoring import Outcome
from text2sql.pipeline import Pipeline, PipelineOptions


def thesis_baseline(options: PipelineOptions) -> PipelineOptions:
    prompt = replace(options.prompt, prune_columns=False, use_links=False)
    return replace(options, use_linking=False, prompt=prompt)


def with_options(pipeline: Pipeline, options: PipelineOptions) -> Pipeline:
    return Pipeline(pipeline.catalogue, pipeline.linker, pipeline.generator, pipeline.facts, options)


def warm_up(pipeline: Pipeline, questions: list[str]) -> None:
    """The first generations pay for lazy initialisation; the benchmark measures a warm model."""
    for question in questions:
        pipeline.answer(question, session_id="bench-warmup")


def summarise(report: Report) -> dict:
    summary = report.summary()
    return {
        "n": summary["n"],
        **stage_stats(item.timings_ms for item in report.items),
        "execution_accuracy": summary["execution_accuracy"],
        "errors": sum(1 for item in report.items if item.error),
        # questions the router answered with the code's draft, no model call (text2sql/route.py)
        "draft_share": summary["routes"]["draft"]["share"],
    }


def run_both(
    pipeline: Pipeline, records: list[dict], golds: list[Outcome], reports: dict[str, Report] | None = None
) -> dict[str, dict]:
    """Summaries of both runs; `reports`, if given, receives the product run's full report."""
    product = evaluate(pipeline, records, golds, "product")
    if reports is not None:
        reports["product"] = product
    baseline = evaluate(with_options(pipeline, thesis_baseline(pipeline.options)), records, golds, "baseline")
    return {"product": summarise(product), "baseline": summarise(baseline)}
