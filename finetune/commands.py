"""`strainchat dataset`: build the text-to-SQL splits, or check a JSONL file of questions and gold SQL.

strainchat dataset build [--seed 13] [--out data/dataset] [--train 1512 --validation 308 --test 308]
    [--shape-train 22 --shape-validation 10 --shape-test 10]
strainchat dataset check data/wild/wild.jsonl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strainchat.settings import REPO_ROOT


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("dataset", help="text-to-SQL dataset: build the splits, check gold SQL")
    sub = p.add_subparsers(dest="dataset_command", required=True)
    build = sub.add_parser("build", help="generate train/validation/test JSONL from the templates")
    build.add_argument("--seed", type=int, default=13, help="same seed, same files (default 13)")
    build.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "dataset", help="output folder")
    build.add_argument("--templates", type=Path, default=REPO_ROOT / "data" / "templates", help="template folder")
    for split, size in (("train", 1512), ("validation", 308), ("test", 308)):
        build.add_argument(f"--{split}", type=int, default=size, help=f"{split} records of C1-C7 (default {size})")
    for split, size in (("train", 22), ("validation", 10), ("test", 10)):
        build.add_argument(
            f"--shape-{split}", type=int, default=size, help=f"{split} records per C8-C13 shape x language ({size})"
        )
    add_common_flags(build)
    build.set_defaults(handler=run_build)
    check = sub.add_parser("check", help="execute the gold SQL of a JSONL file; list what fails or finds nothing")
    check.add_argument("path", type=Path, help="JSONL with records {id, sql, history: [{question, sql}]}")
    add_common_flags(check)
    check.set_defaults(handler=run_check)


def _catalogue(args: argparse.Namespace):
    from catalogue.database import Catalogue
    from catalogue.server import owner_dsn, reader_dsn
    from strainchat.cli import settings_for

    settings = settings_for(args)
    owner = owner_dsn(settings)
    return Catalogue(reader_dsn(settings, owner), owner, statement_timeout_ms=settings.statement_timeout_ms)


def run_build(args: argparse.Namespace) -> int:
    from finetune.dataset import BuildConfig, build_dataset, count_table, write_splits
    from finetune.templates import TemplateError

    sizes = {"train": args.train, "validation": args.validation, "test": args.test}
    shape_sizes = {"train": args.shape_train, "validation": args.shape_validation, "test": args.shape_test}
    if min(*sizes.values(), *shape_sizes.values()) < 0:
        print("strainchat: split sizes must be >= 0", file=sys.stderr)
        return 2
    catalogue = _catalogue(args)
    try:
        config = BuildConfig(seed=args.seed, sizes=sizes, shape_sizes=shape_sizes, templates_dir=args.templates)
        result = build_dataset(catalogue, config, progress=lambda line: print(line, file=sys.stderr))
    except (TemplateError, FileNotFoundError) as exc:
        print(f"strainchat: {exc}", file=sys.stderr)
        return 2
    finally:
        catalogue.close()
    for path in write_splits(args.out, result.splits):
        print(f"wrote {path}", file=sys.stderr)
    print(count_table(result.splits))
    for shortfall in result.shortfalls:
        print(f"short: {shortfall}", file=sys.stderr)
    return 1 if result.shortfalls else 0


def run_check(args: argparse.Namespace) -> int:
    import json

    from finetune.dataset import check_records, read_jsonl
    from finetune.sampling import GoldChecker

    try:
        records = read_jsonl(args.path)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"strainchat: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    catalogue = _catalogue(args)
    try:
        problems = check_records(GoldChecker(catalogue), records)
    finally:
        catalogue.close()
    for problem in problems:
        print(problem)
    print(f"{len(records)} records, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0
