"""Runtime database access: a reader pool for user queries, an owner pool for logs and aliases.

`Catalogue` is the transport seam between the answering logic and PostgreSQL: everything that
touches the database at run time goes through it, so a dead server becomes one clear error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from catalogue.dsn import describe
from catalogue.server import DatabaseUnavailable


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]  # at most `max_rows` of them
    row_count: int  # the exact total


class QueryFailed(RuntimeError):
    """PostgreSQL rejected or cancelled a user query (syntax, timeout, rights)."""


def _reader_configure(timeout_ms: int):
    def configure(conn: psycopg.Connection) -> None:
        # Set per connection as well as on the role: an external server may lack the role defaults.
        conn.execute("SET default_transaction_read_only = on")
        conn.execute(f"SET statement_timeout = {int(timeout_ms)}")
        conn.commit()

    return configure


class Catalogue:
    """Pooled connections to one catalogue database; opened lazily, reopened after failures."""

    def __init__(self, reader_dsn: str, owner_dsn: str, *, statement_timeout_ms: int = 5000, pool_size: int = 4):
        self.reader_dsn = reader_dsn
        self.owner_dsn = owner_dsn
        self.statement_timeout_ms = statement_timeout_ms
        self.pool_size = pool_size
        self._reader: ConnectionPool | None = None
        self._owner: ConnectionPool | None = None

    def _pool(self, dsn: str, configure=None) -> ConnectionPool:
        pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=self.pool_size,
            kwargs={"connect_timeout": 5},
            configure=configure,
            check=ConnectionPool.check_connection,
            timeout=10,
            open=False,
        )
        pool.open(wait=False)
        return pool

    def reader_pool(self) -> ConnectionPool:
        if self._reader is None:
            self._reader = self._pool(self.reader_dsn, _reader_configure(self.statement_timeout_ms))
        return self._reader

    def owner_pool(self) -> ConnectionPool:
        if self._owner is None:
            self._owner = self._pool(self.owner_dsn)
        return self._owner

    def close(self) -> None:
        for pool in (self._reader, self._owner):
            if pool is not None:
                pool.close()
        self._reader = self._owner = None

    def run_read(self, query: str, params: Sequence[Any] | None = None, *, max_rows: int | None = 100) -> QueryResult:
        """Run one read query as the reader role; return at most `max_rows` rows and the exact total."""
        try:
            with self.reader_pool().connection() as conn, conn.cursor() as cur:
                cur.execute(query, params)
                columns = [d.name for d in cur.description or []]
                rows = cur.fetchall()
        except (PoolTimeout, psycopg.OperationalError) as exc:
            if isinstance(exc, psycopg.errors.QueryCanceled):
                raise QueryFailed(
                    f"the query took longer than {self.statement_timeout_ms} ms and was cancelled"
                ) from exc
            raise self._unavailable(self.reader_dsn, exc) from exc
        except psycopg.Error as exc:
            raise QueryFailed(_first_line(exc)) from exc
        shown = rows if max_rows is None else rows[:max_rows]
        return QueryResult(columns=columns, rows=shown, row_count=len(rows))

    def owner_execute(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        """Run a statement as the owner in its own committed transaction; return any rows."""
        try:
            with self.owner_pool().connection() as conn, conn.cursor() as cur:
                cur.execute(query, params)
                return cur.fetchall() if cur.description else []
        except (PoolTimeout, psycopg.OperationalError) as exc:
            raise self._unavailable(self.owner_dsn, exc) from exc

    def _unavailable(self, dsn: str, exc: Exception) -> DatabaseUnavailable:
        # A dead server leaves broken connections behind: drop the pools so the next call reconnects.
        self.close()
        return DatabaseUnavailable(f"the catalogue database at {describe(dsn)} is unavailable: {_first_line(exc)}")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
