"""Build the real objects of the answering pipeline from Settings (used by app.py and the CLI only)."""

from __future__ import annotations

from pathlib import Path

from catalogue.database import Catalogue
from catalogue.server import owner_dsn, reader_dsn
from strainchat.settings import Settings
from text2sql.pipeline import Pipeline, PipelineOptions
from text2sql.types import Generator


def build_catalogue(settings: Settings) -> Catalogue:
    owner = owner_dsn(settings)
    return Catalogue(reader_dsn(settings, owner), owner, statement_timeout_ms=settings.statement_timeout_ms)


def build_generator(settings: Settings) -> Generator:
    """The model named by the settings: local transformers (loaded now, once) or an HTTP server."""
    if settings.generator == "openai":
        from text2sql.generators.openai_compat import OpenAICompatibleGenerator

        return OpenAICompatibleGenerator(
            settings.openai_base_url,
            settings.openai_model,
            api_key=settings.openai_api_key,
            timeout_s=settings.generation_timeout_s,
        )
    if settings.generator == "llamacpp":
        return build_llamacpp_generator(settings)
    if settings.generator != "local":
        raise ValueError(f"unknown generator {settings.generator!r}: use 'local', 'llamacpp' or 'openai'")
    from text2sql.generators.batching import BatchingGenerator
    from text2sql.generators.local import LocalGenerator

    local = LocalGenerator(
        settings.model,
        settings.adapter,
        timeout_s=settings.generation_timeout_s,
        dtype=settings.dtype,
        prompt_lookup=settings.prompt_lookup,
    )
    return BatchingGenerator(local, max_batch=settings.max_batch) if settings.max_batch > 1 else local


def build_llamacpp_generator(settings: Settings) -> Generator:
    """llama.cpp on the fine-tuned model's GGUF, exported first if missing or made from another adapter."""
    from text2sql.generators.continuous import ContinuousBatcher
    from text2sql.generators.llamacpp import llamacpp_generator
    from text2sql.gguf_export import ensure_gguf, serving_weights

    weights = serving_weights(settings.gguf_weights)
    path = ensure_gguf(settings.model, settings.adapter, settings.home, weights)
    adapter = Path(settings.adapter)
    tuned = (adapter / "adapter_config.json").exists()
    engine = llamacpp_generator(
        path,
        name=f"{settings.model}{'+' + adapter.name if tuned else ''} (llama.cpp {weights})",
        adapter=str(adapter) if tuned else None,
        threads=settings.llamacpp_threads,
        batch_threads=settings.llamacpp_batch_threads,
        prompt_lookup=settings.prompt_lookup,
        timeout_s=settings.generation_timeout_s,
    )
    # Users asking at once are decoded together, each joining and leaving at its own step.
    if settings.max_batch <= 1:
        return engine
    return ContinuousBatcher(
        engine, max_batch=settings.max_batch, timeout_s=settings.generation_timeout_s, draft=settings.prompt_lookup
    )


def build_linker_and_facts(settings: Settings, catalogue: Catalogue | None = None):
    """The value linker and the catalogue facts post-processing needs (index built if missing)."""
    from index.build import ensure_index
    from linking.linker import ValueLinker
    from sqlproc.facts import facts_from_catalogue

    catalogue = catalogue or build_catalogue(settings)
    index = ensure_index(settings)
    return ValueLinker(index, aliases=catalogue), facts_from_catalogue(catalogue, values=index)


def pipeline_options(settings: Settings) -> PipelineOptions:
    """Default options, with the prompt settings the adapter was trained with (they must match)."""
    route = settings.route.strip().lower() != "model"
    saved = Path(settings.adapter) / "training_config.json"
    if settings.adapter == "none" or not saved.exists():
        return PipelineOptions(route=route)
    from finetune.config import load_saved

    return PipelineOptions(prompt=load_saved(saved.parent).prompt, route=route)


def build_pipeline(
    settings: Settings, *, generator: Generator | None = None, options: PipelineOptions | None = None
) -> Pipeline:
    catalogue = build_catalogue(settings)
    linker, facts = build_linker_and_facts(settings, catalogue)
    generator = generator or build_generator(settings)
    return Pipeline(catalogue, linker, generator, facts, options or pipeline_options(settings))
