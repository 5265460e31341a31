"""Dialogue acts: what a new turn does to the previous turn's query, in English and Italian.

    act = classify("only those from Italy", links, previous_state)
    act.kind        # FIRST, NEW, REFINE, REPLACE, REMOVE or PROJECT
    act.needs_model # False for REMOVE, and for PROJECT when the code can tell the projection itself

The decision uses the linker's result (which columns the turn's linked values, hints and column
mentions name, and whether those are already constrained in the previous state), the cue words of
conversation/cues.py and the previous state. In order: a removal of something constrained; a full
question or a total ("how many strains in total"); a new way to see the same strains (no condition of
its own); a widening; a replacement; a refinement; and otherwise a turn that names its own subject
(an organism, "strains") is NEW, one that does not leans on the previous turn (REFINE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conversation.cues import (
    ANAPHORA,
    CONTINUATION,
    COUNT_CUES,
    DATE_COLUMNS,
    DIFFERENT_WORDS,
    GROUP_CUES,
    KIND_WORDS,
    NEW_CUES,
    NOT_SUBJECTS,
    ORGANISM_COLUMNS,
    PERIOD_WORDS,
    REFINE_CUES,
    REMOVE_CUES,
    REPLACE_CUES,
    ROWS_CUES,
    SHORT_QUESTION,
    SOURCE_QUESTION,
    STARTERS,
    SUBJECTS,
    TOTAL_CUES,
    WHICH_OF_KIND,
    WIDEN_CUES,
    has,
    normal,
)
from conversation.state import Projection, QueryState
from linking.types import LinkResult

# Words of removal phrases never read as a value ("drop the filter" is not about 'Filter paper')
STOP_WORDS = {
    *("drop", "forget", "remove", "ignore", "never", "mind", "filter", "without", "anymore", "more", "part"),
    *("condition", "show", "them", "those", "these", "just", "also", "same", "about", "from", "with", "only"),
    *("filtro", "senza", "togli", "lascia", "perdere", "stare", "elimina", "rimuovi", "ignora", "tutti", "tutte"),
    *("parte", "condizione", "mostra", "mostrali", "quelli", "questi", "anche", "stesso", "solo"),
}
FIRST, NEW, REFINE, REPLACE, REMOVE, PROJECT = "FIRST", "NEW", "REFINE", "REPLACE", "REMOVE", "PROJECT"
_SHAPE_HINTS = ("top", "group", "distinct", "period", "having", "single")
ACTS = (FIRST, NEW, REFINE, REPLACE, REMOVE, PROJECT)
__all__ = ["ACTS", "DATE_COLUMNS", "Act", "asks_for_rows", "asks_projection", "classify"]


@dataclass(frozen=True)
class Act:
    kind: str
    columns: tuple[str, ...] = ()  # columns the turn names (linked values and column mentions)
    remove: tuple[str, ...] = ()  # REMOVE: the columns whose conditions go
    projection: Projection | None = None  # PROJECT told by the code; None: the model's projection
    widen: bool = False  # REFINE that adds values to a column already constrained ("add Penicillium too")
    cue: str = ""  # what decided, for the log and for debugging

    @property
    def needs_model(self) -> bool:
        return not (self.kind == REMOVE or (self.kind == PROJECT and self.projection is not None))


def kind_columns(text: str) -> list[str]:
    return [c for words, columns in KIND_WORDS.items() if has(rf"\b({words})\b", text) for c in columns]


def named_columns(text: str, links: LinkResult | None) -> list[str]:
    """Columns the turn names: linked values, column mentions, hints, then the kind words of cues.py."""
    found = sorted(condition_columns(links)) if links is not None else []
    if links is not None:
        found = [link.column for link in links.links] + list(links.columns) + found
    return list(dict.fromkeys(found + kind_columns(text)))


def condition_columns(links: LinkResult | None) -> set[str]:
    """Columns the turn puts a condition on: linked values and the linker's WHERE hints (dates, flags, numbers)."""
    if links is None:
        return set()
    hinted = {h.column for h in getattr(links, "hints", []) if h.clause == "WHERE" and h.column}
    return {link.column for link in links.links} | hinted


