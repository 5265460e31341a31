"""The router: does the code's draft answer the question, or does the model write the query?

Measured on the dev questions (reports/eval.md, ablation `model_only`), the draft composed from the
links and hints (text2sql/draft.py) is right more often than the fine-tuned 135M model given that
same draft as a hint: the model drops a GROUP BY, invents a HAVING, or keeps a bad partial value.
So the draft answers whenever the code read something in the question; the model answers what the
code could not read at all ("strains whose remarks mention pyrene" with nothing linked), and stays
the fallback when the draft cannot run.

    route(links, options)   # "draft" or "model"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from linking.types import LinkResult

if TYPE_CHECKING:
    from text2sql.pipeline import PipelineOptions

DRAFT, MODEL = "draft", "model"


def understood(links: LinkResult | None) -> bool:
    """Whether the code read anything in the question (a value, a date, a count...): only then is its
    draft an answer; 'what is the meaning of life?' has none, and 'all strains' would be no answer."""
    if links is None:
        return False
    # a partial value is a guess at an ordinary word ('life' in substrate), not understanding, unless
    # the question named its column ("notes that talk about kiwi": remarks ILIKE '%kiwi%')
    return bool(links.links) or any(
        hint.kind not in ("nofilter", "partial") or hint.column in links.columns for hint in links.hints
    )


def route(links: LinkResult | None, options: PipelineOptions) -> str:
    if options.route and options.prompt.use_hints and understood(links):
        return DRAFT
    return MODEL
