"""The curator's actions on the last answer's linked values, and ratings of answers.

Accepting, rejecting or correcting a link writes a curator alias (`value_alias`, through
`catalogue.aliases`) that the linker uses from the next question on. These actions, and undoing
an alias change, need a signed-in `Curator` (see `chat_app.curators`): without one they refuse,
whatever the browser sent, and write nothing. Every alias change is audited under the curator's
name. A rating, with an optional corrected SQL and comment, goes to the answer's `querylog` entry
and is open to everyone: it never touches aliases. Every function returns the message to show;
none raises for a curator's mistake or a database failure.

    accept_link(pipeline.catalogue, curator, state, "0")       # the first link of the last answer
    correct_link(pipeline.catalogue, curator, state, "1", "isolationhabitat", "Marine sediment")
    undo_change(pipeline.catalogue, curator, change_id)
    give_feedback(pipeline.catalogue, state, 1, comment="right answer")
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlglot
from sqlglot import exp

from catalogue import alias_audit
from catalogue.aliases import AliasError, add_alias, new_change
from catalogue.database import Catalogue
from catalogue.querylog import record_feedback
from chat_app.curators import Curator
from chat_app.handlers import ChatState
from text2sql.types import Answer

log = logging.getLogger(__name__)


class CurationError(ValueError):
    """A curator action that cannot be carried out; the message says why."""


SIGN_IN_FIRST = "Not saved: only a signed-in curator can change aliases (sign in above)."


def _signed_in(curator: object) -> bool:
    # The curator comes from the session's server-side state; anything else is refused.
    return isinstance(curator, Curator)


def _link_at(state: ChatState | None, choice: str | None) -> dict[str, Any]:
    links = state.last.links if state and state.last else []
    if not links:
        raise CurationError("There is no linked value to curate yet: ask a question first.")
    try:
        return links[int(choice)]  # type: ignore[arg-type]
    except (TypeError, ValueError, IndexError):
        raise CurationError("Pick one of the linked values of the last answer first.") from None


def _curate(curator: Curator | None, action: Callable[[], str]) -> str:
    if not _signed_in(curator):
        log.warning("curation refused: no signed-in curator")
        return SIGN_IN_FIRST
    try:
        return action()
    except CurationError as exc:
        return f"Not saved: {exc}"
    except Exception as exc:  # a dead database, a constraint: the curator gets one line
        log.exception("curator action failed")
        return f"Not saved: the database refused the change ({exc})"


def accept_link(catalogue: Catalogue, curator: Curator | None, state: ChatState | None, choice: str | None) -> str:
    """Confirm a link: the span becomes an alias of its (column, value) from the next question on."""

    def action() -> str:
        link = _link_at(state, choice)
        note = "accepted in the chat"
        _add_alias(catalogue, curator, new_change(), link, link["column"], link["value"], "link", note)
        return f"Accepted: '{link['span']}' → {link['column']}: {link['value']} from the next question on."

    return _curate(curator, action)


def reject_link(catalogue: Catalogue, curator: Curator | None, state: ChatState | None, choice: str | None) -> str:
    """Refuse a link: the span is no longer linked to that (column, value)."""

    def action() -> str:
        link = _link_at(state, choice)
        note = "rejected in the chat"
        _add_alias(catalogue, curator, new_change(), link, link["column"], link["value"], "reject", note)
        return f"Rejected: '{link['span']}' will no longer be linked to {link['column']}: {link['value']}."

    return _curate(curator, action)


def correct_link(
    catalogue: Catalogue,
    curator: Curator | None,
    state: ChatState | None,
    choice: str | None,
    column: str | None,
    value: str | None,
) -> str:
    """Relink a span to another column and/or value the curator picks (a stored value, any case);
    the reject of the old reading and the new link are one change, undone together."""

    def action() -> str:
        link = _link_at(state, choice)
        target_column, target_value = _stored_value(catalogue, column, value)
        if (target_column, target_value) == (link["column"], link["value"]):
            return accept_link(catalogue, curator, state, choice)
        note, change = f"corrected in the chat from {link['column']}: {link['value']}", new_change()
        _add_alias(catalogue, curator, change, link, link["column"], link["value"], "reject", note)
        _add_alias(catalogue, curator, change, link, target_column, target_value, "link", note)
        return f"Corrected: '{link['span']}' → {target_column}: {target_value} from the next question on."

    return _curate(curator, action)


def _add_alias(
    catalogue: Catalogue, curator: Curator, change: str, link: dict, column: str, value: str, action: str, note: str
) -> None:
    try:
        add_alias(catalogue, link["span"], column, value, action=action, note=note, curator=curator.who, change=change)
    except AliasError as exc:
        raise CurationError(str(exc)) from exc


def undo_change(catalogue: Catalogue, curator: Curator | None, change_id: str | None) -> str:
    """Revert one audited alias change (as a new change, recorded under this curator)."""

    def action() -> str:
        if not change_id:
            raise CurationError("Pick a change from the list first.")
        try:
            alias_audit.undo_change(catalogue, change_id, curator.who)
        except AliasError as exc:
            raise CurationError(str(exc)) from exc
        return "Undone: the aliases are back as they were before that change, from the next question on."

    return _curate(curator, action)


AUDIT_HEADERS = ["when", "curator", "change", "undone"]


def audit_rows(catalogue: Catalogue, limit: int = 20) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """The latest alias changes for the panel: table rows and (label, change id) choices to undo."""
    try:
        changes = alias_audit.recent_changes(catalogue, limit)
    except Exception as exc:  # the panel shows an empty history rather than failing the answer
        log.warning("reading the alias audit failed: %s", exc)
        return [], []
    rows, choices = [], []
    for change in changes:
        when = change.at[:19].replace("T", " ")
        undone = "undone" if change.undone_by else ("undo" if change.undoes else "")
        rows.append([when, change.curator, change.describe(), undone])
        choices.append((f"{when} {change.curator}: {change.describe()}"[:160], change.change_id))
    return rows, choices


def catalogue_columns(catalogue: Catalogue) -> list[str]:
    """The columns of `detailedstrain`, read from the live database."""
    return catalogue.run_read("SELECT * FROM detailedstrain LIMIT 0", max_rows=0).columns


def _stored_value(catalogue: Catalogue, column: str | None, value: str | None) -> tuple[str, str]:
    """(column, the value as stored) for a curator's pick; CurationError when no strain holds it."""
    column, value = (column or "").strip(), (value or "").strip()
    if not column or not value:
        raise CurationError("Pick a column and type the value the span should be linked to.")
    if column not in catalogue_columns(catalogue):
        raise CurationError(f"'{column}' is not a column of the catalogue.")
    # The column name was checked against the live list above, so quoting it here is safe.
    query = (
        f'SELECT v, count(*) AS n FROM (SELECT "{column}"::text AS v FROM detailedstrain) AS t '
        "WHERE lower(v) = lower(%s) GROUP BY v ORDER BY (v = %s) DESC, n DESC"
    )
    rows = catalogue.run_read(query, (value, value), max_rows=1).rows
    if not rows:
        raise CurationError(f"No strain has {column} = '{value}'; pick a value stored in that column.")
    return column, rows[0][0]


