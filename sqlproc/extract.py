"""Rule 1, extract: find the one SQL statement inside a model's output.

Models wrap SQL in prose, code fences, '[' ... ']' (the thesis's outputs) and end it with ';'. This
rule strips that junk and returns the text of the first statement; it only *locates* SQL (regular
expressions find fences and where a statement starts), it never rewrites it. Anything else that
looks like a further statement, before or after, is refused as a stacked query even though it
would never be run: only the guarded, re-rendered first statement is ever executed.

    extract_sql("Here you go:\\n```sql\\nSELECT * FROM detailedstrain;\\n```")  # 'SELECT * FROM detailedstrain'
"""

from __future__ import annotations

import re
import unicodedata

import sqlglot
from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

from sqlproc.errors import SqlRejected, SqlUnreadable
from sqlproc.syntax import DIALECT, describe_error, parse_one

MAX_CHARS = 10_000
MAX_ATTEMPTS = 40  # bounds the work spent on long prose: parses tried per candidate start
NO_SQL = "the model did not produce a SQL query (no SELECT statement found in its answer)"

# Words that begin a PostgreSQL statement: a text starting with one is SQL, not prose.
VERBS = frozenset({
    "select", "with", "insert", "update", "delete", "merge", "drop", "create", "alter", "truncate", "copy", "do",
    "prepare", "execute", "deallocate", "set", "reset", "grant", "revoke", "begin", "start", "commit",
    "rollback", "savepoint", "release", "abort", "end", "lock", "listen", "notify", "unlisten", "load", "vacuum",
    "analyze", "analyse", "explain", "call", "declare", "fetch", "move", "close", "discard", "checkpoint",
    "cluster", "reindex", "refresh", "security", "comment", "import", "values", "table", "show", "reassign",
})  # fmt: skip
_VERB = re.compile(r"\b(" + "|".join(sorted(VERBS)) + r")\b", re.IGNORECASE)
_READ_START = re.compile(r"\b(select|with)\b", re.IGNORECASE)
_FENCE = re.compile(r"```[\w-]*[^\S\n]*\n?(.*?)(?:```|\Z)", re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
# Control, invisible-format (zero-width, bidi override), private-use and surrogate characters.
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def extract_sql(text: object) -> str:
    """The text of the single SQL statement in `text`; SqlRejected if there is none or several."""
    if not isinstance(text, str):
        raise SqlRejected(f"expected SQL text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise SqlRejected(f"the SQL is too long ({len(text)} characters, at most {MAX_CHARS})")
    text = text.removeprefix("\ufeff")
    _check_characters(text)
    block = _unfence(text)
    if block is not text and _hidden_statement(text.replace(block, " ", 1)):
        raise SqlRejected("only one SQL statement is allowed, found several")
    body = _unwrap(block)
    if not body:
        raise SqlUnreadable(NO_SQL)
    for start in _candidate_starts(body)[:MAX_ATTEMPTS]:
        found = _statement_at(body[start:])
        if found is None:
            continue
        head, tail = found
        if _hidden_statement(body[:start]) or _hidden_statement(tail):
            raise SqlRejected("only one SQL statement is allowed, found several")
        return head.strip()
    if _starts_with_verb(body):
        parse_one(body)  # raises the parser's own message, the clearest one available
    written = [m for m in _READ_START.finditer(body) if m.group(1).isupper() or not body[: m.start()].strip()]
    if not written:  # only prose that says 'select' or 'with'
        raise SqlUnreadable(NO_SQL)
    raise SqlUnreadable(f"not valid SQL: {_parse_error(body[written[0].start() :])}")


def _check_characters(text: str) -> None:
    for char in text:
        if char not in "\t\n\r" and unicodedata.category(char) in _BAD_CATEGORIES:
            raise SqlRejected(f"the SQL contains an invisible or control character (U+{ord(char):04X})")


def _unfence(text: str) -> str:
    """The first code block (fenced or inline) that holds SQL, else the text itself."""
    if _starts_with_verb(text):  # the answer is SQL already: its backticks sit inside its literals
        return text
    for pattern in (_FENCE, _INLINE):
        for match in pattern.finditer(text):
            if _READ_START.search(match.group(1)) or _starts_with_verb(match.group(1)):
                return match.group(1)
    return text


def _unwrap(body: str) -> str:
    body = body.strip()
    # The thesis's model answered '[SELECT ...]', sometimes '[SELECT ...];' or '[SELECT ...;]'.
    closed = body.rstrip("; \t\n")
    if body.startswith("[") and closed.endswith("]"):
        body = closed[1:-1].strip().rstrip(";").strip()
    return body


def _starts_with_verb(text: str) -> bool:
    stripped = text.lstrip()
    first = re.match(r"\w+", stripped)
    return stripped.startswith("(") or (first is not None and first.group(0).lower() in VERBS)


def _candidate_starts(body: str) -> list[int]:
    if _starts_with_verb(body):
        return [0]
    return [match.start() for match in _READ_START.finditer(body)]


def _statement_at(text: str) -> tuple[str, str] | None:
    """(statement, rest) for the longest run of whole lines from the start of `text` that parses."""
    # A statement spans at most MAX_ATTEMPTS lines; any prose after it may be long.
    line_ends = [i for i, char in enumerate(text) if char == "\n"][:MAX_ATTEMPTS]
    for cut in [len(text), *reversed(line_ends)]:
        head_end = _first_statement_end(text[:cut])
        if head_end is None:
            continue
        head = text[:head_end]
        if head.strip() and _parses_as_one(head):
            return head, text[head_end:]
    return None


def _first_statement_end(text: str) -> int | None:
    """Offset of the first top-level ';' (quotes and comments respected), the end if none."""
    try:
        tokens = Postgres().tokenize(text)
    except SqlglotError:
        return None
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            return token.start
    return len(text)


def _parses_as_one(sql: str) -> bool:
    try:
        trees = [tree for tree in sqlglot.parse(sql, read=DIALECT) if tree is not None]
    except (SqlglotError, RecursionError):
        return False
    return len(trees) == 1


def _parse_error(sql: str) -> str:
    try:
        sqlglot.parse(sql, read=DIALECT)
    except (SqlglotError, RecursionError) as exc:
        return describe_error(exc)
    return "it could not be read as one statement"


def _hidden_statement(text: str) -> bool:
    """Does prose around the SQL hide another statement? (upper-case verb, or a verb after ';')."""
    for match in _VERB.finditer(text):
        before = text[: match.start()].rstrip()
        if not (match.group(1).isupper() or before == "" or before.endswith(";")):
            continue
        chunk = text[match.start() :].split(";")[0]
        if _parses_as_one(chunk):
            return True
    return False
