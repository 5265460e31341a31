"""Question/SQL templates in the thesis's JSON format, and how a filled template is rendered.

Template files live in `data/templates/train/*.json` (training and validation questions) and
`data/templates/test/*.json` (test questions, worded apart so no test question paraphrases a
training one). Each file is a JSON list of objects:

    {"index_template": "C2-en-03", "category": "C2", "shape": "value", "language": "en",
     "question_template": "{genus} strains isolated from {substrate}",
     "sql_template": "SELECT strainid FROM detailedstrain WHERE genus = {genus} AND substrate = {substrate}",
     "possible_sql_queries": ["SELECT strainid FROM detailedstrain WHERE substrate = {substrate} AND genus = {genus}"]}

C6 follow-ups add `"history_template": [{"question_template": ..., "sql_template": ...}]`. A
placeholder is `{name}` or `{name|filter}`; the name's kind is the name without a trailing digit
(`genus2` is a second genus). In SQL, `column = {slot}` becomes `column IN (...)` when the value is
stored under several spellings (`column <> {slot}`: `NOT column IN (...)`; `column IN ({a}, {b})`
lists every spelling of both). Filters: `typo` (misspell the words), `sing` (singular of a grouping
column), `noun` (noun of a date column), `lower`, and the word forms of the shape placeholders
(`col`, `one`, `same`, `with`, `many`; see finetune/shape_slots.py). `shape` is a tag of
docs/question-shapes.md.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path

import sqlglot
from sqlglot import exp

PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
CATEGORIES = ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13")
LANGUAGES = ("en", "it")
FILTERS = ("typo", "sing", "noun", "lower", "col", "one", "same", "with", "many")
# The question shapes of docs/question-shapes.md. C1-C7 hold the older shapes; the build balances
# C8-C13 over shape x language (each of their shapes is one cell), C1-C7 over category x language.
SHAPES = (
    "value",
    "substring",
    "missing",
    "flag",
    "flag_negated",
    "numeric",
    "date",
    "inclusion_date",
    "total",
    "group_count",
    "count_distinct",
    "group_having",
    "top_n",
    "per_period",
    "single_member",
    "relative",
    "accession",
    "doc_style",
    "exclusion",
    "or_and",
)
CATEGORY_SHAPES = {
    "C8": ("substring", "missing"),
    "C9": ("flag", "flag_negated", "numeric"),
    "C10": ("total", "group_count", "count_distinct", "group_having", "top_n", "per_period", "single_member"),
    "C11": ("relative", "accession", "doc_style"),
    "C12": ("exclusion", "or_and"),
    "C13": ("inclusion_date",),
}


class TemplateError(ValueError):
    """A template file or template is malformed; the message names the template."""


@dataclass(frozen=True)
class TurnTemplate:
    question_template: str
    sql_template: str


@dataclass(frozen=True)
class Template:
    index_template: str
    category: str
    language: str
    question_template: str
    sql_template: str
    possible_sql_queries: tuple[str, ...] = ()
    history_template: tuple[TurnTemplate, ...] = ()
    source: str = ""  # "train" or "test": the template folder
    shape: str = "value"  # a tag of docs/question-shapes.md

    def texts(self) -> list[str]:
        """Every text holding placeholders, history first."""
        turns = [t for turn in self.history_template for t in (turn.question_template, turn.sql_template)]
        return [*turns, self.question_template, self.sql_template, *self.possible_sql_queries]

    def slots(self) -> list[str]:
        """Placeholder names in order of first appearance."""
        names: list[str] = []
        for text in self.texts():
            names += [m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) not in names]
        return names


@dataclass(frozen=True)
class Fill:
    """What one placeholder becomes: words in the question (per filter) and text in the SQL."""

    forms: Mapping[str, str]  # filter name ("" = plain) -> question words
    sql: str  # SQL text: a quoted literal, a number, an identifier or a condition
    spellings: tuple[str, ...] = ()  # stored spellings; several -> `column = {slot}` becomes IN (...)
    column: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)  # e.g. the stored date an anchor holds


def slot_kind(name: str) -> str:
    """'genus2' -> 'genus'; 'year_before' -> 'year_before'."""
    return name.rstrip("0123456789") or name


def load_templates(root: Path) -> list[Template]:
    """Every template under root/train and root/test, in file and list order."""
    templates: list[Template] = []
    for source in ("train", "test"):
        for path in sorted((root / source).glob("*.json")):
            try:
                items = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise TemplateError(f"{path}: not valid JSON ({exc})") from exc
            templates += [_template(item, source, path) for item in items]
    _check_unique_ids(templates)
    return templates


def _template(item: dict, source: str, path: Path) -> Template:
    try:
        history = tuple(
            TurnTemplate(t["question_template"], t["sql_template"]) for t in item.get("history_template", [])
        )
        template = Template(
            index_template=item["index_template"],
            category=item["category"],
            language=item["language"],
            question_template=item["question_template"],
            sql_template=item["sql_template"],
            possible_sql_queries=tuple(item.get("possible_sql_queries", [])),
            history_template=history,
            source=source,
            shape=item["shape"],
        )
    except (KeyError, TypeError) as exc:
        raise TemplateError(f"{path}: template {item.get('index_template', '?')} lacks {exc}") from exc
    if template.category not in CATEGORIES or template.language not in LANGUAGES:
        raise TemplateError(
            f"{path}: {template.index_template} has category/language {template.category}/{template.language}"
        )
    if template.shape not in SHAPES or template.shape not in CATEGORY_SHAPES.get(template.category, SHAPES):
        raise TemplateError(f"{path}: {template.index_template} has shape {template.shape!r}")
    bad = [f for t in template.texts() for _, f in PLACEHOLDER.findall(t) if f and f not in FILTERS]
    if bad:
        raise TemplateError(f"{path}: {template.index_template} uses unknown filter(s) {bad}")
    return template


def _check_unique_ids(templates: list[Template]) -> None:
    seen: set[str] = set()
    for t in templates:
        if t.index_template in seen:
            raise TemplateError(f"index_template {t.index_template} is used twice")
        seen.add(t.index_template)


def render_question(text: str, fills: Mapping[str, Fill], rng: random.Random, known: Callable[[str], bool]) -> str:
    """Fill a question template; `known(norm)` says a misspelling collides with a stored value."""

    def replace(match: re.Match) -> str:
        fill = fills[match.group(1)]
        flt = match.group(2) or ""
        if flt == "typo":
            return misspell(fill.forms[""], rng, known)
        if flt == "lower":
            return fill.forms[""].lower()
        return fill.forms.get(flt, fill.forms[""])

    rendered = PLACEHOLDER.sub(replace, text)
    # A question opening with a value ('{organismtype} from ...') starts with a capital, like typed text.
    return rendered[:1].upper() + rendered[1:] if text.startswith("{") else rendered


def render_sql(text: str, fills: Mapping[str, Fill]) -> str:
    """Fill an SQL template: literals in place, `col = {slot}` / `col <> {slot}` widened to (NOT) IN for
    multi-spelling values, `col IN ({a}, {b})` spread to every spelling of each."""

    def widen(match: re.Match) -> str:
        column, op, name = match.group(1), match.group(2), match.group(3)
        spellings = fills[name].spellings
        if len(spellings) > 1:
            listed = f"{column} IN ({', '.join(quote(s) for s in spellings)})"
            return listed if op == "=" else f"NOT {listed}"
        return match.group(0)

    def spread(match: re.Match) -> str:
        # `col IN ({region}, {region2})`: every stored spelling of each value.
        def every(m: re.Match) -> str:
            spellings = fills[m.group(1)].spellings
            return ", ".join(quote(s) for s in spellings) if spellings else fills[m.group(1)].sql

        return "IN (" + PLACEHOLDER.sub(every, match.group(1)) + ")"

    widened = re.sub(r"(\w+) (=|<>) \{(\w+)\}", widen, text)
    widened = re.sub(r"IN \(([^()]*\{[^()]*)\)", spread, widened)
    return PLACEHOLDER.sub(lambda m: fills[m.group(1)].sql, widened)


def quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_VOWELS = "aeiou"


def misspell(text: str, rng: random.Random, known: Callable[[str], bool] = lambda _: False) -> str:
    """One typing slip in one longer word (drop, double, swap or wrong vowel); never a stored value."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return text
    for _ in range(20):
        i = rng.choice(candidates)
        slipped = _slip(words[i], rng)
        result = " ".join([*words[:i], slipped, *words[i + 1 :]])
        if slipped.lower() != words[i].lower() and not known(result):
            return result
    return text