def correction_choices(state: ChatState | None, choice: str | None) -> tuple[list[str], str]:
    """Columns to offer when correcting link `choice` (its own, then its alternatives') and the
    value to prefill: the first alternative's, as that is the usual correction."""
    try:
        link = _link_at(state, choice)
    except CurationError:
        return [], ""
    alternatives = link.get("alternatives", [])
    columns = [link["column"]] + [a["column"] for a in alternatives if a["column"] != link["column"]]
    return columns, (alternatives[0]["value"] if alternatives else link["value"])


# --- feedback -----------------------------------------------------------------------------------


def rating_of(liked: object) -> int | None:
    """Gradio's like payload → querylog rating: 1, -1, or None (feedback withdrawn)."""
    if liked is True or liked == "Like":
        return 1
    if liked is False or liked == "Dislike":
        return -1
    return None


def give_feedback(
    catalogue: Catalogue,
    state: ChatState | None,
    rating: int | None,
    corrected_sql: str | None = None,
    comment: str | None = None,
    *,
    message_index: int | None = None,
) -> str:
    """Store a rating (and an optional corrected SQL and comment) on an answer: the one at
    `message_index` in the chat, else the latest."""
    answer = _answer_at(state, message_index)
    if answer is None:
        return "There is no answer to rate yet: ask a question first."
    if answer.log_id is None:
        return "This answer was not logged, so feedback on it cannot be stored."
    corrected = (corrected_sql or "").strip() or None
    problem = corrected and sql_problem(corrected)
    if problem:
        return f"Feedback not saved: the corrected SQL {problem}."
    try:
        record_feedback(
            catalogue, answer.log_id, rating=rating, corrected_sql=corrected, comment=(comment or "").strip() or None
        )
    except Exception as exc:
        log.exception("feedback on %s failed", answer.log_id)
        return f"Feedback not saved: {exc}"
    verdict = {1: "right", -1: "wrong", None: "no rating"}[rating]
    return f'Thanks: feedback saved ({verdict}) for "{answer.question}".'


def _answer_at(state: ChatState | None, message_index: int | None) -> Answer | None:
    if state is None:
        return None
    return state.last if message_index is None else state.answers.get(message_index)


def sql_problem(sql: str) -> str | None:
    """Why `sql` is not one read query (None when it is); corrected SQL becomes training data."""
    try:
        statements = [s for s in sqlglot.parse(sql, read="postgres") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        return f"does not parse ({str(exc).splitlines()[0]})"
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        return "is not exactly one SELECT query"
    return None
