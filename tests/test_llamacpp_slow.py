"""The llama.cpp backend with the real model: the shipped adapter exported to GGUF, then answering
as the transformers backend does (same prompt tokens, same SQL on confident prompts).

    .venv/bin/python -m pytest -q -p no:xdist tests/test_llamacpp_slow.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strainchat.settings import REPO_ROOT
from text2sql import gguf_export
from text2sql.generators.llamacpp import LlamaCppGenerator, llamacpp_generator, render_chat
from text2sql.generators.local import LocalGenerator

pytestmark = pytest.mark.slow

ADAPTER = str(REPO_ROOT / "finetune" / "adapter")
WEIGHTS = gguf_export.serving_weights("auto")  # what the app serves on this CPU
SYSTEM = "Write one PostgreSQL query on table detailedstrain. Use the linked values. SQL only."
COLUMNS = (
    "Columns of detailedstrain: strainid integer, scientificname text, genus text, species text, organismtype text"
)
QUESTIONS = [
    (
        f"{COLUMNS}\n"
        "Linked values: \"Acremonium brunnescens\" -> scientificname = 'Acremonium brunnescens' (3 strains)\n"
        "Question: Quanti ceppi della specie Acremonium brunnescens sono presenti nella collezione?"
    ),
    (
        f"{COLUMNS}\n"
        "Linked values: \"Aspergillus\" -> genus = 'Aspergillus' (230 strains)\n"
        "Question: Give me all the Aspergillus strains"
    ),
    (f"{COLUMNS}\nQuestion: How many yeasts are there?"),
]
PROMPTS = [[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}] for q in QUESTIONS]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gguf") / f"tuned.{WEIGHTS}.gguf"
    gguf_export.export_gguf("smollm2", ADAPTER, out, WEIGHTS)
    return out


@pytest.fixture(scope="module")
def engine_generator(exported) -> LlamaCppGenerator:
    return llamacpp_generator(exported, name="test", threads=1, prompt_lookup=10)


@pytest.fixture(scope="module")
def local() -> LocalGenerator:
    return LocalGenerator("smollm2", ADAPTER, dtype="auto", prompt_lookup=10, timeout_s=600)


def test_export_keeps_the_base_metadata_and_records_the_fingerprint(exported):
    import gguf

    reader, base = gguf.GGUFReader(exported), gguf.GGUFReader(gguf_export.base_gguf("smollm2"))
    for key in ("tokenizer.chat_template", "tokenizer.ggml.eos_token_id", "llama.block_count"):
        assert reader.fields[key].contents() == base.fields[key].contents()
    assert len(reader.fields["tokenizer.ggml.tokens"].contents()) == 49152
    assert gguf_export.stored_fingerprint(exported) == gguf_export.fingerprint("smollm2", ADAPTER, WEIGHTS)
    file_type = gguf.LlamaFileType.MOSTLY_Q8_0 if WEIGHTS == "q8_0" else gguf.LlamaFileType.MOSTLY_BF16
    assert int(reader.fields["general.file_type"].contents()) == int(file_type)
    assert {t.tensor_type.name for t in reader.tensors if len(t.shape) == 2} == {WEIGHTS.upper()}
    assert exported.stat().st_size < (160 if WEIGHTS == "q8_0" else 300) * 2**20


def test_prompt_tokens_match_the_transformers_chat_template(engine_generator, local):
    engine = engine_generator._idle.get()
    try:
        for messages in [*PROMPTS, [{"role": "user", "content": "Ceppi isolati più di 3 volte? Ünïcödé — ok"}]]:
            ours = engine.tokenize(render_chat(engine.chat_template, messages))
            theirs = local.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_dict=True)
            assert ours == list(theirs["input_ids"])
    finally:
        engine_generator._idle.put(engine)


def test_answers_match_the_transformers_backend(engine_generator, local):
    ours = [engine_generator.generate(m) for m in PROMPTS]
    assert ours == [local.generate(m) for m in PROMPTS]
    assert all(answer.rstrip().endswith(";") for answer in ours)


def test_questions_decoded_together_get_the_answers_they_get_alone(engine_generator):
    from concurrent.futures import ThreadPoolExecutor

    from text2sql.generators.continuous import ContinuousBatcher

    alone = [engine_generator.generate(m) for m in PROMPTS]
    together = ContinuousBatcher(engine_generator, max_batch=4, lone=False, draft=10)
    with ThreadPoolExecutor(len(PROMPTS) * 2) as pool:
        answers = list(pool.map(together.generate, PROMPTS * 2))  # the later three join the running ones
    assert answers == alone * 2


def test_a_closed_engine_is_replaced_on_the_next_question(engine_generator):
    from text2sql.types import GenerationFailed

    engine = engine_generator._idle.get()
    engine.close()  # as if it had died: the next question fails clearly, the one after is answered
    engine_generator._idle.put(engine)
    with pytest.raises(GenerationFailed, match="llama.cpp engine failed"):
        engine_generator.generate(PROMPTS[0])
    assert engine_generator.generate(PROMPTS[0]).startswith("SELECT")
