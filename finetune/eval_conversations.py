"""Conversation evaluation: each dev conversation answered turn by turn, as the chat answers it.

    strainchat eval --conversations data/dev/conversations.jsonl   # part of `strainchat eval`

A conversation is {"id", "language", "turns": [{"question", "sql", "act"}, ...]}. Every turn gets the
system's own previous answers as history (never the gold), and is scored by execution against its
gold SQL (finetune/scoring.py, through the same post-processing as every gold). Reported: execution
accuracy by act × language, the act-classification accuracy, and the share of NEW turns whose query
inherits no condition from an earlier turn that the gold does not have.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tqdm import tqdm

from conversation.acts import NEW
from conversation.state import from_sql
from finetune.evaluate import gold_outcome
from finetune.scoring import execution_match, outcome
from sqlproc.errors import SqlRejected
from text2sql.pipeline import Pipeline
from text2sql.types import Answer


@dataclass
class TurnScore:
    id: str  # conversation id and turn number, "conv-en-001#2"
    language: str
    act: str  # the gold act
    predicted_act: str | None
    question: str
    execution: bool
    inherited: bool  # the query holds an earlier turn's condition that the gold does not
    sql: str | None
    error: str | None
    latency_ms: float = 0.0


@dataclass
class ConversationReport:
    items: list[TurnScore] = field(default_factory=list)

    def summary(self) -> dict:
        new_turns = [i for i in self.items if i.act == NEW]
        return {
            "n": len(self.items),
            "conversations": len({i.id.split("#")[0] for i in self.items}),
            "execution_accuracy": _rate(i.execution for i in self.items),
            "act_accuracy": _rate(i.predicted_act == i.act for i in self.items),
            "new_turns": len(new_turns),
            "new_inherit_nothing": _rate(not i.inherited for i in new_turns),
            "by_act_language": self._grouped(lambda i: f"{i.act}/{i.language}"),
            "by_act": self._grouped(lambda i: i.act),
            "by_language": self._grouped(lambda i: i.language),
            "act_confusion": self._confusion(),
            "latency_ms": {"mean": round(statistics.fmean([i.latency_ms for i in self.items] or [0.0]), 1)},
        }

    def _grouped(self, key: Callable[[TurnScore], str]) -> dict:
        groups: dict[str, list[TurnScore]] = defaultdict(list)
        for item in self.items:
            groups[key(item)].append(item)
        return {
            k: {
                "n": len(v),
                "execution_accuracy": _rate(i.execution for i in v),
                "act_accuracy": _rate(i.predicted_act == i.act for i in v),
            }
            for k, v in sorted(groups.items())
        }

    def _confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for item in self.items:
            table[item.act][str(item.predicted_act)] += 1
        return {gold: dict(sorted(row.items())) for gold, row in sorted(table.items())}


def _rate(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(100 * sum(values) / len(values), 2) if values else 0.0


def conditions_of(sql: str | None) -> set[str]:
    """The top-level conditions of a query as SQL text (empty when there is none or it does not parse)."""
    if not sql:
        return set()
    try:
        return {c.sql for c in from_sql(sql).conditions}
    except SqlRejected:
        return set()


def score_conversation(pipeline: Pipeline, conversation: dict) -> list[TurnScore]:
    """Every turn of one conversation, with the system's own answers as the history."""
    history, earlier, scores = [], set(), []
    for number, turn in enumerate(conversation["turns"], start=1):
        gold = gold_outcome(pipeline, {"sql": turn["sql"]})
        session = f"eval-conversation:{conversation['id']}"
        answer = pipeline.answer(turn["question"], history, session_id=session, max_rows=None)
        scores.append(_score(conversation, number, turn, answer, gold, earlier))
        history.append(answer.turn())
        earlier |= conditions_of(answer.model_sql)
    return scores


def _score(conversation: dict, number: int, turn: dict, answer: Answer, gold, earlier: set[str]) -> TurnScore:
    predicted = None
    if not answer.error:
        predicted = outcome(answer.kind, answer.columns, answer.rows, ordered=gold.ordered is not None)
    own = conditions_of(answer.model_sql)
    return TurnScore(
        id=f"{conversation['id']}#{number}",
        language=conversation.get("language", "?"),
        act=turn.get("act", "?"),
        predicted_act=answer.act,
        question=turn["question"],
        execution=execution_match(predicted, gold),
        inherited=bool((own & earlier) - conditions_of(turn["sql"])),
        sql=answer.model_sql,
        error=answer.error,
        latency_ms=answer.timings_ms.get("total", 0.0),
    )


def evaluate_conversations(pipeline: Pipeline, conversations: list[dict], label: str = "conversations"):
    report = ConversationReport()
    for conversation in tqdm(conversations, desc=label, unit="conv"):
        report.items += score_conversation(pipeline, conversation)
    return report
