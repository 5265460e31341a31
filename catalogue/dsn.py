"""Connection strings: parse any libpq DSN, swap its user or database, print it as one URI line."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from psycopg.conninfo import conninfo_to_dict

_URI_PARTS = ("user", "password", "host", "port", "dbname")


def with_parts(dsn: str, **parts: str | None) -> str:
    """The same DSN with some parts replaced (None removes a part)."""
    info = {k: str(v) for k, v in conninfo_to_dict(dsn).items() if v is not None}
    for key, value in parts.items():
        if value is None:
            info.pop(key, None)
        else:
            info[key] = value
    return to_uri(info)


def to_uri(info: dict[str, str]) -> str:
    """Render conninfo parts as a postgresql:// URI; a socket folder goes in the `host` query parameter."""
    user = quote(info.get("user", ""), safe="")
    password = info.get("password")
    auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = info.get("host", "")
    query = {k: v for k, v in info.items() if k not in _URI_PARTS}
    netloc = ""
    if host.startswith("/"):
        query = {"host": host, **query}
    else:
        netloc = host + (f":{info['port']}" if info.get("port") else "")
    if host.startswith("/") and info.get("port"):
        query["port"] = info["port"]
    tail = f"?{urlencode(query, safe='/')}" if query else ""
    return f"postgresql://{auth}{netloc}/{quote(info.get('dbname', ''), safe='')}{tail}"


def describe(dsn: str) -> str:
    """Where a DSN points, without its password: for error messages."""
    info = conninfo_to_dict(dsn)
    where = info.get("host") or "local socket"
    port = f":{info['port']}" if info.get("port") else ""
    return f"{info.get('user') or '?'}@{where}{port}/{info.get('dbname') or '?'}"
