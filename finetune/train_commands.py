"""`strainchat train`: fine-tune a LoRA adapter on the generated dataset (see finetune/train.py)."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from finetune.config import NAMED


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("train", help="fine-tune a LoRA adapter (TRL SFTTrainer + PEFT)")
    p.add_argument("--config", choices=sorted(NAMED), default="cpu", help="named configuration")
    p.add_argument("--output-dir", help="adapter folder (default: the configuration's)")
    p.add_argument("--epochs", type=float, help="override the number of epochs")
    p.add_argument("--max-train-examples", type=int, help="cap the training examples")
    p.add_argument("--base-model", help="override the base model reference")
    p.add_argument("--learning-rate", type=float, help="override the peak learning rate")
    p.add_argument("--augment", type=float, help="share of training questions rewritten with word-level noise")
    p.add_argument("--init-adapter", help="continue training this adapter folder (read before it is overwritten)")
    p.add_argument("--bf16", action="store_true", default=None, help="bfloat16 autocast (CPUs with avx512_bf16)")
    p.add_argument("--full", action="store_true", default=None, help="full fine-tuning instead of LoRA")
    p.add_argument("--max-steps", type=int, help="stop after N optimizer steps (recipe comparisons)")
    p.add_argument(
        "--no-linked-values",
        action="store_true",
        help="leave the 'Linked values' line out of the prompt (the draft carries the same conditions)",
    )
    p.add_argument("--no-schema-line", action="store_true", help="leave the line of columns out of the prompt")
    add_common_flags(p)
    p.set_defaults(handler=run_train)


def resolved_config(args: argparse.Namespace):
    config = NAMED[args.config]
    overrides = {
        "output_dir": args.output_dir,
        "num_train_epochs": args.epochs,
        "max_train_examples": args.max_train_examples,
        "base_model": args.base_model,
        "learning_rate": args.learning_rate,
        "augment_prob": args.augment,
        "init_adapter": args.init_adapter,
        "bf16": args.bf16,
        "full_finetune": args.full,
        "max_steps": args.max_steps,
    }
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
    prompt = replace(
        config.prompt,
        use_links=config.prompt.use_links and not args.no_linked_values,
        use_schema=config.prompt.use_schema and not args.no_schema_line,
    )
    return replace(config, prompt=prompt)


def run_train(args: argparse.Namespace) -> int:
    from finetune.train import prompt_builder, train
    from strainchat.cli import settings_for
    from text2sql.factory import build_linker_and_facts

    settings = settings_for(args)
    config = resolved_config(args)
    linker, facts = build_linker_and_facts(settings)
    run_dir = settings.home / "runs" / time.strftime("%Y%m%d-%H%M%S")
    summary = train(config, prompt_builder(linker, facts.columns, config), run_dir=run_dir)
    print(json.dumps({k: v for k, v in summary.items() if k != "history"}, indent=2))
    print(f"adapter written to {Path(config.output_dir).resolve()}")
    return 0
