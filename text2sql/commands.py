"""`strainchat ask`: answer questions from the command line, one JSON object per answer.

strainchat ask --json "Give me all the Aspergillus strains with Marine sediment"
strainchat ask --jsonl questions.jsonl     # lines {"id", "turns": ["q1", "q2", ...]}
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from text2sql.pipeline import Pipeline
from text2sql.types import Answer, Turn


def register(subparsers: argparse._SubParsersAction) -> None:
    from strainchat.cli import add_common_flags

    p = subparsers.add_parser("ask", help="answer a question (or a file of conversations) as JSON")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", metavar="QUESTION", help="one question; prints one JSON object")
    source.add_argument("--jsonl", metavar="FILE", help='lines {"id", "turns": [...]}; prints one line each')
    p.add_argument("--max-rows", type=int, default=100, help="rows included per answer (0 = all)")
    add_common_flags(p)
    p.set_defaults(handler=run_ask)


def dumps(obj: object) -> str:
    # Decimal (numeric columns) and other non-JSON scalars are printed as text.
    return json.dumps(obj, ensure_ascii=False, default=str)


def answer_conversation(pipeline: Pipeline, turns: list[str], max_rows: int | None, session_id: str) -> Answer:
    """Answer the turns in order as one conversation; return the last answer."""
    history: list[Turn] = []
    answer = Answer(question="", error="the conversation has no turns")
    for question in turns:
        answer = pipeline.answer(question, history, session_id=session_id, max_rows=max_rows)
        history.append(answer.turn())
    return answer


def read_conversations(path: str) -> Iterator[tuple[object, list[str] | None, str | None]]:
    """(id, turns, error) per non-empty line; a malformed line yields an error instead of stopping the run."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                turns = item["turns"]
                if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
                    raise TypeError
                yield item.get("id"), turns, None
            except (ValueError, KeyError, TypeError, AttributeError):
                yield number, None, f'line {number}: expected {{"id", "turns": ["question", ...]}}'


def run_ask(args: argparse.Namespace) -> int:
    from strainchat.cli import settings_for
    from text2sql.factory import build_pipeline

    max_rows = None if args.max_rows == 0 else args.max_rows
    pipeline = build_pipeline(settings_for(args))
    if args.json is not None:
        print(dumps(pipeline.answer(args.json, session_id="cli", max_rows=max_rows).to_json()))
        return 0
    for conv_id, turns, error in read_conversations(args.jsonl):
        if error:
            print(dumps(Answer(question="", error=error).to_json(id=conv_id)), flush=True)
            continue
        answer = answer_conversation(pipeline, turns, max_rows, session_id=f"cli:{conv_id}")
        print(dumps(answer.to_json(id=conv_id)), flush=True)
    return 0
