"""Curator aliases for value linking: create, list and delete rows of the `value_alias` table.

    add_alias(catalogue, "muffe", "organismtype", "Filamentous Fungi")    # this phrase means that value
    add_alias(catalogue, "sediment", "substrate", None, action="link")     # this phrase names the column
    add_alias(catalogue, "alba", "city", "Alba", action="reject")          # never link the phrase to it
    add_alias(catalogue, "test", None, None, action="reject")              # never link the phrase at all

The linker reads the table again whenever `aliases_version` changes, so an alias counts from the
next question on. Writes go through the owner role (the reader role cannot see this table). Every
write is audited in `alias_audit` in the same statement (who, when, the row before and after):
`curator` names who made it ("owner" for scripts and tests acting as the database owner) and
`change` groups the rows of one curator action, which `catalogue.alias_audit.undo_change` reverts.
"""

from __future__ import annotations

import uuid
from typing import Any

from psycopg import sql

from catalogue.database import Catalogue
from index.normalize import normalize

ACTIONS = ("link", "reject")
TABLE = "detailedstrain"  # the table whose columns and values aliases point at
OWNER = "owner"  # the audit's "who" for changes made directly as the database owner

# Insert and audit in one statement, so no alias change can exist without its audit row.
_INSERT_AUDITED = """
WITH added AS (
    INSERT INTO value_alias (alias, alias_norm, column_name, value, action, note)
    VALUES (%(alias)s, %(alias_norm)s, %(column)s, %(value)s, %(action)s, %(note)s) RETURNING *
)
INSERT INTO alias_audit (curator, change_id, action, alias_id, before, after, undoes, note)
SELECT %(curator)s, %(change)s, 'add', id, NULL, to_jsonb(added), %(undoes)s, %(note)s FROM added
RETURNING alias_id
"""
_DELETE_AUDITED = """
WITH gone AS (DELETE FROM value_alias WHERE id = %(id)s RETURNING *)
INSERT INTO alias_audit (curator, change_id, action, alias_id, before, after, undoes, note)
SELECT %(curator)s, %(change)s, 'delete', id, to_jsonb(gone), NULL, %(undoes)s, %(note)s FROM gone
RETURNING alias_id
"""


def new_change() -> str:
    """An id for one curator action (the rows of alias_audit it wrote share it)."""
    return uuid.uuid4().hex


class AliasError(ValueError):
    """An alias that cannot be stored; the message says why."""


def add_alias(
    catalogue: Catalogue,
    alias: str,
    column: str | None,
    value: str | None,
    action: str = "link",
    note: str | None = None,
    *,
    curator: str = OWNER,
    change: str | None = None,
    undoes: str | None = None,
) -> int:
    """Store an alias (or find the identical one, which is not a change) and return its id; the
    insert is audited under `curator` and `change` (a new change id when none is given)."""
    alias_norm = _check(alias, column, value, action)
    if column is not None:
        _check_column(catalogue, column)
        if value is not None and action == "link":
            _check_value(catalogue, column, value)
    existing = catalogue.owner_execute(
        "SELECT id FROM value_alias WHERE alias_norm = %s AND column_name IS NOT DISTINCT FROM %s "
        "AND value IS NOT DISTINCT FROM %s AND action = %s",
        (alias_norm, column, value, action),
    )
    if existing:
        return int(existing[0][0])
    params = {"alias": alias.strip(), "alias_norm": alias_norm, "column": column, "value": value, "action": action,
              "note": note, "curator": curator, "change": change or new_change(), "undoes": undoes}  # fmt: skip
    return int(catalogue.owner_execute(_INSERT_AUDITED, params)[0][0])


def list_aliases(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Every alias, oldest first: id, alias, alias_norm, column, value, action, note, created_at (ISO)."""
    rows = catalogue.owner_execute(
        "SELECT id, alias, alias_norm, column_name, value, action, note, created_at FROM value_alias ORDER BY id"
    )
    keys = ("id", "alias", "alias_norm", "column", "value", "action", "note", "created_at")
    return [{**dict(zip(keys, row, strict=True)), "created_at": row[7].isoformat()} for row in rows]


def delete_alias(
    catalogue: Catalogue,
    alias_id: int,
    *,
    curator: str = OWNER,
    change: str | None = None,
    undoes: str | None = None,
    note: str | None = None,
) -> None:
    """Delete one alias; the delete is audited like an insert."""
    params = {"id": int(alias_id), "curator": curator, "change": change or new_change(), "undoes": undoes, "note": note}
    rows = catalogue.owner_execute(_DELETE_AUDITED, params)
    if not rows:
        raise AliasError(f"there is no alias with id {alias_id}")


def aliases_version(catalogue: Catalogue) -> tuple[int, int]:
    """(row count, highest id): changes on every add and delete, and costs one index scan."""
    count, top = catalogue.owner_execute("SELECT count(*), coalesce(max(id), 0) FROM value_alias")[0]
    return int(count), int(top)


def _check(alias: str, column: str | None, value: str | None, action: str) -> str:
    if action not in ACTIONS:
        raise AliasError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    alias_norm = normalize(alias or "")
    if not alias_norm:
        raise AliasError("the alias phrase is empty (or only punctuation)")
    if value is not None and column is None:
        raise AliasError("an alias with a value needs the column that holds it")
    if action == "link" and column is None:
        raise AliasError("a 'link' alias needs a column (and usually a value)")
    return alias_norm


def _check_column(catalogue: Catalogue, column: str) -> None:
    found = catalogue.owner_execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", (TABLE, column)
    )
    if not found:
        raise AliasError(f"the catalogue has no column {column!r}")


def _check_value(catalogue: Catalogue, column: str, value: str) -> None:
    query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text = %s").format(sql.Identifier(TABLE), sql.Identifier(column))
    if not catalogue.owner_execute(query, (value,))[0][0]:
        raise AliasError(f"no strain has {column} = {value!r}; aliases must point at a stored value")
