"""Check the hand-written dev set `data/dev/questions.jsonl` against its format and the real catalogue.

    .venv/bin/python data/dev/check_questions.py [data/dev/questions.jsonl] [--min-per-cell 11]

What is checked, per record: the fields and their values (`shape` is a tag of docs/question-shapes.md,
`category` equals it, `language` en/it, `style` terse/typo/plain/doc, `history` empty, `sql` first in
`possible_sql_queries`); the gold is canonical sqlglot PostgreSQL, runs on the catalogue after
post-processing and finds something (a count above zero), as `strainchat dataset check` does; it passes
`strainchat check-sql` (guard and post-processing with the value index); every other listed query
returns the same result as the gold; for `top_n` the first N + 1 group counts are all different, so no
tie decides the answer. Over the file: ids and questions are unique, both languages have as many
questions, and every shape x language cell has at least `--min-per-cell` questions.

Notes (printed, not failures): the value-dictionary rule of post-processing would change the gold's
values or columns (a hint that a stored spelling or a variant is missing, or that the rule moves a
substring match elsewhere). Exit status 1 when something fails, else 0; the last lines are the
shape x language table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from catalogue.database import Catalogue  # noqa: E402
from catalogue.server import owner_dsn, reader_dsn  # noqa: E402
from finetune.sampling import GoldChecker  # noqa: E402
from sqlproc.commands import build_facts  # noqa: E402
from sqlproc.facts import CatalogueFacts  # noqa: E402
from sqlproc.pipeline import SqlRejected, check_sql, postprocess  # noqa: E402
from strainchat.settings import settings_from_env  # noqa: E402

SHAPES_DOC = ROOT / "docs" / "question-shapes.md"
LANGUAGES = ("en", "it")
STYLES = ("terse", "typo", "plain", "doc")
VALUE_RULES = ("tables", "columns", "values")  # the repairs that change which column or value a query names
FIELDS = ("id", "split", "shape", "category", "language", "style", "question", "sql", "possible_sql_queries", "history")


def shape_tags(doc: Path = SHAPES_DOC) -> list[str]:
    """The tags of the shape table: its first column, in table order."""
    return re.findall(r"^\| `([a-z_]+)` \|", doc.read_text(encoding="utf-8"), flags=re.M)


def format_problems(record: dict[str, Any], tags: list[str]) -> list[str]:
    name = record.get("id", "?")
    problems = [f"{name}: missing field {f}" for f in FIELDS if f not in record]
    if problems:
        return problems
    lang = record["language"]
    if not re.fullmatch(rf"devq-{lang}-\d{{3,}}", record["id"]):
        problems.append(f"{name}: id does not read devq-{lang}-NNN")
    checks = [
        (record["split"] == "dev", "split is not 'dev'"),
        (record["shape"] in tags, f"unknown shape {record['shape']!r}"),
        (record["category"] == record["shape"], "category differs from shape"),
        (lang in LANGUAGES, f"language {lang!r}"),
        (record["style"] in STYLES, f"style {record['style']!r}"),
        (record["history"] == [], "history is not empty"),
        (bool(record["question"].strip()), "empty question"),
        (record["possible_sql_queries"][:1] == [record["sql"]], "sql is not first in possible_sql_queries"),
    ]
    return problems + [f"{name}: {why}" for ok, why in checks if not ok]


def result_of(catalogue: Catalogue, checker: GoldChecker, sql: str) -> Counter | list:
    rows = catalogue.run_read(checker.rewrite(sql), max_rows=None).rows
    ordered = sqlglot.parse_one(sql, read="postgres").args.get("order") is not None
    return list(rows) if ordered else Counter(rows)


def sql_problems(record: dict[str, Any], catalogue: Catalogue, checker: GoldChecker, facts: CatalogueFacts) -> list:
    name, gold = record["id"], record["sql"]
    try:
        if not checker.finds_something(gold):
            return [f"{name}: gold finds nothing: {gold}"]
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the check
        return [f"{name}: {exc}"]
    problems = []
    verdict = check_sql(gold, facts)
    if not verdict["ok"]:
        problems.append(f"{name}: check-sql refuses the gold: {verdict['error']}")
    expected = result_of(catalogue, checker, gold)
    for other in record["possible_sql_queries"][1:]:
        try:
            same = result_of(catalogue, checker, other) == expected
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{name}: alternative fails: {other}: {exc}")
            continue
        if not same:
            problems.append(f"{name}: alternative gives another result: {other}")
    if record["shape"] == "top_n":
        problems += tie_problems(name, gold, catalogue, checker)
    return problems


def tie_problems(name: str, gold: str, catalogue: Catalogue, checker: GoldChecker) -> list[str]:
    """Top N: the first N + 1 counts of the ranking must all differ."""
    tree = sqlglot.parse_one(gold, read="postgres")
    limit = tree.args.get("limit")
    if limit is None:
        return [f"{name}: top_n gold without LIMIT"]
    n = int(limit.expression.name)
    longer = tree.copy().limit(n + 1).sql(dialect="postgres")
    counts = [row[-1] for row in catalogue.run_read(checker.rewrite(longer), max_rows=None).rows]
    if len(counts) < n + 1 or len(set(counts)) < n + 1:
        return [f"{name}: top {n} is decided by a tie or too few groups: counts {counts}"]
    return []


def dictionary_note(record: dict[str, Any], facts: CatalogueFacts) -> str | None:
    """The gold as the value-dictionary rule would rewrite it, when that differs from the gold."""
    try:
        processed = postprocess(record["sql"], facts)
    except SqlRejected:
        return None
    rules = [rule for rule in processed.applied if rule in VALUE_RULES]
    if not rules or processed.model_sql is None or _same(processed.model_sql, record["sql"]):
        return None
    return f"{record['id']}: {'/'.join(rules)} rewrite the gold:\n    {record['sql']}\n -> {processed.model_sql}"


def _same(a: str, b: str) -> bool:
    def norm(sql: str) -> str:
        tree = sqlglot.parse_one(sql, read="postgres")
        for node in tree.find_all(exp.In):  # IN lists compare as sets
            node.set("expressions", sorted(node.expressions, key=lambda e: e.sql()))
        return tree.sql(dialect="postgres")

    return norm(a) == norm(b)


def file_problems(records: list[dict[str, Any]], tags: list[str], min_per_cell: int) -> list[str]:
    problems = []
    for key in ("id", "question"):
        counts = Counter(r.get(key) for r in records)
        problems += [f"duplicate {key}: {value!r}" for value, n in counts.items() if n > 1]
    per_lang = Counter(r.get("language") for r in records)
    if per_lang["en"] != per_lang["it"]:
        problems.append(f"languages unbalanced: {dict(per_lang)}")
    cells = Counter((r.get("shape"), r.get("language")) for r in records)
    for tag in tags:
        for lang in LANGUAGES:
            if cells[(tag, lang)] < min_per_cell:
                problems.append(f"cell {tag} x {lang}: {cells[(tag, lang)]} questions, fewer than {min_per_cell}")
    return problems


def count_table(records: list[dict[str, Any]], tags: list[str]) -> str:
    cells = Counter((r.get("shape"), r.get("language")) for r in records)
    lines = ["| shape | en | it | total |", "| --- | ---: | ---: | ---: |"]
    for tag in tags:
        en, it = cells[(tag, "en")], cells[(tag, "it")]
        lines.append(f"| `{tag}` | {en} | {it} | {en + it} |")
    en = sum(1 for r in records if r.get("language") == "en")
    lines.append(f"| total | {en} | {len(records) - en} | {len(records)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "data" / "dev" / "questions.jsonl")
    parser.add_argument("--min-per-cell", type=int, default=11, help="questions per shape x language (default 11)")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tags = shape_tags()
    settings = settings_from_env()
    owner = owner_dsn(settings)
    catalogue = Catalogue(reader_dsn(settings, owner), owner, statement_timeout_ms=settings.statement_timeout_ms)
    facts = build_facts(settings)
    checker = GoldChecker(catalogue)
    problems, notes = file_problems(records, tags, args.min_per_cell), []
    try:
        for record in records:
            found = format_problems(record, tags)
            problems += found or sql_problems(record, catalogue, checker, facts)
            note = None if found else dictionary_note(record, facts)
            notes += [note] if note else []
    finally:
        catalogue.close()
    for line in notes:
        print(f"note: {line}")
    for line in problems:
        print(f"FAIL: {line}")
    print(f"{len(records)} records, {len(problems)} problems, {len(notes)} notes")
    print(count_table(records, tags))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
