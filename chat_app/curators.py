"""Curator sign-in for the chat: who may accept, reject or correct links and undo alias changes.

A curator signs in with a name and either their password (`strainchat curator add NAME`) or the
shared token of `STRAINCHAT_CURATOR_TOKEN`. The `Curator` that sign-in returns is kept in the
session's server-side `gr.State`, never sent by the browser, and every curation action in
`chat_app.curation` refuses to run without one: hiding the buttons is only a courtesy. On a
Hugging Face Space only the token counts (nobody can run `strainchat curator add` there), so a
Space stays read-only until the token is set as a secret.

    auth = CuratorAuth(catalogue, token=settings.curator_token, on_space=bool(settings.space_id))
    curator, message = auth.sign_in("alice", "a long passphrase")
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from dataclasses import dataclass

from catalogue.curators import NAME, verify_curator
from catalogue.database import Catalogue

log = logging.getLogger(__name__)

MIN_TOKEN = 16
MAX_FAILURES = 5  # failed sign-ins per name within FAILURE_WINDOW_S before that name is locked out
FAILURE_WINDOW_S = 300.0


@dataclass(frozen=True)
class Curator:
    """A signed-in curator; `who` is what the alias audit records."""

    name: str
    via: str  # "password" or "token"

    @property
    def who(self) -> str:
        return self.name if self.via == "password" else f"{self.name} (token)"


class CuratorAuth:
    """Checks sign-ins against the `curator` table and the shared token; counts failures per name."""

    def __init__(self, catalogue: Catalogue, *, token: str = "", on_space: bool = False, clock=time.monotonic):
        self.catalogue = catalogue
        self.token = token if len(token) >= MIN_TOKEN else ""
        self.on_space = on_space
        self.clock = clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        if token and not self.token:
            log.warning("STRAINCHAT_CURATOR_TOKEN is shorter than %d characters: token sign-in is off", MIN_TOKEN)

    @property
    def passwords_allowed(self) -> bool:
        return not self.on_space

    @property
    def enabled(self) -> bool:
        """Whether anyone can sign in at all (a Space without a token cannot)."""
        return bool(self.token) or self.passwords_allowed

    def status(self) -> str:
        """What the panel says before anyone signs in."""
        if not self.enabled:
            return "Read-only: this Space has no curator secret (set STRAINCHAT_CURATOR_TOKEN to enable curation)."
        return "Read-only until a curator signs in (name and password, or the curator token)."

    def sign_in(self, name: str | None, secret: str | None) -> tuple[Curator | None, str]:
        """(the curator, message) on success; (None, why not) otherwise."""
        name, secret = (name or "").strip(), secret or ""
        if not self.enabled:
            return None, self.status()
        if not name or not secret:
            return None, "Type your curator name and password (or the curator token)."
        if not NAME.fullmatch(name):
            return None, "A curator name is 1 to 64 letters, digits or . _ @ -"
        if self._locked(name):
            return None, "Too many failed sign-ins for this name: wait a few minutes."
        if self.token and hmac.compare_digest(secret.encode(), self.token.encode()):
            curator = Curator(name, "token")
        elif self.passwords_allowed and self._password_ok(name, secret):
            curator = Curator(name, "password")
        else:
            self._fail(name)
            log.warning("failed curator sign-in for %r", name[:64])
            return None, "Not signed in: wrong name, password or token."
        self._failures.pop(name, None)
        return curator, f"Signed in as curator **{curator.who}**: alias changes are recorded under this name."

    def _password_ok(self, name: str, password: str) -> bool:
        try:
            return verify_curator(self.catalogue, name, password)
        except Exception as exc:  # a dead database: no sign-in, and the curator is told
            log.warning("curator check failed: %s", exc)
            return False

    def _recent(self, name: str) -> list[float]:
        now = self.clock()
        return [t for t in self._failures.get(name, []) if now - t < FAILURE_WINDOW_S]

    def _locked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name)) >= MAX_FAILURES

    def _fail(self, name: str) -> None:
        with self._lock:
            self._failures[name] = [*self._recent(name), self.clock()]
