"""Rule 4, column fix: misspelt columns become the nearest real column; `collection = 'TUCC'` reads cacronym.

For every column of a catalogue table that the table does not have (and that is not a name the
query defines itself, such as `count(*) AS n`):
  - a double-quoted "value" compared with a column is a string the model quoted wrongly -> 'value';
  - '_' and case are ignored ('organism_type' -> organismtype), a few Italian and view names are
    known (GLOSSARY: 'genere' -> genus, 'taxonname' -> scientificname);
  - otherwise the closest column by rapidfuzz ratio >= 80 ('orgnismtype'), or the one column that
    starts or ends with the name ('habitat' -> isolationhabitat);
  - otherwise the query is refused, naming the column.
`collection` is the collection's number (1); compared with a non-numeric string it means the acronym.

    fix_columns(parse_one("SELECT * FROM detailedstrain WHERE organism_type = 'Yeasts'"), facts)
"""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlglot import exp

from sqlproc.errors import SqlUnreadable
from sqlproc.facts import DETAILED, CatalogueFacts
from sqlproc.syntax import column_table, select_aliases, string_value

MIN_RATIO = 80
MIN_AFFIX = 5  # shortest name matched as the start or end of a column name
GLOSSARY = {
    "genere": "genus",
    "specie": "species",
    "taxon": "scientificname",
    "taxonname": "scientificname",
    "fullaccessionnumber": "accessionnumber",
    "regione": "region",
    "paese": "country",
    "nazione": "country",
    "citta": "city",
    "substrato": "substrate",
    "temperatura": "recommendedtemperature",
    "acronym": "cacronym",
}
COMPARISONS = (exp.EQ, exp.NEQ, exp.Like, exp.ILike, exp.In)


def nearest_column(name: str, columns: list[str]) -> str | None:
    """The column an unknown name most likely means, None if nothing is close enough."""
    key = "".join(char for char in name.lower() if char.isalnum())
    if key in columns:
        return key
    if GLOSSARY.get(key) in columns:
        return GLOSSARY[key]
    best = max(columns, key=lambda column: fuzz.ratio(key, column), default=None)
    if best is not None and fuzz.ratio(key, best) >= MIN_RATIO:
        return best
    affixed = [column for column in columns if column.startswith(key) or column.endswith(key)]
    return affixed[0] if len(key) >= MIN_AFFIX and len(affixed) == 1 else None


def fix_columns(tree: exp.Expression, facts: CatalogueFacts) -> exp.Expression:
    tree = tree.copy()
    defined = select_aliases(tree) | _implicit_output_names(tree)
    for column in list(tree.find_all(exp.Column)):
        if isinstance(column.this, exp.Identifier):
            _fix_one(column, facts, defined)
    for column in list(tree.find_all(exp.Column)):
        if _is_acronym_comparison(column, facts):
            column.set("this", exp.to_identifier("cacronym"))
    return tree


def _fix_one(column: exp.Column, facts: CatalogueFacts, defined: set[str]) -> None:
    table = column_table(column, facts)
    if table is None:
        return
    known = facts.table_columns(table)
    name = column.name if column.this.quoted else column.name.lower()
    if name in known or name.lower() in defined:
        return
    if column.this.quoted and _compared_with_column(column):
        column.replace(exp.Literal.string(column.name))
        return
    target = nearest_column(column.name, list(known))
    if target is None:
        raise SqlUnreadable(_unknown(column.name, table, list(known)))
    column.set("this", exp.to_identifier(target))


def _unknown(name: str, table: str, columns: list[str]) -> str:
    key = "".join(char for char in name.lower() if char.isalnum())
    similar = [column for column in columns if key and key in column][:5]
    if similar:
        choices = ", ".join(similar[:-1]) + " or " + similar[-1] if len(similar) > 1 else similar[0]
        return f"unknown column '{name}' in {table}: did you mean {choices}?"
    return f"unknown column '{name}': {table} has no column with a similar name"


def _implicit_output_names(tree: exp.Expression) -> set[str]:
    """Names PostgreSQL gives unaliased outputs (count(*) -> count), usable in ORDER BY."""
    names = set()
    for select in tree.find_all(exp.Select):
        for expression in select.expressions:
            if isinstance(expression, exp.Func):
                names.add(expression.sql("postgres").split("(")[0].strip().lower())
    return names


def _compared_with_column(column: exp.Column) -> bool:
    parent = column.parent
    if isinstance(parent, exp.In) and column.arg_key == "expressions":
        return isinstance(parent.this, exp.Column)
    if isinstance(parent, COMPARISONS) and column.arg_key == "expression":
        return isinstance(parent.this, exp.Column)
    return False


def _is_acronym_comparison(column: exp.Column, facts: CatalogueFacts) -> bool:
    if column.name.lower() != "collection" or column_table(column, facts) != DETAILED:
        return False
    parent = column.parent
    while isinstance(parent, exp.Lower | exp.Upper | exp.Trim | exp.Paren):
        parent = parent.parent
    if not isinstance(parent, COMPARISONS):
        return False
    others = parent.expressions if isinstance(parent, exp.In) else [parent.expression, parent.this]
    texts = [string_value(other) for other in others]
    return any(text is not None and not text.strip().isdigit() for text in texts)
