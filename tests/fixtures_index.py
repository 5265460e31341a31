"""The value index fixture: built once per test worker from the test database, under its tmp home.

It lives in `db_settings.index_dir`, so code under test that calls `ensure_index(db_settings)` finds
it current and reuses it instead of building again.
"""

from __future__ import annotations

import pytest

from catalogue.database import Catalogue
from index.build import ensure_index
from index.store import ValueIndex
from strainchat.settings import Settings


@pytest.fixture(scope="session")
def value_index(db_settings: Settings, catalogue: Catalogue) -> ValueIndex:
    return ensure_index(db_settings, catalogue=catalogue, progress=False)
