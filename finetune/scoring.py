"""Scoring one prediction against its gold: exact match (the thesis's metric) and execution match.

Exact match: the model's SQL, normalised by sqlglot (postgres), equals one of `possible_sql_queries`.
Execution match: the result sets agree — accession-number sets for strain lists, value multisets for
aggregates, and row order only where the gold query orders its rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import sqlglot


def normalize_sql(sql: str | None) -> str | None:
    """Canonical text of a query (keywords, spacing, quoting, trailing ';' folded); None if it does not parse."""
    if not sql:
        return None
    try:
        tree = sqlglot.parse_one(sql.strip().rstrip(";"), read="postgres")
    except sqlglot.errors.ParseError:
        return None
    if tree is None:
        return None
    return tree.sql(dialect="postgres", normalize=True, pretty=False)


def exact_match(predicted_sql: str | None, possible: list[str]) -> bool:
    predicted = normalize_sql(predicted_sql)
    return predicted is not None and predicted in {normalize_sql(p) for p in possible}


def _scalar(value: object) -> object:
    # 3 and 3.0 and Decimal('3') are the same answer.
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return round(float(value), 6)
    return value


@dataclass
class Outcome:
    """What one query returned, reduced to what execution accuracy compares."""

    kind: str  # "rows" or "aggregate"
    accessions: frozenset[str] | None = None
    values: Counter | None = None
    ordered: tuple | None = None


def outcome(kind: str | None, columns: list[str], rows: list, *, ordered: bool = False) -> Outcome:
    if kind == "rows" and "accessionnumber" in columns:
        i = columns.index("accessionnumber")
        return Outcome("rows", accessions=frozenset(r[i] for r in rows))
    normalized = [tuple(_scalar(v) for v in r) for r in rows]
    return Outcome("aggregate", values=Counter(normalized), ordered=tuple(normalized) if ordered else None)


def execution_match(predicted: Outcome | None, gold: Outcome) -> bool:
    if predicted is None or predicted.kind != gold.kind:
        return False
    if gold.kind == "rows":
        return predicted.accessions == gold.accessions
    if gold.ordered is not None:  # both outcomes were built with ordered=True
        return predicted.ordered == gold.ordered
    return predicted.values == gold.values


def gold_orders(sql: str) -> bool:
    """Whether the gold query fixes the row order (top-level ORDER BY)."""
    try:
        tree = sqlglot.parse_one(sql.strip().rstrip(";"), read="postgres")
    except sqlglot.errors.ParseError:
        return False
    return tree is not None and tree.args.get("order") is not None
