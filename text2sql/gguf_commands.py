"""`strainchat export-gguf`: the fine-tuned model as the llama.cpp backend's GGUF file (text2sql/gguf_export.py).

strainchat export-gguf                       # STRAINCHAT_HOME/models/adapter-<hash>.<weights>.gguf, if stale
strainchat export-gguf --type bf16 --force   # export again whatever the fingerprint says
strainchat export-gguf --out /tmp/m.gguf     # another file (always written)

`strainchat setup` (and so `make run` and app.py) runs the first form when STRAINCHAT_GENERATOR is
llamacpp, and the app checks the fingerprint again when it starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags
    from text2sql.gguf_export import WEIGHT_TYPES

    p = subparsers.add_parser("export-gguf", help="merge the adapter into the base and write the llama.cpp GGUF")
    p.add_argument("--type", choices=("auto", *WEIGHT_TYPES), help="weights (default: STRAINCHAT_GGUF_WEIGHTS)")
    p.add_argument("--out", help="write this file instead of the cached one under STRAINCHAT_HOME")
    p.add_argument("--force", action="store_true", help="export even if the cached file is up to date")
    add_common_flags(p)
    p.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from strainchat.cli import settings_for
    from text2sql.gguf_export import ExportError, cached_path, ensure_gguf, export_gguf, fingerprint, serving_weights

    settings = settings_for(args)
    try:
        weights = serving_weights(args.type or settings.gguf_weights)
        if args.out or args.force:
            out = Path(args.out) if args.out else cached_path(settings.home, settings.model, settings.adapter, weights)
            summary = export_gguf(settings.model, settings.adapter, out, weights)
        else:
            path = ensure_gguf(settings.model, settings.adapter, settings.home, weights)
            summary = {"path": str(path), "bytes": path.stat().st_size}
    except ExportError as exc:
        print(f"strainchat: {exc}", file=sys.stderr)
        return 2
    summary["fingerprint"] = fingerprint(settings.model, settings.adapter, weights)
    print(json.dumps(summary))
    return 0


def prepare_for_setup(settings) -> str | None:
    """For `strainchat setup`: the llamacpp backend's file, exported now if missing or stale."""
    if settings.generator != "llamacpp":
        return None
    from text2sql.gguf_export import ensure_gguf, serving_weights

    path = ensure_gguf(settings.model, settings.adapter, settings.home, serving_weights(settings.gguf_weights))
    return f"llama.cpp model: {path} ({path.stat().st_size // 2**20} MiB), matches the adapter"
