"""Check the conversation dev set `data/dev/conversations.jsonl` against the live catalogue.

    .venv/bin/python data/dev/check_conversations.py                 # the default file
    .venv/bin/python data/dev/check_conversations.py other.jsonl -v  # -v: every turn's row count

Needs the database set up (`strainchat setup`). For every turn the gold SQL must
  1. pass `sqlproc.pipeline.check_sql` with the same facts `strainchat check-sql` builds (column types
     plus the value index);
  2. already be in the canonical stored form: the table/column/value repairs change nothing (so every
     stored spelling of a value is in its `IN (...)`);
  3. run, as post-processed, through psycopg on the reader DSN (`strainchat db url --role reader`) and
     return something: at least one row, a count above 0; a top-N query has no tie among its first N + 1;
  4. agree with its dialogue act, compared with the turn before (conditions = the top-level AND terms
     of WHERE, in order; projection = the query without its WHERE):
     REFINE adds conditions after the earlier ones, REPLACE changes conditions in place on the same
     columns, REMOVE drops some, PROJECT keeps the conditions and changes the projection; the first
     three keep the projection. NEW and FIRST are only checked for being where they belong.
It then prints the counts per act x language and a few conversation-shape counts; the exit status is 1
when any check fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlglot import exp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere in the checkout

from catalogue.server import owner_dsn, reader_dsn  # noqa: E402
from sqlproc.commands import build_facts  # noqa: E402
from sqlproc.facts import CatalogueFacts  # noqa: E402
from sqlproc.pipeline import check_sql, postprocess  # noqa: E402
from sqlproc.syntax import parse_one, render  # noqa: E402
from strainchat.settings import settings_from_env  # noqa: E402

DEFAULT_FILE = Path(__file__).with_name("conversations.jsonl")
ACTS = ("FIRST", "NEW", "REFINE", "REPLACE", "REMOVE", "PROJECT")
LANGUAGES = ("en", "it")
REPAIRS = {"tables", "columns", "values", "links"}  # rules that mean the gold was not written as stored


@dataclass(frozen=True)
class Shape:
    projection: str  # the query with its WHERE removed
    conditions: tuple[str, ...]  # the top-level AND terms of WHERE, in order
    columns: tuple[frozenset[str], ...]  # the columns each condition names


def shape_of(sql: str) -> Shape:
    tree = parse_one(sql)
    where = tree.args.get("where")
    terms = _conjuncts(where.this) if where is not None else []
    bare = tree.copy()
    bare.set("where", None)
    return Shape(
        projection=render(bare),
        conditions=tuple(render(term) for term in terms),
        columns=tuple(frozenset(col.name.lower() for col in term.find_all(exp.Column)) for term in terms),
    )


def _conjuncts(node: exp.Expression) -> list[exp.Expression]:
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.And):
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


def act_problem(act: str, before: Shape, now: Shape) -> str | None:
    """Why `now` does not do what `act` says to `before` (None when it does)."""
    same_projection = now.projection == before.projection
    old, new = before.conditions, now.conditions
    if act == "PROJECT":
        if old != new:
            return "PROJECT changes the conditions"
        return None if not same_projection else "PROJECT keeps the projection"
    if act == "NEW":
        return "NEW repeats the previous query" if (old, now.projection) == (new, before.projection) else None
    if not same_projection:
        return f"{act} changes the projection"
    if act == "REFINE":
        return None if len(new) > len(old) and new[: len(old)] == old else "REFINE must keep the old conditions first"
    if act == "REMOVE":
        return None if len(new) < len(old) and _is_subsequence(new, old) else "REMOVE must drop conditions, in order"
    if act == "REPLACE":
        return _replace_problem(before, now)
    return f"unknown act {act}"


def _replace_problem(before: Shape, now: Shape) -> str | None:
    if len(before.conditions) != len(now.conditions):
        return "REPLACE must keep the number of conditions"
    changed = [i for i, (a, b) in enumerate(zip(before.conditions, now.conditions, strict=True)) if a != b]
    if not changed:
        return "REPLACE changes nothing"
    if any(before.columns[i] != now.columns[i] for i in changed):
        return "REPLACE must change values in place on the same columns"
    return None


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    rest = iter(long)
    return all(item in rest for item in short)


def structure_problems(conv: dict) -> list[str]:
    problems = []
    if conv.get("language") not in LANGUAGES:
        problems.append(f"language {conv.get('language')!r}")
    if not str(conv.get("id", "")).startswith(f"conv-{conv.get('language')}-"):
        problems.append("id does not start with conv-<language>-")
    turns = conv.get("turns") or []
    if not 2 <= len(turns) <= 4:
        problems.append(f"{len(turns)} turns (2-4 wanted)")
    for number, turn in enumerate(turns, start=1):
        act = turn.get("act")
        if set(turn) != {"question", "sql", "act"} or not turn["question"].strip():
            problems.append(f"turn {number}: fields {sorted(turn)}")
        if (number == 1) != (act == "FIRST") or act not in ACTS:
            problems.append(f"turn {number}: act {act!r}")
    return problems


def run_gold(sql: str, facts: CatalogueFacts, conn: psycopg.Connection) -> tuple[str | None, int]:
    """(problem, size) for one gold query: size is the count of a count, else the number of rows."""
    checked = check_sql(sql, facts)
    if not checked["ok"]:
        return f"check_sql refuses it: {checked['error']}", 0
    processed = postprocess(sql, facts)
    if REPAIRS & set(processed.applied):
        return f"not in stored form; the repairs make it: {processed.model_sql}", 0
    try:
        rows = conn.execute(processed.sql).fetchall()
    except psycopg.Error as exc:
        conn.rollback()
        return f"fails to run: {exc}".strip(), 0
    conn.rollback()
    size = rows[0][0] if _is_single_count(rows, processed.kind) else len(rows)
    if not size:
        return "empty result", 0
    return _tie_problem(sql, facts, conn), size


def _is_single_count(rows: list[tuple], kind: str) -> bool:
    return kind == "aggregate" and len(rows) == 1 and len(rows[0]) == 1 and isinstance(rows[0][0], int)


def _tie_problem(sql: str, facts: CatalogueFacts, conn: psycopg.Connection) -> str | None:
    """A top-N query (ORDER BY ... LIMIT n) whose n-th and (n+1)-th groups tie cannot be scored by order."""
    tree = parse_one(sql)
    limit = tree.args.get("limit")
    if limit is None or tree.args.get("order") is None or not tree.args.get("group"):
        return None
    n = int(limit.expression.name)
    tree.set("limit", exp.Limit(expression=exp.Literal.number(n + 1)))
    counts = [row[-1] for row in conn.execute(postprocess(render(tree), facts).sql).fetchall()]
    conn.rollback()
    return None if len(counts) == len(set(counts)) else "top-N has a tie within its first N + 1 groups"


def check_file(path: Path, verbose: bool) -> int:
    conversations = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = settings_from_env()
    facts = build_facts(settings)
    dsn = reader_dsn(settings, owner_dsn(settings))
    failures = 0
    with psycopg.connect(dsn) as conn:
        conn.execute("SET statement_timeout = 20000")
        for conv in conversations:
            failures += check_conversation(conv, facts, conn, verbose)
    failures += _duplicate_ids(conversations)
    print_counts(conversations)
    print(f"{len(conversations)} conversations, {failures} problem(s)")
    return 1 if failures else 0


def check_conversation(conv: dict, facts: CatalogueFacts, conn: psycopg.Connection, verbose: bool) -> int:
    cid = conv.get("id")
    problems = [f"{cid}: {p}" for p in structure_problems(conv)]
    before: Shape | None = None
    for number, turn in enumerate(conv.get("turns") or [], start=1):
        problem, size = run_gold(turn["sql"], facts, conn)
        if problem:
            problems.append(f"{cid} turn {number}: {problem}\n    {turn['sql']}")
        now = shape_of(turn["sql"])
        if before is not None and (why := act_problem(turn["act"], before, now)):
            problems.append(f"{cid} turn {number}: {why}\n    {turn['sql']}")
        before = now
        if verbose:
            print(f"{cid} {number} {turn['act']:8} {size:6}  {turn['question']}")
    for line in problems:
        print("FAIL", line)
    return len(problems)


def _duplicate_ids(conversations: list[dict]) -> int:
    repeated = [cid for cid, n in Counter(c.get("id") for c in conversations).items() if n > 1]
    for cid in repeated:
        print("FAIL duplicate id", cid)
    return len(repeated)


def print_counts(conversations: list[dict]) -> None:
    acts = Counter((turn["act"], conv["language"]) for conv in conversations for turn in conv["turns"])
    print(f"{'act':8} {'en':>5} {'it':>5} {'all':>5}")
    for act in ACTS:
        row = [acts[act, lang] for lang in LANGUAGES]
        print(f"{act:8} {row[0]:5} {row[1]:5} {sum(row):5}")
    languages = Counter(conv["language"] for conv in conversations)
    lengths = Counter(len(conv["turns"]) for conv in conversations)
    print("conversations per language:", dict(sorted(languages.items())))
    print("conversations per number of turns:", dict(sorted(lengths.items())))
    print("NEW right after a count or group:", _new_after_aggregate(conversations))
    print("REFINE at turn 2 and turn 3:", sum(_acts(c)[1:3] == ["REFINE", "REFINE"] for c in conversations))


def _acts(conv: dict) -> list[str]:
    return [turn["act"] for turn in conv["turns"]]


def _new_after_aggregate(conversations: list[dict]) -> int:
    found = 0
    for conv in conversations:
        turns = conv["turns"]
        for previous, turn in zip(turns, turns[1:], strict=False):
            found += turn["act"] == "NEW" and "COUNT(" in previous["sql"].upper()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every turn with its result size")
    args = parser.parse_args(argv)
    return check_file(args.file, args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
