"""Why each row: the catalogue columns a strain list's query filters on, to show beside its rows.

A strain list is shown through `syntheticstrain` (accession number, organism type, taxon name),
which cannot show why a strain matched: for "marine-sediment strains from Italy" a biologist wants
each row's substrate and country. `evidence_columns` reads them off the final SQL (the inner query
of the display wrapper: its WHERE and JOIN conditions, subqueries included) and adds the columns
the question asked to see ("with their substrates": the linker's column mentions). Columns the
display already shows (genus and species are in the taxon name) are left out. Pure: no database.

    evidence_columns(answer.sql, named=["collectiondate"], catalogue_columns=facts.columns)
    # ['substrate', 'country', 'collectiondate']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlglot import exp

from sqlproc.display import unwrap_display
from sqlproc.errors import SqlRejected
from sqlproc.syntax import parse_one

# What syntheticstrain shows already (directly, or as part of the taxon name).
SHOWN = frozenset(
    {"strainid", "collection", "cacronym", "accessionnumber", "organismtype", "genus", "species", "scientificname"}
)
MAX_COLUMNS = 6


def evidence_columns(sql: str | None, named: Sequence[str] = (), *, catalogue_columns: Iterable[str]) -> list[str]:
    """Catalogue columns to show beside a strain list's rows, filters first, in query order; none for
    a query that is not a strain list (aggregates show their own columns)."""
    known = {c.lower() for c in catalogue_columns}
    inner = _strain_query(sql)
    if inner is None:
        return []
    found = [*filtered_columns(inner), *(n.lower() for n in named)]
    chosen: list[str] = []
    for name in found:
        if name in known and name not in SHOWN and name not in chosen:
            chosen.append(name)
    return chosen[:MAX_COLUMNS]


def _strain_query(sql: str | None) -> exp.Expression | None:
    if not sql:
        return None
    try:
        tree = parse_one(sql)
    except SqlRejected:
        return None
    inner = unwrap_display(tree)
    return None if inner is tree else inner


def filtered_columns(query: exp.Expression) -> list[str]:
    """Column names in the WHERE, JOIN ON, GROUP BY and HAVING clauses of `query` and of the
    queries nested in them (set operations and CTEs too), in the order they appear."""
    names: list[str] = []
    for clause in _conditions(query):
        names += [column.name.lower() for column in clause.find_all(exp.Column, bfs=False) if column.name]
    return names


def _conditions(query: exp.Expression) -> list[exp.Expression]:
    clauses: list[exp.Expression] = []
    for select in query.find_all(exp.Select):
        clauses += [select.args[key] for key in ("where", "group", "having") if select.args.get(key)]
        clauses += [join.args["on"] for join in select.args.get("joins") or [] if join.args.get("on")]
    return clauses
