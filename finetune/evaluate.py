"""Evaluation through the full pipeline: exact match, execution accuracy, latency, ablations.

    strainchat eval                     # test split + in-the-wild set + ablations → reports/eval.{json,md}
    strainchat eval --limit 20 --no-ablations

Each record is answered by the same `Pipeline` the app uses (its previous turns, for follow-ups,
are the gold history). The gold SQL is run through the same post-processing (date rewrite, display
view) so both sides are compared as the user would see them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tqdm import tqdm

from finetune.scoring import Outcome, exact_match, execution_match, gold_orders, outcome
from sqlproc.pipeline import SqlRejected, postprocess
from text2sql.pipeline import Pipeline
from text2sql.types import Turn


@dataclass
class Scored:
    id: str
    category: str
    language: str
    question: str
    exact: bool
    execution: bool
    latency_ms: float
    generated_sql: str | None
    error: str | None
    timings_ms: dict[str, float] = field(default_factory=dict)  # per stage, for the benchmark
    shape: str = "?"  # the question shape (docs/question-shapes.md); the category where a record has none
    route: str | None = None  # "draft" (the code answered) or "model" (text2sql/route.py)


@dataclass
class Report:
    """Accuracy of one configuration on one set of records."""

    items: list[Scored] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "n": len(self.items),
            "execution_accuracy": _rate(i.execution for i in self.items),
            "exact_match": _rate(i.exact for i in self.items),
            "by_category": self._grouped(lambda i: i.category),
            "by_language": self._grouped(lambda i: i.language),
            "by_category_language": self._grouped(lambda i: f"{i.category}/{i.language}"),
            "by_shape_language": self._grouped(lambda i: f"{i.shape}/{i.language}"),
            "latency_ms": _latency(self.items),
            # share of questions the router gave to the draft, and how often each route was right
            "routes": {
                route: {
                    "share": _rate(i.route == route for i in self.items),
                    **self._rated(lambda i, r=route: i.route == r),
                }
                for route in ("draft", "model")
            },
            "latency_by_category": {k: _latency(v) for k, v in self._groups(lambda i: i.category).items()},
        }

    def _groups(self, key: Callable[[Scored], str]) -> dict[str, list[Scored]]:
        groups: dict[str, list[Scored]] = defaultdict(list)
        for item in self.items:
            groups[key(item)].append(item)
        return dict(sorted(groups.items()))

    def _rated(self, keep: Callable[[Scored], bool]) -> dict:
        kept = [i for i in self.items if keep(i)]
        return {"n": len(kept), "execution_accuracy": _rate(i.execution for i in kept)}

    def _grouped(self, key: Callable[[Scored], str]) -> dict:
        return {
            k: {
                "n": len(v),
                "execution_accuracy": _rate(i.execution for i in v),
                "exact_match": _rate(i.exact for i in v),
            }
            for k, v in self._groups(key).items()
        }


def _rate(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(100 * sum(values) / len(values), 2) if values else 0.0


def _latency(items: list[Scored]) -> dict:
    values = [i.latency_ms for i in items]
    if not values:
        return {"mean": 0.0, "std": 0.0}
    return {"mean": round(statistics.fmean(values), 1), "std": round(statistics.pstdev(values), 1)}


def gold_outcome(pipeline: Pipeline, record: dict) -> Outcome:
    """What the gold SQL returns, through the same post-processing as predictions."""
    processed = postprocess(record["sql"], pipeline.facts)
    result = pipeline.catalogue.run_read(processed.sql, max_rows=None)
    return outcome(processed.kind, result.columns, result.rows, ordered=gold_orders(record["sql"]))


def score(pipeline: Pipeline, record: dict, gold: Outcome) -> Scored:
    history = [Turn(t["question"], t["sql"]) for t in record.get("history", [])]
    answer = pipeline.answer(record["question"], history, session_id="eval", max_rows=None)
    predicted = None
    if not answer.error:
        predicted = outcome(answer.kind, answer.columns, answer.rows, ordered=gold.ordered is not None)
    return Scored(
        id=str(record.get("id")),
        category=record.get("category", "?"),
        language=record.get("language", "?"),
        question=record["question"],
        exact=exact_match(_compared_sql(answer, record), record.get("possible_sql_queries") or [record["sql"]]),
        execution=execution_match(predicted, gold),
        latency_ms=answer.timings_ms.get("total", 0.0),
        generated_sql=answer.draft_sql if answer.route == "draft" else answer.generated_sql,
        error=answer.error,
        timings_ms=dict(answer.timings_ms),
        shape=record.get("shape") or record.get("category", "?"),
        route=answer.route,
    )


def _compared_sql(answer, record: dict) -> str | None:
    """What exact match compares: the SQL the model (or the router's draft) wrote; for a follow-up, the
    query merged from the standalone answer and the previous turn (conversation/), since the model
    writes only part of it."""
    if record.get("history"):
        return answer.model_sql
    return answer.draft_sql if answer.route == "draft" else _model_sql(answer.generated_sql)


def _model_sql(generated: str | None) -> str | None:
    """The SQL the model wrote, extracted from any prose around it (no repairs)."""
    if not generated:
        return None
    from sqlproc.extract import extract_sql

    try:
        return extract_sql(generated)
    except SqlRejected:
        return None


def evaluate(pipeline: Pipeline, records: list[dict], golds: list[Outcome], label: str) -> Report:
    report = Report()
    for record, gold in tqdm(list(zip(records, golds, strict=True)), desc=label, unit="q"):
        report.items.append(score(pipeline, record, gold))
    return report
