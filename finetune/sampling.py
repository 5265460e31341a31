"""Filling one template with real catalogue values, and checking its gold SQL on the catalogue.

A sample starts from an *anchor*: a real strain satisfying the template's fixed conditions. The first
value placeholder picks a value uniformly among those the anchor pool holds (so rare genera are asked
about as often as Penicillium), the anchor is drawn among the strains holding it, and every other plain
placeholder takes the anchor's own values, so AND-combinations and dates are answerable by
construction. Placeholders with a digit (`genus2`, `region2`; not `val2`) are drawn independently;
`GoldChecker` rejects the sample when its SQL returns nothing, and the caller tries again.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlglot
from sqlglot import exp

from catalogue.database import Catalogue, QueryFailed
from finetune import shape_slots, slots
from finetune.templates import (
    PLACEHOLDER,
    Fill,
    Template,
    TemplateError,
    equivalent_sql,
    quote,
    render_question,
    render_sql,
    slot_kind,
)
from finetune.vocabulary import DATE_COLUMNS, ValueGroup, Vocabulary
from index.normalize import normalize

GROUP_COLUMNS = tuple(slots.GROUP_WORDS)
NICE_THRESHOLDS = (2, 3, 4, 5, 8, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500)


@dataclass
class Sample:
    question: str
    sql: str
    possible_sql_queries: list[str]
    history: list[dict[str, str]] = field(default_factory=list)


class GoldChecker:
    """Runs gold SQL on the catalogue: it must be canonical sqlglot SQL, execute, and find something.

    What runs is `rewrite(gold)`: by default sqlproc's post-processing, as the app runs every query
    (its date rule gives `collectiondate < '2010'` its meaning on mixed stored formats); the raw gold
    when sqlproc is not importable.
    """

    def __init__(self, catalogue: Catalogue, rewrite: Callable[[str], str] | None = None):
        self.catalogue = catalogue
        self.rewrite = rewrite or default_rewrite(catalogue)

    def run(self, sql: str) -> list[tuple[Any, ...]]:
        canonical = sqlglot.parse_one(sql, read="postgres").sql(dialect="postgres")
        if canonical != sql:
            raise TemplateError(f"gold SQL is not in canonical form:\n  {sql}\n  {canonical}")
        try:
            return self.catalogue.run_read(self.rewrite(sql), max_rows=None).rows
        except QueryFailed as exc:
            raise TemplateError(f"gold SQL fails on the catalogue: {sql}\n  {exc}") from exc

    def finds_something(self, sql: str) -> bool:
        rows = self.run(sql)
        return bool(rows) and not (is_count(sql) and not rows[0][0])


def is_count(sql: str) -> bool:
    return sql.startswith("SELECT COUNT(")


def default_rewrite(catalogue: Catalogue) -> Callable[[str], str]:
    """sqlproc's `postprocess` without value repairs (gold values are stored spellings already)."""
    try:
        from sqlproc.facts import facts_from_catalogue
        from sqlproc.pipeline import SqlRejected, postprocess
    except ImportError:
        return lambda sql: sql
    facts = facts_from_catalogue(catalogue)

    def rewrite(sql: str) -> str:
        try:
            return postprocess(sql, facts).sql
        except SqlRejected as exc:
            raise TemplateError(f"sqlproc rejects gold SQL {sql}: {exc}") from exc

    return rewrite


def fixed_condition(sql_template: str) -> str | None:
    """The template's WHERE with every placeholder comparison replaced by TRUE (None: no WHERE)."""

    def sentinel(match) -> str:
        kind = slot_kind(match.group(1))
        if kind in ("datecol", "groupcol", *shape_slots.COLUMN_KINDS):
            return f"slot__{match.group(1)}"
        if kind in ("val", *shape_slots.CONDITION_KINDS):
            return f"(slot__{match.group(1)} = 1)"
        return "0" if kind in shape_slots.NUMBER_KINDS else f"'slot__{match.group(1)}'"

    tree = sqlglot.parse_one(PLACEHOLDER.sub(sentinel, sql_template), read="postgres")
    where = tree.args.get("where")
    if where is None:
        return None

    def visit(node: exp.Expression) -> exp.Expression:
        if isinstance(node, (exp.Predicate, exp.Not)) and any(_is_sentinel(n) for n in node.walk()):
            return exp.true()
        return node

    return where.this.transform(visit).sql(dialect="postgres")


def _is_sentinel(node: exp.Expression) -> bool:
    if isinstance(node, exp.Column):
        return node.name.startswith("slot__")
    return isinstance(node, exp.Literal) and str(node.this).startswith("slot__")


