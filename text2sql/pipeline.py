"""The answering pipeline: link → conversation act → prompt → generate → post-process → merge → execute → log.

A follow-up is answered as a standalone question (the prompt has no history); the conversation stage
(conversation/) classifies the turn and merges the model's query with the previous turn's state, and
the merged query goes through post-processing again. A REMOVE, or a count/groups/rows PROJECT, needs
no model call at all.

`Pipeline.answer` never raises for a user-facing problem (empty or oversized question, no SQL in
the model's output, a rejected query, a dead database): the `Answer` carries a clear `error`.
When the code read the question, its draft answers and the model is not called (text2sql/route.py).
Every question is logged in `querylog`; a failed log write never loses the answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from catalogue.database import Catalogue, QueryFailed, QueryResult
from catalogue.querylog import LogEntry, log_answer
from catalogue.server import DatabaseUnavailable
from conversation.turn import begin, finish
from linking.overrides import Overrides, apply_overrides
from linking.types import Linker, LinkResult
from sqlproc.errors import SqlUnreadable
from sqlproc.facts import CatalogueFacts
from sqlproc.pipeline import Processed, SqlRejected, postprocess
from text2sql.draft import draft_sql
from text2sql.language import detect_language
from text2sql.prompt import PromptConfig, build_messages
from text2sql.route import DRAFT, MODEL, route, understood
from text2sql.types import Answer, GenerationFailed, Generator, Turn

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000


class InvalidQuestion(ValueError):
    """The question cannot be answered as typed; the message says why."""


def clean_question(question: object) -> str:
    """The question with control characters removed; InvalidQuestion if empty, too long or not text."""
    if not isinstance(question, str):
        raise InvalidQuestion("the question must be text")
    if len(question) > 4 * MAX_QUESTION_CHARS:  # refused before the character scan below costs anything
        raise InvalidQuestion(f"the question is too long ({len(question)} characters; at most {MAX_QUESTION_CHARS})")
    cleaned = "".join(ch if ch.isprintable() else " " for ch in question).strip()
    if not cleaned:
        raise InvalidQuestion("please type a question")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"the question is too long ({len(cleaned)} characters; at most {MAX_QUESTION_CHARS})")
    return cleaned


@dataclass
class PipelineOptions:
    """Switches for the evaluation's ablations; the app uses the defaults."""

    use_linking: bool = True
    repair: bool = True  # post-processing repair rules (the guard and display always run)
    route: bool = True  # the code's draft answers what the code read (text2sql/route.py); False: always the model
    prompt: PromptConfig = PromptConfig()


def is_empty(result: QueryResult) -> bool:
    """No rows, or a lone count of zero: either way the exact query found nothing."""
    if result.row_count == 0:
        return True
    if result.row_count != 1 or len(result.rows[0]) != 1:
        return False
    value = result.rows[0][0]
    return value is None or (not isinstance(value, bool) and value == 0)


