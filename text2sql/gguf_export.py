"""The fine-tuned model as one GGUF file for the llama.cpp backend (text2sql/generators/llamacpp.py).

The base model is loaded and the LoRA adapter merged exactly as the transformers backend does it
(text2sql/model_loading.py), then every tensor is written with the `gguf` package's writer in
Q8_0 (or BF16), in llama.cpp's layout, with the base GGUF's metadata (tokenizer, chat template,
hyper-parameters) copied over. A fingerprint of the base file, the adapter's files and the
weight type goes into the metadata (`strainchat.fingerprint`); `ensure_gguf` re-exports whenever
the cached file's fingerprint disagrees (a new adapter, another base), so nothing is done by hand.

    strainchat export-gguf                     # STRAINCHAT_HOME/models/adapter-<hash>.<weights>.gguf, if stale
    strainchat export-gguf --type bf16 --out /tmp/m.gguf --force
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

from text2sql.model_loading import apply_adapter, load_model, resolve

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "strainchat.fingerprint"
SOURCE_KEY = "strainchat.source"
EXPORT_VERSION = 1  # bump when the export itself changes, so cached files are rebuilt
WEIGHT_TYPES = ("q8_0", "bf16")
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors")
# Keys the writer sets itself, or that describe the base file's own weights rather than ours.
SKIPPED_KEYS = ("general.architecture", "general.file_type")


class ExportError(RuntimeError):
    """The model cannot be written as a GGUF file (no GGUF base to take the metadata from, ...)."""


def serving_weights(name: str, *, native_bf16: bool | None = None) -> str:
    """'auto' is bf16 where the CPU computes bfloat16 natively (there it answered like transformers on
    60 of 60 prompts, Q8_0 on 58, and prefilled faster), else q8_0 (half the bytes, no emulation)."""
    from text2sql.model_loading import cpu_has_native_bf16

    if name != "auto":
        if name not in WEIGHT_TYPES:
            raise ExportError(f"unknown weight type {name!r}: use auto or one of {', '.join(WEIGHT_TYPES)}")
        return name
    native = cpu_has_native_bf16() if native_bf16 is None else native_bf16
    return "bf16" if native else "q8_0"


def base_gguf(model_ref: str) -> Path:
    """The base model's GGUF file; the export copies its metadata, so the base must be one."""
    source = resolve(model_ref)
    if not source.gguf_file:
        raise ExportError(
            f"the llamacpp backend needs a GGUF base model ('smollm2' or a .gguf path), not {model_ref!r}"
        )
    return Path(source.path) / source.gguf_file


def _adapter_dir(adapter: str | None) -> Path | None:
    if not adapter or adapter == "none" or not (Path(adapter) / "adapter_config.json").exists():
        return None  # the same rule as model_loading.apply_adapter: the base alone
    return Path(adapter)


