"""Curator aliases as the linker sees them: link rules, reject rules and column phrases, kept current.

`CatalogueAliases` asks the database for `aliases_version` on every question (one tiny query) and
reloads the rules only when it changed, so an alias added in the UI counts from the next question.
If the database is down the last rules stay in use: linking must not fail because of aliases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import psycopg

from catalogue.aliases import aliases_version, list_aliases
from catalogue.database import Catalogue
from catalogue.server import DatabaseUnavailable
from index.normalize import normalize
from index.thesaurus import plain_key


@dataclass(frozen=True)
class AliasRule:
    phrase: str  # normal form of the alias phrase
    column: str | None
    value: str | None
    action: str  # "link" or "reject"


@dataclass
class AliasSet:
    rules: list[AliasRule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.links: dict[str, list[tuple[str, str]]] = {}
        self.column_phrases: dict[str, str] = {}
        self.rejects: dict[str, list[tuple[str | None, str | None]]] = {}
        for rule in self.rules:
            if rule.action == "link" and rule.column and rule.value is not None:
                self.links.setdefault(rule.phrase, []).append((rule.column, rule.value))
            elif rule.action == "link" and rule.column:
                self.column_phrases[plain_key(rule.phrase)] = rule.column
            elif rule.action == "reject":
                self.rejects.setdefault(rule.phrase, []).append((rule.column, rule.value))

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> AliasSet:
        return cls(
            [
                AliasRule(normalize(row["alias"]), row.get("column"), row.get("value"), row.get("action", "link"))
                for row in rows
            ]
        )

    def rejects_phrase(self, phrase: str) -> bool:
        """The phrase may never be linked (a reject rule with neither column nor value)."""
        return any(column is None and value is None for column, value in self.rejects.get(phrase, ()))

    def rejected(self, phrase: str, column: str, value_key: str, key_of) -> bool:
        """Whether linking `phrase` to `column` (thing `value_key`) is rejected; None in a rule = any."""
        for rule_column, rule_value in self.rejects.get(phrase, ()):
            if rule_column not in (None, column):
                continue
            if rule_value is None or key_of(rule_value) == value_key:
                return True
        return False


class AliasSource(Protocol):
    def current(self) -> AliasSet: ...


class StaticAliases:
    """Fixed rules (tests, or linking without a database)."""

    def __init__(self, rows: Iterable[dict[str, Any]] = ()):
        self._set = AliasSet.from_rows(rows)

    def current(self) -> AliasSet:
        return self._set


class CatalogueAliases:
    """Rules from the `value_alias` table, reloaded when its version changes."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._version: tuple[int, int] | None = None
        self._set = AliasSet()

    def current(self) -> AliasSet:
        try:
            version = aliases_version(self.catalogue)
            if version != self._version:
                self._set = AliasSet.from_rows(list_aliases(self.catalogue))
                self._version = version
        except (DatabaseUnavailable, psycopg.Error):
            pass  # keep the last rules; the answer path reports the database problem itself
        return self._set


def alias_source(aliases: AliasSource | Catalogue | Iterable[dict[str, Any]] | None) -> AliasSource:
    """Accept a source, a Catalogue (aliases from its database), rows, or None (no aliases)."""
    if aliases is None:
        return StaticAliases()
    if isinstance(aliases, Catalogue):
        return CatalogueAliases(aliases)
    if hasattr(aliases, "current"):
        return aliases  # type: ignore[return-value]
    return StaticAliases(aliases)  # type: ignore[arg-type]
