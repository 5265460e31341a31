"""What a strain list shows besides its `syntheticstrain` rows: why each row, and where it comes from.

After a strain list is answered, `result_extras` reads (as the reader role) the catalogue columns
its query filters on and the ones the question asked to see (`sqlproc.evidence`), for every strain
of the full result, and the map of their origins (`chat_app.origins`). The answer itself is left
as the pipeline made it (`Answer.columns` and `rows`, and so `/ask`, stay the display columns);
the table beside the chat and the CSV get the extra columns. A failure here costs the extras,
never the answer.

    extras = result_extras(pipeline, answer)
    columns, rows = extras.widen(answer.columns, answer.rows)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from catalogue.database import QueryResult
from chat_app.origins import OriginMap, origins_of
from sqlproc.evidence import evidence_columns
from text2sql.types import Answer

log = logging.getLogger(__name__)


@dataclass
class ResultExtras:
    columns: list[str] = field(default_factory=list)  # the why-each-row columns
    values: dict[int, list[Any]] = field(default_factory=dict)  # strainid → their values
    full: QueryResult | None = None  # the uncapped result, when the answer's rows were capped
    origins: OriginMap | None = None

    def widen(self, columns: list[str], rows: list[list[Any]] | list[tuple]) -> tuple[list[str], list[list[Any]]]:
        """`rows` with the why-each-row values appended (matched by strainid)."""
        if not self.columns or "strainid" not in columns:
            return list(columns), [list(row) for row in rows]
        at, blank = columns.index("strainid"), [None] * len(self.columns)
        widened = [[*row, *self.values.get(row[at], blank)] for row in rows]
        return [*columns, *self.columns], widened


def result_extras(pipeline: Any, answer: Answer) -> ResultExtras:
    """Extras for a strain list (empty for anything else)."""
    extras = ResultExtras()
    if answer.error or answer.kind != "rows" or "strainid" not in answer.columns:
        return extras
    try:
        ids = _strain_ids(pipeline, answer, extras)
        extras.columns = evidence_columns(
            answer.sql, _named_columns(pipeline, answer.question), catalogue_columns=_catalogue_columns(pipeline)
        )
        extras.values = _values(pipeline, extras.columns, ids)
        extras.origins = origins_of(pipeline.catalogue, ids)
    except Exception as exc:  # the answer is already there: show it without extras
        log.warning("extras for answer %s failed: %s", answer.log_id, exc)
    return extras


def _strain_ids(pipeline: Any, answer: Answer, extras: ResultExtras) -> list[int]:
    at = answer.columns.index("strainid")
    if answer.row_count > len(answer.rows):  # capped: the map and the CSV need every strain
        extras.full = pipeline.full_result(answer.sql)
        return [row[at] for row in extras.full.rows]
    return [row[at] for row in answer.rows]


def _named_columns(pipeline: Any, question: str) -> list[str]:
    """Columns the question names ("with their substrates"), as the linker finds them."""
    linker = getattr(pipeline, "linker", None)
    return list(linker.link(question).columns) if linker is not None else []


def _catalogue_columns(pipeline: Any) -> list[str]:
    facts = getattr(pipeline, "facts", None)
    if facts is not None:
        return list(facts.columns)
    return pipeline.catalogue.run_read("SELECT * FROM detailedstrain LIMIT 0", max_rows=0).columns


def _values(pipeline: Any, columns: list[str], ids: list[int]) -> dict[int, list[Any]]:
    if not columns or not ids:
        return {}
    # The names come from the live column list (evidence_columns keeps no other), so quoting is safe.
    names = ", ".join(f'"{c}"' for c in columns)
    query = f"SELECT strainid, {names} FROM detailedstrain WHERE strainid = ANY(%s)"
    result = pipeline.catalogue.run_read(query, ([int(i) for i in ids],), max_rows=None)
    return {row[0]: list(row[1:]) for row in result.rows}
