"""Golden tests of the post-processing rules: tests/golden/sqlproc/<rule>.sql, input -> expected SQL.

Each case runs one rule alone (pipeline.sql runs them all) and compares with the expected SQL,
normalised through sqlglot so layout does not matter. Cases with `-- rows:` / `-- value:` also
execute the expected SQL on the real catalogue, and the produced SQL is executed for every case
whose rule output is a runnable query, so a golden file cannot hold SQL PostgreSQL would refuse.

    .venv/bin/python -m pytest -q tests/test_sqlproc_golden.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_sqlproc_fakes import FakeValues, contract_facts

from sqlproc.columns import fix_columns
from sqlproc.dates import fix_dates
from sqlproc.dictionary import fix_values
from sqlproc.display import to_display, unwrap_display
from sqlproc.errors import SqlRejected
from sqlproc.exclusion import keep_unknowns
from sqlproc.extract import extract_sql
from sqlproc.grounding import ground
from sqlproc.guard import guard
from sqlproc.lists import contain_lists
from sqlproc.pipeline import postprocess
from sqlproc.relax import relax
from sqlproc.syntax import parse_one, render
from sqlproc.tables import fix_tables

GOLDEN = Path(__file__).parent / "golden" / "sqlproc"
FACTS = contract_facts(FakeValues())
DIRECTIVES = ("-- case:", "-- expect:", "-- reject:", "-- rows:", "-- value:")


def _tree_rule(rule):
    return lambda text: render(rule(parse_one(text), FACTS))


def _relaxed(text: str) -> str:
    variant = relax(parse_one(text), FACTS)
    return "NONE" if variant is None else render(variant)


def _grounded(text: str) -> str:
    """The grounding golden: '-- question: ...' on the case's first line gives the question."""
    from linking.types import Hint, LinkResult

    first, _, sql = text.partition("\n")
    question = first.removeprefix("-- question:").strip()
    hints = [Hint("date", "WHERE", "inclusiondate > '2020'", column="inclusiondate")] if "added" in question else []
    return render(ground(parse_one(sql), FACTS, question, LinkResult([], [], hints=hints)))


def _hinted(text: str) -> str:
    """The hints golden: '-- hint: KIND COLUMN SQL' and '-- link: COLUMN OPERATOR VALUE' lines give the LinkResult."""
    from linking.types import Hint, Link, LinkResult

    hints, links, sql = [], [], []
    for line in text.splitlines():
        if line.startswith("-- hint:"):
            kind, column, clause_sql = line.removeprefix("-- hint:").split(maxsplit=2)
            hints.append(Hint(kind, "WHERE", clause_sql, column=column))
        elif line.startswith("-- link:"):
            column, operator, value = line.removeprefix("-- link:").split(maxsplit=2)
            link = Link(value, 0, len(value), column, value, [value], 1, 1.0, "exact", operator=operator)
            links.append(link)
        else:
            sql.append(line)
    from sqlproc.hinted import keep_hints

    return render(keep_hints(parse_one("\n".join(sql)), FACTS, LinkResult(links, [], hints=hints)))


def _guarded_as_is(text: str) -> str:
    tree = parse_one(text)
    guard(tree, strict=True)
    return render(tree)


RULES = {
    "extract": extract_sql,
    "guard": _guarded_as_is,
    "tables": _tree_rule(fix_tables),
    "columns": _tree_rule(fix_columns),
    "values": _tree_rule(fix_values),
    "dates": _tree_rule(fix_dates),
    "display": lambda text: render(to_display(unwrap_display(parse_one(text)))[0]),
    "relax": _relaxed,
    "lists": _tree_rule(contain_lists),
    "exclusion": _tree_rule(keep_unknowns),
    "grounding": lambda text: _grounded(text),
    "hinted": lambda text: _hinted(text),
    "pipeline": lambda text: postprocess(text, FACTS).sql,
}
TEXT_RULES = {"extract"}  # compared as text, not as SQL


@dataclass
class Case:
    rule: str
    name: str
    given: str
    expect: str | None = None
    reject: str | None = None
    rows: int | None = None
    value: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def load_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    section = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + ["-- case: <end>"]:
        directive = next((d for d in DIRECTIVES if line.startswith(d)), None)
        if directive is None:
            lines.append(line)
            continue
        if cases and section is not None:
            setattr(cases[-1], section, "\n".join(lines).strip())
        argument = line[len(directive) :].strip()
        section, lines = None, []
        if directive == "-- case:":
            cases.append(Case(path.stem, argument, ""))
            section = "given"
        elif directive == "-- expect:":
            section = "expect"
        elif directive == "-- reject:":
            cases[-1].reject = argument
        elif directive == "-- rows:":
            cases[-1].rows = int(argument)
        else:
            cases[-1].value = argument
    return cases[:-1]


CASES = [case for path in sorted(GOLDEN.glob("*.sql")) for case in load_cases(path)]
EXECUTED = [case for case in CASES if case.rows is not None or case.value is not None]


def _normal(case: Case, sql: str) -> str:
    return sql if case.rule in TEXT_RULES or sql == "NONE" else render(parse_one(sql))


def test_every_rule_has_golden_cases():
    assert {case.rule for case in CASES} == set(RULES)
    assert all(case.expect or case.reject for case in CASES), [c.id for c in CASES if not (c.expect or c.reject)]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_golden(case: Case):
    rule = RULES[case.rule]
    if case.reject is not None:
        with pytest.raises(SqlRejected, match=re.escape(case.reject)):
            rule(case.given)
        return
    assert rule(case.given) == _normal(case, case.expect)


@pytest.mark.parametrize("case", EXECUTED, ids=lambda case: case.id)
def test_golden_results_on_the_catalogue(case: Case, catalogue):
    result = catalogue.run_read(case.expect, max_rows=None)
    if case.rows is not None:
        assert result.row_count == case.rows
    if case.value is not None:
        assert str(result.rows[0][0]) == case.value


def _guarded(case: Case) -> bool:
    """Only SQL that the strict guard accepts is ever sent to the database, in tests too."""
    if case.rule in TEXT_RULES or not case.expect or case.expect == "NONE":
        return False
    try:
        guard(parse_one(case.expect), strict=True)
    except SqlRejected:
        return False
    return True


RUNNABLE = [case for case in CASES if _guarded(case)]


@pytest.mark.parametrize("case", RUNNABLE, ids=lambda case: case.id)
def test_golden_output_runs_on_the_catalogue(case: Case, catalogue):
    """Whatever a rule produces, PostgreSQL accepts (the guard is not involved here)."""
    catalogue.run_read(case.expect, max_rows=1)
