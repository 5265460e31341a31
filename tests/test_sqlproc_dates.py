"""Rule 6 against an independent reference: rewritten date comparisons give the documented strains.

The reference reads every stored date of the real catalogue in Python (YYYY, YYYYMM, YYYYMMDD,
YYYY-MM-DD), turns it into (year, month, day) with missing parts as the first of the period, cuts it
to the literal's precision and compares tuples. The rewritten SQL must select exactly those strains.

    .venv/bin/python -m pytest -q tests/test_sqlproc_dates.py
"""

from __future__ import annotations

import datetime as dt
import operator
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sqlproc_fakes import contract_facts

from sqlproc.dates import date_digits, fix_dates
from sqlproc.syntax import parse_one, render

FACTS = contract_facts()
DATE_COLUMNS = FACTS.date_columns
OPS = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
# Literal as a user or model writes it -> the date it names, written out by hand.
LITERALS = {
    "'2019'": (2019,),
    "2010": (2010,),
    "'2023-05'": (2023, 5),
    "'05/2023'": (2023, 5),
    "'201905'": (2019, 5),
    "'15/05/2023'": (2023, 5, 15),
    "'20230515'": (2023, 5, 15),
    "'2014-02-08'": (2014, 2, 8),
    "DATE '2010-01-01'": (2010, 1, 1),
}


def stored_parts(text: str) -> tuple[int, int | None, int | None]:
    for pattern in (r"(\d{4})", r"(\d{4})(\d{2})", r"(\d{4})(\d{2})(\d{2})", r"(\d{4})-(\d{2})-(\d{2})"):
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(part) for part in match.groups()] + [None, None]
            return parts[0], parts[1], parts[2]
    raise AssertionError(f"a stored date in an unexpected format: {text!r}")


def at_precision(stored: str, precision: int) -> tuple[int, ...]:
    year, month, day = stored_parts(stored)
    return (year, month or 1, day or 1)[:precision]


@pytest.fixture(scope="module")
def stored(catalogue) -> dict[str, dict[int, str]]:
    columns = ", ".join(DATE_COLUMNS)
    rows = catalogue.run_read(f"SELECT strainid, {columns} FROM detailedstrain", max_rows=None).rows
    by_column: dict[str, dict[int, str]] = {column: {} for column in DATE_COLUMNS}
    for strainid, *dates in rows:
        for column, value in zip(DATE_COLUMNS, dates, strict=True):
            if value is not None:
                by_column[column][strainid] = value
    return by_column


def expected(stored_column: dict[int, str], test) -> set[int]:
    return {strainid for strainid, value in stored_column.items() if test(value)}


def selected(catalogue, condition: str) -> set[int]:
    sql = render(fix_dates(parse_one(f"SELECT strainid FROM detailedstrain WHERE {condition}"), FACTS))
    return {row[0] for row in catalogue.run_read(sql, max_rows=None).rows}


def test_every_stored_date_has_a_known_format(stored):
    for values in stored.values():
        for value in values.values():
            stored_parts(value)


@pytest.mark.parametrize("column", DATE_COLUMNS)
@pytest.mark.parametrize("op", list(OPS))
@pytest.mark.parametrize("literal", list(LITERALS))
def test_comparison_matches_the_reference(catalogue, stored, column, op, literal):
    target = LITERALS[literal]
    want = expected(stored[column], lambda v: OPS[op](at_precision(v, len(target)), target))
    assert selected(catalogue, f"{column} {op} {literal}") == want


@pytest.mark.parametrize(
    ("condition", "low", "high"),
    [
        ("BETWEEN '2015' AND '2018'", (2015,), (2018,)),
        ("BETWEEN '2019-01' AND '2019-06'", (2019, 1), (2019, 6)),
        ("BETWEEN '2019' AND '30/06/2020'", (2019,), (2020, 6, 30)),
    ],
)
@pytest.mark.parametrize("column", DATE_COLUMNS)
def test_between_includes_both_bounds(catalogue, stored, column, condition, low, high):
    want = expected(stored[column], lambda v: at_precision(v, len(low)) >= low and at_precision(v, len(high)) <= high)
    assert selected(catalogue, f"{column} {condition}") == want


def test_like_in_and_extract_match_the_reference(catalogue, stored):
    years = stored["collectiondate"]
    in_2019 = expected(years, lambda v: v.startswith("2019"))
    assert in_2019 and selected(catalogue, "collectiondate LIKE '2019%'") == in_2019
    assert selected(catalogue, "collectiondate LIKE '%2019%'") == in_2019
    assert selected(catalogue, "EXTRACT(YEAR FROM collectiondate) = 2019") == in_2019
    both = expected(years, lambda v: v[:4] in ("2019", "2020"))
    assert selected(catalogue, "collectiondate IN ('2019', '2020')") == both
    may = expected(stored["isolationdate"], lambda v: stored_parts(v)[1] == 5)
    assert may and selected(catalogue, "date_part('month', isolationdate) = 5") == may


def test_two_date_columns_compare_as_days(catalogue, stored):
    isolation, deposit = stored["isolationdate"], stored["depositdate"]
    want = {i for i in isolation.keys() & deposit.keys() if at_precision(isolation[i], 3) > at_precision(deposit[i], 3)}
    assert selected(catalogue, "isolationdate > depositdate") == want


def test_naive_text_comparison_is_what_the_rule_fixes(catalogue, stored):
    """Without the rewrite '2018-05-01' <= '2018' is false: 'up to 2018' would miss most of 2018."""
    naive = {row[0] for row in catalogue.run_read(
        "SELECT strainid FROM detailedstrain WHERE isolationdate <= '2018'", max_rows=None
    ).rows}  # fmt: skip
    want = expected(stored["isolationdate"], lambda v: at_precision(v, 1) <= (2018,))
    assert naive != want
    assert selected(catalogue, "isolationdate <= '2018'") == want


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("2019", "2019"),
        ("201905", "201905"),
        ("20190515", "20190515"),
        ("2019-05-15", "20190515"),
        ("2019/5/3", "20190503"),
        ("2019-05", "201905"),
        ("15/05/2023", "20230515"),
        ("15.05.2023", "20230515"),
        ("05/2023", "202305"),
        ("12/25/2023", "20231225"),  # month-first only when the day-first reading is impossible
        ("2023-05-15T10:30:00", "20230515"),
        (" 2019 ", "2019"),
    ],
)
def test_date_digits_reads_the_formats_people_write(text, digits):
    assert date_digits(text) == digits


@pytest.mark.parametrize(
    "text", ["", "abc", "19", "201913", "2019-02-30", "31/31/2020", "0999", "2019-05-15x", "２０１９", "2019-٠٥"]
)
def test_date_digits_refuses_what_is_not_a_date(text):
    assert date_digits(text) is None


DATE_FORMATS = {
    4: lambda y, m, d: f"'{y:04d}'",
    6: lambda y, m, d: f"'{y:04d}-{m:02d}'",
    8: lambda y, m, d: f"'{d:02d}/{m:02d}/{y:04d}'",
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column=st.sampled_from(DATE_COLUMNS),
    op=st.sampled_from(list(OPS)),
    date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2026, 12, 31)),
    precision=st.sampled_from([4, 6, 8]),
)
def test_any_date_and_operator_matches_the_reference(catalogue, stored, column, op, date, precision):
    literal = DATE_FORMATS[precision](date.year, date.month, date.day)
    target = (date.year, date.month, date.day)[: precision // 2 - 1]
    want = expected(stored[column], lambda v: OPS[op](at_precision(v, len(target)), target))
    assert selected(catalogue, f"{column} {op} {literal}") == want
