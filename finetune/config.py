"""Training configurations as dataclasses with help text; the resolved one is saved next to every adapter.

Named configurations:
    thesis   the thesis's settings (r=64, alpha=16, dropout 0.1, q/v projections, lr 2e-4, cosine,
             up to 20 epochs, early stopping patience 2; on CUDA fp16, paged_adamw_32bit, 4-bit nf4 QLoRA)
    cpu      the default SmolLM2-135M base on a 2-core CPU, sized to finish within 60 minutes
    smoke    a few steps on a handful of examples, for tests
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from text2sql.prompt import PromptConfig


@dataclass(frozen=True)
class TrainConfig:
    name: str = field(default="cpu", metadata={"help": "Name of this configuration."})
    base_model: str = field(
        default="smollm2", metadata={"help": "'smollm2' (bundled GGUF), a HF model id or a local path."}
    )
    output_dir: str = field(default="finetune/adapter", metadata={"help": "Where the adapter is written."})
    dataset_dir: str = field(default="data/dataset", metadata={"help": "Folder with train/validation JSONL."})
    lora_r: int = field(default=16, metadata={"help": "LoRA rank."})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA scaling numerator (scale = alpha / r)."})
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA branch."})
    target_modules: tuple[str, ...] = field(
        default=("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
        metadata={"help": "Linear layers that get LoRA adapters."},
    )
    learning_rate: float = field(default=1e-3, metadata={"help": "Peak learning rate."})
    lr_scheduler_type: str = field(default="cosine", metadata={"help": "Learning-rate schedule."})
    warmup_ratio: float = field(default=0.03, metadata={"help": "Share of steps used for warm-up."})
    num_train_epochs: float = field(default=1, metadata={"help": "Upper bound on epochs (early stopping may cut)."})
    early_stopping_patience: int = field(
        default=2, metadata={"help": "Evaluations without validation-loss improvement before stopping."}
    )
    per_device_train_batch_size: int = field(default=8, metadata={"help": "Examples per step per device."})
    gradient_accumulation_steps: int = field(default=1, metadata={"help": "Steps accumulated per update."})
    max_length: int = field(default=384, metadata={"help": "Longest tokenised example; longer ones are truncated."})
    max_train_examples: int | None = field(default=None, metadata={"help": "Cap on training examples (None = all)."})
    max_eval_examples: int | None = field(default=64, metadata={"help": "Cap on validation examples per evaluation."})
    eval_steps: int | None = field(
        default=63, metadata={"help": "Evaluate (and maybe stop early) every N steps; None = once per epoch."}
    )
    gradient_checkpointing: bool = field(
        default=False, metadata={"help": "Recompute activations to save memory (slower); worth it only on a GPU."}
    )
    quantize_4bit: bool = field(default=False, metadata={"help": "4-bit nf4 base (QLoRA); CUDA only."})
    fp16: bool = field(default=False, metadata={"help": "Mixed precision; CUDA only."})
    bf16: bool = field(
        default=False,
        metadata={"help": "bfloat16 autocast; on a CPU only worth it with avx512_bf16 or amx_bf16 (this one has it)."},
    )
    full_finetune: bool = field(
        default=False,
        metadata={"help": "Train every weight of the base model instead of a LoRA adapter (saves a whole model)."},
    )
    max_steps: int | None = field(
        default=None, metadata={"help": "Stop after this many optimizer steps (short recipe comparisons)."}
    )
    optim: str = field(default="adamw_torch", metadata={"help": "Optimizer name understood by transformers."})
    seed: int = field(default=13, metadata={"help": "Seed for shuffling and initialisation."})
    augment_prob: float = field(
        default=0.5,
        metadata={"help": "Share of training questions rewritten with word-level noise (finetune/augment.py)."},
    )
    init_adapter: str | None = field(
        default=None, metadata={"help": "Continue training this adapter folder instead of starting a new one."}
    )
    prompt: PromptConfig = field(default_factory=PromptConfig, metadata={"help": "How prompts are built."})

    def to_json(self) -> dict:
        return asdict(self)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "training_config.json").write_text(json.dumps(self.to_json(), indent=2) + "\n")


THESIS = TrainConfig(
    name="thesis",
    lora_r=64,
    lora_alpha=16,
    lora_dropout=0.1,
    target_modules=("q_proj", "v_proj"),
    learning_rate=2e-4,
    num_train_epochs=20,
    eval_steps=None,
    early_stopping_patience=2,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=1,
    quantize_4bit=True,
    gradient_checkpointing=True,
    fp16=True,
    optim="paged_adamw_32bit",
    augment_prob=0.0,
)
CPU = TrainConfig()
SMOKE = replace(
    CPU,
    name="smoke",
    num_train_epochs=1,
    max_train_examples=4,
    max_eval_examples=2,
    per_device_train_batch_size=2,
    eval_steps=1,
)
NAMED = {c.name: c for c in (THESIS, CPU, SMOKE)}


def load_saved(folder: Path) -> TrainConfig:
    """The configuration an adapter was trained with (its prompt settings must be reused at inference)."""
    data = json.loads((folder / "training_config.json").read_text())
    data["target_modules"] = tuple(data["target_modules"])
    prompt = data.pop("prompt")
    prompt["always_columns"] = tuple(prompt["always_columns"])
    return TrainConfig(**data, prompt=PromptConfig(**prompt))
