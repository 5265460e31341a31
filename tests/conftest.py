"""Shared fixtures: a real embedded PostgreSQL with the real TUCC catalogue, one per test worker.

Tests never mock the database. The server lives in a temporary folder and is stopped at the end.
"""

from __future__ import annotations

import os

# Tests talk to loopback only: Gradio and its client otherwise send usage analytics.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# Two test workers share two cores: a model that spins one OpenMP thread per core in each worker
# oversubscribes the machine and a 40-token answer can take minutes. One thread per worker.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("STRAINCHAT_LLAMACPP_THREADS", "1")
from collections.abc import Iterator
from dataclasses import replace

import pytest

from catalogue.database import Catalogue
from catalogue.server import reader_dsn, stop_embedded
from catalogue.setup import SetupReport, setup
from strainchat.settings import Settings, settings_from_env


@pytest.fixture(scope="session")
def db_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a fresh embedded server (an external one if STRAINCHAT_TEST_DATABASE_URL is set)."""
    home = tmp_path_factory.mktemp("home")
    settings = replace(settings_from_env({}), home=home)
    yield settings
    if (settings.pgdata / "PG_VERSION").exists():
        stop_embedded(settings.pgdata)


@pytest.fixture(scope="session")
def setup_report(db_settings: Settings) -> SetupReport:
    return setup(db_settings)


@pytest.fixture(scope="session")
def catalogue(db_settings: Settings, setup_report: SetupReport) -> Iterator[Catalogue]:
    cat = Catalogue(
        reader_dsn(db_settings, setup_report.owner_dsn),
        setup_report.owner_dsn,
        statement_timeout_ms=db_settings.statement_timeout_ms,
    )
    yield cat
    cat.close()


from fixtures_index import value_index  # noqa: E402, F401  (the session value index, tests/fixtures_index.py)
