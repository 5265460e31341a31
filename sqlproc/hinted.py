"""Rule 5d, hints are kept: what the code read in the question is in the query, as the code read it.

The hint rules (linking/hints/) read dates, numbers, flags, missing values and strain references
deterministically; a 135M model copies them most of the time, not always. So:
  - a WHERE hint whose column the model's WHERE never uses is AND-ed in ("not a type strain" with
    no typestrain term gets `typestrain = FALSE`);
  - a link the question contains or excludes (Link.operator) is compared that way: `habitat = 'forest'`
    for "habitat mentions forest" becomes `isolationhabitat ILIKE '%forest%'`, `country IN (...)` for
    "not from Italy" becomes `NOT country IN (...)`.
Runs only on live answers (it needs the question's LinkResult).

    keep_hints(parse_one(sql), facts, link_result)
"""

from __future__ import annotations

from sqlglot import exp

from index.normalize import normalize
from linking.hints import condition
from linking.types import Link, LinkResult
from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, parse_expression, string_value

ENFORCED = frozenset({"date", "number", "flag", "missing", "accession", "relative"})


def keep_hints(tree: exp.Expression, facts: CatalogueFacts, links: LinkResult) -> exp.Expression:
    if not isinstance(tree, exp.Select):
        return tree
    tree = tree.copy()
    _apply_operators(tree, facts, links.links)
    where = tree.args.get("where")
    used = {c.name.lower() for c in where.find_all(exp.Column)} if where is not None else set()
    added = [
        parse_expression(hint.sql)
        for hint in links.hints
        if hint.kind in ENFORCED and hint.clause == "WHERE" and hint.column and hint.column not in used
    ]
    if added:
        terms = ([where.this] if where is not None else []) + added
        tree.set("where", exp.Where(this=exp.and_(*terms)))
    return tree


def _apply_operators(tree: exp.Select, facts: CatalogueFacts, links: list[Link]) -> None:
    where = tree.args.get("where")
    if where is None:
        return
    for link in links:
        if link.operator == "=":
            continue
        for node in list(where.find_all(exp.EQ, exp.In)):
            if _compares(node, link, facts):
                node.replace(parse_expression(condition(link)))


def _compares(node: exp.Expression, link: Link, facts: CatalogueFacts) -> bool:
    """A positive comparison of the link's column with the link's value(s), as the model wrote it."""
    column = node.this
    if not isinstance(column, exp.Column) or column.name.lower() != link.column:
        return False
    if column_table(column, facts) != DETAILED or node.args.get("query") or isinstance(node.parent, exp.Not):
        return False
    items = node.expressions if isinstance(node, exp.In) else [node.expression]
    texts = [string_value(item) for item in items]
    stored = {normalize(v) for v in [link.value, *link.values, link.span]}
    return bool(texts) and all(t is not None and normalize(t) in stored for t in texts)
