"""What the linker produces: links from question spans to catalogue columns and stored values.

These are the plain objects passed down the pipeline (prompt builder, post-processing, UI, CLI JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class ValueHit:
    """One stored value in one column, with how many strains hold it there."""

    column: str
    value: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"column": self.column, "value": self.value, "count": self.count}


@dataclass
class Link:
    """A question span linked to a column and the stored value(s) it names."""

    span: str  # the text as written in the question
    start: int  # character offsets of the span in the question
    end: int
    column: str  # primary column: where the value is most frequent
    value: str  # primary stored value (exact spelling and case)
    values: list[str]  # all stored variants in `column` (value first), for IN (...)
    count: int  # strains holding any of `values` in `column`
    score: float  # 0..1 confidence
    method: str  # "exact", "fuzzy", "semantic", "glossary", "alias"
    alternatives: list[ValueHit] = field(default_factory=list)  # other columns holding it
    # How the question compares it (set by the hint rules, linking/hints/): "=" stored value(s),
    # "contains" a substring, "not" excluded, "not contains".
    operator: str = "="

    def to_json(self) -> dict[str, Any]:
        return {
            "span": self.span,
            "column": self.column,
            "value": self.value,
            "values": list(self.values),
            "count": self.count,
            "score": round(self.score, 4),
            "method": self.method,
            "alternatives": [a.to_json() for a in self.alternatives],
            "operator": self.operator,
        }


@dataclass(frozen=True)
class Hint:
    """A structured reading of part of the question, as an SQL clause the model can copy.

    kind: "date", "number", "flag", "missing", "group", "distinct", "period", "top", "having",
    "single", "accession", "relative", "count", "nofilter", "partial" (a word guessed to be part of
    a stored value), "text" (a word the question asks for in a text column: after a verb or a
    'contains' cue)."""

    kind: str
    clause: str  # "WHERE", "SELECT", "GROUP BY", "HAVING", "ORDER BY"
    sql: str  # e.g. "inclusiondate > '2020'", "COUNT(DISTINCT country)"
    span: str = ""  # the question text it reads
    start: int = 0
    end: int = 0
    column: str | None = None

    def text(self) -> str:
        return f"{self.clause} {self.sql}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "clause": self.clause, "sql": self.sql, "span": self.span, "column": self.column}


@dataclass
class LinkResult:
    links: list[Link]  # chosen links only, sorted by position in the question
    columns: list[str]  # columns mentioned by name (schema linking), e.g. "substrato" -> substrate
    hints: list[Hint] = field(default_factory=list)  # dates, numbers, flags, aggregates (linking/hints/)
    # content words no link, hint or column mention read (linking/coverage.py); None: not computed
    unread: list[str] | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)


class ValueLookup(Protocol):
    """What post-processing needs to know about stored values (implemented by the value index)."""

    def lookup(self, text: str) -> list[ValueHit]:
        """Stored values whose normal form equals normalize(text), in any column, most frequent first."""
        ...

    def variants(self, column: str, value: str) -> list[str]:
        """All stored spellings in `column` of the thing `value` names (value's own spelling first);
        empty when the column does not hold it."""
        ...


class Linker(Protocol):
    def link(self, question: str) -> LinkResult: ...
