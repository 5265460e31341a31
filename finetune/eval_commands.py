"""`strainchat eval`: the evaluation report (reports/eval.json, reports/eval.md and its plots).

strainchat eval                         # test split, in-the-wild set, ablations
strainchat eval --limit 30 --no-ablations
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from finetune.train import read_jsonl

DEFAULT_TEST = "data/dataset/test.jsonl"
DEFAULT_WILD = "data/wild/wild.jsonl"
DEFAULT_DEV = "data/dev/questions.jsonl"
DEFAULT_CONVERSATIONS = "data/dev/conversations.jsonl"


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("eval", help="evaluate the pipeline on the test split and the in-the-wild set")
    p.add_argument("--test", default=DEFAULT_TEST, help="test split JSONL")
    p.add_argument("--wild", default=DEFAULT_WILD, help="in-the-wild JSONL")
    p.add_argument("--dev", default=DEFAULT_DEV, help="real-question dev set JSONL (skipped if absent)")
    p.add_argument(
        "--conversations", default=DEFAULT_CONVERSATIONS, help="conversation dev set JSONL (skipped if absent)"
    )
    p.add_argument(
        "--ablation-set",
        choices=("dev", "test"),
        default="dev",
        help="the set the ablations run on (dev falls back to test when the dev set is absent)",
    )
    p.add_argument("--limit", type=int, help="evaluate only the first N records of each set")
    p.add_argument("--no-ablations", action="store_true", help="skip the base-model and no-linking/no-repair runs")
    p.add_argument(
        "--ablation-limit",
        type=int,
        default=112,
        help="test records per ablation run, spread evenly over categories and languages (0 = all)",
    )
    p.add_argument("--out", default="reports", help="report folder")
    add_common_flags(p)
    p.set_defaults(handler=run_eval)


def spread_evenly(records: list, limit: int | None) -> list:
    if not limit or limit >= len(records):
        return records
    # An even spread keeps every category and language in a limited run.
    step = len(records) / limit
    return [records[int(i * step)] for i in range(limit)]


def run_eval(args: argparse.Namespace) -> int:
    from finetune.eval_report import write_report
    from finetune.evaluate import Report, evaluate, gold_outcome
    from strainchat.cli import settings_for
    from text2sql.factory import build_generator, build_pipeline, pipeline_options
    from text2sql.generators.draft_echo import DraftEcho
    from text2sql.pipeline import PipelineOptions

    settings = settings_for(args)
    started = time.perf_counter()
    pipeline = build_pipeline(settings)
    sets = {"test": spread_evenly(read_jsonl(Path(args.test)), args.limit)}
    if Path(args.dev).exists():
        sets["dev"] = spread_evenly(read_jsonl(Path(args.dev)), args.limit)
    if Path(args.wild).exists():
        sets["wild"] = spread_evenly(read_jsonl(Path(args.wild)), args.limit)
    golds = {name: [gold_outcome(pipeline, r) for r in records] for name, records in sets.items()}
    results = {name: evaluate(pipeline, sets[name], golds[name], name) for name in sets}
    ablations = {}
    base = args.ablation_set if args.ablation_set in sets else "test"
    if not args.no_ablations:
        tuned = pipeline_options(settings)
        variants = {
            "no_linking": (pipeline.generator, replace(tuned, use_linking=False)),
            "no_hints": (pipeline.generator, replace(tuned, prompt=replace(tuned.prompt, use_hints=False))),
            "draft_only": (DraftEcho(), replace(tuned, prompt=replace(tuned.prompt, use_hints=True))),
            "no_postprocessing": (pipeline.generator, replace(tuned, repair=False)),
            # no router: the model writes every query, with the draft as its hint (the pre-router system)
            "model_only": (pipeline.generator, replace(tuned, route=False)),
            "base_model": (build_generator(replace(settings, adapter="none")), PipelineOptions()),
        }
        subset = spread_evenly(list(zip(sets[base], golds[base], strict=True)), args.ablation_limit or None)
        records, record_golds = [r for r, _ in subset], [g for _, g in subset]
        for name, (generator, options) in variants.items():
            variant = replace_pipeline(pipeline, generator, options)
            ablations[name] = evaluate(variant, records, record_golds, name)
        # The full configuration's results on the same subset, so the ablations compare like with like.
        chosen = {str(r.get("id")) for r in records}
        ablations["full_same_subset"] = Report(items=[i for i in results[base].items if i.id in chosen])
    conversations = _conversations(pipeline, args)
    report = {
        "model": pipeline.generator.name,
        "ablation_set": base if ablations else None,
        "seconds": round(time.perf_counter() - started, 1),
        **{name: r.summary() for name, r in results.items()},
        "ablations": {name: r.summary() for name, r in ablations.items()},
        **({"conversations": conversations.summary()} if conversations else {}),
    }
    extra = {"conversations": conversations} if conversations else {}
    write_report(report, {**results, **{f"ablation:{k}": v for k, v in ablations.items()}, **extra}, Path(args.out))
    _update_model_card(settings.adapter, report, args)
    print(json.dumps({k: report[k]["execution_accuracy"] for k in results}, indent=2))
    return 0


def _conversations(pipeline, args: argparse.Namespace):
    """The conversation dev set answered turn by turn (finetune/eval_conversations.py); None if absent."""
    from finetune.eval_conversations import evaluate_conversations

    if not Path(args.conversations).exists():
        return None
    return evaluate_conversations(pipeline, spread_evenly(read_jsonl(Path(args.conversations)), args.limit))


def replace_pipeline(pipeline, generator, options):
    from text2sql.pipeline import Pipeline

    return Pipeline(pipeline.catalogue, pipeline.linker, generator, pipeline.facts, options)


def _update_model_card(adapter: str, report: dict, args: argparse.Namespace) -> None:
    """A full run's scores go into the evaluated adapter's card; a limited run's do not."""
    from finetune.model_card import write_model_card

    folder = Path(adapter)
    if args.limit is None and (folder / "training_config.json").exists():
        write_model_card(folder, report)
