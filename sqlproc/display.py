"""Rule 7, display: strain lists are shown through `syntheticstrain`; aggregate answers are kept as they are.

A row query (strains matching a condition, whatever columns the model picked) becomes the
thesis's display query

    SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT strainid FROM detailedstrain WHERE ...)

The inner query keeps WHERE, joins, CTEs and LIMIT/OFFSET with their ORDER BY (an ORDER BY without a
LIMIT cannot change which strains match, so it is dropped). Aggregate queries (COUNT and other
aggregates, GROUP BY, HAVING, window functions, SELECT DISTINCT of some columns) and queries that do
not read a catalogue table directly are kept as they are: kind "aggregate", meaning "show as returned".
`unwrap_display` turns the display query back into its inner query, so running the pipeline on its
own output changes nothing.
"""

from __future__ import annotations

from sqlglot import exp

from sqlproc.facts import SYNTHETIC, TABLES
from sqlproc.syntax import cte_names, parse_expression

ROWS, AGGREGATE = "rows", "aggregate"
ANONYMOUS_AGGREGATES = frozenset({"string_agg", "bool_and", "bool_or", "every"})
WRAPPER = "SELECT syntheticstrain.* FROM syntheticstrain WHERE strainid IN (SELECT 1)"
SET_OPERATIONS = (exp.Union, exp.Intersect, exp.Except)


def unwrap_display(tree: exp.Expression) -> exp.Expression:
    """The inner strain query of a display query; any other query unchanged."""
    if not isinstance(tree, exp.Select) or not _is_wrapper_shape(tree):
        return tree
    return tree.args["where"].this.args["query"].this.copy()


def _is_wrapper_shape(select: exp.Select) -> bool:
    others = {key for key, value in select.args.items() if value and key not in ("expressions", "from_", "where")}
    star = select.expressions
    source = select.args.get("from_")
    where = select.args.get("where")
    condition = where.this if where else None
    return (
        not others
        and len(star) == 1
        and isinstance(star[0], exp.Column)
        and isinstance(star[0].this, exp.Star)
        and star[0].table.lower() == SYNTHETIC
        and source is not None
        and isinstance(source.this, exp.Table)
        and source.this.name.lower() == SYNTHETIC
        and not source.this.alias
        and isinstance(condition, exp.In)
        and isinstance(condition.this, exp.Column)
        and condition.this.name.lower() == "strainid"
        and isinstance(condition.args.get("query"), exp.Subquery)
    )


def to_display(tree: exp.Expression) -> tuple[exp.Expression, str]:
    """(query to run, kind): the display query for row queries, the query itself for aggregates."""
    inner = strain_ids(tree)
    if inner is None:
        return tree, AGGREGATE
    wrapper = parse_expression(WRAPPER)
    wrapper.find(exp.Subquery).set("this", inner)
    return wrapper, ROWS


def strain_ids(tree: exp.Expression) -> exp.Expression | None:
    """The strain-id query behind a row query, None for an aggregate or non-catalogue query."""
    if isinstance(tree, SET_OPERATIONS):
        left, right = strain_ids(tree.this), strain_ids(tree.expression)
        if left is None or right is None:
            return None
        projected = tree.copy()
        projected.set("this", left)
        projected.set("expression", right)
        _drop_unlimited_order(projected)
        return projected
    if not isinstance(tree, exp.Select) or not _is_row_select(tree):
        return None
    return _project(tree)


def _is_row_select(select: exp.Select) -> bool:
    if select.args.get("group") or select.args.get("having"):
        return False
    if select.args.get("distinct") and not _selects_whole_rows(select):
        return False
    if any(_is_aggregate(node) for expression in select.expressions for node in _own_nodes(expression)):
        return False
    source = select.args.get("from_")
    if source is None or not isinstance(source.this, exp.Table):
        return False
    name = source.this.name.lower()
    return name in TABLES and name not in cte_names(select)


def _own_nodes(expression: exp.Expression):
    """Nodes of a select expression, not descending into subqueries."""
    return expression.walk(prune=lambda node: isinstance(node, exp.Subquery))


def _is_aggregate(node: exp.Expression) -> bool:
    if isinstance(node, exp.AggFunc | exp.Window):
        return True
    return isinstance(node, exp.Anonymous) and str(node.this).lower() in ANONYMOUS_AGGREGATES


def _selects_whole_rows(select: exp.Select) -> bool:
    def whole(expression: exp.Expression) -> bool:
        target = expression.this if isinstance(expression, exp.Alias) else expression
        return isinstance(target, exp.Star) or (
            isinstance(target, exp.Column) and (isinstance(target.this, exp.Star) or target.name.lower() == "strainid")
        )

    return any(whole(expression) for expression in select.expressions) and not select.args["distinct"].args.get("on")


def _project(select: exp.Select) -> exp.Select:
    projected = select.copy()
    _resolve_order_references(projected)
    source = projected.args["from_"].this
    qualifier = source.alias_or_name if projected.args.get("joins") or source.alias else None
    projected.set("expressions", [exp.column("strainid", table=qualifier)])
    projected.set("distinct", None)
    _drop_unlimited_order(projected)
    return projected


def _drop_unlimited_order(query: exp.Expression) -> None:
    if not (query.args.get("limit") or query.args.get("offset")):
        query.set("order", None)


def _resolve_order_references(select: exp.Select) -> None:
    """ORDER BY an output alias or position refers to a select expression that projection removes."""
    order = select.args.get("order")
    if order is None:
        return
    expressions = select.expressions
    aliases = {e.alias.lower(): e.this for e in expressions if isinstance(e, exp.Alias)}
    for ordered in order.expressions:
        target = ordered.this
        if isinstance(target, exp.Literal) and not target.is_string and str(target.this).isdigit():
            position = int(target.this) - 1
            if 0 <= position < len(expressions):
                chosen = expressions[position]
                ordered.set("this", (chosen.this if isinstance(chosen, exp.Alias) else chosen).copy())
        elif isinstance(target, exp.Column) and not target.table and target.name.lower() in aliases:
            ordered.set("this", aliases[target.name.lower()].copy())
