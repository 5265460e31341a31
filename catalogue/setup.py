"""Idempotent set-up: server, catalogue tables, the app's own tables, and the reader role's rights.

Run by `strainchat setup`. Every step can run again on a set-up database and changes nothing then.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from catalogue.load import load_catalogue
from catalogue.server import DatabaseUnavailable, connect, owner_dsn
from strainchat.settings import Settings

# The app's own tables: the query log (the thesis's ExperimentalDB), curator aliases, curators and the
# audit of every alias change. All owner-only: the reader role is granted READER_TABLES alone.
APP_TABLES = """
CREATE TABLE IF NOT EXISTS querylog (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    session_id text,
    question text NOT NULL,
    language text,
    generated_sql text,
    final_sql text,
    status text NOT NULL,
    error text,
    row_count bigint,
    model text,
    timings jsonb,
    links jsonb,
    rating smallint CHECK (rating IN (-1, 1)),
    corrected_sql text,
    comment text,
    feedback_at timestamptz,
    act text
);
-- Databases made before the conversation stage get its column on the next `strainchat setup`.
ALTER TABLE querylog ADD COLUMN IF NOT EXISTS act text;
CREATE TABLE IF NOT EXISTS value_alias (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    alias text NOT NULL,
    alias_norm text NOT NULL,
    column_name text,
    value text,
    action text NOT NULL DEFAULT 'link' CHECK (action IN ('link', 'reject')),
    note text,
    UNIQUE (alias_norm, column_name, value, action)
);
CREATE TABLE IF NOT EXISTS curator (
    name text PRIMARY KEY,
    salt bytea NOT NULL,
    password_hash bytea NOT NULL,
    kdf text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- One row per alias added or deleted; a curator action (change_id) may hold several.
CREATE TABLE IF NOT EXISTS alias_audit (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    curator text NOT NULL,
    change_id text NOT NULL,
    action text NOT NULL CHECK (action IN ('add', 'delete')),
    alias_id bigint NOT NULL,
    before jsonb,
    after jsonb,
    undoes text,
    note text
);
CREATE INDEX IF NOT EXISTS alias_audit_change ON alias_audit (change_id);
"""

READER_TABLES = ("detailedstrain", "syntheticstrain")


@dataclass
class SetupReport:
    owner_dsn: str
    strains_loaded: int | None  # None: the catalogue was already up to date


def _ensure_reader(conn: psycopg.Connection, settings: Settings, database: str) -> None:
    role = sql.Identifier(settings.reader_role)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (settings.reader_role,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(settings.reader_password)))
    db = sql.Identifier(database)
    # Defaults for every reader session; the app also sets them per connection, in case they are absent.
    conn.execute(sql.SQL("ALTER ROLE {} IN DATABASE {} SET default_transaction_read_only = on").format(role, db))
    timeout = sql.Literal(f"{settings.statement_timeout_ms}ms")
    conn.execute(sql.SQL("ALTER ROLE {} IN DATABASE {} SET statement_timeout = {}").format(role, db, timeout))


def _grant_reader(conn: psycopg.Connection, settings: Settings, database: str) -> None:
    role = sql.Identifier(settings.reader_role)
    conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role))
    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
    conn.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(role))
    for table in READER_TABLES:
        conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(table), role))


def setup(settings: Settings, *, force_reload: bool = False) -> SetupReport:
    """Bring the database to the ready state; safe to run any number of times."""
    dsn = owner_dsn(settings)
    with connect(dsn) as conn:
        database = conn.info.dbname
        try:
            loaded = load_catalogue(conn, settings.data_dir, force=force_reload)
            conn.execute(APP_TABLES)
            _ensure_reader(conn, settings, database)
            _grant_reader(conn, settings, database)
            conn.commit()
        except psycopg.errors.InsufficientPrivilege as exc:
            raise DatabaseUnavailable(
                f"the owner role cannot set up the catalogue ({exc}); it needs CREATEROLE and CREATE on the database"
            ) from exc
    return SetupReport(owner_dsn=dsn, strains_loaded=loaded)
