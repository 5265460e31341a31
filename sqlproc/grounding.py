"""Rule 5c, grounding: a WHERE condition whose value the question never gave is dropped.

A 135M model invents filters on questions that have none: "species with more than 30 isolates"
came back as `... WHERE collectiondate > '2020-01-01' GROUP BY ...`. Every top-level AND-term of the
outer WHERE must be grounded in what the question said: a text literal in a linked value's stored
spellings, in a hint, or written in the question (typos allowed); a number or date in the question
or a hint; a flag or IS NULL on a column the question names or a hint reads. Ungrounded terms go.
Runs only with the question and its LinkResult (live answers), never on gold or hand-written SQL.

    ground(parse_one(sql), facts, "species with more than 30 isolates", link_result)
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from sqlglot import exp

from index.normalize import normalize
from linking.types import LinkResult
from sqlproc.facts import CatalogueFacts

MIN_FUZZY = 85


def ground(tree: exp.Expression, facts: CatalogueFacts, question: str, links: LinkResult) -> exp.Expression:
    where = tree.args.get("where") if isinstance(tree, exp.Select) else None
    if where is None:
        return tree
    evidence = _Evidence(question, links)
    terms = list(where.this.flatten()) if isinstance(where.this, exp.And) else [where.this]
    kept = [term for term in terms if evidence.grounds(term)]
    if len(kept) == len(terms):
        return tree
    tree = tree.copy()
    if kept:
        tree.set("where", exp.Where(this=exp.and_(*[t.copy() for t in kept])))
    else:
        tree.set("where", None)
    return tree


class _Evidence:
    def __init__(self, question: str, links: LinkResult):
        self.question = normalize(question)
        self.words = set(self.question.split())
        self.digits = set(re.findall(r"\d+", question))
        self.values = {normalize(v) for link in links.links for v in [link.value, *link.values, link.span]}
        self.hint_text = normalize(" ".join(h.sql for h in links.hints))
        self.hint_digits = set(re.findall(r"\d+", " ".join(h.sql for h in links.hints)))
        self.columns = set(links.columns) | {link.column for link in links.links}
        self.columns |= {h.column for h in links.hints if h.column}

    def grounds(self, term: exp.Expression) -> bool:
        literals = [node for node in term.find_all(exp.Literal) if not _inside_limit(node)]
        if not literals:  # a flag or IS NULL: its column was named, read by a hint, or typed as is
            names = [c.name.lower() for c in term.find_all(exp.Column)]
            return not names or any(n in self.columns or n in self.words for n in names)
        return all(self._grounded(node) for node in literals)

    def _grounded(self, literal: exp.Literal) -> bool:
        if not literal.is_string:
            digits = set(re.findall(r"\d+", literal.this))
            return digits <= (self.digits | self.hint_digits)
        text = normalize(literal.this.replace("%", " "))
        if not text or text in self.values or (text and text in self.hint_text):
            return True
        if re.fullmatch(r"[\d ]+", text):  # a date or code: its year or number was written or hinted
            return text.split()[0][:4] in (self.digits | self.hint_digits) or text.replace(" ", "") in self.question
        return text in self.question or fuzz.partial_ratio(text, self.question) >= MIN_FUZZY


def _inside_limit(node: exp.Expression) -> bool:
    return node.find_ancestor(exp.Limit) is not None