def asks_for_rows(question: str) -> bool:
    """'show them', 'list them', 'elencali', 'mostrameli': the turn asks for the strains themselves."""
    return has(ROWS_CUES, normal(question))


def asks_projection(question: str) -> bool:
    """The turn says how to show the result: a count, groups or the rows."""
    text = normal(question)
    grouped = has(GROUP_CUES, text) and bool(kind_columns(text))
    return has(COUNT_CUES, text) or asks_for_rows(question) or grouped


def is_full_question(text: str) -> bool:
    """A question naming its own subject ('show me all yeasts from Sardinia'), not leaning on the last one."""
    return has(STARTERS, text) and names_subject(text, None) and not leans_back(text)


def leans_back(text: str) -> bool:
    return has(ANAPHORA, text) or has(CONTINUATION, text)


def names_subject(text: str, links: LinkResult | None) -> bool:
    """The turn says which strains it is about: 'strains', 'lieviti', or a linked genus, species or type."""
    linked = links is not None and any(link.column in ORGANISM_COLUMNS for link in links.links)
    return linked or has(SUBJECTS, re.sub(NOT_SUBJECTS, " ", text))


def classify(question: str, links: LinkResult | None, previous: QueryState | None, force: str | None = None) -> Act:
    """The act of a new turn; FIRST without a previous state, `force` (e.g. NEW) when the user chose it."""
    text = normal(question)
    named = tuple(named_columns(text, links))
    if previous is None or previous.is_whole:
        return Act(FIRST if previous is None else NEW, named, cue="no previous state")
    if force is not None:
        return Act(force, named, cue="forced")
    constrained = previous.constrained()
    linked = condition_columns(links)
    removal = removal_columns(question, links, previous)
    if removal:
        return Act(REMOVE, named, remove=removal, cue="remove")
    if has(NEW_CUES, text):
        return Act(NEW, named, cue="says it is new")
    if is_full_question(text) or (has(TOTAL_CUES, text) and names_subject(text, links) and not linked):
        return Act(NEW, named, cue="full question")
    if links is not None and any(h.kind == "top" for h in links.hints) and linked and not leans_back(text):
        # 'i primi 3 substrati in toscana': its own ranking over its own conditions
        return Act(NEW, named, cue="own ranking")
    if not linked and not has_new_condition(text):
        projection = code_projection(text, links)
        shaped = links is not None and any(h.kind in _SHAPE_HINTS for h in links.hints)  # 'top 3 genera in there'
        if projection is not None or asks_projection(question) or has(GROUP_CUES, text) or shaped:
            return Act(PROJECT, named, projection=projection, cue="projection")
    if has(WIDEN_CUES, text) and linked & constrained:
        return Act(REFINE, named, widen=True, cue="widen")
    same_columns = bool(linked) and linked <= related(constrained)
    if has(REPLACE_CUES, text) or (has(SHORT_QUESTION, text) and same_columns):
        return Act(REPLACE, named, cue="replace")
    if has(REFINE_CUES, text):
        return Act(REFINE, named, cue="refine")
    if names_subject(text, links):
        return Act(NEW, named, cue="own subject")
    # a fragment ('from italy', 'after 2015') leans on the previous turn: a new value or a new condition
    return Act(REPLACE if same_columns else REFINE, named, cue="fragment")


def related(columns: set[str]) -> set[str]:
    """Columns with those holding the same thing: a species is a scientific name, a date is any date."""
    out = set(columns)
    if out & {"scientificname", "species"}:
        out |= {"scientificname", "species"}
    if out & set(DATE_COLUMNS):
        out |= set(DATE_COLUMNS)
    return out


