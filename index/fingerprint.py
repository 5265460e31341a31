"""The fingerprint of what the value index is built from: table contents, columns, policy and model.

The index on disk stores the fingerprint it was built from; `ensure_index` rebuilds only when the
live database gives a different one. The content hash is order-independent and names no column, so
it works for any table: md5 of every row's text form, sorted, hashed again (about 0.1 s for TUCC).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from psycopg import sql

from catalogue.database import Catalogue
from index.columns import LinkPolicy

# Bump when the files written by index.build change shape.
INDEX_FORMAT = 3  # 3: values.json keeps the free-text columns too


def content_hash(catalogue: Catalogue, table: str) -> str:
    query = sql.SQL(
        "SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') FROM (SELECT md5(t::text) AS h FROM {} t) s"
    ).format(sql.Identifier(table))
    count, digest = catalogue.run_read(query.as_string(None)).rows[0]
    return f"{count}:{digest}"


def fingerprint(
    catalogue: Catalogue, table: str, columns: list[tuple[str, str]], policy: LinkPolicy, model: str
) -> str:
    """One hex digest over everything that changes the built index."""
    parts = {
        "format": INDEX_FORMAT,
        "table": table,
        "columns": columns,
        "policy": asdict(policy),
        "model": model,
        "content": content_hash(catalogue, table),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