class _Clock:
    """Times each stage and tells `on_stage` (the UI's progress display) when one begins."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.on_stage = on_stage
        self._start = time.perf_counter()

    def timed(self, stage: str, fn: Callable, *args, **kwargs):
        if self.on_stage is not None:
            self.on_stage(stage)
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.timings[stage] = round((time.perf_counter() - started) * 1000, 2)

    def finish(self) -> dict[str, float]:
        self.timings["total"] = round((time.perf_counter() - self._start) * 1000, 2)
        return self.timings


class Pipeline:
    def __init__(
        self,
        catalogue: Catalogue,
        linker: Linker | None,
        generator: Generator,
        facts: CatalogueFacts,
        options: PipelineOptions | None = None,
    ):
        self.catalogue = catalogue
        self.linker = linker
        self.generator = generator
        self.facts = facts
        self.options = options or PipelineOptions()

    def answer(
        self,
        question: object,
        history: Sequence[Turn] = (),
        *,
        session_id: str | None = None,
        max_rows: int | None = 100,
        on_stage: Callable[[str], None] | None = None,
        act: str | None = None,
        link_overrides: Overrides | None = None,
    ) -> Answer:
        """Answers one question; `on_stage` hears each stage's name as it begins (for progress display).

        `act` forces the conversation act (e.g. "NEW": the same words as a new question);
        `link_overrides` reads linked spans as another of their columns, for this question only."""
        clock = _Clock(on_stage)
        answer = Answer(question=question if isinstance(question, str) else repr(question))
        try:
            answer.question = clean_question(question)
            self._answer(answer, clock, history, max_rows, act, link_overrides)
        except (InvalidQuestion, SqlRejected, GenerationFailed, QueryFailed, DatabaseUnavailable) as exc:
            answer.error = str(exc)
        answer.timings_ms = clock.finish()
        answer.log_id = self._log(answer, session_id)
        return answer

    def _answer(
        self,
        answer: Answer,
        clock: _Clock,
        history: Sequence[Turn],
        max_rows: int | None,
        act: str | None,
        overrides: Overrides | None = None,
    ) -> None:
        question = answer.question
        links = apply_overrides(clock.timed("link", self._link, question), overrides, self.facts.values)
        step = begin(question, links, history, act)
        links = step.links  # with what the conversation state reads ("and at 30?")
        answer.links = [link.to_json() for link in links.links] if links else []
        answer.hints = [hint.to_json() for hint in links.hints] if links else []
        answer.unread = list(links.unread or []) if links else []
        answer.act, model_sql = step.act.kind, None
        answer.draft_sql = draft_sql(links) if links is not None else None
        processed = None
        if step.act.needs_model and route(links, self.options) == DRAFT:
            processed = clock.timed("postprocess", self._drafted, answer, links)
        if step.act.needs_model and processed is None:  # the turn's own content, standalone: no history
            answer.route = MODEL
            messages = build_messages(question, links, self.facts.columns, (), self.options.prompt)
            answer.generated_sql = clock.timed("generate", self._generate, messages)
            processed = clock.timed("postprocess", self._standalone, answer, links)
        if processed is not None:
            model_sql = processed.model_sql
        clock.timings.setdefault("generate", 0.0)
        merged = finish(step, model_sql)
        answer.act, answer.carried = merged.act, merged.carried
        if not merged.standalone:
            # guard, dates and display again, on the whole merged query; without this turn's links and
            # question, which would move or drop the conditions carried from before
            processed = clock.timed("postprocess", postprocess, merged.sql, self.facts, repair=self.options.repair)
        clock.timed("execute", self._execute, answer, processed, max_rows)

    def _drafted(self, answer: Answer, links: LinkResult | None) -> Processed | None:
        """The draft post-processed like a model's query; None (ask the model) if it cannot run."""
        try:
            processed = self._process(answer.draft_sql, answer, links)
        except SqlRejected:
            return None
        answer.route = DRAFT
        return processed

    def _process(self, sql: str | None, answer: Answer, links: LinkResult | None) -> Processed:
        """Post-processing of this turn's standalone query (the model's or the draft), with its links."""
        return postprocess(sql, self.facts, repair=self.options.repair, links=links, question=answer.question)

    def _standalone(self, answer: Answer, links: LinkResult | None) -> Processed:
        """The model's query post-processed; when the model wrote no usable query (no SQL, not valid
        SQL, an unknown column), the draft the code composed from the links and hints stands in, and the
        answer says so."""
        try:
            return self._process(answer.generated_sql, answer, links)
        except SqlUnreadable as model_error:  # a query that was read and refused stays refused
            if links is None or not self.options.prompt.use_hints or not understood(links):
                raise
            try:
                processed = self._process(answer.draft_sql, answer, links)
            except SqlRejected:
                raise model_error from None
            answer.note = f"The model's query could not be used ({model_error}); this answer runs the draft query."
            return processed

    def _generate(self, messages: list[dict[str, str]]) -> str:
        """The model's text; any way the model fails (crash, time limit, no text) is GenerationFailed."""
        try:
            text = self.generator.generate(messages)
        except GenerationFailed:
            raise
        except TimeoutError as exc:
            raise GenerationFailed("the model did not answer in time") from exc
        except Exception as exc:  # a crashing model is a failed answer, logged like any other, not an app crash
            log.exception("the generator failed")
            raise GenerationFailed(f"the model failed ({type(exc).__name__})") from exc
        if not isinstance(text, str):
            raise GenerationFailed("the model returned no text")
        return text

    def _link(self, question: str) -> LinkResult | None:
        if self.linker is None or not self.options.use_linking:
            return None
        return self.linker.link(question)

    def _execute(self, answer: Answer, processed: Processed, max_rows: int | None) -> None:
        answer.kind, answer.model_sql = processed.kind, processed.model_sql
        result, answer.sql = self.catalogue.run_read(processed.sql, max_rows=max_rows), processed.sql
        if is_empty(result) and processed.relaxed_sql:
            relaxed = self.catalogue.run_read(processed.relaxed_sql, max_rows=max_rows)
            if not is_empty(relaxed):
                result, answer.sql = relaxed, processed.relaxed_sql
                answer.note = "No exact match: these rows come from the relaxed (ILIKE) query."
        answer.columns = result.columns
        answer.rows = [list(row) for row in result.rows]
        answer.row_count = result.row_count

    def full_result(self, sql: str) -> QueryResult:
        """All rows of an answer's SQL (for the CSV download); the SQL goes through the guard again."""
        processed = postprocess(sql, self.facts, repair=False)
        return self.catalogue.run_read(processed.sql, max_rows=None)

    def _log(self, answer: Answer, session_id: str | None) -> int | None:
        status = "error" if answer.error else ("ok" if answer.row_count else "empty")
        entry = LogEntry(
            question=answer.question,
            status=status,
            language=detect_language(answer.question),
            generated_sql=answer.generated_sql,
            final_sql=answer.sql,
            error=answer.error,
            row_count=answer.row_count if not answer.error else None,
            model=_answered_by(answer, self.generator),
            session_id=session_id,
            timings=answer.timings_ms,
            links=answer.links,
            act=answer.act,
        )
        try:
            return log_answer(self.catalogue, entry)
        except Exception as exc:  # the answer must reach the user even when logging fails
            log.warning("query log write failed: %s", exc)
            return None


def _answered_by(answer: Answer, generator: Generator) -> str:
    """What `querylog.model` records: the generator, or 'draft' when the code's draft answered."""
    if answer.route == DRAFT:
        return DRAFT
    return getattr(generator, "name", type(generator).__name__)