def removal_columns(question: str, links: LinkResult | None, previous: QueryState) -> tuple[str, ...]:
    """The constrained columns a removal names, read in the clause of its cue word ('forget the sediment,
    all penicillium' removes the substrate only); 'include Italy too' after an exclusion removes it."""
    lower = question.lower().replace("\u2019", "'")
    constrained = previous.constrained()
    if has(WIDEN_CUES, normal(question)):
        negated = {c for cond in previous.conditions if _negative(cond.sql) for c in cond.columns}
        widened = condition_columns(links) & negated
        if widened:
            return tuple(sorted(widened))
    found: list[str] = []
    for start, end in _clauses(lower):
        clause = normal(lower[start:end])
        if not has(REMOVE_CUES, clause):
            continue
        found += [c for c in _clause_columns(links, start, end, lower) + kind_columns(clause) if c in constrained]
        found += _value_columns(clause, previous)
    return tuple(dict.fromkeys(found))


def _clause_columns(links: LinkResult | None, start: int, end: int, text: str) -> list[str]:
    """Columns of the links and hints whose span lies in [start, end); column mentions when there is one clause."""
    if links is None:
        return []
    spans = [link.column for link in links.links if start <= link.start < end and not _names_a_kind(link.span)]
    hinted = [
        h.column
        for h in getattr(links, "hints", [])
        if h.column and h.span and start <= h.start < end and not _names_a_kind(h.span)
    ]
    mentions = list(links.columns) if len(_clauses(text)) == 1 else []
    return spans + hinted + mentions


def _names_a_kind(span: str) -> bool:
    """'date', 'filter': words of the removal itself, not a value ('drop the date filter' is no 'Date palm')."""
    words = normal(span).split()
    return all(w in STOP_WORDS or any(re.fullmatch(k, w) for k in KIND_WORDS) for w in words)


def _value_columns(clause: str, previous: QueryState) -> list[str]:
    """Columns whose compared values hold a word of the clause ('forget the sediment' -> substrate)."""
    words = set(re.findall(r"[^\W\d_]{4,}", clause)) - STOP_WORDS
    found = []
    for condition in previous.conditions:
        values = " ".join(re.findall(r"'((?:[^']|'')*)'", condition.sql)).lower()
        if any(re.search(rf"\b{re.escape(w)}", values) for w in words):
            found += sorted(condition.columns)
    return found


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a turn split at commas, semicolons and 'but'/'ma'."""
    bounds = [0] + [m.start() for m in re.finditer(r"[,;]| but | ma | and then | e poi ", text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _negative(sql: str) -> bool:
    upper = sql.upper()
    return (
        upper.startswith("NOT ")
        or " NOT IN " in upper
        or "<>" in upper
        or " NOT ILIKE " in upper
        or upper.endswith("= FALSE")
    )


def has_new_condition(text: str) -> bool:
    """A year, a comparison or a flag word: a condition the linker may not link to a stored value."""
    return has(
        r"\b(1[89]|20)\d\d\b|\b(after|before|since|until|between|older|newer|more than|less than|above|below"
        r"|dopo|prima|dal|fino|tra il|maggiore|minore|sopra|sotto|type strains?|ceppi tipo|gmo|ogm|quarantin\w*"
        r"|risk group|gruppo di rischio|missing|without|senza|mancant\w*|available|disponibil\w*|not|non|except"
        r"|tranne|eccetto|contain\w*|contien\w*)\b",
        text,
    ) and not has(r"\b(more than|più di|over|sopra|above) \d+ (of them|di questi|di quelli)?\s*\??$", text)


def code_projection(text: str, links: LinkResult | None) -> Projection | None:
    """A count, a group count by one named column or the rows, when the words say so plainly; else None."""
    if has(r"\d", text) or has(PERIOD_WORDS, text):
        return None  # thresholds, top N, per period: the model writes those
    if has(SOURCE_QUESTION, text):
        return Projection.groups("substrate")
    columns = [c for c in named_columns(text, links) if c not in DATE_COLUMNS]
    if "scientificname" in columns and "species" in columns:  # "species" groups are by scientific name
        columns.remove("species")
    if (has(GROUP_CUES, text) or has(WHICH_OF_KIND, text)) and len(columns) == 1:
        return Projection.groups(columns[0])
    if columns:
        return None
    if has(COUNT_CUES, text) and not has(DIFFERENT_WORDS, text):
        return Projection.count()
    if asks_for_rows(text):
        return Projection.rows()
    return None
