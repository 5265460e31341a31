"""Write reports/bench.json, reports/bench.md and reports/bench.png from one benchmark result."""

from __future__ import annotations

import json
from pathlib import Path

from bench.stats import STAGES

TARGETS = {"e2e_ms": {"p50": 1500, "p95": 3000}, "link_ms": {"p95": 20}}
COLD_START_TARGET_S = 60


def _key(stage: str) -> str:
    return "e2e_ms" if stage == "total" else f"{stage}_ms"


def _stage_rows(result: dict) -> list[str]:
    rows = []
    for stage in STAGES:
        key, base = _key(stage), result["baseline"][_key(stage)]
        ours = result[key]
        target = " / ".join(f"{q} ≤ {v}" for q, v in TARGETS.get(key, {}).items()) or "–"
        rows.append(f"| {stage} | {ours['p50']} | {ours['p95']} | {base['p50']} | {base['p95']} | {target} |")
    return rows


def markdown(result: dict) -> str:
    base = result["baseline"]
    lines = [
        "# Benchmark",
        "",
        f"Written by `strainchat bench`. {result['n']} questions ({result['sets']}), model `{result['model']}` "
        f"warm, one user, on {result['machine']}."
        + (f" Decoding: {result['decoding']}." if result.get("decoding") else ""),
        "",
        "| stage (ms) | p50 | p95 | baseline p50 | baseline p95 | target |",
        "|---|---|---|---|---|---|",
        *_stage_rows(result),
        "",
        f"Execution accuracy on these questions: **{result['execution_accuracy']} %** with value linking, "
        f"{base['execution_accuracy']} % for the thesis-style baseline (full schema prompt, no value linking). "
        f"Errors: {result['errors']} vs {base['errors']}."
        + (
            f" The code's draft answered {result['draft_share']} % of the questions without a model call "
            f"(`STRAINCHAT_ROUTE={result.get('route', 'draft')}`)."
            if result.get("draft_share") is not None
            else ""
        ),
        "",
        f"Cold start (launch `strainchat serve` → first answer through `/ask`): **{result['cold_start_s']} s** "
        f"(target ≤ {COLD_START_TARGET_S} s).",
        "",
        "![latency by stage](bench.png)",
        "",
        *_load_lines(result.get("load")),
        *_backend_lines(result.get("backends")),
    ]
    return "\n".join(lines)


def _cell(load: dict | None, run: str, key: str) -> str:
    return str(load[run][key]) if load else "–"


def _backend_lines(backends: dict | None) -> list[str]:
    """One row per generator backend, measured in the same run on the same questions."""
    if not backends:
        return []
    rows = []
    for name, b in backends.items():
        load = b.get("load")
        rows.append(
            f"| {name} | `{b['model']}` | {b['cold_start_s']} | {b['e2e_ms']['p50']} | {b['e2e_ms']['p95']} | "
            f"{_cell(load, 'single', 'p95_s')} | {_cell(load, 'load', 'p50_s')} | {_cell(load, 'load', 'p95_s')} | "
            f"{_cell(load, 'load', 'questions_per_s')} | {_cell(load, 'load', 'failed_calls')} | "
            f"{b['execution_accuracy']} | {b['same_sql_pct']} |"
        )
    return [
        "## Backends (same run, same questions)",
        "",
        "| backend | model | cold start s | e2e p50 ms | e2e p95 ms | one user p95 s | load p50 s | load p95 s "
        "| load questions/s | failed calls | execution accuracy % | same SQL as the first % |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def _load_lines(load: dict | None) -> list[str]:
    if not load:
        return []
    rows = [
        f"| {name} | {run['sessions']} × {run['per_session']} | {run['p50_s']} | {run['p95_s']} | "
        f"{run['failed_calls']} | {run['errors']} | {run['questions_per_s']} |"
        for name, run in (("one user", load["single"]), ("concurrent", load["load"]))
    ]
    return [
        "## Load (the served app through `/ask`, multi-turn conversations)",
        "",
        "| run | sessions × questions | p50 s | p95 s | failed calls | answers with an error | questions/s |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"p95 under load / one user: **{load['p95_ratio']}** (target ≤ 4). Answers with an error are the "
        "model's own misses (e.g. SQL the guard refused), shown to the user as a clear message.",
        "",
    ]


def plot(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stages = [s for s in STAGES if s != "total"] + ["total"]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.2
    for i, (label, run, q) in enumerate(
        [
            ("p50", result, "p50"),
            ("p95", result, "p95"),
            ("baseline p50", result["baseline"], "p50"),
            ("baseline p95", result["baseline"], "p95"),
        ]
    ):
        values = [run[_key(s)][q] for s in stages]
        ax.bar([x + (i - 1.5) * width for x in range(len(stages))], values, width, label=label)
    ax.set_xticks(range(len(stages)), stages)
    ax.set_yscale("log")
    ax.set_ylabel("ms (log scale)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write(result: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    (folder / "bench.md").write_text(markdown(result))
    plot(result, folder / "bench.png")
