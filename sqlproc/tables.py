"""Rule 3, table fix: unknown table names that mean the catalogue become `detailedstrain`.

Small models misspell the one table they know ('detailedstrian', 'detailed_strain', 'strains').
A name within edit distance of a catalogue table (rapidfuzz ratio >= 80 after dropping '_' and case)
becomes that table; a name that still says 'strain' (or 'ceppi', Italian) becomes `detailedstrain`.
Anything else is left for the strict guard to refuse. Column qualifiers follow the renamed table.

    fix_tables(parse_one("SELECT detailed_strain.genus FROM detailed_strain"), facts)
    # SELECT detailedstrain.genus FROM detailedstrain
"""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlglot import exp

from sqlproc.facts import DETAILED, SYNTHETIC, TABLES, CatalogueFacts
from sqlproc.syntax import cte_names

MIN_RATIO = 80


def nearest_table(name: str) -> str | None:
    """The catalogue table an unknown table name most likely means, or None."""
    key = "".join(char for char in name.lower() if char.isalnum())
    best = max(TABLES, key=lambda table: fuzz.ratio(key, table))
    if fuzz.ratio(key, best) >= MIN_RATIO:
        return best
    if "synth" in key:
        return SYNTHETIC
    if any(word in key for word in ("strain", "detail", "cepp")):
        return DETAILED
    return None


def fix_tables(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    tree = tree.copy()
    ctes = cte_names(tree)
    renamed: dict[str, str] = {}
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier) or table.name.lower() in ctes:
            continue
        target = table.name.lower() if table.name.lower() in TABLES else nearest_table(table.name)
        if target is None or (table.name == target and not table.this.quoted):
            continue
        if not table.alias:
            renamed[table.name.lower()] = target
        table.set("this", exp.to_identifier(target))
    _follow_qualifiers(tree, renamed)
    return tree


def _follow_qualifiers(tree: exp.Expression, renamed: dict[str, str]) -> None:
    for column in tree.find_all(exp.Column):
        qualifier = column.table.lower()
        if qualifier in renamed:
            column.set("table", exp.to_identifier(renamed[qualifier]))
