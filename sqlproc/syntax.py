"""Shared sqlglot helpers: parse and render in the postgres dialect, and find which table a column reads.

Every rule works on a sqlglot tree and returns a new one; `render` is the only way SQL text is made,
always without comments, so what runs is exactly what the tree says.
"""

from __future__ import annotations

import logging

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from sqlproc.errors import SqlRejected, SqlUnreadable
from sqlproc.facts import TABLES, CatalogueFacts

DIALECT = "postgres"

# sqlglot warns on stderr when it falls back to an opaque Command (e.g. for DO or SET ROLE);
# the guard rejects those anyway, and the warning would only clutter the CLI's output.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


def parse_statements(sql: str) -> list[exp.Expression]:
    """All statements of `sql` (empty ones dropped); any parse failure becomes SqlRejected."""
    try:
        trees = sqlglot.parse(sql, read=DIALECT)
    except SqlglotError as exc:
        raise SqlUnreadable(f"not valid SQL: {describe_error(exc)}") from exc
    except RecursionError as exc:
        raise SqlRejected("the SQL is nested too deeply to check") from exc
    return [tree for tree in trees if tree is not None]


def parse_one(sql: str) -> exp.Expression:
    trees = parse_statements(sql)
    if not trees:
        raise SqlRejected("the SQL is empty")
    if len(trees) > 1:
        raise SqlRejected("only one SQL statement is allowed, found several")
    return trees[0]


def parse_expression(sql: str) -> exp.Expression:
    """A trusted SQL fragment written in this package (templates), not user input."""
    return sqlglot.parse_one(sql, read=DIALECT)


def render(tree: exp.Expression) -> str:
    return tree.sql(dialect=DIALECT, comments=False)


def describe_error(exc: Exception) -> str:
    """sqlglot's reason, without its token dumps and terminal colour codes."""
    errors = getattr(exc, "errors", None) or []
    if errors and errors[0].get("description"):
        first = errors[0]
        reason = first["description"].split(" but got <Token")[0].split(". Line ")[0]
        return f"{reason} (line {first.get('line')}, column {first.get('col')})"
    text = str(exc).strip()
    return text.splitlines()[0].split(" but got <Token")[0][:200] if text else type(exc).__name__


def string_value(node: exp.Expression | None) -> str | None:
    """The text of a string literal, else None."""
    if isinstance(node, exp.Literal) and node.is_string:
        return node.this
    return None


def cte_names(tree: exp.Expression) -> set[str]:
    return {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}


def select_sources(select: exp.Select) -> dict[str, str | None]:
    """Names visible in one SELECT's FROM and JOINs -> base table name (None for subqueries)."""
    sources: dict[str, str | None] = {}
    items = [select.args.get("from_")] + list(select.args.get("joins") or [])
    for item in items:
        if item is None:
            continue
        source = item.this
        if isinstance(source, exp.Table):
            sources[source.alias_or_name.lower()] = source.name.lower()
        elif source is not None:
            sources[source.alias_or_name.lower()] = None
    return sources


def column_table(column: exp.Column, facts: CatalogueFacts) -> str | None:
    """The catalogue table (detailedstrain/syntheticstrain) a column reads, None if not one of them."""
    qualifier = column.table.lower()
    select = column.find_ancestor(exp.Select)
    while select is not None:
        sources = select_sources(select)
        if qualifier:
            if qualifier in sources:
                return _base(sources[qualifier], select)
        elif sources:
            return _unqualified_table(column.name.lower(), sources, select, facts)
        select = select.find_ancestor(exp.Select)
    return None


def _base(name: str | None, select: exp.Select) -> str | None:
    if name is None or name not in TABLES or name in cte_names(select.root()):
        return None
    return name


def _unqualified_table(name: str, sources: dict[str, str | None], select: exp.Select, facts: CatalogueFacts):
    tables = [_base(table, select) for table in sources.values()]
    if None in tables:  # a CTE or a subquery is in scope: its columns are not ours to judge
        return None
    holding = [table for table in tables if name in facts.table_columns(table)]
    return (holding or tables)[0]


def select_aliases(tree: exp.Expression) -> set[str]:
    """Output names the query defines itself (SELECT aliases, CTE column lists)."""
    names = {alias.alias.lower() for alias in tree.find_all(exp.Alias) if alias.alias}
    for table_alias in tree.find_all(exp.TableAlias):
        names.update(column.name.lower() for column in table_alias.columns)
    return names
