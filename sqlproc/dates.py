"""Rule 6, dates: comparisons on the four text date columns, right whatever the stored and written format.

The catalogue stores collectiondate, isolationdate, depositdate and inclusiondate as published:
'2019', '201905', '20190515' or '2019-05-15'. Users and models write '2019', '15/05/2023',
'20230515', '2023-05-15', 'May 2023' as '2023-05', numbers (2019) or DATE '2019-05-15'.

Semantics (one deterministic rewrite):
  - The literal's precision p is its number of date digits: year 4, month 6, day 8. Day-first
    'DD/MM/YYYY' is read as written in Italy; 'MM/DD/YYYY' only when the second part is over 12.
  - The stored value is compared at that precision, as text of fixed width (so text order is date
    order): key_p = its digits cut to p, or, when it is coarser than p, padded with '01' for the
    missing month and day. A stored '2019' thus stands for 2019-01-01 when compared with a day.
      p = 4:    LEFT(col, 4)              (every stored format starts with the year)
      p = 6, 8: RPAD(REGEXP_REPLACE(col, '[^0-9]', '', 'g'), p, '01')
  - `col OP L` becomes `key_p OP digits(L)` for =, <>, <, <=, >, >=. Bounds are periods: `< '2010'`
    is before 2010-01-01, `<= '2018'` includes all of 2018, `> '2018'` starts in 2019;
    `BETWEEN '2015' AND '2018'` includes 2015 and 2018 (mixed precisions: `>= low AND <= high`).
  - Two date columns (`isolationdate < depositdate`) are both compared at day precision.
  - `col IN ('2019', '2020')` compares each value at its own precision; `col LIKE '2019%'` (or
    '%2019%', '2019-05%') is equality at the pattern's precision.
  - The column may be written as col, CAST(col AS DATE), col::date, LEFT(col, n),
    SUBSTRING(col, 1, n) or TO_DATE(col, ...): all mean the stored date.
  - EXTRACT(YEAR FROM col) becomes CAST(LEFT(col, 4) AS INT); MONTH/DAY take digits 5-6/7-8 and
    are NULL when the stored value is coarser. Any other use of col as a date (a cast, a comparison
    with CURRENT_DATE) becomes CAST(RPAD(digits, 8, '01') AS DATE).
  - ORDER BY col sorts on key_8, with NULLs last also when descending ("most recent first").
MIN/MAX and GROUP BY keep the stored text.

    fix_dates(parse_one("SELECT * FROM detailedstrain WHERE collectiondate < '2010'"), facts)
    # SELECT * FROM detailedstrain WHERE LEFT(collectiondate, 4) < '2010'
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp

from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, parse_expression

DIGITS = "REGEXP_REPLACE(x, '[^0-9]', '', 'g')"
EXTRACT_START = {"MONTH": 5, "DAY": 7}
T = exp.DataType.Type
DATE_LIKE_TYPES = {T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.TEXT, T.VARCHAR, T.CHAR}
ORDER_OPS = (exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE)
FLIPPED = {exp.LT: exp.GT, exp.LTE: exp.GTE, exp.GT: exp.LT, exp.GTE: exp.LTE, exp.EQ: exp.EQ, exp.NEQ: exp.NEQ}
# ASCII digits only: str.isdigit and \d would also take '２０１９'.
_YMD = re.compile(
    r"([0-9]{4})(?:[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?)?(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
_DMY = re.compile(r"(?:([0-9]{1,2})[-/.])?([0-9]{1,2})[-/.]([0-9]{4})")
_DIGITS = re.compile(r"[0-9]+")


def date_digits(text: str) -> str | None:
    """'2019' -> '2019', '2019-05' -> '201905', '15/05/2023' -> '20230515'; None if not a date."""
    text = text.strip()
    if _DIGITS.fullmatch(text) and len(text) in (4, 6, 8):
        year, month, day = text[:4], text[4:6] or None, text[6:8] or None
    elif match := _YMD.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DMY.fullmatch(text):
        first, second, year = match.groups()
        day, month = (first, second) if first is None or int(second) <= 12 else (second, first)
    else:
        return None
    return _valid(year, month, day)


def _valid(year: str, month: str | None, day: str | None) -> str | None:
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if not 1000 <= int(year) <= 2999:
        return None
    parts = [year] + [f"{int(part):02d}" for part in (month, day) if part is not None]
    return "".join(parts)


def literal_digits(node: exp.Expression | None) -> str | None:
    """Date digits of a literal: '2019-05-15', 2019, DATE '2019-05-15', '2019'::date."""
    while isinstance(node, exp.Cast | exp.Paren):
        node = node.this
    if not isinstance(node, exp.Literal):
        return None
    text = str(node.this)
    return date_digits(text) if node.is_string or _DIGITS.fullmatch(text) else None


def fix_dates(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    tree = tree.copy()
    for node in list(tree.find_all(*ORDER_OPS, exp.Between, exp.In, exp.Like, exp.ILike)):
        if node.root() is tree:  # not inside a comparison that was already replaced
            _rewrite_comparison(node, facts)
    for node in list(tree.find_all(exp.Extract)):
        _rewrite_extract(node, facts)
    for node in list(tree.find_all(exp.Ordered)):
        _rewrite_order(node, facts)
    for node in list(tree.find_all(exp.Cast, exp.StrToDate, *ORDER_OPS)):
        _rewrite_date_use(node, facts)
    return tree


def _date_column(node: exp.Expression | None, facts: CatalogueFacts) -> exp.Column | None:
    """The stored date column `node` stands for (col, col::date, LEFT(col, n), ...), else None."""
    if isinstance(node, exp.Cast) and node.to.this not in DATE_LIKE_TYPES:
        return None  # e.g. CAST(LEFT(col, 4) AS INT): a year number, this rule's own output
    if isinstance(node, exp.Cast | exp.StrToDate | exp.Left):
        return _date_column(node.this, facts)
    if isinstance(node, exp.Substring) and _is_one(node.args.get("start")):
        return _date_column(node.this, facts)
    if isinstance(node, exp.Column) and node.name.lower() in facts.date_columns:
        return node if column_table(node, facts) == DETAILED else None
    return None


def _is_one(node: exp.Expression | None) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and str(node.this) == "1"


def key(column: exp.Column, precision: int) -> exp.Expression:
    """The stored date at `precision` digits, as fixed-width text."""
    template = "LEFT(x, 4)" if precision == 4 else f"RPAD({DIGITS}, {precision}, '01')"
    return _fill(template, column)


def _fill(template: str, column: exp.Column) -> exp.Expression:
    tree = parse_expression(template)
    for placeholder in list(tree.find_all(exp.Column)):
        if placeholder.name == "x":
            placeholder.replace(column.copy())
    return tree


def _compare(op: type, column: exp.Column, digits: str) -> exp.Expression:
    return op(this=key(column, len(digits)), expression=exp.Literal.string(digits))


def _rewrite_comparison(node: exp.Expression, facts: CatalogueFacts) -> None:
    if isinstance(node, ORDER_OPS):
        _rewrite_binary(node, facts)
    elif isinstance(node, exp.Between):
        _rewrite_between(node, facts)
    elif isinstance(node, exp.In):
        _rewrite_in(node, facts)
    else:
        _rewrite_like(node, facts)


def _rewrite_binary(node: exp.Expression, facts: CatalogueFacts) -> None:
    op = type(node)
    left, right = _date_column(node.this, facts), _date_column(node.expression, facts)
    if left is not None and right is not None:  # two stored dates: compare both as full days
        node.replace(op(this=key(left, 8), expression=key(right, 8)))
        return
    column, digits = left, literal_digits(node.expression)
    if column is None or digits is None:
        column, digits, op = _date_column(node.expression, facts), literal_digits(node.this), FLIPPED[op]
    if column is not None and digits is not None:
        node.replace(_compare(op, column, digits))


def _rewrite_between(node: exp.Between, facts: CatalogueFacts) -> None:
    column = _date_column(node.this, facts)
    low, high = literal_digits(node.args.get("low")), literal_digits(node.args.get("high"))
    if column is None or low is None or high is None:
        return
    if len(low) == len(high):
        lows, highs = exp.Literal.string(low), exp.Literal.string(high)
        node.replace(exp.Between(this=key(column, len(low)), low=lows, high=highs))
    else:
        both = exp.And(this=_compare(exp.GTE, column, low), expression=_compare(exp.LTE, column, high))
        node.replace(exp.Paren(this=both))


def _rewrite_in(node: exp.In, facts: CatalogueFacts) -> None:
    column = _date_column(node.this, facts)
    values = [literal_digits(item) for item in node.expressions]
    if column is None or not values or None in values:
        return
    if len({len(value) for value in values}) == 1:
        items = [exp.Literal.string(value) for value in values]
        node.replace(exp.In(this=key(column, len(values[0])), expressions=items))
        return
    either = _compare(exp.EQ, column, values[0])
    for value in values[1:]:
        either = exp.Or(this=either, expression=_compare(exp.EQ, column, value))
    node.replace(exp.Paren(this=either))


def _rewrite_like(node: exp.Expression, facts: CatalogueFacts) -> None:
    column = _date_column(node.this, facts)
    pattern = node.expression
    if column is None or not isinstance(pattern, exp.Literal) or not pattern.is_string:
        return
    digits = date_digits(str(pattern.this).strip("%"))
    if digits is not None:
        node.replace(_compare(exp.NEQ if node.args.get("negate") else exp.EQ, column, digits))


def _rewrite_extract(node: exp.Extract, facts: CatalogueFacts) -> None:
    column = _date_column(node.expression, facts)
    unit = node.name.upper()
    if column is None or unit not in ("YEAR", *EXTRACT_START):
        return
    if unit == "YEAR":
        template = "CAST(LEFT(x, 4) AS INT)"
    else:
        template = f"CAST(NULLIF(SUBSTRING({DIGITS}, {EXTRACT_START[unit]}, 2), '') AS INT)"
    node.replace(_fill(template, column))


def _rewrite_order(node: exp.Ordered, facts: CatalogueFacts) -> None:
    column = _date_column(node.this, facts)
    if column is None:
        return
    node.set("this", key(column, 8))
    if node.args.get("desc"):
        node.set("nulls_first", False)


def _rewrite_date_use(node: exp.Expression, facts: CatalogueFacts) -> None:
    """Any other date use of a stored date: a real DATE at the start of its period."""
    if isinstance(node, ORDER_OPS):
        for side in (node.this, node.expression):
            if isinstance(side, exp.Column) and _date_column(side, facts) and _is_date_valued(node, side):
                side.replace(_as_date(side))
        return
    if node.parent is None or not _casts_to_date(node):
        return
    column = _date_column(node.this, facts)
    if column is not None and column is node.this:
        node.replace(_as_date(column))


def _casts_to_date(node: exp.Expression) -> bool:
    if isinstance(node, exp.StrToDate):
        return True
    return node.to.this in (exp.DataType.Type.DATE, exp.DataType.Type.TIMESTAMP)


def _is_date_valued(node: exp.Expression, side: exp.Expression) -> bool:
    other = node.expression if side is node.this else node.this
    return any(isinstance(n, exp.CurrentDate | exp.CurrentTimestamp | exp.Interval) for n in other.walk())


def _as_date(column: exp.Column) -> exp.Expression:
    return _fill(f"CAST(RPAD({DIGITS}, 8, '01') AS DATE)", column)
