"""Rule 2, guard: accept exactly one read query over the catalogue tables, refuse everything else.

An allowlist, not a blocklist: every node of the sqlglot tree must be of a listed type, every
function a listed one, every cast a plain type, and every table `detailedstrain`, `syntheticstrain`
or a CTE of the query itself. So stacked queries, DML (also inside CTEs), SELECT INTO, COPY, DO,
PREPARE/EXECUTE, SET, locking clauses, system catalogs, parameters and unknown functions (pg_sleep,
pg_read_file, lo_import, dblink, set_config, ...) never reach the database. The reader role and the
read-only transaction are the second wall; this is the first.

`guard(tree, strict=False)` runs on the model's SQL before the repairs (unknown table names are
still allowed there, the table fix may map them); `strict=True` runs on the final SQL.
"""

from __future__ import annotations

from sqlglot import exp

from sqlproc.errors import SqlRejected
from sqlproc.facts import TABLES
from sqlproc.syntax import cte_names

MAX_TABLES = 8  # table references per query: bounds self-join blow-ups

STRUCTURE = {
    exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Subquery, exp.With, exp.CTE, exp.TableAlias,
    exp.From, exp.Join, exp.Where, exp.Group, exp.Having, exp.Order, exp.Ordered, exp.Limit, exp.Offset,
    exp.Fetch, exp.LimitOptions, exp.Distinct, exp.Table, exp.Column, exp.Identifier, exp.Star, exp.Alias,
    exp.Literal, exp.Boolean, exp.Null, exp.Paren, exp.Tuple, exp.Exists, exp.Any, exp.All, exp.Array,
    exp.Interval, exp.Window, exp.WindowSpec, exp.Filter, exp.WithinGroup, exp.Case, exp.If, exp.Cast,
    exp.DataType,
}  # fmt: skip
OPERATORS = {
    exp.And, exp.Or, exp.Not, exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ,
    exp.NullSafeNEQ, exp.Is, exp.In, exp.Between, exp.Like, exp.ILike, exp.SimilarTo, exp.RegexpLike,
    exp.RegexpILike, exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.Neg, exp.DPipe,
}  # fmt: skip
FUNCTIONS = {
    exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max, exp.Median, exp.Stddev, exp.StddevPop, exp.StddevSamp,
    exp.Variance, exp.VariancePop, exp.PercentileCont, exp.PercentileDisc, exp.Mode, exp.GroupConcat,
    exp.ArrayAgg, exp.LogicalOr, exp.LogicalAnd, exp.RowNumber, exp.Rank, exp.DenseRank,
    exp.Lower, exp.Upper, exp.Initcap, exp.Coalesce, exp.Nullif, exp.Greatest, exp.Least, exp.Left,
    exp.Right, exp.Substring, exp.Length, exp.RegexpReplace, exp.Pad, exp.Trim, exp.StrPosition,
    exp.Replace, exp.SplitPart, exp.Translate, exp.Reverse, exp.Concat, exp.ConcatWs, exp.Round, exp.Abs,
    exp.Floor, exp.Ceil, exp.Sqrt, exp.Pow, exp.Ln, exp.Log, exp.Extract, exp.CurrentDate,
    exp.CurrentTimestamp, exp.StrToDate, exp.TimeToStr, exp.TimestampTrunc,
}  # fmt: skip
ALLOWED = STRUCTURE | OPERATORS | FUNCTIONS

# Functions sqlglot does not model (exp.Anonymous), allowed by name.
ANONYMOUS_FUNCTIONS = frozenset({
    "date_part", "btrim", "ltrim", "rtrim", "lpad", "rpad", "substr", "strpos", "char_length", "character_length",
    "octet_length", "concat_ws", "split_part", "string_agg", "bool_and", "bool_or", "every",
})  # fmt: skip
CAST_TYPES = {
    exp.DataType.Type.TEXT, exp.DataType.Type.VARCHAR, exp.DataType.Type.CHAR, exp.DataType.Type.INT,
    exp.DataType.Type.BIGINT, exp.DataType.Type.SMALLINT, exp.DataType.Type.DECIMAL, exp.DataType.Type.FLOAT,
    exp.DataType.Type.DOUBLE, exp.DataType.Type.DATE, exp.DataType.Type.TIMESTAMP, exp.DataType.Type.BOOLEAN,
}  # fmt: skip
# Unquoted, these names are SQL functions in PostgreSQL (they tell who and where the server is).
SQL_VALUE_NAMES = frozenset({
    "user", "current_user", "session_user", "current_role", "system_user", "current_catalog", "current_schema",
})  # fmt: skip
SELECT_EXTRAS = ("into", "locks", "kind", "hint", "operation_modifiers", "exclude")

