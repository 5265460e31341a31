"""Rule 5e, list columns: identificationtechnique holds lists ('Morphological;Molecular;MALDI-TOF'),
so a technique compared with `=` or `IN` is matched as contained.

    contain_lists(parse_one("SELECT strainid FROM detailedstrain WHERE identificationtechnique = 'MALDI-TOF'"), facts)
    # ... WHERE identificationtechnique ILIKE '%MALDI-TOF%'
"""

from __future__ import annotations

from sqlglot import exp

from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, string_value

LIST_COLUMNS = frozenset({"identificationtechnique"})


def contain_lists(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    tree = tree.copy()
    for node in list(tree.find_all(exp.EQ, exp.In)):
        column = node.this
        if not _list_column(column, facts):
            continue
        items = node.expressions if isinstance(node, exp.In) else [node.expression]
        texts = [string_value(item) for item in items]
        if not texts or any(text is None for text in texts) or node.args.get("query"):
            continue
        wanted = list(dict.fromkeys(text.strip(" ;") for text in texts))  # 'MALDI-TOF' and 'MALDI-TOF;' are one
        terms = [_contains(column, text) for text in wanted]
        replacement = terms[0] if len(terms) == 1 else exp.paren(exp.or_(*terms), copy=False)
        node.replace(replacement)
    return tree


def _list_column(node: exp.Expression, facts: CatalogueFacts) -> bool:
    return isinstance(node, exp.Column) and node.name.lower() in LIST_COLUMNS and column_table(node, facts) == DETAILED


def _contains(column: exp.Column, text: str) -> exp.Expression:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return exp.ILike(this=column.copy(), expression=exp.Literal.string(f"%{escaped}%"))
