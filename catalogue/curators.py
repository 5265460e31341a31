"""Curator accounts: names with scrypt-hashed passwords in the owner-only `curator` table.

Only the hash and its per-curator random salt are stored; a password is checked by hashing it
again with that salt and comparing in constant time. The chat's sign-in (`chat_app.curators`) is
the only reader; `strainchat curator add NAME` is the way in.

    add_curator(catalogue, "alice", "a long passphrase")    # True: created, False: password replaced
    verify_curator(catalogue, "alice", "a long passphrase")  # True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from typing import Any

from catalogue.database import Catalogue

NAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
MIN_PASSWORD = 10
# scrypt cost: about 30 ms and 16 MiB per check, so guessing is slow and a sign-in is not.
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
KDF = "scrypt-n14-r8-p1"
# A hash to compare against when the name is unknown, so that the answer takes as long either way.
_DUMMY_SALT = b"\x00" * 16


class CuratorError(ValueError):
    """A curator name or password that cannot be stored; the message says why."""


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME.fullmatch(name):
        raise CuratorError("a curator name is 1 to 64 letters, digits or . _ @ -")
    return name


def password_hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=64 * 1024 * 1024, **SCRYPT)


def add_curator(catalogue: Catalogue, name: str, password: str) -> bool:
    """Create curator `name`, or replace its password; True when it is new."""
    name = check_name(name)
    if len(password or "") < MIN_PASSWORD:
        raise CuratorError(f"the password must have at least {MIN_PASSWORD} characters")
    salt = os.urandom(16)
    rows = catalogue.owner_execute(
        "INSERT INTO curator (name, salt, password_hash, kdf) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (name) DO UPDATE SET salt = EXCLUDED.salt, password_hash = EXCLUDED.password_hash, "
        "kdf = EXCLUDED.kdf, updated_at = now() RETURNING (xmax = 0)",
        (name, salt, password_hash(password, salt), KDF),
    )
    return bool(rows[0][0])


def remove_curator(catalogue: Catalogue, name: str) -> bool:
    """Delete curator `name`; False when there was none. Its audit entries stay."""
    return bool(catalogue.owner_execute("DELETE FROM curator WHERE name = %s RETURNING name", (name,)))


def list_curators(catalogue: Catalogue) -> list[dict[str, Any]]:
    rows = catalogue.owner_execute("SELECT name, created_at, updated_at FROM curator ORDER BY name")
    return [{"name": n, "created_at": c.isoformat(), "updated_at": u.isoformat()} for n, c, u in rows]


def has_curators(catalogue: Catalogue) -> bool:
    return bool(catalogue.owner_execute("SELECT 1 FROM curator LIMIT 1"))


def verify_curator(catalogue: Catalogue, name: str, password: str) -> bool:
    """True when `name` is a curator and `password` is theirs."""
    try:
        name = check_name(name)
    except CuratorError:
        return False
    rows = catalogue.owner_execute("SELECT salt, password_hash FROM curator WHERE name = %s", (name,))
    salt, stored = (bytes(rows[0][0]), bytes(rows[0][1])) if rows else (_DUMMY_SALT, b"")
    computed = password_hash(password or "", salt)
    return bool(rows) and hmac.compare_digest(computed, stored)
