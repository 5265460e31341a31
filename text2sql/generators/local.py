"""The local generator: a transformers causal LM (plus optional PEFT adapter) in this process.

Loaded once per process, on CPU in float32 or bfloat16 (`dtype`); greedy decoding (the thesis's
top_k = 1), sped up for a lone prompt by prompt-lookup drafts (`prompt_lookup`); stops at ';' or
end of sequence; at most `max_new_tokens` new tokens. Calls are serialised: two CPU generations
at once only slow each other down.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from text2sql.model_loading import apply_adapter, inference_dtype, load_model, load_tokenizer, resolve
from text2sql.types import GenerationFailed


def draft_options(prompt_lookup: int, batch_size: int) -> dict:
    """generate() options for prompt-lookup decoding of a lone prompt: the SQL copies long spans of
    the prompt (linked values, column names), so drafts taken from it are mostly accepted and one
    forward pass checks several tokens. Still greedy: a draft token is kept only where greedy
    agrees. transformers drafts for one prompt at a time, so batches decode plainly."""
    if batch_size != 1 or prompt_lookup <= 0:
        return {}
    return {"prompt_lookup_num_tokens": prompt_lookup, "max_matching_ngram_size": 2}


class LocalGenerator:
    def __init__(
        self,
        model_ref: str,
        adapter: str | None = None,
        *,
        max_new_tokens: int = 200,
        timeout_s: float = 60.0,
        dtype: str = "float32",
        prompt_lookup: int = 0,
    ):
        started = time.perf_counter()
        source = resolve(model_ref)
        self.tokenizer = load_tokenizer(source)
        self.tokenizer.padding_side = "left"  # batches: every prompt's last token sits at the end
        model = load_model(source)
        self.model, self.adapter = apply_adapter(model, adapter)
        if self.model.device.type == "cpu":  # cast after merging: the LoRA delta is added in float32
            self.model = self.model.to(inference_dtype(dtype))
        self.dtype = str(self.model.dtype).removeprefix("torch.")
        self.max_new_tokens = max_new_tokens
        self.prompt_lookup = prompt_lookup
        self.timeout_s = timeout_s
        self.name = model_ref + (f"+{Path(self.adapter).name}" if self.adapter else "") + f" ({self.dtype})"
        self.load_seconds = time.perf_counter() - started
        self._lock = threading.Lock()

    def encode(self, messages: list[dict[str, str]]) -> dict:
        encoded = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        return {k: v.to(self.model.device) for k, v in dict(encoded).items()}

    def encode_batch(self, batch: list[list[dict[str, str]]]) -> dict:
        """Several prompts padded on the left, so every prompt's last token sits at the end."""
        texts = [self.tokenizer.apply_chat_template(m, add_generation_prompt=True, tokenize=False) for m in batch]
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
        return {k: v.to(self.model.device) for k, v in dict(encoded).items()}

    def generate(self, messages: list[dict[str, str]]) -> str:
        return self._decode(self.encode(messages))[0]

    def generate_batch(self, batch: list[list[dict[str, str]]]) -> list[str]:
        """Greedy answers for several prompts in one pass (see generators/batching.py)."""
        return self._decode(self.encode_batch(batch))

    def _decode(self, inputs: dict) -> list[str]:
        with self._lock:
            started = time.perf_counter()
            output = self._greedy(inputs)
            elapsed = time.perf_counter() - started
        if elapsed >= self.timeout_s:  # generate() stopped at max_time: the text is cut short
            raise GenerationFailed(f"the model took longer than {self.timeout_s:g} s and was stopped")
        new_tokens = output[:, inputs["input_ids"].shape[1] :]
        return self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)

    def _greedy(self, inputs: dict):
        import torch

        try:
            with torch.inference_mode():
                return self.model.generate(
                    **inputs,
                    **draft_options(self.prompt_lookup, inputs["input_ids"].shape[0]),
                    max_new_tokens=self.max_new_tokens,
                    do_sample=False,
                    stop_strings=[";"],
                    tokenizer=self.tokenizer,
                    pad_token_id=self.tokenizer.pad_token_id,
                    max_time=self.timeout_s,
                )
        except (RuntimeError, ValueError) as exc:
            raise GenerationFailed(f"the local model failed: {exc}") from exc
