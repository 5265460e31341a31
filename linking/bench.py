"""The linking benchmark: pair recall/precision and latency on the development set.

    strainchat bench-link        # data/dev/link_dev.jsonl -> reports/link-bench.json and .md

A dev item lists the (column, stored value) pairs a biologist means. An expected pair is found when
a link has that column and the value among its `values` (variants count); a link is correct when it
finds an expected pair. Column mentions are scored the same way. Latency is the linker's own
`timings_ms["link"]` with the index and the encoder loaded, first pass, query cache cleared.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from linking.types import LinkResult
from strainchat.settings import REPO_ROOT

DEV_PATH = REPO_ROOT / "data" / "dev" / "link_dev.jsonl"


@dataclass(frozen=True)
class DevItem:
    id: str
    question: str
    category: str
    lang: str
    expected: tuple[tuple[str, str], ...]
    columns: tuple[str, ...] = ()


@dataclass
class Tally:
    found: int = 0  # expected pairs found
    expected: int = 0
    correct: int = 0  # links that are right
    links: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.expected += other.expected
        self.correct += other.correct
        self.links += other.links

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.links if self.links else 1.0


@dataclass
class BenchReport:
    questions: int
    pairs: Tally
    columns: Tally
    by_category: dict[str, Tally]
    latency_ms: dict[str, float]
    failures: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {**asdict(t), "recall": round(t.recall, 4), "precision": round(t.precision, 4)}

        return {
            "questions": self.questions,
            "pairs": tally(self.pairs),
            "columns": tally(self.columns),
            "by_category": {k: tally(v) for k, v in sorted(self.by_category.items())},
            "latency_ms": self.latency_ms,
            "context": self.context,
            "failures": self.failures,
        }


def load_dev(path: Path = DEV_PATH) -> list[DevItem]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            expected = tuple((str(c), str(v)) for c, v in raw.get("expected", []))
            items.append(
                DevItem(
                    raw["id"], raw["question"], raw["category"], raw["lang"], expected, tuple(raw.get("columns", []))
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: not a dev item ({exc})") from exc
    return items


def score_pairs(item: DevItem, result: LinkResult) -> tuple[Tally, list[tuple[str, str]], list[dict]]:
    """Tally for one question, the expected pairs missed and the wrong links."""
    offered = [(link.column, set(link.values)) for link in result.links]
    missed = [p for p in item.expected if not any(p[0] == c and p[1] in vs for c, vs in offered)]
    wrong = [
        link.to_json()
        for link in result.links
        if not any(c == link.column and v in link.values for c, v in item.expected)
    ]
    tally = Tally(
        len(item.expected) - len(missed), len(item.expected), len(result.links) - len(wrong), len(result.links)
    )
    return tally, missed, wrong


def score_columns(item: DevItem, result: LinkResult) -> Tally:
    got, want = set(result.columns), set(item.columns)
    return Tally(len(got & want), len(want), len(got & want), len(got))


def run_bench(linker, items: list[DevItem]) -> BenchReport:
    """Link every dev question once (after a warm-up) and score it."""
    from index.encoder import clear_query_cache

    linker.index.warm_up()
    linker.link("warm up: Aspergillus strains from Marine sediment")
    clear_query_cache()
    pairs, columns = Tally(), Tally()
    by_category: dict[str, Tally] = defaultdict(Tally)
    latencies: list[float] = []
    embedded: list[float] = []  # latencies of the questions that needed the encoder
    failures: list[dict[str, Any]] = []
    for item in items:
        calls = linker.index.embedding_calls
        result = linker.link(item.question)
        latencies.append(result.timings_ms["link"])
        if linker.index.embedding_calls > calls:
            embedded.append(result.timings_ms["link"])
        tally, missed, wrong = score_pairs(item, result)
        pairs.add(tally)
        by_category[item.category].add(tally)
        col_tally = score_columns(item, result)
        columns.add(col_tally)
        if missed or wrong or set(result.columns) != set(item.columns):
            failures.append(_failure(item, result, missed, wrong))
    latency = {**_latency(latencies), "questions_embedded": len(embedded)}
    if embedded:
        latency.update({f"embedded_{k}": v for k, v in _latency(embedded).items()})
    return BenchReport(len(items), pairs, columns, dict(by_category), latency, failures, _context())


def _failure(item: DevItem, result: LinkResult, missed: list, wrong: list) -> dict[str, Any]:
    return {
        "id": item.id,
        "category": item.category,
        "question": item.question,
        "missed": [list(p) for p in missed],
        "wrong": wrong,
        "columns": result.columns,
        "expected_columns": list(item.columns),
    }


def _latency(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {"p50": round(statistics.median(ordered), 3), "p95": pct(0.95), "max": round(ordered[-1], 3)}


def _context() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"cpus": os.cpu_count(), "load_average_1m": round(load[0], 2), "python": platform.python_version()}


def write_reports(report: BenchReport, out_dir: Path, build: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """reports/link-bench.json (everything) and reports/link-bench.md (the numbers and the misses)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {**report.to_json(), "index_build": build or {}}
    json_path, md_path = out_dir / "link-bench.json", out_dir / "link-bench.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(data), encoding="utf-8")
    return json_path, md_path


def render_markdown(data: dict[str, Any]) -> str:
    pairs, cols, lat = data["pairs"], data["columns"], data["latency_ms"]
    lines = [
        "# Value-linking benchmark",
        "",
        f"Development set: `data/dev/link_dev.jsonl`, {data['questions']} questions (English and Italian).",
        "Generated by `strainchat bench-link`; thresholds in `linking/match.py` (MatchConfig) were chosen on this set.",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| pair recall | {pairs['recall']:.3f} ({pairs['found']}/{pairs['expected']}) | >= 0.95 |",
        f"| pair precision | {pairs['precision']:.3f} ({pairs['correct']}/{pairs['links']}) | >= 0.90 |",
        f"| column-mention recall / precision | {cols['recall']:.3f} / {cols['precision']:.3f} | |",
        f"| latency p50 / p95 / max (ms) | {lat['p50']} / {lat['p95']} / {lat['max']} | p95 <= 20 |",
        f"| questions that needed the encoder | {lat['questions_embedded']} | |",
    ]
    if lat.get("questions_embedded"):
        lines.append(
            f"| their latency p50 / p95 / max (ms) | {lat['embedded_p50']} / {lat['embedded_p95']} / "
            f"{lat['embedded_max']} | |"
        )
    build = data.get("index_build") or {}
    if build:
        lines.append(f"| index build (s) | {build.get('build_seconds')} ({build.get('values')} values) | <= 60 |")
    ctx = data.get("context", {})
    lines += [
        "",
        f"Machine: {ctx.get('cpus')} CPUs, 1-minute load average {ctx.get('load_average_1m')} at the run.",
        "",
    ]
    lines += [
        "## By category",
        "",
        "| category | recall | precision | expected | links |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, t in data["by_category"].items():
        lines.append(f"| {name} | {t['recall']:.3f} | {t['precision']:.3f} | {t['expected']} | {t['links']} |")
    lines += ["", "## Misses and wrong links", ""]
    if not data["failures"]:
        lines.append("None.")
    for f in data["failures"]:
        wrong = "; ".join(f"{w['span']!r} -> {w['column']}={w['value']!r} ({w['method']})" for w in f["wrong"])
        lines.append(
            f"- {f['id']} ({f['category']}) {f['question']!r}: missed {f['missed'] or '-'}; wrong {wrong or '-'}; "
            f"columns {f['columns']} (expected {f['expected_columns']})"
        )
    return "\n".join(lines) + "\n"
