"""How the local model decodes on CPU: bfloat16 only where the CPU computes it natively; prompt-lookup
drafts only for a lone prompt."""

from __future__ import annotations

import pytest
import torch

from text2sql.generators.local import draft_options
from text2sql.model_loading import cpu_has_native_bf16, inference_dtype


def cpuinfo(tmp_path, flags: str):
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nflags\t\t: fpu sse2 avx2 {flags}\n")
    return path


@pytest.mark.parametrize(
    "flags, native", [("avx512f avx512_bf16", True), ("amx_tile amx_bf16", True), ("avx512f avx512_vnni", False)]
)
def test_native_bfloat16_is_read_from_the_cpu_flags(tmp_path, flags, native):
    assert cpu_has_native_bf16(cpuinfo(tmp_path, flags)) is native


def test_no_cpuinfo_means_no_native_bfloat16(tmp_path):
    assert cpu_has_native_bf16(tmp_path / "missing") is False


def test_auto_picks_bfloat16_only_where_native():
    assert inference_dtype("auto", native_bf16=True) is torch.bfloat16
    assert inference_dtype("auto", native_bf16=False) is torch.float32


def test_explicit_dtypes_are_kept_and_unknown_ones_refused():
    assert inference_dtype("float32", native_bf16=True) is torch.float32
    assert inference_dtype("bfloat16", native_bf16=False) is torch.bfloat16
    with pytest.raises(ValueError, match="unknown dtype 'float16'"):
        inference_dtype("float16")


def test_prompt_lookup_applies_to_a_lone_prompt_only():
    assert draft_options(10, 1) == {"prompt_lookup_num_tokens": 10, "max_matching_ngram_size": 2}
    assert draft_options(10, 4) == {}
    assert draft_options(0, 1) == {}
