"""The one error post-processing raises: the SQL was refused, and the message says why.

The message is shown to the user as is, so it is short, plain and names the reason.
"""

from __future__ import annotations


class SqlRejected(ValueError):
    """The SQL cannot be run: no SQL found, not valid SQL, not a read query, or not fixable."""


class SqlUnreadable(SqlRejected):
    """The text holds no usable query (no SQL, not valid SQL, an unknown column), as opposed to a
    query that was read and refused; the pipeline may answer with its own draft instead."""
