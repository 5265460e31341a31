"""What the post-processing rules know about the catalogue: column types and the value index.

`facts_from_catalogue(catalogue)` reads the `detailedstrain` columns from information_schema as the
reader role; the rules themselves never touch the database, so they stay pure and fast to test.

    facts = facts_from_catalogue(catalogue, values=value_index)
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.contract import SYNTHETIC_COLUMNS
from linking.types import ValueLookup

DETAILED = "detailedstrain"
SYNTHETIC = "syntheticstrain"
TABLES = (DETAILED, SYNTHETIC)

# syntheticstrain is a view of text columns except strainid (see data/README.md).
SYNTHETIC_TYPES = {name: ("integer" if name == "strainid" else "text") for name in SYNTHETIC_COLUMNS}


@dataclass(frozen=True)
class CatalogueFacts:
    columns: dict[str, str]  # detailedstrain column name -> SQL type (information_schema data_type)
    values: ValueLookup | None = None  # the value index; None = no dictionary fix
    date_columns: tuple[str, ...] = ("collectiondate", "isolationdate", "depositdate", "inclusiondate")
    synthetic_columns: dict[str, str] | None = None  # syntheticstrain columns; None = the contract's

    def table_columns(self, table: str) -> dict[str, str]:
        """Column -> type of one of the two catalogue tables (empty for any other name)."""
        if table == DETAILED:
            return self.columns
        if table == SYNTHETIC:
            return self.synthetic_columns if self.synthetic_columns is not None else SYNTHETIC_TYPES
        return {}

    def is_text(self, table: str, column: str) -> bool:
        return self.table_columns(table).get(column) in ("text", "character varying", "character")


COLUMNS_QUERY = (
    "SELECT table_name, column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name IN ('detailedstrain', 'syntheticstrain') "
    "ORDER BY table_name, ordinal_position"
)


def facts_from_catalogue(catalogue, values: ValueLookup | None = None) -> CatalogueFacts:
    """Facts read from the live database (`catalogue` is a catalogue.database.Catalogue)."""
    result = catalogue.run_read(COLUMNS_QUERY, max_rows=None)
    tables: dict[str, dict[str, str]] = {DETAILED: {}, SYNTHETIC: {}}
    for table, column, sql_type in result.rows:
        tables[table][column] = sql_type
    if not tables[DETAILED]:
        raise RuntimeError("the catalogue has no readable detailedstrain table: run `strainchat setup`")
    return CatalogueFacts(columns=tables[DETAILED], values=values, synthetic_columns=tables[SYNTHETIC] or None)
