"""Rule 5, dictionary fix: compare each string with the column that holds it, spelt as stored.

For `col = 'v'`, `col <> 'v'`, `col IN (...)` and `col [I]LIKE 'v'` on a text column of
detailedstrain (date columns excepted: rule 6 owns them), the value index says where 'v' is stored:
  - the column holds it: the literal takes the stored spelling and case ('bacteria' -> 'Bacteria');
  - it does not, but other columns do: the comparison moves to the column where it is most frequent;
  - the column stores several variants of it ('Ligury', 'Liguria'): `col IN ('Ligury', 'Liguria')`
    (`NOT IN` for `<>`).
A LIKE pattern with wildcards at its ends ('%marine sediment%') only ever moves to another column:
its case and wildcards are kept, as substring matches would change otherwise. Values the index does
not know are left alone (the relaxed ILIKE variant may still find them).

    fix_values(parse_one("SELECT * FROM detailedstrain WHERE isolationhabitat = 'marine sediment'"), facts)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, string_value

WRAPPERS = (exp.Lower, exp.Upper, exp.Trim)


@dataclass(frozen=True)
class Placement:
    column: str  # where the value is stored
    values: tuple[str, ...]  # its stored spellings there, the best one first


def fix_values(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    if facts.values is None:
        return tree
    tree = tree.copy()
    for node in list(tree.find_all(exp.EQ, exp.NEQ, exp.In, exp.Like, exp.ILike)):
        column, wrapped = _subject(node, facts)
        if column is not None:
            _fix_comparison(node, column, wrapped, facts)
    return tree


def _subject(node: exp.Expression, facts: CatalogueFacts) -> tuple[exp.Column | None, bool]:
    """The text column compared by `node` (maybe inside lower()/upper()), and whether it is wrapped."""
    side = node.this
    wrapped = False
    while isinstance(side, WRAPPERS):
        side, wrapped = side.this, True
    if not isinstance(side, exp.Column) or column_table(side, facts) != DETAILED:
        return None, False
    name = side.name.lower()
    if name in facts.date_columns or not facts.is_text(DETAILED, name):
        return None, False
    return side, wrapped


def place(value: str, column: str, facts: CatalogueFacts) -> Placement | None:
    """Where `value` belongs when compared with `column`: that column if it holds it, else the likeliest."""
    hits = [
        hit
        for hit in facts.values.lookup(value)
        if facts.is_text(DETAILED, hit.column) and hit.column not in facts.date_columns
    ]
    if not hits:
        return None
    here = [hit for hit in hits if hit.column == column]
    exact = [hit for hit in here if hit.value == value]
    # lookup() ranks columns by all their spellings of the value (the thesis's most-frequent rule).
    best = (exact or here)[0] if here else hits[0]
    variants = facts.values.variants(best.column, best.value) or [best.value]
    ordered = [best.value, *(variant for variant in variants if variant != best.value)]
    return Placement(best.column, tuple(ordered))


def _fix_comparison(node: exp.Expression, column: exp.Column, wrapped: bool, facts: CatalogueFacts) -> None:
    name = column.name.lower()
    if isinstance(node, exp.In):
        _fix_in(node, column, wrapped, facts)
        return
    text = string_value(node.expression)
    if text is None or not text.strip():
        return
    if isinstance(node, exp.Like | exp.ILike) and _has_wildcards(text):
        _move_pattern(node, column, text, facts)
        return
    placement = place(text, name, facts)
    if placement is None:
        return
    _move(column, placement.column)
    if wrapped:  # lower(col) = 'x': case is folded on purpose, only the column moves
        return
    if len(placement.values) == 1:
        node.set("expression", exp.Literal.string(placement.values[0]))
        return
    listed = exp.In(this=node.this.copy(), expressions=[exp.Literal.string(v) for v in placement.values])
    node.replace(exp.Not(this=listed) if _negated(node) else listed)


def _fix_in(node: exp.In, column: exp.Column, wrapped: bool, facts: CatalogueFacts) -> None:
    items = node.expressions
    texts = [string_value(item) for item in items]
    if not items or any(text is None or not text.strip() for text in texts):
        return
    placements = [place(text, column.name.lower(), facts) for text in texts]
    targets = {placement.column for placement in placements if placement is not None}
    if len(targets) == 1 and all(p is None or p.column in targets for p in placements):
        _move(column, targets.pop())
    if wrapped:
        return
    merged: list[str] = []
    for text, placement in zip(texts, placements, strict=True):
        spellings = placement.values if placement and placement.column == column.name.lower() else (text,)
        merged.extend(spelling for spelling in spellings if spelling not in merged)
    node.set("expressions", [exp.Literal.string(value) for value in merged])


def _move_pattern(node: exp.Expression, column: exp.Column, pattern: str, facts: CatalogueFacts) -> None:
    core = pattern.strip("%")
    if not core.strip() or _has_wildcards(core):
        return
    placement = place(core, column.name.lower(), facts)
    if placement is not None:
        _move(column, placement.column)


def _move(column: exp.Column, target: str) -> None:
    if column.name.lower() != target:
        column.set("this", exp.to_identifier(target))


def _has_wildcards(text: str) -> bool:
    return "%" in text or "_" in text


def _negated(node: exp.Expression) -> bool:
    return isinstance(node, exp.NEQ) or bool(node.args.get("negate"))
