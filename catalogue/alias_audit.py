"""The audit of alias changes (`alias_audit`): list recent curator actions and undo one.

Every insert and delete of `value_alias` writes an audit row in the same statement
(`catalogue.aliases`); the rows of one curator action share a `change_id` (a correction rejects
the old reading and links the new one: two rows, one change). Undoing a change is itself a change,
audited under the curator who undid it, so an undo can be undone too.

    changes = recent_changes(catalogue, limit=20)
    undo_change(catalogue, changes[0].change_id, curator="alice")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalogue.aliases import AliasError, add_alias, delete_alias, new_change
from catalogue.database import Catalogue


@dataclass
class Change:
    """One curator action: when, who, and the alias rows it added or deleted."""

    change_id: str
    at: str  # ISO timestamp of its first row
    curator: str
    undoes: str | None  # the change this one undid, if it is an undo
    undone_by: str | None = None  # the change that undid this one, if any
    rows: list[dict[str, Any]] = field(default_factory=list)  # {"action", "alias_id", "before", "after"}

    def describe(self) -> str:
        """One line, e.g. "+ 'Marine sediment' → isolationhabitat: Marine sediment (link)"."""
        parts = []
        for row in self.rows:
            alias = row["after"] or row["before"] or {}
            sign = "+" if row["action"] == "add" else "−"
            target = ": ".join(str(alias[k]) for k in ("column_name", "value") if alias.get(k) is not None)
            parts.append(f"{sign} '{alias.get('alias')}' → {target or '(any column)'} ({alias.get('action')})")
        return "; ".join(parts)


_RECENT = """
WITH changes AS (
    SELECT change_id, min(id) AS first FROM alias_audit GROUP BY change_id ORDER BY first DESC LIMIT %s
)
SELECT a.change_id, a.at, a.curator, a.undoes, a.action, a.alias_id, a.before, a.after,
       (SELECT u.change_id FROM alias_audit u WHERE u.undoes = a.change_id ORDER BY u.id LIMIT 1)
FROM alias_audit a JOIN changes c USING (change_id)
ORDER BY c.first DESC, a.id
"""


def recent_changes(catalogue: Catalogue, limit: int = 20) -> list[Change]:
    """The latest `limit` curator actions, newest first."""
    changes: dict[str, Change] = {}
    for change_id, at, curator, undoes, action, alias_id, before, after, undone_by in catalogue.owner_execute(
        _RECENT, (int(limit),)
    ):
        change = changes.setdefault(change_id, Change(change_id, at.isoformat(), curator, undoes, undone_by))
        change.rows.append({"action": action, "alias_id": alias_id, "before": before, "after": after})
    return list(changes.values())


def change_rows(catalogue: Catalogue, change_id: str) -> list[tuple[str, int, dict | None, dict | None]]:
    return catalogue.owner_execute(
        "SELECT action, alias_id, before, after FROM alias_audit WHERE change_id = %s ORDER BY id", (change_id,)
    )


def undo_change(catalogue: Catalogue, change_id: str, curator: str) -> str:
    """Revert change `change_id` (its rows in reverse order) as a new change by `curator`; returns
    the new change id. AliasError when there is no such change, it was undone already, or nothing
    of it is left to revert (the aliases it added were deleted since)."""
    rows = change_rows(catalogue, change_id)
    if not rows:
        raise AliasError(f"there is no alias change {change_id!r}")
    if catalogue.owner_execute("SELECT 1 FROM alias_audit WHERE undoes = %s LIMIT 1", (change_id,)):
        raise AliasError("that change was undone already")
    undo = new_change()
    for action, alias_id, before, _after in reversed(rows):
        if action == "add" and _exists(catalogue, alias_id):
            note = f"undo of {change_id}"
            delete_alias(catalogue, alias_id, curator=curator, change=undo, undoes=change_id, note=note)
        elif action == "delete" and before is not None:
            _restore(catalogue, before, curator, undo, change_id)
    if not change_rows(catalogue, undo):
        raise AliasError("nothing of that change is left to undo (its aliases were changed since)")
    return undo


def _exists(catalogue: Catalogue, alias_id: int) -> bool:
    return bool(catalogue.owner_execute("SELECT 1 FROM value_alias WHERE id = %s", (alias_id,)))


def _restore(catalogue: Catalogue, row: dict[str, Any], curator: str, change: str, undoes: str) -> None:
    """Put a deleted alias back, under a new id so that the linker's alias version moves on (an
    identical alias that exists again is left alone: add_alias then writes nothing)."""
    add_alias(
        catalogue, row["alias"], row["column_name"], row["value"], row["action"], row.get("note"),
        curator=curator, change=change, undoes=undoes,
    )  # fmt: skip
