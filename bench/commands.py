"""`strainchat bench`: latency per stage with the model warm, cold start, and the thesis-style baseline.

strainchat bench --json                  # 130 questions, cold start, 16 × 8 load; one JSON object, reports/bench.*
strainchat bench --backends local,llamacpp   # the same for each generator backend ("backends" in the JSON)
strainchat bench --test-n 20 --no-cold-start --no-report

The numbers are printed, not asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from finetune.eval_commands import DEFAULT_TEST, DEFAULT_WILD

WARMUP = ["How many yeasts are there?", "Quanti batteri ci sono?"]


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("bench", help="latency benchmark: per-stage p50/p95, cold start, thesis baseline")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--test-n", type=int, default=60, help="questions from the test split, spread evenly")
    p.add_argument("--wild-n", type=int, default=70, help="questions from the in-the-wild set (0 = none)")
    p.add_argument("--no-cold-start", action="store_true", help="skip launching a server to time the first answer")
    p.add_argument(
        "--load-sessions",
        type=int,
        default=16,
        help="concurrent conversations (8 questions each) against the launched server (0 = no load run)",
    )
    p.add_argument(
        "--backends",
        default="local,llamacpp",
        help="generator backends measured side by side (comma-separated; the default one is always included)",
    )
    p.add_argument("--no-report", action="store_true", help="do not write reports/bench.{json,md,png}")
    p.add_argument("--out", default="reports", help="report folder")
    add_common_flags(p)
    p.set_defaults(handler=run_bench)


def _questions(args: argparse.Namespace) -> tuple[list[dict], str]:
    from finetune.eval_commands import spread_evenly
    from finetune.train import read_jsonl

    records = spread_evenly(read_jsonl(Path(DEFAULT_TEST)), args.test_n)
    wild = spread_evenly(read_jsonl(Path(DEFAULT_WILD)), args.wild_n) if args.wild_n else []
    return records + wild, f"{len(records)} from the test split, {len(wild)} in-the-wild"


def _served(args: argparse.Namespace, backends: list[str]) -> dict[str, dict]:
    """A served child per backend, one after the other (each alone on the machine)."""
    from bench.cold_start import measure_served

    if args.no_cold_start:
        return {name: {"cold_start_s": None} for name in backends}
    extra = ["--database-url", args.database_url] if getattr(args, "database_url", None) else []
    env = {name: {"STRAINCHAT_GENERATOR": name} for name in backends}
    return {name: measure_served(extra, load_sessions=args.load_sessions, env=env[name]) for name in backends}


def _machine() -> str:
    import torch

    return f"{os.cpu_count()} CPU cores, torch {torch.__version__} with {torch.get_num_threads()} threads"


def _decoding(settings) -> str:
    if settings.generator == "llamacpp":
        from text2sql.generators.llamacpp import default_threads
        from text2sql.gguf_export import serving_weights

        threads = settings.llamacpp_threads or default_threads()
        batch_threads = settings.llamacpp_batch_threads or os.cpu_count()
        weights = serving_weights(settings.gguf_weights)
        lookup = f"prompt-lookup drafts of {settings.prompt_lookup} tokens" if settings.prompt_lookup else "no drafts"
        return (
            f"llama.cpp ({weights}), greedy, {lookup} for a lone question "
            f"({threads} thread{'s' if threads > 1 else ''}); "
            f"under load continuous batching of up to {settings.max_batch} questions sharing the prompt start "
            f"({batch_threads} threads)"
        )
    if settings.generator != "local":  # the server decides how it decodes
        return f"by the {settings.generator} server"
    lookup = f"prompt-lookup drafts of {settings.prompt_lookup} tokens" if settings.prompt_lookup else "no drafts"
    return f"greedy, {lookup} for a lone question; under load batches of up to {settings.max_batch}"


def run_bench(args: argparse.Namespace) -> int:
    from bench import report
    from bench.backends import compare, parse_backends
    from bench.runs import run_both, warm_up
    from finetune.evaluate import gold_outcome
    from strainchat.cli import settings_for
    from text2sql.factory import build_pipeline

    settings = settings_for(args)
    backends = parse_backends(args.backends, settings.generator)
    served = _served(args, backends)  # first, alone: the served children must not compete with our own model
    pipeline = build_pipeline(settings)
    records, sets = _questions(args)
    golds = [gold_outcome(pipeline, r) for r in records]
    warm_up(pipeline, WARMUP)
    reports: dict = {}
    runs = run_both(pipeline, records, golds, reports)
    result = {**runs["product"], **served[backends[0]], "baseline": runs["baseline"], "model": pipeline.generator.name}
    default_run = (runs["product"], reports["product"])
    result["backends"] = compare(backends, pipeline, settings, records, golds, default_run, served, WARMUP)
    result.update(sets=sets, machine=_machine(), decoding=_decoding(settings), route=settings.route)
    if not args.no_report:
        report.write(result, Path(args.out))
    print(json.dumps(result, indent=None if args.json else 2))
    return 0
