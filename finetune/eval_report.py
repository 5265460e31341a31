"""Write the evaluation report: reports/eval.json, reports/eval.md and matplotlib PNG plots."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from finetune.evaluate import Report

SETS = ("dev", "test", "wild")  # single-question sets, in report order


def _table(rows: list[list[object]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def shape_language_table(summary: dict) -> str:
    """Execution accuracy by question shape × language; cells under 80 % are marked."""
    cells = summary.get("by_shape_language", {})
    shapes = sorted({k.split("/")[0] for k in cells})
    rows = language_grid(cells, shapes, 80, lambda c, mark: f"{c['execution_accuracy']}{mark} (n={c['n']})")
    return _table(rows, ["shape", "EN exec %", "IT exec %"])


def language_grid(cells: dict, keys: list[str], target: float, cell: Callable[[dict, str], str]) -> list[list[object]]:
    """One row per key, an EN and an IT cell each ('–' where empty); cells under `target` % are marked."""
    rows: list[list[object]] = []
    for key in keys:
        row: list[object] = [key]
        for lang in ("en", "it"):
            c = cells.get(f"{key}/{lang}")
            mark = " ⚠" if c and c["execution_accuracy"] < target else ""
            row.append(cell(c, mark) if c else "–")
        rows.append(row)
    return rows


def category_language_table(summary: dict) -> str:
    cells = summary["by_category_language"]
    categories = sorted({k.split("/")[0] for k in cells})
    rows = []
    for cat in categories:
        row: list[object] = [cat]
        for lang in ("en", "it"):
            c = cells.get(f"{cat}/{lang}")
            row.append(f"{c['execution_accuracy']} / {c['exact_match']} (n={c['n']})" if c else "–")
        lat = summary["latency_by_category"].get(cat, {})
        row.append(f"{lat.get('mean', 0)} ± {lat.get('std', 0)}")
        rows.append(row)
    return _table(rows, ["category", "EN exec / exact %", "IT exec / exact %", "latency ms (mean ± std)"])


def overview_table(report: dict) -> str:
    rows = []
    for name, summary in [(n, report[n]) for n in SETS if n in report] + [
        (f"ablation: {n}", s) for n, s in report.get("ablations", {}).items()
    ]:
        langs = summary["by_language"]
        rows.append(
            [
                name,
                summary["n"],
                summary["execution_accuracy"],
                summary["exact_match"],
                langs.get("en", {}).get("execution_accuracy", "–"),
                langs.get("it", {}).get("execution_accuracy", "–"),
                summary["latency_ms"]["mean"],
                _routes(summary.get("routes")),
            ]
        )
    header = ["run", "n", "execution %", "exact %", "EN exec %", "IT exec %", "mean latency ms"]
    return _table(rows, [*header, "answered by the draft: share % (exec %) / model exec %"])


def _routes(routes: dict | None) -> str:
    """'96.69 (96.98) / 70.59': how much the router gave the draft, and how each route scored."""
    if not routes:
        return "–"
    draft, model = routes.get("draft", {}), routes.get("model", {})
    model_exec = model.get("execution_accuracy", "–") if model.get("n") else "–"
    return f"{draft.get('share', 0)} ({draft.get('execution_accuracy', '–')}) / {model_exec}"


def misses(report: Report, limit: int = 25) -> str:
    wrong = [i for i in report.items if not i.execution][:limit]
    rows = [[i.id, i.shape, i.language, i.question, f"`{_cell(i.generated_sql)}`", i.error or ""] for i in wrong]
    return _table(rows, ["id", "shape", "lang", "question", "generated", "error"]) if rows else "(none)"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def plot_by_category(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = [n for n in ("test", "wild") if n in report]  # the dev set has shapes, not categories
    fig, (acc_ax, lat_ax) = plt.subplots(1, 2, figsize=(11, 3.8))
    for offset, name in enumerate(sets):
        cats = report[name]["by_category"]
        xs = [i + offset * 0.4 for i in range(len(cats))]
        acc_ax.bar(xs, [c["execution_accuracy"] for c in cats.values()], width=0.4, label=name)
        acc_ax.set_xticks(range(len(cats)), list(cats), rotation=0)
    acc_ax.set_ylabel("execution accuracy %")
    acc_ax.set_ylim(0, 100)
    acc_ax.legend()
    lat = report["test"]["latency_by_category"]
    lat_ax.bar(list(lat), [v["mean"] for v in lat.values()], yerr=[v["std"] for v in lat.values()], capsize=3)
    lat_ax.set_ylabel("latency ms (test, mean ± std)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def conversation_table(summary: dict) -> str:
    """Conversation turns: execution and act accuracy by act × language; cells under 90 % are marked."""
    acts = ["FIRST", "NEW", "REFINE", "REPLACE", "REMOVE", "PROJECT"]
    rows = language_grid(
        summary["by_act_language"],
        acts,
        90,
        lambda c, mark: f"{c['execution_accuracy']}{mark} / {c['act_accuracy']} (n={c['n']})",
    )
    return _table(rows, ["act", "EN exec / act %", "IT exec / act %"])


def conversation_section(summary: dict, report) -> list[str]:
    lines = (
        f"{summary['conversations']} conversations, {summary['n']} turns, each answered with the system's own "
        f"previous answers as history: execution accuracy {summary['execution_accuracy']} %, act classification "
        f"{summary['act_accuracy']} %; NEW turns inheriting no earlier filter: {summary['new_inherit_nothing']} % "
        f"of {summary['new_turns']}."
    )
    wrong = [i for i in report.items if not i.execution]
    rows = [[i.id, i.act, i.predicted_act, i.question, f"`{_cell(i.sql)}`", i.error or ""] for i in wrong]
    table = _table(rows, ["turn", "act", "classified", "question", "model SQL (merged)", "error"]) if rows else "(none)"
    return ["## Conversations: by act × language", lines, conversation_table(summary), "### every miss", table]


def write_report(report: dict, reports: dict[str, Report], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "eval.json").write_text(json.dumps(report, indent=2) + "\n")
    plot_by_category(report, out / "eval_by_category.png")
    parts = [
        "# Evaluation",
        f"Model: `{report['model']}`; run time {report['seconds']} s. Written by `strainchat eval`.",
        "## Overview",
        overview_table(report),
        "![accuracy and latency by category](eval_by_category.png)",
    ]
    if "dev" in report:
        parts += ["## dev questions: by shape × language", shape_language_table(report["dev"])]
        parts += ["### dev questions: every miss", misses(reports["dev"], limit=1000)]
    if "conversations" in report and "conversations" in reports:
        parts += conversation_section(report["conversations"], reports["conversations"])
    for name in ("test", "wild"):
        if name in report:
            parts += [f"## {name}: by category × language", category_language_table(report[name])]
            parts += [f"## {name}: by shape × language", shape_language_table(report[name])]
            parts += [f"### {name}: misses (first 25)", misses(reports[name])]
    (out / "eval.md").write_text("\n\n".join(parts) + "\n")
