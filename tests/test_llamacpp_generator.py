"""The llama.cpp generator's wiring with a hand-written fake engine, and the GGUF export's bookkeeping
(fingerprints, re-export when the adapter changes, the q/k row layout). No model is loaded here; the
real model runs in tests/test_llamacpp_slow.py.

    .venv/bin/python -m pytest -q -p no:xdist tests/test_llamacpp_generator.py
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from strainchat.settings import settings_from_env
from text2sql import gguf_export
from text2sql.generators import llamacpp
from text2sql.generators.llamacpp import LlamaCppGenerator, render_chat
from text2sql.types import GenerationFailed

SMOLLM2_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
MESSAGES = [{"role": "system", "content": "SQL only."}, {"role": "user", "content": "How many yeasts?"}]
EOS = 0


class FakeEngine:
    """Tokens are indexes into `vocab`; `stream` replays the script whatever the prompt. It fails the
    test if two callers use it at once (a llama.cpp context serves one caller at a time)."""

    vocab = ["<eos>", "SELECT", " COUNT(*)", " FROM t", ";\n", " junk", "x"]

    def __init__(self, script: list[int | Exception], *, delay_s: float = 0.0):
        self.eos = EOS
        self.chat_template = SMOLLM2_TEMPLATE
        self.script = script
        self.delay_s = delay_s
        self.prompts: list[str] = []
        self.closed = False
        self._busy = threading.Lock()

    def tokenize(self, text: str) -> list[int]:
        self.prompts.append(text)
        return [6] * len(text.split())

    def stream(self, prompt: list[int]) -> Iterator[int]:
        assert self._busy.acquire(blocking=False), "two callers in one context"
        try:
            for step in self.script:
                time.sleep(self.delay_s)
                if isinstance(step, Exception):
                    raise step
                yield step
        finally:
            self._busy.release()

    def piece(self, token: int) -> bytes:
        return self.vocab[token].encode()

    def detokenize(self, tokens: list[int]) -> str:
        return "".join(self.vocab[t] for t in tokens)

    def close(self) -> None:
        self.closed = True


class Opener:
    """open_engine for the generator: hands out engines made by `make`, or raises while `fail` is set."""

    def __init__(self, make):
        self.make = make
        self.opened: list[FakeEngine] = []
        self.fail: Exception | None = None

    def __call__(self) -> FakeEngine:
        if self.fail:
            raise self.fail
        engine = self.make()
        self.opened.append(engine)
        return engine


def generator(script, **kwargs) -> tuple[LlamaCppGenerator, Opener]:
    delay_s = kwargs.pop("delay_s", 0.0)
    opener = Opener(lambda: FakeEngine(list(script), delay_s=delay_s))
    return LlamaCppGenerator(opener, name="fake-llamacpp", **kwargs), opener


def test_chat_template_renders_like_transformers():
    assert render_chat(SMOLLM2_TEMPLATE, MESSAGES) == (
        "<|im_start|>system\nSQL only.<|im_end|>\n<|im_start|>user\nHow many yeasts?<|im_end|>\n<|im_start|>assistant\n"
    )
    no_system = render_chat(SMOLLM2_TEMPLATE, MESSAGES[1:])
    assert no_system.startswith("<|im_start|>system\nYou are a helpful AI assistant named SmolLM")


def test_answer_ends_with_the_token_holding_the_semicolon():
    gen, opener = generator([1, 2, 3, 4, 5, 5])
    assert gen.generate(MESSAGES) == "SELECT COUNT(*) FROM t;\n"  # kept whole, as transformers' stop_strings
    assert opener.opened[0].prompts[0].endswith("<|im_start|>assistant\n")


def test_end_of_sequence_and_the_token_budget_end_the_answer():
    assert generator([1, 2, EOS, 5])[0].generate(MESSAGES) == "SELECT COUNT(*)"
    assert generator([1] + [5] * 50, max_new_tokens=3)[0].generate(MESSAGES) == "SELECT junk junk"


def test_a_prompt_longer_than_the_context_is_a_clear_error():
    gen, _ = generator([1, 4], n_ctx=4)
    with pytest.raises(GenerationFailed, match="too long"):
        gen.generate(MESSAGES)


def test_time_limit_stops_the_answer():
    gen, opener = generator([5] * 20, timeout_s=0.05, delay_s=0.01)
    with pytest.raises(GenerationFailed, match="longer than 0.05 s"):
        gen.generate(MESSAGES)
    assert len(opener.opened) == 1 and not opener.opened[0].closed  # the engine itself is fine


def test_a_failing_engine_is_a_clear_error_and_is_replaced_on_the_next_question():
    scripts = iter([[1, RuntimeError("llama_decode returned -1")], [1, 2, 3, 4]])
    opener = Opener(lambda: FakeEngine(next(scripts)))
    gen = LlamaCppGenerator(opener, name="fake-llamacpp")
    with pytest.raises(GenerationFailed, match="llama.cpp engine failed .*llama_decode returned -1"):
        gen.generate(MESSAGES)
    assert opener.opened[0].closed
    assert gen.generate(MESSAGES) == "SELECT COUNT(*) FROM t;\n"
    assert len(opener.opened) == 2


def test_an_engine_that_cannot_start_fails_each_question_until_it_can():
    scripts = iter([[RuntimeError("boom")], [1, 4]])
    opener = Opener(lambda: FakeEngine(next(scripts)))
    gen = LlamaCppGenerator(opener, name="fake-llamacpp")
    opener.fail = OSError("model file missing")
    with pytest.raises(GenerationFailed, match="engine failed"):
        gen.generate(MESSAGES)
    with pytest.raises(GenerationFailed, match="could not start: model file missing"):
        gen.generate(MESSAGES)
    opener.fail = None
    assert gen.generate(MESSAGES) == "SELECT;\n"


def test_the_first_context_opens_at_construction():
    opener = Opener(lambda: FakeEngine([]))
    opener.fail = FileNotFoundError("no such gguf")
    with pytest.raises(GenerationFailed, match="could not start: no such gguf"):
        LlamaCppGenerator(opener, name="fake-llamacpp")


@pytest.mark.parametrize("contexts", [1, 3])
def test_concurrent_callers_share_at_most_the_pool(contexts):
    gen, opener = generator([1, 2, 3, 4], contexts=contexts, delay_s=0.01)
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(gen.generate(MESSAGES))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["SELECT COUNT(*) FROM t;\n"] * 8  # FakeEngine.stream asserts one caller per context
    assert 1 <= len(opener.opened) <= contexts


def test_threads_leave_a_core_for_the_app():
    assert [llamacpp.default_threads(n) for n in (1, 2, 4, 16)] == [1, 1, 3, 15]


def test_factory_builds_the_llamacpp_generator_from_the_environment(monkeypatch, tmp_path):
    from text2sql import factory
    from text2sql.generators.continuous import ContinuousBatcher

    env = {"STRAINCHAT_HOME": str(tmp_path), "STRAINCHAT_LLAMACPP_THREADS": "3", "STRAINCHAT_GGUF_WEIGHTS": "q8_0"}
    settings = settings_from_env(env)  # llamacpp is the default generator
    calls, engines = [], []

    def fake_ensure(model, adapter, home, weights):
        calls.append((model, adapter, home, weights))
        return tmp_path / "m.gguf"

    def fake_engine(path, **options):
        engines.append((path, options))
        return FakeEngine([1, 4])

    monkeypatch.setattr(gguf_export, "ensure_gguf", fake_ensure)
    monkeypatch.setattr(llamacpp, "LlamaEngine", fake_engine)
    gen = factory.build_generator(settings)
    assert isinstance(gen, ContinuousBatcher) and isinstance(gen.inner, LlamaCppGenerator)
    assert gen.name == "smollm2+adapter (llama.cpp q8_0)" and gen.adapter == settings.adapter
    assert calls == [("smollm2", settings.adapter, tmp_path, "q8_0")]
    options = {"threads": 3, "batch_threads": os.cpu_count(), "n_ctx": 2048, "prompt_lookup": 10}
    assert engines == [(tmp_path / "m.gguf", options)]
    assert gen.generate(MESSAGES) == "SELECT;\n"
    unbatched = factory.build_generator(settings_from_env({**env, "STRAINCHAT_MAX_BATCH": "1"}))
    assert isinstance(unbatched, LlamaCppGenerator)


def test_serving_weights_are_bf16_only_where_the_cpu_has_it():
    assert gguf_export.serving_weights("auto", native_bf16=True) == "bf16"
    assert gguf_export.serving_weights("auto", native_bf16=False) == "q8_0"
    assert gguf_export.serving_weights("q8_0", native_bf16=True) == "q8_0"
    with pytest.raises(gguf_export.ExportError, match="unknown weight type 'q4_0'"):
        gguf_export.serving_weights("q4_0")


def test_permute_is_the_inverse_of_transformers_gguf_reverse_permute():
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    weights = np.arange(12 * 4, dtype=np.float32).reshape(12, 4)
    reverse = LlamaTensorProcessor.__new__(LlamaTensorProcessor)._reverse_permute_weights
    for heads in (1, 2, 3):
        assert np.array_equal(reverse(gguf_export._permute(weights, heads), heads, heads), weights)


@pytest.fixture
def adapter(tmp_path) -> Path:
    folder = tmp_path / "adapter"
    folder.mkdir()
    (folder / "adapter_config.json").write_text('{"r": 16}')
    (folder / "adapter_model.safetensors").write_bytes(b"weights v1")
    return folder


def test_fingerprint_follows_the_adapter_files_and_weight_type(adapter):
    first = gguf_export.fingerprint("smollm2", str(adapter), "q8_0")
    assert first == gguf_export.fingerprint("smollm2", str(adapter), "q8_0")
    assert first != gguf_export.fingerprint("smollm2", str(adapter), "bf16")
    assert first != gguf_export.fingerprint("smollm2", "none", "q8_0")
    (adapter / "adapter_model.safetensors").write_bytes(b"weights v2")
    assert first != gguf_export.fingerprint("smollm2", str(adapter), "q8_0")


def test_a_non_gguf_base_is_refused_clearly():
    with pytest.raises(gguf_export.ExportError, match="needs a GGUF base model"):
        gguf_export.base_gguf("HuggingFaceTB/SmolLM2-135M-Instruct")


def test_ensure_gguf_exports_once_and_again_when_the_adapter_changes(monkeypatch, adapter, tmp_path):
    import gguf

    exports = []

    def fake_export(model_ref, adapter_dir, out, weight_type):  # a tiny real GGUF holding the fingerprint
        exports.append(out)
        writer = gguf.GGUFWriter(out, "llama")
        writer.add_string(gguf_export.FINGERPRINT_KEY, gguf_export.fingerprint(model_ref, adapter_dir, weight_type))
        writer.add_tensor("x", np.zeros(4, dtype=np.float32))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()

    monkeypatch.setattr(gguf_export, "export_gguf", fake_export)
    home = tmp_path / "home"
    (home / "models").mkdir(parents=True)
    path = gguf_export.ensure_gguf("smollm2", str(adapter), home)
    assert path.parent == home / "models" and path.name.startswith("adapter-") and exports == [path]
    assert gguf_export.ensure_gguf("smollm2", "none", home) != path  # the base alone has a file of its own
    assert gguf_export.stored_fingerprint(path) == gguf_export.fingerprint("smollm2", str(adapter), "q8_0")
    gguf_export.ensure_gguf("smollm2", str(adapter), home)
    assert len(exports) == 2  # up to date: nothing to do
    (adapter / "adapter_model.safetensors").write_bytes(b"a newly trained adapter")
    gguf_export.ensure_gguf("smollm2", str(adapter), home)
    assert len(exports) == 3
    path.write_bytes(b"not a gguf file")  # a corrupt cache is exported again too
    gguf_export.ensure_gguf("smollm2", str(adapter), home)
    assert len(exports) == 4