def _slip(word: str, rng: random.Random) -> str:
    pos = rng.randrange(1, len(word) - 1)  # keep the first letter: people rarely slip there
    kind = rng.choice(("drop", "double", "swap", "vowel"))
    if kind == "drop":
        return word[:pos] + word[pos + 1 :]
    if kind == "double":
        return word[: pos + 1] + word[pos] + word[pos + 1 :]
    if kind == "swap":
        return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    vowels = [j for j, ch in enumerate(word) if ch.lower() in _VOWELS and j > 0]
    if not vowels:
        return word[:pos] + word[pos + 1 :]
    j = rng.choice(vowels)
    return word[:j] + rng.choice([v for v in _VOWELS if v != word[j].lower()]) + word[j + 1 :]


# Equivalent SELECT lists of a gold query (for the exact-match metric).
_ROW_SELECTS = ("strainid", "*", "accessionnumber")
_COUNT_ARGS = ("*", "strainid", "accessionnumber")


def equivalent_sql(sql: str) -> list[str]:
    """Mechanical equivalents of a gold query: other row selections or COUNT arguments, conjuncts reordered."""
    tree = sqlglot.parse_one(sql, read="postgres")
    where = tree.args.get("where")
    conjuncts = list(where.this.flatten()) if where is not None and isinstance(where.this, exp.And) else []
    orders = [conjuncts] if len(conjuncts) < 2 or len(conjuncts) > 3 else [list(p) for p in permutations(conjuncts)]
    out: list[str] = []
    for order in orders:
        variant = tree.copy()
        if len(order) > 1:
            variant.set("where", exp.Where(this=exp.and_(*[c.copy() for c in order])))
        out += _select_variants(variant)
    return _unique([sql, *out])


def _select_variants(tree: exp.Select) -> list[str]:
    columns = tree.expressions
    if tree.args.get("group"):
        text = tree.sql(dialect="postgres")
        return [text, text.replace("COUNT(*)", "COUNT(strainid)")]
    if len(columns) == 1 and isinstance(columns[0], exp.Count):
        return [tree.sql(dialect="postgres").replace("COUNT(*)", f"COUNT({arg})", 1) for arg in _COUNT_ARGS]
    if len(columns) == 1 and isinstance(columns[0], exp.Column) and columns[0].name == "strainid":
        head = "SELECT strainid "
        base = tree.sql(dialect="postgres")
        return [f"SELECT {s} " + base[len(head) :] for s in _ROW_SELECTS] if base.startswith(head) else [base]
    return [tree.sql(dialect="postgres")]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
