"""Settings: the one place where StrainChat reads its environment.

Every other module receives a `Settings` (or the values it needs) as an argument; nothing else
calls `os.environ`. Command-line flags override the environment by building a new `Settings`
with `dataclasses.replace`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Field metadata `env` names the variable that sets it."""

    home: Path = field(
        default=REPO_ROOT / ".strainchat",
        metadata={"env": "STRAINCHAT_HOME", "help": "State folder: embedded database, value index."},
    )
    database_url: str | None = field(
        default=None,
        metadata={
            "env": "STRAINCHAT_DATABASE_URL",
            "help": "Owner DSN of an external PostgreSQL; unset = the embedded server under `home`.",
        },
    )
    reader_role: str = field(
        default="strainchat_reader",
        metadata={"env": "STRAINCHAT_READER_ROLE", "help": "Role used for every user query."},
    )
    reader_password: str = field(
        default="strainchat_reader",
        metadata={
            "env": "STRAINCHAT_READER_PASSWORD",
            "help": "Password set on the reader role (the embedded server trusts local sockets).",
        },
    )
    statement_timeout_ms: int = field(
        default=5000,
        metadata={"env": "STRAINCHAT_STATEMENT_TIMEOUT_MS", "help": "Timeout of every user query."},
    )
    data_dir: Path = field(
        default=REPO_ROOT / "data" / "tucc",
        metadata={"env": "STRAINCHAT_DATA_DIR", "help": "Folder with strains.jsonl.gz and localities.jsonl.gz."},
    )

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"


def _coerce(value: str, default: object) -> object:
    if isinstance(default, Path):
        return Path(value)
    if isinstance(default, int):
        return int(value)
    return value


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Build Settings from environment variables (defaults for the ones not set)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, spec in Settings.__dataclass_fields__.items():
        var = spec.metadata.get("env")
        if var and env.get(var):
            values[name] = _coerce(env[var], spec.default)
    return Settings(**values)  # type: ignore[arg-type]
