"""A generator that answers with the prompt's own draft line: the code alone, without a model.

`strainchat eval` runs it as the `draft_only` ablation, to show what the fine-tuned model adds to
the query the code composes from links and hints (text2sql/draft.py).
"""

from __future__ import annotations

DRAFT_PREFIX = "Draft: "


class DraftEcho:
    name = "draft-only (no model)"

    def generate(self, messages: list[dict[str, str]]) -> str:
        for line in messages[-1]["content"].splitlines():
            if line.startswith(DRAFT_PREFIX):
                return line.removeprefix(DRAFT_PREFIX) + ";"
        return ""  # no draft in the prompt: no SQL, which the pipeline reports as such
