"""The prompt builder: question + linked values + schema + previous turns → chat messages.

One builder for inference and for training data (finetune/ calls `build_messages` and appends the
gold SQL as the assistant turn), so the model is trained on exactly what it sees when answering.

    messages = build_messages(question, link_result, columns, history)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from linking.hints import condition
from linking.types import Link, LinkResult
from text2sql.draft import draft_sql
from text2sql.types import Turn

# Short on purpose: it is repeated in every prompt, and on a CPU every token costs training time.
SYSTEM = "Write one PostgreSQL query on table detailedstrain. Use the linked values; fix the draft if needed. SQL only."

DATE_COLUMNS = ("collectiondate", "isolationdate", "depositdate", "inclusiondate")


@dataclass(frozen=True)
class PromptConfig:
    """How the prompt is built (saved with every adapter: training and inference must agree)."""

    prune_columns: bool = field(
        default=True,
        metadata={"help": "Show only relevant columns (linked, mentioned, always-on) instead of all."},
    )
    always_columns: tuple[str, ...] = field(
        default=("strainid", "genus", "species", "organismtype"),
        metadata={"help": "Columns always shown when pruning."},
    )
    use_schema: bool = field(default=True, metadata={"help": "Include the line of (pruned) columns and their types."})
    use_links: bool = field(default=True, metadata={"help": "Include the linked values as hints."})
    use_hints: bool = field(
        default=True,
        metadata={"help": "Include the draft query the code composes from links and hints (text2sql/draft.py)."},
    )
    max_history: int = field(
        default=0,
        metadata={"help": "Previous turns pasted into the prompt (0: the conversation stage keeps the state)."},
    )


def link_hint(link: Link) -> str:
    """'Marine sediment' -> substrate = 'Marine sediment' (115 strains; also isolationhabitat 60)."""
    also = "; ".join(f"also {a.column} {a.count}" for a in link.alternatives[:2])
    detail = f"{link.count} strains" + (f"; {also}" if also else "")
    return f'"{link.span}" -> {condition(link)} ({detail})'


def columns_in_sql(sql: str) -> set[str]:
    """Column names a previous turn's SQL used (so follow-ups keep them in the pruned schema)."""
    try:
        tree = sqlglot.parse_one(sql, read="postgres")
    except sqlglot.errors.ParseError:
        return set()
    return {c.name.lower() for c in tree.find_all(exp.Column)}


def recent(history: Sequence[Turn], config: PromptConfig) -> Sequence[Turn]:
    """The previous turns pasted into the prompt: the last `max_history` (none when it is 0)."""
    return history[-config.max_history :] if config.max_history > 0 else ()


def shown_columns(
    columns: Mapping[str, str], links: LinkResult | None, history: Sequence[Turn], config: PromptConfig
) -> list[str]:
    """The schema columns to show, in table order."""
    if not config.prune_columns:
        return list(columns)
    wanted = set(config.always_columns)
    if links is not None:
        wanted |= {link.column for link in links.links} | set(links.columns)
        wanted |= {hint.column for hint in links.hints if hint.column in columns}
    for turn in recent(history, config):
        wanted |= columns_in_sql(turn.sql or "")
    return [name for name in columns if name in wanted]


def schema_line(columns: Mapping[str, str], names: Sequence[str]) -> str:
    parts = [f"{n} {'date text' if n in DATE_COLUMNS else columns[n]}" for n in names]
    return "Columns of detailedstrain: " + ", ".join(parts)


def build_messages(
    question: str,
    links: LinkResult | None,
    columns: Mapping[str, str],
    history: Sequence[Turn] = (),
    config: PromptConfig = PromptConfig(),
) -> list[dict[str, str]]:
    """The chat messages for one question (the assistant's SQL is generated, or appended for training)."""
    lines = [schema_line(columns, shown_columns(columns, links, history, config))] if config.use_schema else []
    if config.use_links and links is not None and links.links:
        lines.append("Linked values: " + "; ".join(link_hint(link) for link in links.links))
    if config.use_hints and links is not None:
        lines.append("Draft: " + draft_sql(links))
    for turn in recent(history, config):
        lines.append(f"Previous question: {turn.question}")
        lines.append(f"Previous SQL: {turn.sql or '(none)'}")
    lines.append(f"Question: {question}")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def training_messages(messages: list[dict[str, str]], sql: str) -> list[dict[str, str]]:
    """Prompt + gold SQL as the assistant turn, ending with ';' (where generation stops)."""
    target = sql.strip().rstrip(";").strip() + ";"
    return [*messages, {"role": "assistant", "content": target}]
