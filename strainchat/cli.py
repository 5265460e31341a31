"""The `strainchat` command: one entry point, one subcommand per stage.

Each package that owns a stage contributes its subcommands through a `commands.py` module with
`register(subparsers)`; this file only lists those modules. Real objects (database pools, model,
index) are built here and in `app.py`, nowhere else.

    strainchat setup                 # start/create the database, load the catalogue, build the index
    strainchat db url [--role ...]   # print one DSN line
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import replace

from catalogue.server import DatabaseUnavailable
from strainchat.settings import Settings, settings_from_env

# Packages whose `commands` module adds subcommands, in help order.
COMMAND_MODULES = [
    "strainchat.commands",
    "catalogue.commands",
    "index.commands",
    "linking.commands",
    "text2sql.commands",
    "text2sql.gguf_commands",
    "sqlproc.commands",
    "finetune.commands",
    "finetune.train_commands",
    "finetune.eval_commands",
    "chat_app.commands",
    "bench.commands",
]


def settings_for(args: argparse.Namespace) -> Settings:
    """Settings from the environment, with the global flags applied on top."""
    settings = settings_from_env()
    if getattr(args, "database_url", None):
        settings = replace(settings, database_url=args.database_url)
    return settings


def add_common_flags(parser: argparse.ArgumentParser, *, default: object = argparse.SUPPRESS) -> None:
    """Flags every subcommand accepts, before or after its name."""
    parser.add_argument(
        "--database-url",
        default=default,
        help="owner DSN of an external PostgreSQL (default: STRAINCHAT_DATABASE_URL, else the embedded server)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strainchat", description=__doc__.split("\n")[0])
    add_common_flags(parser, default=None)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that stage is not built yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except DatabaseUnavailable as exc:
        print(f"strainchat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
