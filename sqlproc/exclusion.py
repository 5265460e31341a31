"""Rule 5f, exclusion keeps unknowns: `country <> 'Italy'`, `NOT IN`, `NOT ILIKE` also keep the
strains whose column is NULL. A biologist asking for strains "not from Italy" or "except yeasts"
means every strain that is not Italian, those of unknown origin included; SQL's three-valued logic
would silently drop them.

    keep_unknowns(parse_one("SELECT strainid FROM detailedstrain WHERE country <> 'Italy'"), facts)
    # ... WHERE (country <> 'Italy' OR country IS NULL)
"""

from __future__ import annotations

from sqlglot import exp

from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table


def keep_unknowns(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    tree = tree.copy()
    for node in list(tree.find_all(exp.NEQ, exp.Not, exp.In, exp.Like, exp.ILike)):
        column = _excluded_column(node, facts)
        if column is None or _already_null_aware(node, column):
            continue
        null = exp.Is(this=column.copy(), expression=exp.Null())
        node.replace(exp.paren(exp.or_(node.copy(), null), copy=False))
    return tree


def _excluded_column(node: exp.Expression, facts: CatalogueFacts) -> exp.Column | None:
    """The catalogue column a `<>` / `NOT IN` / `NOT LIKE` compares with literals, if any."""
    inner = node.this if isinstance(node, exp.Not) else node
    if isinstance(node, exp.Not) and not isinstance(inner, exp.In | exp.Like | exp.ILike):
        return None
    if isinstance(node, exp.In | exp.Like | exp.ILike) and not node.args.get("negate"):
        return None  # a positive comparison (sqlglot marks 'x NOT ILIKE y' with negate=True)
    if isinstance(inner, exp.In) and inner.args.get("query"):
        return None  # NOT IN (subquery) has its own NULL rules; left as written
    column = inner.this
    literal = inner.expressions if isinstance(inner, exp.In) else [inner.expression]
    if not isinstance(column, exp.Column) or column_table(column, facts) != DETAILED:
        return None
    if not all(isinstance(item, exp.Literal | exp.Boolean) for item in literal):
        return None
    if _in_having_or_select(node):
        return None
    return column


def _in_having_or_select(node: exp.Expression) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, exp.Select):
        if isinstance(parent, exp.Having):
            return True
        if isinstance(parent, exp.Where):
            return False
        parent = parent.parent
    return True


def _already_null_aware(node: exp.Expression, column: exp.Column) -> bool:
    """Inside `(... OR col IS NULL)` already (the rule must be idempotent)."""
    parent = node.parent
    while isinstance(parent, exp.Paren):
        parent = parent.parent
    if not isinstance(parent, exp.Or):
        return False
    for side in (parent.this, parent.expression):
        if isinstance(side, exp.Is) and isinstance(side.this, exp.Column) and side.this.name == column.name:
            return True
    return False