class Sampler:
    """Fills templates from one vocabulary; caches each template's anchor pool."""

    def __init__(self, vocab: Vocabulary, checker: GoldChecker):
        self.vocab = vocab
        self.checker = checker
        self._by_id = {s["strainid"]: s for s in vocab.strains}
        self._pools: dict[str, list[dict[str, Any]]] = {}
        self._eligible: dict[str, list[ValueGroup]] = {}
        self._peers: list[dict[str, Any]] = []  # strains sharing the current sample's first value

    def pool(self, template: Template) -> list[dict[str, Any]]:
        """Strains satisfying the fixed (placeholder-free) conditions of every SQL of the template."""
        if template.index_template not in self._pools:
            sqls = [t.sql_template for t in template.history_template] + [template.sql_template]
            conditions = [c for c in map(fixed_condition, sqls) if c and c != "TRUE"]
            where = " AND ".join(f"({c})" for c in conditions) or "TRUE"
            result = self.checker.catalogue.run_read(
                f"SELECT strainid FROM detailedstrain WHERE {where} ORDER BY strainid", max_rows=None
            )
            self._pools[template.index_template] = [self._by_id[row[0]] for row in result.rows]
        return self._pools[template.index_template]

    def eligible_groups(self, column: str) -> list[ValueGroup]:
        if column not in self._eligible:
            groups = self.vocab.groups[column].values()
            self._eligible[column] = [g for g in groups if slots.eligible(self.vocab, g)]
        return self._eligible[column]

    def sample(
        self, template: Template, rng: random.Random, is_new: Callable[[Sample], bool] = lambda _: True
    ) -> Sample | None:
        """One attempt; None when the drawn values do not work or `is_new` rejects the result (retry)."""
        fills = self._fill(template, rng)
        if fills is None or ("n" in fills and not self._choose_threshold(template, fills, rng)):
            return None
        if "k" in fills and not self._choose_top(template, fills, rng):
            return None
        sample = self._render(template, fills, rng)
        if not is_new(sample):
            return None
        sqls = [turn["sql"] for turn in sample.history] + [sample.sql]
        return sample if all(self.checker.finds_something(sql) for sql in sqls) else None

    def _fill(self, template: Template, rng: random.Random) -> dict[str, Fill] | None:
        names = template.slots()
        kinds = [slot_kind(n) for n in names]
        lang = template.language
        candidates = self.pool(template)
        fills: dict[str, Fill] = {}
        for name in (n for n in names if slot_kind(n) in shape_slots.CONSTRAINING):
            chosen = shape_slots.constrain(name, template.sql_template, candidates, lang, rng)
            if chosen is None:
                return None
            fills[name], test = chosen
            candidates = [s for s in candidates if test(s)]
        date_kinds = [k for k in kinds if k in slots.DATE_KINDS]
        datecol = rng.choice(DATE_COLUMNS) if date_kinds or "datecol" in kinds else None
        if "inclusion" in kinds:
            datecol = "inclusiondate"
        if datecol is not None:
            need = slots.precision_needed(date_kinds)
            candidates = [s for s in candidates if slots.precision(slots.parse_stored_date(s[datecol])) >= need]
        anchor, first, peers = self._anchor(names, candidates, lang, rng)
        if anchor is None:
            return None
        self._peers = peers
        if first is not None:
            fills[first[0]] = first[1]
        if datecol is not None:
            date_slot = "inclusion" if "inclusion" in kinds else "datecol"
            fills[date_slot] = shape_slots.date_column_fill(datecol, lang, rng)
            dates = slots.date_fills(date_kinds, anchor[datecol], lang, rng) if date_kinds else {}
            if dates is None:
                return None
            fills.update({n: dates[slot_kind(n)] for n in names if slot_kind(n) in slots.DATE_KINDS})
        for name in names:
            if name not in fills:
                fill = self._fill_one(name, anchor, fills, lang, rng)
                if fill is None:
                    return None
                fills[name] = fill
        return fills

    def _anchor(self, names: list[str], candidates: list[dict[str, Any]], lang: str, rng: random.Random):
        """Draw the first plain value placeholder's value uniformly, then an anchor holding it.

        Returns the anchor, the first fill and the strains sharing that value (its peers).
        """
        if not candidates:
            return None, None, []
        first = next((n for n in names if n in slots.VALUE_KINDS), None)
        if first is None:
            return rng.choice(candidates), None, candidates
        column = rng.choice(slots.VAL_COLUMNS) if first == "val" else slots.KIND_COLUMNS[first]
        holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for strain in candidates:
            group = self.vocab.group_of(column, strain[column])
            if group is not None:
                holders[group.canonical].append(strain)
        groups = [g for g in self.eligible_groups(column) if g.canonical in holders]
        if not groups:
            return None, None, []
        group = rng.choice(groups)
        peers = holders[group.canonical]
        make = slots.condition_fill if first == "val" else slots.value_fill
        return rng.choice(peers), (first, make(self.vocab, group, lang, rng)), peers

    def _fill_one(self, name: str, anchor: dict[str, Any], fills: dict[str, Fill], lang: str, rng: random.Random):
        kind = slot_kind(name)
        used = {f.column for f in fills.values() if f.column}
        if kind in slots.KIND_COLUMNS or kind == "val":
            return self._value(name, kind, anchor, fills, used, lang, rng)
        if kind == "groupcol":
            options = [c for c in GROUP_COLUMNS if c not in used]
            return slots.groupcol_fill(rng.choice(options), lang)
        if kind in shape_slots.NUMBER_KINDS:
            return slots.number_fill(0)  # replaced by _choose_threshold / _choose_top once the groups are counted
        if kind in (*shape_slots.COLUMN_KINDS, *shape_slots.CONDITION_KINDS, *shape_slots.WORD_KINDS):
            return shape_slots.fill(name, anchor, fills, self.vocab, lang, rng)
        fill = slots.word_fill(name, lang, rng)
        if fill is None:
            raise TemplateError(f"unknown placeholder {{{name}}}")
        return fill

    def _value(self, name, kind, anchor, fills, used, lang, rng) -> Fill | None:
        """A plain placeholder takes the anchor's value; one with a digit another value.

        The other value is one a peer of the anchor holds when there is one ('And from Spain?' after
        'Fusarium from Italy' asks about a country that has Fusarium), else any value. `{val}`
        placeholders always take the anchor's values (each from another column): two values named
        without columns ('isolates Marine sediment Tuscany') must describe one strain.
        """
        columns = [c for c in slots.VAL_COLUMNS if c not in used] if kind == "val" else [slots.KIND_COLUMNS[kind]]
        if name != kind and kind != "val":
            column = rng.choice(columns)
            taken = {f.sql for f in fills.values()}
            options = [g for g in self.eligible_groups(column) if quote(g.canonical) not in taken]
            shared = {g.canonical for g in (self.vocab.group_of(column, p[column]) for p in self._peers) if g}
            near = [g for g in options if g.canonical in shared]
            group = rng.choice(near or options) if options else None
        else:
            held = [self.vocab.group_of(c, anchor[c]) for c in columns]
            held = [g for g in held if g is not None and slots.eligible(self.vocab, g)]
            group = rng.choice(held) if held else None
        if group is None:
            return None
        make = slots.condition_fill if kind == "val" else slots.value_fill
        return make(self.vocab, group, lang, rng)

    def _render(self, template: Template, fills: dict[str, Fill], rng: random.Random) -> Sample:
        def collides(text: str) -> bool:
            return normalize(text) in self.vocab.known_norms

        history = [
            {
                "question": render_question(t.question_template, fills, rng, collides),
                "sql": render_sql(t.sql_template, fills),
            }
            for t in template.history_template
        ]
        sql = render_sql(template.sql_template, fills)
        question = render_question(template.question_template, fills, rng, collides)
        possible = [render_sql(p, fills) for p in template.possible_sql_queries]
        reordered = self._frequency_order(sql)
        queries = [*equivalent_sql(sql), *possible, *(equivalent_sql(reordered) if reordered != sql else [])]
        return Sample(question, sql, list(dict.fromkeys(queries)), history)

    def _frequency_order(self, sql: str) -> str:
        """The gold with every IN list of variants in the vocabulary's order (most frequent spelling first)."""

        def visit(node: exp.Expression) -> exp.Expression:
            if not isinstance(node, exp.In) or not isinstance(node.this, exp.Column):
                return node
            items = [str(e.this) for e in node.expressions if isinstance(e, exp.Literal) and e.is_string]
            group = self.vocab.group_of(node.this.name, items[0]) if items else None
            if group is None or set(items) != set(group.spellings):
                return node
            return exp.In(this=node.this.copy(), expressions=[exp.Literal.string(s) for s in group.spellings])

        return sqlglot.parse_one(sql, read="postgres").transform(visit).sql(dialect="postgres")

    def _choose_top(self, template: Template, fills: dict[str, Fill], rng: random.Random) -> bool:
        """Pick N for `ORDER BY COUNT(*) DESC LIMIT {k}` so that no tie decides the top N."""
        fills["k"] = slots.number_fill(1000000)
        counts = [row[-1] for row in self.checker.run(render_sql(template.sql_template, fills))]
        options = shape_slots.top_n_options(counts)
        if not options:
            return False
        fills["k"] = shape_slots.number_word_fill(rng.choice(options), template.language, rng)
        return True

    def _choose_threshold(self, template: Template, fills: dict[str, Fill], rng: random.Random) -> bool:
        """Pick n so that `HAVING COUNT(*) > n` (or >= n) keeps at least one group."""
        rows = self.checker.run(render_sql(template.sql_template, fills))
        top = max((row[-1] for row in rows), default=0)
        strict = "> {n}" in template.sql_template
        options = [n for n in NICE_THRESHOLDS if (n < top if strict else n <= top)]
        if not options:
            return False
        fills["n"] = slots.number_fill(rng.choice(options[-6:]))
        return True