def fingerprint(model_ref: str, adapter: str | None, weight_type: str) -> str:
    """sha256 over what the exported weights depend on: base file, adapter files, weight type."""
    digest = hashlib.sha256(f"strainchat-gguf v{EXPORT_VERSION} {weight_type}\n".encode())
    base = base_gguf(model_ref)
    digest.update(f"{base.name} {base.stat().st_size}\n".encode())  # a pinned package: name and size suffice
    folder = _adapter_dir(adapter)
    for name in ADAPTER_FILES if folder else ():
        path = folder / name
        if path.exists():
            digest.update(f"{name}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint written into a GGUF file, None if the file is missing, unreadable or has none."""
    import gguf

    try:
        field = gguf.GGUFReader(path).fields.get(FINGERPRINT_KEY)
    except (OSError, ValueError):
        return None
    return str(field.contents()) if field is not None else None


def merged_state_dict(model_ref: str, adapter: str | None) -> dict:
    """The base with the adapter merged in, as float32 numpy arrays by transformers name."""
    source = resolve(model_ref)
    folder = _adapter_dir(adapter)
    model, _ = apply_adapter(load_model(source), str(folder) if folder else None)
    state = model.state_dict()
    if model.config.tie_word_embeddings:  # llama.cpp reuses token_embd as the output layer
        state.pop("lm_head.weight", None)
    return {name: tensor.detach().float().cpu().numpy() for name, tensor in state.items()}


def _permute(weights, n_head: int):
    """llama.cpp's rotary layout of q/k rows; transformers undoes it on GGUF load, so redo it."""
    dim = weights.shape[0] // n_head // 2
    return weights.reshape(n_head, 2, dim, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def gguf_tensors(state: dict, n_blocks: int, n_head: int, n_head_kv: int) -> dict:
    """transformers names → llama.cpp names, q/k rows re-permuted."""
    import gguf

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, n_blocks)
    out = {}
    for hf_name, array in state.items():
        name = names.get_name(hf_name, try_suffixes=(".weight", ".bias"))
        if name is None:
            raise ExportError(f"no llama.cpp name for tensor {hf_name!r}")
        if name.endswith("attn_q.weight"):
            array = _permute(array, n_head)
        elif name.endswith("attn_k.weight"):
            array = _permute(array, n_head_kv)
        out[name] = array
    return out


def _copy_metadata(reader, writer) -> None:
    for key, field in reader.fields.items():
        if key.startswith("GGUF.") or key in SKIPPED_KEYS:
            continue
        sub_type = field.types[-1] if len(field.types) > 1 else None
        writer.add_key_value(key, field.contents(), field.types[0], sub_type=sub_type)


def _encode(name: str, array, weight_type: str):
    """(bytes-like array, type) for one tensor: matrices in the chosen type, norms in float32."""
    import gguf
    import numpy as np

    if array.ndim == 1:
        return array.astype(np.float32), gguf.GGMLQuantizationType.F32
    qtype = gguf.GGMLQuantizationType.Q8_0 if weight_type == "q8_0" else gguf.GGMLQuantizationType.BF16
    return gguf.quants.quantize(array.astype(np.float32), qtype), qtype


def write_gguf(base: Path, tensors: dict, out: Path, weight_type: str, extra: dict[str, str]) -> None:
    """Write `tensors` in the base file's tensor order, with its metadata and `extra` strings."""
    import gguf

    reader = gguf.GGUFReader(base)
    expected = {t.name: tuple(int(d) for d in reversed(t.shape)) for t in reader.tensors}
    if set(expected) != set(tensors):
        raise ExportError(f"tensor names differ from the base file: {sorted(set(expected) ^ set(tensors))[:5]}")
    writer = gguf.GGUFWriter(out, str(reader.fields["general.architecture"].contents()))
    _copy_metadata(reader, writer)
    file_type = gguf.LlamaFileType.MOSTLY_Q8_0 if weight_type == "q8_0" else gguf.LlamaFileType.MOSTLY_BF16
    writer.add_file_type(int(file_type))
    for key, value in extra.items():
        writer.add_string(key, value)
    for name in expected:
        if tensors[name].shape != expected[name]:
            raise ExportError(f"{name}: shape {tensors[name].shape}, the base file has {expected[name]}")
        data, qtype = _encode(name, tensors[name], weight_type)
        writer.add_tensor(name, data, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def _hyper(reader, key: str) -> int:
    arch = str(reader.fields["general.architecture"].contents())
    return int(reader.fields[f"{arch}.{key}"].contents())


def export_gguf(model_ref: str, adapter: str | None, out: Path, weight_type: str = "q8_0") -> dict:
    """Merge, convert and write `out` (atomically: a crash leaves no half file); returns a summary."""
    import gguf

    if weight_type not in WEIGHT_TYPES:
        raise ExportError(f"unknown weight type {weight_type!r}: use one of {', '.join(WEIGHT_TYPES)}")
    started = time.perf_counter()
    base = base_gguf(model_ref)
    reader = gguf.GGUFReader(base)
    keys = ("block_count", "attention.head_count", "attention.head_count_kv")
    blocks, heads, kv_heads = (_hyper(reader, key) for key in keys)
    tensors = gguf_tensors(merged_state_dict(model_ref, adapter), blocks, heads, kv_heads)
    source = {"base": base.name, "adapter": str(_adapter_dir(adapter) or "none"), "weights": weight_type}
    extra = {FINGERPRINT_KEY: fingerprint(model_ref, adapter, weight_type), SOURCE_KEY: json.dumps(source)}
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        write_gguf(base, tensors, partial, weight_type, extra)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    seconds = round(time.perf_counter() - started, 1)
    return {"path": str(out), "bytes": out.stat().st_size, "seconds": seconds, **source}


def cached_path(home: Path, model_ref: str, adapter: str | None, weight_type: str = "q8_0") -> Path:
    """One file per base and adapter folder (the eval's base-model ablation must not overwrite the
    tuned model's file); what is inside is tracked by the fingerprint, not the name."""
    folder = _adapter_dir(adapter)
    where = f"{model_ref}\n{folder.resolve() if folder else 'none'}"
    label = folder.name if folder else "base"
    return home / "models" / f"{label}-{hashlib.sha256(where.encode()).hexdigest()[:8]}.{weight_type}.gguf"


def ensure_gguf(model_ref: str, adapter: str | None, home: Path, weight_type: str = "q8_0") -> Path:
    """The serving file under `home`, exported again if its fingerprint disagrees with the adapter."""
    path = cached_path(home, model_ref, adapter, weight_type)
    wanted = fingerprint(model_ref, adapter, weight_type)
    if stored_fingerprint(path) != wanted:
        reason = "missing" if not path.exists() else "made from another adapter or base"
        log.warning("exporting %s (%s): merging the adapter and converting, about a minute", path, reason)
        export_gguf(model_ref, adapter, path, weight_type)
    return path
