"""`strainchat index build` (forced rebuild, with a progress bar) and `strainchat index status`."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    index = subparsers.add_parser("index", help="the value index (distinct values, dictionary, FAISS)")
    sub = index.add_subparsers(dest="index_command", required=True)
    build = sub.add_parser("build", help="rebuild the value index from the database now")
    add_common_flags(build)
    build.set_defaults(handler=run_build)
    status = sub.add_parser("status", help="print what the index on disk holds and whether it is current")
    add_common_flags(status)
    status.set_defaults(handler=run_status)


def run_build(args: argparse.Namespace) -> int:
    from index.build import build_index, open_catalogue
    from strainchat.cli import settings_for

    settings = settings_for(args)
    catalogue = open_catalogue(settings)
    try:
        index = build_index(catalogue, settings.index_dir, progress=True)
    finally:
        catalogue.close()
    meta = index.meta
    print(
        f"value index: {meta['values']} values in {len(index.columns)} columns, {meta['embedded']} embedded, "
        f"{meta['build_seconds']} s -> {settings.index_dir}"
    )
    return 0


def run_status(args: argparse.Namespace) -> int:
    from index.build import current_fingerprint, open_catalogue
    from index.store import IndexMissing, ValueIndex
    from strainchat.cli import settings_for

    settings = settings_for(args)
    try:
        index = ValueIndex.load(settings.index_dir)
    except IndexMissing as exc:
        print(f"strainchat: {exc}", file=sys.stderr)
        return 1
    catalogue = open_catalogue(settings)
    try:
        current = current_fingerprint(catalogue) == index.fingerprint
    finally:
        catalogue.close()
    summary = {key: index.meta.get(key) for key in ("built_at", "build_seconds", "values", "embedded", "model")}
    kinds = {p.name: p.kind for p in index.profiles if p.kind not in ("empty", "other")}
    print(json.dumps({**summary, "current": current, "linkable": index.columns, "kinds": kinds}, indent=2))
    return 0
