"""Post-processing: model output -> the guarded SQL to run, its relaxed variant and what was changed.

The rules, in order (one module each):
  1. extract   (extract.py)    the one SQL statement inside the model's prose
  2. guard     (guard.py)      one read query, allowlisted nodes and functions, no system catalogs
  3. tables    (tables.py)     misspelt table -> detailedstrain
  4. columns   (columns.py)    misspelt column -> nearest column; collection = 'TUCC' -> cacronym
  5. values    (dictionary.py) value compared with the column that stores it, stored spelling, variants
  5b. links    (linked.py)     a value the linker tied to a column is compared with that column
  5c. grounding (grounding.py) a WHERE term whose value the question never gave is dropped (live answers
                               only: needs the question and its links)
  5d. hints    (hinted.py)     a hinted condition the model left out is added; contained/excluded links
                               are compared that way (live answers only)
  5e. lists    (lists.py)      identificationtechnique (a list) is matched as contained
  5f. unknowns (exclusion.py)  <>, NOT IN, NOT ILIKE keep the strains whose column is NULL
  6. dates     (dates.py)      date comparisons right for every stored and written format
  7. display   (display.py)    strain lists through syntheticstrain; aggregates kept
  8. relaxed   (relax.py)      col = 'v' -> col ILIKE '%v%', run only if the exact query finds nothing
The guard runs on the model's SQL and again on the final text (and on the relaxed variant), so
nothing but one read query over the catalogue tables leaves this module. `repair=False` skips 3-6.

    processed = postprocess(model_text, facts)
    processed.sql, processed.relaxed_sql, processed.kind, processed.applied
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.errors import SqlglotError

from linking.types import LinkResult
from sqlproc.columns import fix_columns
from sqlproc.dates import fix_dates
from sqlproc.dictionary import fix_values
from sqlproc.display import to_display, unwrap_display
from sqlproc.errors import SqlRejected
from sqlproc.exclusion import keep_unknowns
from sqlproc.extract import extract_sql
from sqlproc.facts import CatalogueFacts
from sqlproc.grounding import ground
from sqlproc.guard import guard
from sqlproc.hinted import keep_hints
from sqlproc.linked import follow_links
from sqlproc.lists import contain_lists
from sqlproc.relax import relax
from sqlproc.syntax import describe_error, parse_one, render
from sqlproc.tables import fix_tables

__all__ = ["Processed", "SqlRejected", "check_sql", "postprocess"]
log = logging.getLogger(__name__)

Rule = Callable[[exp.Expression, CatalogueFacts], exp.Expression]
REPAIRS: list[tuple[str, Rule]] = [
    ("tables", fix_tables),
    ("columns", fix_columns),
    ("values", fix_values),
]
AFTER_LINKS: list[tuple[str, Rule]] = [
    ("lists", contain_lists),
    ("unknowns", keep_unknowns),
]


@dataclass
class Processed:
    sql: str  # final SQL to execute first (postgres dialect)
    relaxed_sql: str | None  # the ILIKE variant, to run only if `sql` returns no rows
    kind: str  # "rows" or "aggregate"
    applied: list[str] = field(default_factory=list)  # names of rules that changed something
    model_sql: str | None = None  # the model's query after the table/column/value repairs, before the
    # date rewrite and display wrap: short, in the model's own form, for the next turn's prompt


def postprocess(
    raw_model_output: str,
    facts: CatalogueFacts,
    *,
    repair: bool = True,
    links: LinkResult | None = None,
    question: str | None = None,
) -> Processed:
    """Guarded, repaired SQL for a model's answer; SqlRejected (a message for the user) if impossible.

    `links`, the linker's result for the question, lets rule 5b move a linked value to its column;
    with the `question` too, rule 5e drops conditions the question never gave."""
    try:
        return _postprocess(raw_model_output, facts, repair, links, question)
    except SqlglotError as exc:  # a rewrite sqlglot cannot render: refuse rather than run something else
        raise SqlRejected(f"the SQL could not be processed: {describe_error(exc)}") from exc
    except RecursionError as exc:
        raise SqlRejected("the SQL is nested too deeply to check") from exc


def _postprocess(
    raw_model_output: str, facts: CatalogueFacts, repair: bool, links: LinkResult | None, question: str | None
) -> Processed:
    text = extract_sql(raw_model_output)
    applied = ["extract"] if text != str(raw_model_output).strip() else []
    tree = parse_one(text)
    guard(tree, strict=False)
    before = render(tree)
    tree = unwrap_display(tree)
    if repair:
        tree = _repair(tree, facts, applied)
        tree = _apply("links", lambda t, f: follow_links(t, f, links), tree, facts, applied)
        if question is not None and links is not None:
            tree = _apply("grounding", lambda t, f: ground(t, f, question, links), tree, facts, applied)
            tree = _apply("hints", lambda t, f: keep_hints(t, f, links), tree, facts, applied)
        for name, rule in AFTER_LINKS:
            tree = _apply(name, rule, tree, facts, applied)
    model_sql = render(tree)
    if repair:
        tree = _apply("dates", fix_dates, tree, facts, applied)
    guard(tree, strict=True)
    tree, kind = to_display(tree)
    final = _checked(render(tree))
    if render(tree) != before and kind == "rows" and "display" not in applied:
        applied.append("display")
    relaxed = relax(parse_one(final), facts)
    relaxed_sql = _checked(render(relaxed)) if relaxed is not None else None
    return Processed(sql=final, relaxed_sql=relaxed_sql, kind=kind, applied=applied, model_sql=model_sql)


def _repair(tree: exp.Expression, facts: CatalogueFacts, applied: list[str]) -> exp.Expression:
    for name, rule in REPAIRS:
        tree = _apply(name, rule, tree, facts, applied)
    return tree


def _apply(name: str, rule: Rule, tree: exp.Expression, facts: CatalogueFacts, applied: list[str]) -> exp.Expression:
    before = render(tree)
    tree = rule(tree, facts)
    if render(tree) != before:
        applied.append(name)
    return tree


def _checked(sql: str) -> str:
    """Re-parse the text that will run and guard it again: what runs is what was checked."""
    guard(parse_one(sql), strict=True)
    return sql


def check_sql(sql: str, facts: CatalogueFacts) -> dict:
    """`postprocess` for SQL given by hand (the check-sql command): {"ok", "sql", "error"}."""
    try:
        processed = postprocess(sql, facts)
    except SqlRejected as exc:
        return {"ok": False, "sql": None, "error": str(exc)}
    except Exception as exc:  # a bug must not stop a batch run; the line says what happened
        log.exception("post-processing failed on %r", sql)
        return {"ok": False, "sql": None, "error": f"post-processing failed: {type(exc).__name__}: {exc}"}
    return {"ok": True, "sql": processed.sql, "error": None}
