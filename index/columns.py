"""Which catalogue columns are value-linkable, decided from the live data (no hard-coded column list).

A column is read from `information_schema` and profiled from its distinct values; `classify` then
sorts it into one kind, the way CHESS and CodeS pick the columns whose values are worth indexing:

- "value": categorical text (genus, substrate, region...) -> indexed and linked;
- "date": text holding dates (YYYY, YYYYMMDD, YYYY-MM-DD...) -> not a value;
- "code": identifiers such as locality ids 'L000570' -> not a value;
- "identifier": nearly one distinct value per row (accession numbers, other denominations);
- "free_text": mostly long values (remarks, pathogenicity) that a question never repeats;
- "constant" / "empty": one value everywhere, or no value at all;
- "other": not text (booleans, integers, numerics): schema-linked by name only.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from psycopg import sql

from catalogue.database import Catalogue

TEXT_TYPES = frozenset({"text", "character varying", "character", "citext"})
_DATE = re.compile(r"^\d{4}([-/.]?\d{1,2}([-/.]?\d{1,2})?)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$")
_CODE = re.compile(r"^[^\s]*\d[^\s]*$")  # one token with a digit in it


@dataclass(frozen=True)
class LinkPolicy:
    """Thresholds of `classify`; part of the index fingerprint, so changing them rebuilds the index."""

    max_distinct_ratio: float = 0.5  # distinct/non-null above this (with many values): identifiers
    ratio_min_distinct: int = 100  # small columns are never called identifiers
    max_value_words: int = 6  # a "short" value fits in the linker's longest n-gram
    min_short_share: float = 0.6  # below this share of short values: free text
    kind_share: float = 0.9  # share of distinct values that makes a column "date" or "code"
    max_indexed_chars: int = 120  # longer single values are left out of the index


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    data_type: str
    rows: int  # rows in the table
    non_null: int
    distinct: int
    kind: str

    @property
    def linkable(self) -> bool:
        return self.kind == "value"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def read_columns(catalogue: Catalogue, table: str) -> list[tuple[str, str]]:
    """(name, data_type) of every column of `table`, in table order."""
    result = catalogue.run_read(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        (table,),
        max_rows=None,
    )
    if not result.rows:
        raise LookupError(f"table {table!r} has no columns the reader role can see")
    return [(str(name), str(kind)) for name, kind in result.rows]


def count_rows(catalogue: Catalogue, table: str) -> int:
    query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)).as_string(None)
    return int(catalogue.run_read(query).rows[0][0])


def read_values(catalogue: Catalogue, table: str, column: str) -> list[tuple[str, int]]:
    """Distinct non-null values of a text column with their row counts, most frequent first."""
    query = sql.SQL("SELECT {c}, count(*) FROM {t} WHERE {c} IS NOT NULL GROUP BY {c} ORDER BY 2 DESC, 1").format(
        c=sql.Identifier(column), t=sql.Identifier(table)
    )
    rows = catalogue.run_read(query.as_string(None), max_rows=None).rows
    return [(str(value), int(count)) for value, count in rows]


def count_non_null(catalogue: Catalogue, table: str, column: str) -> tuple[int, int]:
    """(non-null, distinct) of a column of any type."""
    query = sql.SQL("SELECT count({c}), count(DISTINCT {c}) FROM {t}").format(
        c=sql.Identifier(column), t=sql.Identifier(table)
    )
    non_null, distinct = catalogue.run_read(query.as_string(None)).rows[0]
    return int(non_null), int(distinct)


def classify(data_type: str, values: list[tuple[str, int]], rows: int, policy: LinkPolicy) -> str:
    """The kind of a column from its type and its distinct values with counts."""
    if data_type not in TEXT_TYPES:
        return "other"
    if not values:
        return "empty"
    distinct = len(values)
    non_null = sum(count for _, count in values)
    if distinct == 1 and non_null == rows:
        return "constant"
    texts = [value.strip() for value, _ in values]
    if _share(texts, lambda v: bool(_DATE.match(v))) >= policy.kind_share:
        return "date"
    if _share(texts, lambda v: bool(_CODE.match(v))) >= policy.kind_share:
        return "code"
    if distinct >= policy.ratio_min_distinct and distinct / non_null > policy.max_distinct_ratio:
        return "identifier"
    if _share(texts, lambda v: len(v.split()) <= policy.max_value_words) < policy.min_short_share:
        return "free_text"
    return "value"


def _share(texts: list[str], test) -> float:
    return sum(1 for text in texts if test(text)) / len(texts)
