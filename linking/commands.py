"""`strainchat link` (one question or a JSONL file -> links as JSON) and `strainchat bench-link`.

    strainchat link --json "Aspergillus strains with Marine sediment"
    strainchat link --jsonl questions.jsonl          # lines {"id", "question"}; '-' reads stdin
    strainchat bench-link                            # writes reports/link-bench.json and .md

The index is loaded once per process (built first if missing); curator aliases come from the
database when it is reachable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from strainchat.settings import REPO_ROOT


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    link = subparsers.add_parser("link", help="link question terms to catalogue values and columns (JSON out)")
    source = link.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", metavar="QUESTION", help="link one question, print one JSON object")
    source.add_argument("--jsonl", metavar="FILE", help='link each {"id", "question"} line of FILE (- = stdin)')
    add_common_flags(link)
    link.set_defaults(handler=run_link)

    bench = subparsers.add_parser("bench-link", help="pair recall/precision and latency on the dev set")
    bench.add_argument("--dev", type=Path, default=None, help="dev set (default data/dev/link_dev.jsonl)")
    bench.add_argument("--out", type=Path, default=REPO_ROOT / "reports", help="folder for link-bench.json/.md")
    add_common_flags(bench)
    bench.set_defaults(handler=run_bench_link)


def build_linker(args: argparse.Namespace):
    """The index (built if missing or stale) and a linker reading aliases from the database."""
    from index.build import ensure_index, open_catalogue
    from linking.linker import ValueLinker
    from strainchat.cli import settings_for

    settings = settings_for(args)
    catalogue = open_catalogue(settings)
    index = ensure_index(settings, catalogue=catalogue)
    return ValueLinker(index, aliases=catalogue), catalogue


def run_link(args: argparse.Namespace) -> int:
    linker, catalogue = build_linker(args)
    try:
        if args.json is not None:
            print(json.dumps(result_json(linker, args.json), ensure_ascii=False))
            return 0
        return link_lines(linker, args.jsonl, sys.stdout)
    finally:
        catalogue.close()


def result_json(linker, question: str, id: Any = None, with_id: bool = False) -> dict[str, Any]:
    result = linker.link(question)
    body = {
        "question": question,
        "links": [link.to_json() for link in result.links],
        "columns": result.columns,
        "hints": [hint.to_json() for hint in result.hints],
        "timings_ms": result.timings_ms,
    }
    return {"id": id, **body} if with_id else body


def link_lines(linker, path: str, out: TextIO) -> int:
    """One output line per good input line; bad lines are reported on stderr and skipped (exit 1)."""
    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"strainchat link: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    bad = 0
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            item = _parse_line(line)
            if isinstance(item, str):
                print(f"strainchat link: {path}:{number}: {item}", file=sys.stderr)
                bad += 1
                continue
            out.write(
                json.dumps(result_json(linker, item["question"], item.get("id"), True), ensure_ascii=False) + "\n"
            )
    return 1 if bad else 0


def _parse_line(line: str) -> dict[str, Any] | str:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        return 'expected an object with a "question" string'
    return item


def run_bench_link(args: argparse.Namespace) -> int:
    from linking.bench import DEV_PATH, load_dev, run_bench, write_reports

    try:
        items = load_dev(args.dev or DEV_PATH)
    except (OSError, ValueError) as exc:
        print(f"strainchat bench-link: {exc}", file=sys.stderr)
        return 2
    linker, catalogue = build_linker(args)
    try:
        report = run_bench(linker, items)
    finally:
        catalogue.close()
    build = {k: linker.index.meta.get(k) for k in ("build_seconds", "values", "embedded", "built_at")}
    json_path, md_path = write_reports(report, args.out, build)
    pairs, lat = report.pairs, report.latency_ms
    print(
        f"questions {report.questions}  pair recall {pairs.recall:.3f}  precision {pairs.precision:.3f}  "
        f"columns recall {report.columns.recall:.3f} precision {report.columns.precision:.3f}  "
        f"latency p50 {lat['p50']} ms p95 {lat['p95']} ms  index build {build['build_seconds']} s"
    )
    print(f"wrote {json_path} and {md_path}")
    return 0
