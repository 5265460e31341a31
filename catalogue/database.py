"""Runtime database access: a reader pool for user queries, an owner pool for logs and aliases.

`Catalogue` is the transport seam between the answering logic and PostgreSQL: everything that
touches the database at run time goes through it, so a dead server becomes one clear error, and a
restarted one is reconnected to without restarting the app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from catalogue import server
from catalogue.dsn import describe
from catalogue.server import DatabaseUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
READER, OWNER = "reader", "owner"


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
    """Pooled connections to one catalogue database, opened lazily.

    A pool whose server went away is dropped and made again on the next call, so the app reconnects
    by itself after a restart; connections a restart left broken are replaced once, transparently.
    When the server is the embedded one this process started and it no longer answers, it is started
    again (`restart_embedded=False` turns that off, as for an external server, which is never touched).
    """

    def __init__(
        self,
        reader_dsn: str,
        owner_dsn: str,
        *,
        statement_timeout_ms: int = 5000,
        pool_size: int = 4,
        restart_embedded: bool = True,
    ):
        self.reader_dsn = reader_dsn
        self.owner_dsn = owner_dsn
        self.statement_timeout_ms = statement_timeout_ms
        self.pool_size = pool_size
        self.restart_embedded = restart_embedded
        self._pools: dict[str, ConnectionPool] = {}
        self._lock = threading.Lock()

    def _dsn(self, role: str) -> str:
        return self.reader_dsn if role == READER else self.owner_dsn

    def _pool(self, role: str) -> ConnectionPool:
        with self._lock:
            pool = self._pools.get(role)
            if pool is None:
                pool = self._pools[role] = self._open_pool(role)
            return pool

    def _open_pool(self, role: str) -> ConnectionPool:
        dsn = self._dsn(role)
        # One direct connection first: a dead server fails here at once, where the pool would keep
        # retrying in the background until its timeout.
        psycopg.connect(dsn, connect_timeout=5).close()
        pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=self.pool_size,
            kwargs={"connect_timeout": 5},
            configure=_reader_configure(self.statement_timeout_ms) if role == READER else None,
            timeout=10,
            open=False,
        )
        pool.open(wait=False)
        return pool

    def _drop(self, role: str, pool: ConnectionPool) -> None:
        with self._lock:
            if self._pools.get(role) is pool:
                del self._pools[role]
        pool.close(timeout=1)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    def _use(self, role: str, work: Callable[[psycopg.Connection], T]) -> T:
        """`work` on a pooled connection of `role`. A broken connection (the server restarted) is
        replaced once; a server that cannot be reached is DatabaseUnavailable, after a restart of
        the embedded server and one more try when that restart worked."""
        retried = restarted = False
        while True:
            conn: psycopg.Connection | None = None
            pool: ConnectionPool | None = None
            try:
                pool = self._pool(role)
                with pool.connection() as conn:
                    return work(conn)
            except psycopg.errors.QueryCanceled:
                raise
            except psycopg.OperationalError as exc:  # PoolTimeout and PoolClosed are OperationalErrors
                lost = conn is None or conn.broken
                if lost and pool is not None:
                    self._drop(role, pool)
                if lost and not retried and not isinstance(exc, PoolTimeout):
                    retried = True  # e.g. a connection of a pool another thread just dropped
                    continue
                if lost and not restarted and self._restart(role):
                    restarted = True
                    continue
                raise self._unavailable(role, exc) from exc

    def _restart(self, role: str) -> bool:
        if not self.restart_embedded:
            return False
        try:
            return server.restart_embedded(self._dsn(role))
        except Exception as exc:  # the original error is the one to report
            log.warning("restarting the embedded PostgreSQL failed: %s", exc)
            return False

    def run_read(self, query: str, params: Sequence[Any] | None = None, *, max_rows: int | None = 100) -> QueryResult:
        """Run one read query as the reader role; return at most `max_rows` rows and the exact total."""

        def work(conn: psycopg.Connection) -> tuple[list[str], list[tuple[Any, ...]]]:
            with conn.cursor() as cur:
                cur.execute(query, params)
                return [d.name for d in cur.description or []], cur.fetchall()

        try:
            columns, rows = self._use(READER, work)
        except psycopg.errors.QueryCanceled as exc:
            raise QueryFailed(f"the query took longer than {self.statement_timeout_ms} ms and was cancelled") from exc
        except psycopg.Error as exc:
            raise QueryFailed(_first_line(exc)) from exc
        shown = rows if max_rows is None else rows[:max_rows]
        return QueryResult(columns=columns, rows=shown, row_count=len(rows))

    def owner_execute(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        """Run a statement as the owner in its own committed transaction; return any rows."""

        def work(conn: psycopg.Connection) -> list[tuple]:
            with conn.cursor() as cur:
                cur.execute(query, params)
                return cur.fetchall() if cur.description else []

        return self._use(OWNER, work)

    def _unavailable(self, role: str, exc: Exception) -> DatabaseUnavailable:
        dsn = self._dsn(role)
        return DatabaseUnavailable(f"the catalogue database at {describe(dsn)} is unavailable: {_first_line(exc)}")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
