"""Latency statistics over the per-stage timings that `Pipeline.answer` records."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from chat_app.load import percentile as load_percentile

STAGES = ("link", "generate", "postprocess", "execute", "total")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) as the load driver computes it, but NaN for a stage no answer
    reached (a latency of 0 would read as instant)."""
    return load_percentile(list(values), q) if values else math.nan


def p50_p95(values: Sequence[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 2), "p95": round(percentile(values, 95), 2)}


def stage_stats(timings: Iterable[dict[str, float]]) -> dict[str, dict[str, float]]:
    """{"link_ms": {"p50", "p95"}, ..., "e2e_ms": {...}} over the answers that reached each stage."""
    rows = list(timings)
    stats = {}
    for stage in STAGES:
        values = [t[stage] for t in rows if stage in t]
        stats["e2e_ms" if stage == "total" else f"{stage}_ms"] = p50_p95(values)
    return stats
