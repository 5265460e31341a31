"""Generator backends side by side in one `strainchat bench` run: the `"backends"` object of its JSON.

For each backend (`local` = transformers, `llamacpp` = llama.cpp on the exported GGUF, ...) the same
measurements on the same questions: a served child started with STRAINCHAT_GENERATOR set to it
(cold start, and the one-user and concurrent load runs), then the product run with its model warm
in this process, and the share of questions on which its model wrote the same SQL as the default
backend's. The default backend's numbers are the ones the top-level fields already hold.

    strainchat bench --json --backends local,llamacpp
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bench.runs import summarise, warm_up
from finetune.evaluate import Report, evaluate
from finetune.scoring import Outcome
from text2sql.pipeline import Pipeline

Served = Callable[[str], dict]  # backend name -> {"cold_start_s", "load", ...} of a served child


def parse_backends(text: str, default: str) -> list[str]:
    """The comma-separated backend names, the default one first, each once."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    return list(dict.fromkeys([default, *names]))


def same_sql(report: Report, reference: Report) -> float:
    """Percentage of questions on which both models wrote the same SQL (by question id)."""
    theirs = {item.id: item.generated_sql for item in reference.items}
    shared = [item for item in report.items if item.id in theirs]
    if not shared:
        return 0.0
    return round(100 * sum(item.generated_sql == theirs[item.id] for item in shared) / len(shared), 2)


def backend_entry(summary: dict, served: dict, report: Report, reference: Report, model: str, load_s) -> dict:
    return {
        "model": model,
        "e2e_ms": summary["e2e_ms"],
        "generate_ms": summary["generate_ms"],
        "load": served.get("load"),
        "cold_start_s": served.get("cold_start_s"),
        "model_load_s": round(load_s, 2) if load_s is not None else None,
        "execution_accuracy": summary["execution_accuracy"],
        "errors": summary["errors"],
        "same_sql_pct": same_sql(report, reference),
    }


def measure_other(
    name: str, pipeline: Pipeline, settings, records: list[dict], golds: list[Outcome], warmup: list[str]
) -> tuple[dict, Report, str, float | None]:
    """The product run of backend `name` with its own generator (built here, then released)."""
    from text2sql.factory import build_generator

    generator = build_generator(replace(settings, generator=name))
    other = Pipeline(pipeline.catalogue, pipeline.linker, generator, pipeline.facts, pipeline.options)
    warm_up(other, warmup)
    report = evaluate(other, records, golds, name)
    return summarise(report), report, generator.name, getattr(generator, "load_seconds", None)


def compare(
    names: list[str],
    pipeline: Pipeline,
    settings,
    records: list[dict],
    golds: list[Outcome],
    default_run: tuple[dict, Report],
    served: dict[str, dict],
    warmup: list[str],
) -> dict[str, dict]:
    """{"<backend>": {...}} for every name; the first is the default, whose run is `default_run`."""
    summary, reference = default_run
    default = names[0]
    load_s = getattr(pipeline.generator, "load_seconds", None)
    out = {default: backend_entry(summary, served[default], reference, reference, pipeline.generator.name, load_s)}
    for name in names[1:]:
        other, report, model, load_s = measure_other(name, pipeline, settings, records, golds, warmup)
        out[name] = backend_entry(other, served[name], report, reference, model, load_s)
    return out
