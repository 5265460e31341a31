"""A turn's query as a structured object: AND-ed conditions by column, projection, grouping, order, limit.

The conversation stage keeps one `QueryState` per answered turn and merges the next turn into it
(conversation/merge.py), so follow-ups work on conditions rather than on pasted SQL text.

    state = from_sql("SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus' AND riskgroup = 2")
    state.by_column()   # {'genus': [genus = 'Aspergillus'], 'riskgroup': [riskgroup = 2]}
    state.to_sql()      # the same query back, in sqlglot's postgres rendering

Parsing and rendering go through sqlproc.syntax (postgres dialect). What the state cannot take apart
(an OR across columns, a subquery, a NOT over several columns) stays one opaque condition, and a
query that is not a plain SELECT over one table is kept whole (`whole_sql`): nothing is ever lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlglot import exp

from sqlproc.syntax import parse_expression, parse_one, render

TABLE = "detailedstrain"
ROWS_SQL = ("strainid",)


@dataclass(frozen=True)
class Condition:
    """One top-level AND-term of the WHERE clause and the columns it reads."""

    sql: str
    columns: frozenset[str]
    opaque: bool = False  # not a condition on one column: OR across columns, a subquery

    def node(self) -> exp.Expression:
        return parse_expression(self.sql)

    def __str__(self) -> str:
        return self.sql


@dataclass(frozen=True)
class Projection:
    """What the query returns: rows, a count, a distinct count, groups with a count, or anything else."""

    kind: str  # "rows" | "count" | "count_distinct" | "groups" | "other"
    expressions: tuple[str, ...]  # the SELECT list as SQL texts
    columns: tuple[str, ...] = ()  # group columns (groups) or the counted column (count_distinct)
    distinct: bool = False  # SELECT DISTINCT

    @staticmethod
    def rows() -> Projection:
        return Projection("rows", ROWS_SQL)

    @staticmethod
    def count() -> Projection:
        return Projection("count", ("COUNT(*)",))

    @staticmethod
    def groups(column: str) -> Projection:
        return Projection("groups", (column, "COUNT(*)"), (column,))


@dataclass(frozen=True)
class QueryState:
    conditions: tuple[Condition, ...] = ()
    projection: Projection = field(default_factory=Projection.rows)
    group_by: tuple[str, ...] = ()
    having: str | None = None
    order_by: tuple[str, ...] = ()
    limit: str | None = None
    table: str = TABLE
    whole_sql: str | None = None  # a query the state cannot take apart, kept as written

    @property
    def is_whole(self) -> bool:
        return self.whole_sql is not None

    def by_column(self) -> dict[str, list[Condition]]:
        """Conditions grouped by the column(s) they read, in first-use order; opaque ones under every column."""
        groups: dict[str, list[Condition]] = {}
        for condition in self.conditions:
            for column in sorted(condition.columns):
                groups.setdefault(column, []).append(condition)
        return groups

    def constrained(self) -> set[str]:
        return {column for condition in self.conditions for column in condition.columns}

    def with_conditions(self, conditions: Iterable[Condition]) -> QueryState:
        return replace(self, conditions=tuple(conditions))

    def with_shape_of(self, other: QueryState) -> QueryState:
        """This state's conditions with `other`'s projection, grouping, order and limit."""
        return replace(
            self,
            projection=other.projection,
            group_by=other.group_by,
            having=other.having,
            order_by=other.order_by,
            limit=other.limit,
        )

    def with_projection(self, projection: Projection) -> QueryState:
        """The same conditions seen another way; grouping follows the projection, order and limit go."""
        group_by = projection.columns if projection.kind == "groups" else ()
        return replace(self, projection=projection, group_by=group_by, having=None, order_by=(), limit=None)

    def shape(self) -> tuple:
        return (self.projection, self.group_by, self.having, self.order_by, self.limit)

    def to_sql(self) -> str:
        if self.whole_sql is not None:
            return self.whole_sql
        select = "DISTINCT " if self.projection.distinct else ""
        parts = [f"SELECT {select}{', '.join(self.projection.expressions)} FROM {self.table}"]
        if self.conditions:
            parts.append("WHERE " + join_conditions(self.conditions))
        if self.group_by:
            parts.append("GROUP BY " + ", ".join(self.group_by))
        if self.having:
            parts.append("HAVING " + self.having)
        if self.order_by:
            parts.append("ORDER BY " + ", ".join(self.order_by))
        if self.limit:
            parts.append("LIMIT " + self.limit)
        return render(parse_one(" ".join(parts)))


def join_conditions(conditions: Iterable[Condition]) -> str:
    items = list(conditions)
    if len(items) == 1:
        return items[0].sql
    return " AND ".join(_wrapped(c.sql) for c in items)


def _wrapped(sql: str) -> str:
    node = parse_expression(sql)
    return f"({sql})" if isinstance(node, exp.Connector) and not isinstance(node, exp.And) else sql


def from_sql(sql: str) -> QueryState:
    """The state of one query; SqlRejected (from sqlproc.syntax) if it is not SQL at all."""
    tree = parse_one(sql)
    if not _decomposable(tree):
        return QueryState(whole_sql=render(tree))
    where = tree.args.get("where")
    terms = and_terms(where.this) if where is not None else []
    group = tree.args.get("group")
    group_by = tuple(render(e) for e in group.expressions) if group is not None else ()
    having = tree.args.get("having")
    order = tree.args.get("order")
    limit = tree.args.get("limit")
    return QueryState(
        conditions=tuple(condition_of(term) for term in terms),
        projection=projection_of(tree, group_by),
        group_by=group_by,
        having=render(having.this) if having is not None else None,
        order_by=tuple(render(e) for e in order.expressions) if order is not None else (),
        limit=render(limit.expression) if limit is not None else None,
        table=tree.args["from_"].this.name,
    )


def _decomposable(tree: exp.Expression) -> bool:
    """A plain SELECT from one named table: no joins, CTEs, set operations, windows or offsets."""
    if not isinstance(tree, exp.Select) or tree.args.get("joins") or tree.args.get("with_"):
        return False
    source = tree.args.get("from_")
    if source is None or not isinstance(source.this, exp.Table) or source.this.args.get("db"):
        return False
    unsupported = ("offset", "qualify", "windows", "distinct_on", "laterals", "locks", "sample")
    if any(tree.args.get(key) for key in unsupported):
        return False
    return not (tree.args.get("distinct") and tree.args["distinct"].args.get("on"))


def and_terms(node: exp.Expression) -> list[exp.Expression]:
    """The top-level AND-terms, through redundant parentheses."""
    while isinstance(node, exp.Paren) and isinstance(node.this, exp.And):
        node = node.this
    if isinstance(node, exp.And):
        return and_terms(node.left) + and_terms(node.right)
    return [node]


def condition_of(node: exp.Expression) -> Condition:
    inner = node.this if isinstance(node, exp.Paren) else node
    subquery = any(isinstance(n, exp.Select) for n in inner.find_all(exp.Select))
    outer = {c.name.lower() for c in inner.find_all(exp.Column) if not _inside_subquery(c, inner)}
    opaque = subquery or len(outer) != 1
    return Condition(render(inner), frozenset(outer), opaque)


def _inside_subquery(column: exp.Column, root: exp.Expression) -> bool:
    parent = column.parent
    while parent is not None and parent is not root:
        if isinstance(parent, exp.Select):
            return True
        parent = parent.parent
    return False


def projection_of(tree: exp.Select, group_by: tuple[str, ...]) -> Projection:
    expressions = tuple(render(e) for e in tree.expressions)
    distinct = bool(tree.args.get("distinct"))
    aggregates = [e for e in tree.expressions if e.find(exp.AggFunc)]
    if distinct:
        return Projection("other", expressions, distinct=True)
    if not group_by and not aggregates:
        return Projection("rows", expressions)
    if not group_by and len(tree.expressions) == 1:
        return _count_kind(tree.expressions[0], expressions)
    plain = [render(e) for e in tree.expressions if not e.find(exp.AggFunc)]
    counts = [e for e in aggregates if _is_count_star(e)]
    if group_by and plain == list(group_by) and len(counts) == 1 and len(aggregates) == 1:
        keys = tree.args["group"].expressions
        columns = tuple(e.name.lower() if isinstance(e, exp.Column) else render(e) for e in keys)
        return Projection("groups", expressions, columns)
    return Projection("other", expressions)


def _count_kind(node: exp.Expression, expressions: tuple[str, ...]) -> Projection:
    node = node.this if isinstance(node, exp.Alias) else node
    if _is_count_star(node):
        return Projection("count", expressions)
    if isinstance(node, exp.Count) and isinstance(node.this, exp.Distinct):
        columns = tuple(c.name.lower() for c in node.this.expressions if isinstance(c, exp.Column))
        return Projection("count_distinct", expressions, columns)
    return Projection("other", expressions)


def _is_count_star(node: exp.Expression) -> bool:
    node = node.this if isinstance(node, exp.Alias) else node
    return isinstance(node, exp.Count) and isinstance(node.this, exp.Star)
