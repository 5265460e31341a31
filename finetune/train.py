"""LoRA / QLoRA fine-tuning with TRL's SFTTrainer and PEFT; loss on the SQL completion only.

    strainchat train                      # the 'cpu' configuration: SmolLM2-135M on this machine
    strainchat train --config thesis      # the thesis's settings (CUDA: fp16, paged AdamW, 4-bit nf4)

Prompts come from the same prompt builder and linker the app uses (text2sql.prompt, linking), so
the model is trained on exactly what it sees at inference. Writes the adapter, the resolved
configuration (training_config.json), the loss history (train_log.json) and a loss-curve PNG.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from finetune.augment import augment_records
from finetune.config import TrainConfig
from finetune.dataset import training_records
from finetune.model_card import write_model_card
from text2sql.prompt import build_messages
from text2sql.types import Turn

PromptFn = Callable[[dict], list[dict[str, str]]]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def prompt_builder(linker, columns: dict[str, str], config: TrainConfig) -> PromptFn:
    """record → chat messages, exactly as the pipeline builds them for a live question."""

    def build(record: dict) -> list[dict[str, str]]:
        history = [Turn(t["question"], t["sql"]) for t in record.get("history", [])]
        links = linker.link(record["question"]) if linker is not None and config.prompt.use_links else None
        return build_messages(record["question"], links, columns, history, config.prompt)

    return build


def to_examples(records: Iterable[dict], build: PromptFn) -> list[dict]:
    """Prompt-completion pairs (TRL computes the loss on the completion only)."""
    return [
        {
            "prompt": build(r),
            "completion": [{"role": "assistant", "content": r["sql"].strip().rstrip(";").strip() + ";"}],
        }
        for r in records
    ]


def _lora(config: TrainConfig):
    from peft import LoraConfig

    return LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=list(config.target_modules),
        task_type="CAUSAL_LM",
    )


def _sft_args(config: TrainConfig, run_dir: Path, cuda: bool):
    from trl import SFTConfig

    strategy = "steps" if config.eval_steps else "epoch"
    return SFTConfig(
        output_dir=str(run_dir),
        num_train_epochs=config.num_train_epochs,
        per_device_train_batch_size=config.per_device_train_batch_size,
        per_device_eval_batch_size=config.per_device_train_batch_size,
        gradient_accumulation_steps=config.gradient_accumulation_steps,
        learning_rate=config.learning_rate,
        lr_scheduler_type=config.lr_scheduler_type,
        warmup_steps=config.warmup_ratio,  # a float below 1 is a share of the steps
        eval_strategy=strategy,
        save_strategy=strategy,
        eval_steps=config.eval_steps,
        save_steps=config.eval_steps,
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        save_total_limit=2,
        logging_steps=5,
        report_to=[],
        max_length=config.max_length,
        completion_only_loss=True,
        gradient_checkpointing=config.gradient_checkpointing,
        fp16=config.fp16 and cuda,
        bf16=config.bf16,
        max_steps=config.max_steps or -1,
        optim=config.optim if cuda else "adamw_torch",
        use_cpu=not cuda,
        seed=config.seed,
        dataloader_num_workers=0,
        disable_tqdm=False,
    )


def _load_base(config: TrainConfig, cuda: bool):
    from text2sql.model_loading import load_model, load_tokenizer, resolve

    source = resolve(config.base_model)
    tokenizer = load_tokenizer(source)
    model = load_model(source, quantize_4bit=config.quantize_4bit and cuda)
    if config.quantize_4bit and cuda:
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(model)
    if config.init_adapter:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, config.init_adapter, is_trainable=True)
    model.train()
    return model, tokenizer


def train(config: TrainConfig, build: PromptFn, *, run_dir: Path) -> dict:
    """Train an adapter; return the training summary written to train_log.json."""
    import torch
    from datasets import Dataset
    from transformers import EarlyStoppingCallback
    from trl import SFTTrainer

    cuda = torch.cuda.is_available()
    data_dir = Path(config.dataset_dir)
    train_records = read_jsonl(data_dir / "train.jsonl")[: config.max_train_examples]
    # follow-ups become their standalone content (finetune.dataset.training_view), after augmentation
    train_records = training_records(augment_records(train_records, config.augment_prob, config.seed))
    eval_records = training_records(read_jsonl(data_dir / "validation.jsonl")[: config.max_eval_examples])
    started = time.perf_counter()
    model, tokenizer = _load_base(config, cuda)
    trainer = SFTTrainer(
        model=model,
        args=_sft_args(config, run_dir, cuda),
        train_dataset=Dataset.from_list(to_examples(train_records, build)),
        eval_dataset=Dataset.from_list(to_examples(eval_records, build)),
        processing_class=tokenizer,
        peft_config=None if config.init_adapter or config.full_finetune else _lora(config),
        callbacks=[EarlyStoppingCallback(early_stopping_patience=config.early_stopping_patience)],
    )
    trainer.train()
    out = Path(config.output_dir)
    trainer.model.save_pretrained(out)
    if config.full_finetune:  # a whole model: loadable as STRAINCHAT_MODEL=<folder> with STRAINCHAT_ADAPTER=none
        tokenizer.save_pretrained(out)
    else:
        _name_base(out / "adapter_config.json", config.base_model)
    config.save(out)
    summary = _summary(config, trainer.state.log_history, time.perf_counter() - started, len(train_records), cuda)
    summary["previous"] = _previous_runs(config.init_adapter)
    (out / "train_log.json").write_text(json.dumps(summary, indent=2) + "\n")
    plot_losses(summary["history"], out / "loss_curve.png")
    write_model_card(out)  # replaces PEFT's blank template; `strainchat eval` adds the scores
    return summary


def _summary(config: TrainConfig, history: list[dict], seconds: float, n_train: int, cuda: bool) -> dict:
    evals = [h["eval_loss"] for h in history if "eval_loss" in h]
    return {
        "config": config.name,
        "base_model": config.base_model,
        "device": "cuda" if cuda else "cpu",
        "train_examples": n_train,
        "train_seconds": round(seconds, 1),
        "best_eval_loss": min(evals) if evals else math.nan,
        "history": [
            {k: h[k] for k in ("step", "epoch", "loss", "eval_loss") if k in h}
            for h in history
            if "loss" in h or "eval_loss" in h
        ],
    }


def _name_base(adapter_config: Path, base_model: str) -> None:
    """PEFT records the base as this machine's folder; the model reference is what any machine can resolve."""
    data = json.loads(adapter_config.read_text())
    data["base_model_name_or_path"] = base_model
    adapter_config.write_text(json.dumps(data, indent=2) + "\n")


def _previous_runs(init_adapter: str | None) -> list[dict]:
    """The runs behind the adapter this one continued (without their loss history), oldest first."""
    log = Path(init_adapter or "") / "train_log.json"
    if not init_adapter or not log.exists():
        return []
    earlier = json.loads(log.read_text())
    return [*earlier.get("previous", []), {k: v for k, v in earlier.items() if k not in ("history", "previous")}]


def plot_losses(history: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for key, label in (("loss", "training loss"), ("eval_loss", "validation loss")):
        points = [(h["step"], h[key]) for h in history if key in h]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o" if key == "eval_loss" else None, label=label)
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
