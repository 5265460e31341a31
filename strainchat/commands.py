"""Core subcommands: `strainchat setup` and `strainchat db url`."""

from __future__ import annotations

import argparse
import sys

from catalogue.server import owner_dsn, reader_dsn
from catalogue.setup import setup


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("setup", help="start/create the database and load the catalogue (idempotent)")
    p.add_argument("--reload", action="store_true", help="reload the catalogue even if it is up to date")
    add_common_flags(p)
    p.set_defaults(handler=run_setup)

    db = subparsers.add_parser("db", help="database helpers")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    url = db_sub.add_parser("url", help="print one DSN line for the given role")
    url.add_argument("--role", choices=("owner", "reader"), default="owner")
    add_common_flags(url)
    url.set_defaults(handler=run_db_url)


def run_setup(args: argparse.Namespace) -> int:
    from index.build import ensure_index
    from strainchat.cli import settings_for

    settings = settings_for(args)
    report = setup(settings, force_reload=args.reload)
    if report.strains_loaded is None:
        print("catalogue: up to date", file=sys.stderr)
    else:
        print(f"catalogue: loaded {report.strains_loaded} strains", file=sys.stderr)
    index = ensure_index(settings)  # rebuilt only when the database fingerprint changed
    print(
        f"value index: {index.meta['values']} values in {len(index.columns)} columns, built {index.meta['built_at']}",
        file=sys.stderr,
    )
    from text2sql.gguf_commands import prepare_for_setup

    model_line = prepare_for_setup(settings)  # the llama.cpp backend's GGUF, when it is the generator
    if model_line:
        print(model_line, file=sys.stderr)
    print("setup: done", file=sys.stderr)
    return 0


def run_db_url(args: argparse.Namespace) -> int:
    from strainchat.cli import settings_for

    settings = settings_for(args)
    owner = owner_dsn(settings)
    print(owner if args.role == "owner" else reader_dsn(settings, owner))
    return 0
