"""`strainchat check-sql`: run the guard and post-processing on SQL as if the model had written it.

    strainchat check-sql --json "SELECT * FROM detailedstrian WHERE collectiondate < '2010'"
    strainchat check-sql --jsonl queries.jsonl      # lines {"id", "sql"}; one result line each

Each result is {"id", "ok", "sql", "error"}: `sql` is the final SQL the app would run, `error` why
it was refused. Nothing is executed; the database is only read for the column types (and the value
index, when built, for the dictionary fix).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from sqlproc.facts import CatalogueFacts, facts_from_catalogue
from sqlproc.pipeline import check_sql


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("check-sql", help="guard and post-process SQL as if the model wrote it (JSON)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", metavar="SQL", help="one SQL text; prints one JSON object")
    source.add_argument("--jsonl", metavar="FILE", help='lines {"id", "sql"} ("-" = stdin); prints one line each')
    p.add_argument("--no-values", action="store_true", help="skip the value index (no dictionary fix)")
    add_common_flags(p)
    p.set_defaults(handler=run_check_sql)


def build_facts(settings, *, values: bool = True) -> CatalogueFacts:
    """Column types from the live database, plus the value index when asked and its module is there."""
    from catalogue.database import Catalogue
    from catalogue.server import owner_dsn, reader_dsn

    owner = owner_dsn(settings)
    catalogue = Catalogue(reader_dsn(settings, owner), owner, statement_timeout_ms=settings.statement_timeout_ms)
    try:
        index = _value_index(settings) if values else None
        return facts_from_catalogue(catalogue, values=index)
    finally:
        catalogue.close()


def _value_index(settings):
    try:
        from index.build import ensure_index
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("index"):  # a checkout without the value index
            return None
        raise
    return ensure_index(settings)  # its own connection: a rebuild needs a longer statement timeout


def result_line(item_id: object, sql: object, facts: CatalogueFacts) -> dict:
    return {"id": item_id, **check_sql(sql, facts)}


def read_items(lines: Iterator[str]) -> Iterator[tuple[object, object, str | None]]:
    """(id, sql, error) per non-empty line; a malformed line yields an error, the run goes on."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield item.get("id"), item["sql"], None
        except (ValueError, KeyError, TypeError, AttributeError):
            yield number, None, f'line {number}: expected {{"id", "sql"}}'


def run_check_sql(args: argparse.Namespace) -> int:
    from strainchat.cli import settings_for

    facts = build_facts(settings_for(args), values=not args.no_values)
    if args.json is not None:
        print(_dumps(result_line(None, args.json, facts)))
        return 0
    with _open(args.jsonl) as handle:
        for item_id, sql, error in read_items(handle):
            refused = {"id": item_id, "ok": False, "sql": None, "error": error}
            print(_dumps(refused if error else result_line(item_id, sql, facts)), flush=True)
    return 0


def _open(path: str):
    if path == "-":
        return open(sys.stdin.fileno(), encoding="utf-8", closefd=False)
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"strainchat check-sql: cannot read {path}: {exc.strerror}") from exc


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
