"""Rule 8, relaxed variant: `col = 'v'` -> `col ILIKE '%v%'`, to run only when the exact query finds nothing.

Applies to positive equality and IN lists on text columns (not the date columns) when the value has
no digits (accession numbers and dates must stay exact); negated comparisons are left alone, as
relaxing them would make them stricter. LIKE wildcards inside the value are escaped.

    relax(parse_one("SELECT count(*) FROM detailedstrain WHERE genus = 'Aspergilus'"), facts)
    # SELECT COUNT(*) FROM detailedstrain WHERE genus ILIKE '%Aspergilus%'
"""

from __future__ import annotations

from sqlglot import exp

from sqlproc.facts import CatalogueFacts
from sqlproc.syntax import column_table, string_value


def relax(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression | None:
    """The ILIKE variant of `tree`, None when no comparison can be relaxed."""
    relaxed = tree.copy()
    changed = False
    for node in list(relaxed.find_all(exp.EQ, exp.In)):
        if _relaxable_column(node.this, facts) and not _negated(node):
            replacement = _relaxed(node)
            if replacement is not None:
                node.replace(replacement)
                changed = True
    return relaxed if changed else None


def _relaxable_column(node: exp.Expression, facts: CatalogueFacts) -> bool:
    if not isinstance(node, exp.Column):
        return False
    table = column_table(node, facts)
    name = node.name.lower()
    return table is not None and facts.is_text(table, name) and name not in facts.date_columns


def _negated(node: exp.Expression) -> bool:
    """Under a NOT anywhere above (also NOT EXISTS / NOT IN around a subquery)?"""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, exp.Not):
            return True
        parent = parent.parent
    return False


def _relaxed(node: exp.Expression) -> exp.Expression | None:
    column = node.this
    if isinstance(node, exp.EQ):
        value = string_value(node.expression)
        return _ilike(column, value) if _can_relax(value) else None
    values = [string_value(item) for item in node.expressions]
    if not values or None in values or not any(_can_relax(value) for value in values):
        return None
    exact = [value for value in values if not _can_relax(value)]
    parts = [_ilike(column, value) for value in values if _can_relax(value)]
    if exact:
        parts.append(exp.In(this=column.copy(), expressions=[exp.Literal.string(value) for value in exact]))
    either = parts[0]
    for part in parts[1:]:
        either = exp.Or(this=either, expression=part)
    return exp.Paren(this=either) if len(parts) > 1 else either


def _can_relax(value: str | None) -> bool:
    return value is not None and bool(value.strip()) and not any(char.isdigit() for char in value)


def _ilike(column: exp.Expression, value: str) -> exp.Expression:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return exp.ILike(this=column.copy(), expression=exp.Literal.string(f"%{escaped}%"))