# Clear reasons for what models and attackers most often try.
REASONS = {
    exp.Into: "SELECT INTO is not allowed (it creates a table)",
    exp.Lock: "locking clauses (FOR UPDATE/SHARE) are not allowed",
    exp.Insert: "data-changing statements are not allowed (INSERT)",
    exp.Update: "data-changing statements are not allowed (UPDATE)",
    exp.Delete: "data-changing statements are not allowed (DELETE)",
    exp.Merge: "data-changing statements are not allowed (MERGE)",
    exp.Placeholder: "query parameters are not allowed",
    exp.Parameter: "query parameters are not allowed",
    exp.Lateral: "LATERAL subqueries are not allowed",
    exp.Values: "VALUES lists are not allowed",
}
READ_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except)
STATEMENTS = {
    exp.Drop, exp.Alter, exp.Merge, exp.Copy, exp.Grant, exp.Revoke, exp.Comment, exp.Set, exp.Show, exp.Values,
    exp.Describe, exp.Use,
}  # fmt: skip


def guard(tree: exp.Expression, *, strict: bool = True) -> None:
    """Raise SqlRejected unless `tree` is one read query that only reads allowed tables."""
    root = tree
    while isinstance(root, exp.Subquery | exp.Paren):
        root = root.this
    if not isinstance(root, READ_ROOTS):
        raise SqlRejected(f"only read queries (SELECT) are allowed{_statement_kind(root)}")
    for node in tree.walk():
        _check_node(node)
    _check_tables(tree, strict=strict)


def _statement_kind(node: exp.Expression) -> str:
    """', not X statements' when the statement is recognisable, else nothing."""
    if isinstance(node, exp.Command):
        return f", not {str(node.this).split()[0].upper()} statements"
    if isinstance(node, exp.TruncateTable):
        return ", not TRUNCATE statements"
    if isinstance(node, exp.Transaction | exp.Commit | exp.Rollback):
        return ", not transaction control"
    if isinstance(node, exp.DML | exp.DDL) or type(node) in STATEMENTS:
        return f", not {node.key.upper()} statements"
    return ""


def _check_node(node: exp.Expression) -> None:
    kind = type(node)
    if kind in REASONS:
        raise SqlRejected(REASONS[kind])
    if kind is exp.Anonymous:
        name = str(node.this).lower()
        if name not in ANONYMOUS_FUNCTIONS:
            raise SqlRejected(f"the function {name}() is not allowed")
        return
    if kind is exp.Var:
        if not isinstance(node.parent, exp.Extract | exp.Interval):
            raise SqlRejected(f"'{node.name}' is not allowed here")
        return
    if kind not in ALLOWED:
        raise SqlRejected(_not_allowed(node))
    _check_details(node)


def _not_allowed(node: exp.Expression) -> str:
    if isinstance(node.parent, exp.Cast) and node.arg_key == "to":
        return f"casting to {node.sql('postgres')} is not allowed"
    if isinstance(node, exp.Func):
        return f"the function {node.sql('postgres').split('(')[0].strip().lower()}() is not allowed"
    return f"{node.key.upper()} is not allowed in a query"


def _check_details(node: exp.Expression) -> None:
    if isinstance(node, exp.Select):
        for extra in SELECT_EXTRAS:
            value = node.args.get(extra)
            first = value[0] if isinstance(value, list) and value else value
            if first:
                raise SqlRejected(REASONS.get(type(first), f"{extra.upper()} is not allowed in a query"))
    elif isinstance(node, exp.With) and node.args.get("recursive"):
        raise SqlRejected("recursive queries (WITH RECURSIVE) are not allowed")
    elif isinstance(node, exp.DataType) and node.this not in CAST_TYPES:
        raise SqlRejected(f"casting to {node.sql('postgres')} is not allowed")
    elif isinstance(node, exp.Column) and _is_sql_value_name(node):
        raise SqlRejected(f"{node.name} is not allowed in a query")


def _is_sql_value_name(column: exp.Column) -> bool:
    identifier = column.this
    unquoted = isinstance(identifier, exp.Identifier) and not identifier.quoted
    return unquoted and not column.table and column.name.lower() in SQL_VALUE_NAMES


def _check_tables(tree: exp.Expression, *, strict: bool) -> None:
    tables = list(tree.find_all(exp.Table))
    if len(tables) > MAX_TABLES:
        raise SqlRejected(f"the query reads too many tables ({len(tables)}, at most {MAX_TABLES})")
    ctes = cte_names(tree)
    for table in tables:
        _check_table(table, ctes, strict=strict)


def _check_table(table: exp.Table, ctes: set[str], *, strict: bool) -> None:
    if not isinstance(table.this, exp.Identifier):
        raise SqlRejected(f"reading from {table.this.sql('postgres')} is not allowed")
    name = table.name.lower()
    schema = table.db.lower()
    if name.startswith("pg_") or "information_schema" in (name, schema) or schema.startswith("pg_"):
        raise SqlRejected("system catalogs (pg_*, information_schema) are not allowed")
    if table.catalog or (schema and schema != "public"):
        raise SqlRejected(f"only the catalogue tables can be queried, not {table.sql('postgres')}")
    if strict and name not in TABLES and not (name in ctes and not schema):
        raise SqlRejected(f"unknown table '{table.name}': only detailedstrain and syntheticstrain can be queried")
