"""Chat subcommands: serve the app, export the approved answers as training data, load-test a served app.

strainchat serve [--host 127.0.0.1] [--port 7860]    # the model and the index load once, here
strainchat export-feedback [--out FILE]              # thumbs-up answers as training JSONL
strainchat load --url URL [--sessions 16] [--per-session 8] [--json]   # concurrent conversations via /ask
"""

from __future__ import annotations

import argparse
import json
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

    load = subparsers.add_parser("load", help="drive concurrent conversations against a served app's /ask")
    load.add_argument("--url", required=True, help="the served app, e.g. http://127.0.0.1:7860/")
    load.add_argument("--sessions", type=int, default=16, help="concurrent conversations (default 16)")
    load.add_argument("--per-session", type=int, default=8, help="questions per conversation (default 8)")
    load.add_argument("--questions", metavar="FILE", help="one question per line (default: a built-in conversation)")
    load.add_argument("--no-single", action="store_true", help="skip the single-user baseline run")
    load.add_argument("--json", action="store_true", help="print one JSON object")
    load.set_defaults(handler=run_load_command)


def build_app(settings: Settings):
    """The real app: database pools, value index, linker and model, built once and shared by all sessions."""
    from chat_app.curators import CuratorAuth
    from chat_app.ui import build_ui
    from text2sql.factory import build_pipeline

    pipeline = build_pipeline(settings)
    # On a Space nobody can run `strainchat curator add`: only the token (a Space secret) signs in.
    curators = CuratorAuth(pipeline.catalogue, token=settings.curator_token, on_space=bool(settings.space_id))
    # Gradio must let at least a full batch of questions in at once, or batches never fill.
    return build_ui(pipeline, concurrency=max(8, settings.max_batch), curators=curators)


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


def run_load_command(args: argparse.Namespace) -> int:
    """Single-user baseline, then the concurrent run; exit 1 when any question failed."""
    from chat_app.load import DEFAULT_QUESTIONS, compare_load, run_load

    questions = DEFAULT_QUESTIONS
    if args.questions:
        with open(args.questions, encoding="utf-8") as handle:
            questions = [line.strip() for line in handle if line.strip()]
    try:
        if args.no_single:
            result = run_load(args.url, questions, args.sessions, args.per_session)
            data, errors = {"load": result.to_json()}, len(result.errors)
        else:
            report = compare_load(args.url, questions, args.sessions, args.per_session)
            data, errors = report.to_json(), len(report.single.errors) + len(report.load.errors)
    except Exception as exc:  # no app at that URL (connection refused, not Gradio, no /ask)
        print(f"strainchat: cannot load-test {args.url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"url": args.url, **data}))
    else:
        for name in ("single", "load"):
            if name in data:
                run = data[name]
                print(
                    f"{name}: {run['sessions']} × {run['per_session']}, p50 {run['p50_s']} s, "
                    f"p95 {run['p95_s']} s, {run['errors']} errors, {run['questions_per_s']} questions/s"
                )
        if "p95_ratio" in data:
            print(f"p95 under load / single user: {data['p95_ratio']}")
    return 1 if errors else 0
