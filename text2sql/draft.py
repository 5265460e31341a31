"""The draft: a whole query composed in code from the linker's links and hints, for the model to copy
or correct (prompt line "Draft:"), and the fallback when the model's query cannot run.

Values linked to one column are alternatives ("Penicillium from Tuscany or Liguria" -> one region
IN list), conditions on different columns are AND-ed, and the hints decide the shape: COUNT(*),
COUNT(DISTINCT x), x + COUNT(*) with GROUP BY (and HAVING, ORDER BY ... LIMIT), a period key.

    draft_sql(link_result)   # "SELECT region, COUNT(*) FROM detailedstrain WHERE genus = 'Penicillium' GROUP BY region"
"""

from __future__ import annotations

from collections import defaultdict

from linking.hints import condition
from linking.types import Hint, Link, LinkResult


def draft_sql(links: LinkResult) -> str:
    hints = links.hints
    select, group, tail = _shape(hints)
    where = _where(links.links, [h for h in hints if h.clause == "WHERE" and h.kind != "nofilter"])
    sql = f"SELECT {select} FROM detailedstrain"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if group:
        sql += f" GROUP BY {group}" + tail
    return sql


def _shape(hints: list[Hint]) -> tuple[str, str | None, str]:
    """(select list, GROUP BY key, HAVING/ORDER BY text) from the aggregate hints."""
    first = {clause: next((h for h in hints if h.clause == clause), None) for clause in ("SELECT", "GROUP BY")}
    grouped = first["GROUP BY"]
    if grouped is None:
        return (first["SELECT"].sql if first["SELECT"] else "strainid"), None, ""
    tail = ""
    having = next((h for h in hints if h.clause == "HAVING"), None)
    order = next((h for h in hints if h.clause == "ORDER BY"), None)
    if having:
        tail += f" HAVING {having.sql}"
    if order:
        tail += f" ORDER BY {order.sql}"
    single = having is not None and having.kind == "single"
    return (grouped.sql if single else f"{grouped.sql}, COUNT(*)"), grouped.sql, tail


def _where(links: list[Link], hints: list[Hint]) -> list[str]:
    """One condition per column: several plain values of one column become one IN list (or OR-ed
    comparisons), different columns are AND-ed, in question order."""
    by_column: dict[str, list[str]] = defaultdict(list)
    plain: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for item in sorted([*links, *hints], key=lambda x: x.start):
        column = item.column or ""
        if column not in order:
            order.append(column)
        if isinstance(item, Link) and item.operator == "=":
            plain[column] += [v for v in (item.values or [item.value]) if v not in plain[column]]
        else:
            by_column[column].append(condition(item) if isinstance(item, Link) else item.sql)
    terms = []
    for column in order:
        parts = list(by_column[column])
        if plain[column]:
            parts.insert(0, condition(_listed(column, plain[column])))
        if len(parts) == 1:
            terms.append(parts[0])
        elif parts:
            joiner = " OR " if _alternatives(parts) else " AND "
            terms.append("(" + joiner.join(parts) + ")" if joiner == " OR " else joiner.join(parts))
    return terms


def _alternatives(parts: list[str]) -> bool:
    """Equalities on one column are alternatives (a strain has one year, one temperature)."""
    return all(" = " in p and " <> " not in p for p in parts)


def _listed(column: str, values: list[str]) -> Link:
    return Link(values[0], 0, 0, column, values[0], values, 0, 1.0, "draft")
