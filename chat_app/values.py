"""Cell values as the app shows and sends them: JSON-safe scalars and display text.

PostgreSQL returns `Decimal` for numeric columns (testedtgmin) and counts can be large integers;
JSON and the browser want plain numbers, so conversion happens once, here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def jsonable(value: Any) -> Any:
    """A JSON-safe version of one cell or of a whole answer object (dicts and lists recursively)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def display_value(value: Any) -> str:
    """A cell as text (chart labels, one-number answers)."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(jsonable(value))
