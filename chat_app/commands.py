"""Chat subcommands: serve the app, export the approved answers as training data.

strainchat serve [--host 127.0.0.1] [--port 7860]    # the model and the index load once, here
strainchat export-feedback [--out FILE]              # thumbs-up answers as training JSONL
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext

from strainchat.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    serve = subparsers.add_parser("serve", help="serve the chat app (run `strainchat setup` first)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7860, help="port to listen on (default 7860)")
    add_common_flags(serve)
    serve.set_defaults(handler=run_serve)

    export = subparsers.add_parser("export-feedback", help="write the thumbs-up answers as training JSONL")
    export.add_argument("--out", metavar="FILE", help="output file (default: standard output)")
    add_common_flags(export)
    export.set_defaults(handler=run_export_feedback)


def build_app(settings: Settings):
    """The real app: database pools, value index, linker and model, built once and shared by all sessions."""
    from chat_app.ui import build_ui
    from text2sql.factory import build_pipeline

    return build_ui(build_pipeline(settings))


def run_serve(args: argparse.Namespace) -> int:
    from chat_app.ui import launch
    from strainchat.cli import settings_for

    print("loading the value index and the model…", file=sys.stderr)
    demo = build_app(settings_for(args))
    try:
        launch(demo, args.host, args.port)
    except OSError as exc:  # Gradio's "Cannot find empty port": say which and how to choose another
        print(f"strainchat: cannot listen on {args.host}:{args.port} ({exc}); try --port", file=sys.stderr)
        return 2
    return 0


def run_export_feedback(args: argparse.Namespace) -> int:
    from chat_app.feedback import approved_examples, write_jsonl
    from strainchat.cli import settings_for
    from text2sql.factory import build_catalogue

    catalogue = build_catalogue(settings_for(args))
    try:
        examples = approved_examples(catalogue)
    finally:
        catalogue.close()
    with _output(args.out) as out:
        count = write_jsonl(examples, out)
    print(f"export-feedback: {count} approved answers", file=sys.stderr)
    return 0


def _output(path: str | None):
    """The file to write (standard output when no path is given)."""
    return open(path, "w", encoding="utf-8") if path else nullcontext(sys.stdout)  # noqa: SIM115 (returned to a with)
