"""Rule 5b, follow the links: a value the linker tied to a column is compared with that column.

The thesis's main failure: "Aspergillus strains with Marine sediment" became
`isolationhabitat = 'Marine sediment'`, a column that does hold the value (60 strains) but not where
it mostly lives (substrate, 115). The dictionary fix (rule 5) cannot see that, because the model's
column is not wrong, only unlikely. The linker knows more: it chose substrate for this question, and
it knows whether the question named a column. So when the model compares a linked value with another
column that the question did not name, the comparison moves to the linked column and takes the
link's stored spellings.

    follow_links(parse_one(sql), facts, link_result)
"""

from __future__ import annotations

from sqlglot import exp

from index.normalize import normalize
from linking.types import Link, LinkResult
from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, string_value


def follow_links(tree: exp.Expression, facts: CatalogueFacts, links: LinkResult | None) -> exp.Expression:
    if links is None or not links.links:
        return tree
    tree = tree.copy()
    named = set(links.columns)
    for node in list(tree.find_all(exp.EQ, exp.In)):
        column = node.this
        if not isinstance(column, exp.Column) or column_table(column, facts) != DETAILED:
            continue
        link = _link_for(node, links.links)
        if link is None or link.column == column.name.lower() or column.name.lower() in named:
            continue
        if facts.is_text(DETAILED, link.column) and not node.args.get("negate"):
            _retarget(node, column, link)
    return tree


def _literals(node: exp.Expression) -> list[str | None]:
    items = node.expressions if isinstance(node, exp.In) else [node.expression]
    return [string_value(item) for item in items]


def _link_for(node: exp.Expression, links: list[Link]) -> Link | None:
    """The link whose stored spellings cover every literal of the comparison, if any."""
    literals = _literals(node)
    if not literals or any(text is None for text in literals):
        return None
    wanted = {normalize(text) for text in literals}
    for link in links:
        if wanted <= {normalize(v) for v in [link.value, *link.values]}:
            return link
    return None


def _retarget(node: exp.Expression, column: exp.Column, link: Link) -> None:
    column.set("this", exp.to_identifier(link.column))
    values = link.values or [link.value]
    target = column.copy()
    if len(values) == 1:
        node.replace(exp.EQ(this=target, expression=exp.Literal.string(values[0])))
    else:
        node.replace(exp.In(this=target, expressions=[exp.Literal.string(v) for v in values]))
