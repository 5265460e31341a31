"""Placeholders of the question shapes beyond plain values (docs/question-shapes.md): words and SQL.

Used by `finetune.sampling` for templates C8-C13. Two kinds of placeholder:

- *constraining* ones (`flag`, `noflag`, `numcond`, `nullcol`) are chosen before the anchor strain and
  narrow the strains it is drawn from, so a rare flag or a NULL column still leads to an answerable
  question: `constrain()` returns the fill and a test on a strain;
- the others read the anchor (`part`, `doccond`, `relcol`) or are column words (`gcol`, `outer`,
  `inner`, `anydate`, `inclusion`) or plain words (`strains`, `coll`): `fill()`.

`k` (top N) is chosen by the sampler once the groups are counted (`top_n_options`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from finetune import slots
from finetune.shape_words import (
    AGG_GROUP_WORDS,
    COLLECTION_WORDS,
    COMPARISON_WORDS,
    DOC_CONTAINS,
    DOC_EQUALS,
    DOC_NAMES,
    FEMININE_IT,
    FLAG_WORDS,
    INCLUSION_WORDS,
    NULL_WORDS,
    NUMBER_WORDS,
    NUMERIC_WORDS,
    ONE_WORDS,
    PART_COLUMNS,
    RELATIVE_WORDS,
    SINGLE_MEMBER_PAIRS,
    STOPWORDS,
    STRAIN_WORDS,
    TEMPERATURES,
)
from finetune.templates import Fill, TemplateError, quote, slot_kind
from finetune.vocabulary import INT_COLUMNS, Vocabulary

Strain = dict[str, Any]
CONSTRAINING = ("flag", "noflag", "numcond", "nullcol")
COLUMN_KINDS = ("gcol", "outer", "inner", "anydate", "inclusion", "relcol", "nullcol")
CONDITION_KINDS = ("flag", "noflag", "numcond", "part", "doccond")
NUMBER_KINDS = ("n", "k")
WORD_KINDS = ("strains", "coll")


def constrain(name: str, sql_template: str, strains: list[Strain], lang: str, rng: random.Random):
    """A constraining placeholder's fill and the test a strain must pass; None when no strain can."""
    kind = slot_kind(name)
    if kind in ("flag", "noflag"):
        options = [key for key in FLAG_WORDS if key[1] == (kind == "flag")]
        column, value = rng.choice(options)
        sql = f"{column} = {'TRUE' if value else 'FALSE'}"
        return Fill({"": rng.choice(FLAG_WORDS[(column, value)][lang])}, sql, (), column), _equals(column, value)
    if kind == "nullcol":
        column = rng.choice(list(NULL_WORDS))
        missing = f"{{{name}}} IS NULL" in sql_template
        fill = Fill({"": rng.choice(NULL_WORDS[column][lang])}, column, (), column)
        return fill, (lambda s: s[column] is None) if missing else (lambda s: s[column] is not None)
    if kind == "numcond":
        return _numeric(strains, lang, rng)
    raise TemplateError(f"{{{name}}} is not a constraining placeholder")


def _equals(column: str, value: Any) -> Callable[[Strain], bool]:
    return lambda s: s[column] is value


def _numeric(strains: list[Strain], lang: str, rng: random.Random):
    """A comparison on a coded numeric column that some strain among `strains` satisfies."""
    column = rng.choice(list(NUMERIC_WORDS)[:4]) if rng.random() < 0.97 else rng.choice(TEMPERATURES[1:])
    held = sorted({s[column] for s in strains if s[column] is not None})
    if not held:
        return None
    v = rng.choice(held)
    op = rng.choice(("=", ">", "<", ">=", "<=", "between"))
    below, above = [h for h in held if h < v], [h for h in held if h > v]
    if op == "between" and below and above:
        low, high = rng.choice(below), rng.choice(above)
        cmp_words = {"en": f"between {_num(low)} and {_num(high)}", "it": f"tra {_num(low)} e {_num(high)}"}[lang]
        sql = f"{column} BETWEEN {_num(low)} AND {_num(high)}"
        return _numeric_fill(
            column, cmp_words, sql, lang, rng
        ), lambda s: s[column] is not None and low <= s[column] <= high
    if op == ">" and below:
        t = rng.choice(below)
    elif op == "<" and above:
        t = rng.choice(above)
    elif op == ">=":
        t = rng.choice([*below, v])
    elif op == "<=":
        t = rng.choice([*above, v])
    else:
        op, t = "=", v
    word = rng.choice(COMPARISON_WORDS[op][lang])
    cmp_words = f"{word} {_num(t)}".strip()
    test = _comparison(column, op, t)
    return _numeric_fill(column, cmp_words, f"{column} {op} {_num(t)}", lang, rng), test


def _comparison(column: str, op: str, t: Any) -> Callable[[Strain], bool]:
    checks = {"=": lambda a: a == t, ">": lambda a: a > t, "<": lambda a: a < t, ">=": lambda a: a >= t}
    check = checks.get(op, lambda a: a <= t)
    return lambda s: s[column] is not None and check(s[column])


def _numeric_fill(column: str, cmp_words: str, sql: str, lang: str, rng: random.Random) -> Fill:
    noun = rng.choice(NUMERIC_WORDS[column][lang])
    unit = " °C" if column in TEMPERATURES and cmp_words[-1:].isdigit() and rng.random() < 0.4 else ""
    lead = {"en": "with", "it": "con"}[lang]
    return Fill({"": f"{lead} {noun} {cmp_words}{unit}", "col": noun}, sql, (), column)


def _num(value: Any) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def fill(name: str, anchor: Strain, fills: dict[str, Fill], vocab: Vocabulary, lang: str, rng: random.Random):
    """A non-constraining shape placeholder, read from the anchor where it names a value; None: retry."""
    kind = slot_kind(name)
    used = {f.column for f in fills.values() if f.column}
    if kind == "part":
        return _part(anchor, used, vocab, lang, rng)
    if kind == "doccond":
        return _doc_condition(anchor, used, vocab, lang, rng)
    if kind == "relcol":
        options = [c for c in RELATIVE_WORDS if anchor[c] is not None and c not in used]
        if not options:
            return None
        column = rng.choice(options)
        noun, same, with_same = RELATIVE_WORDS[column][lang]
        return Fill({"": noun, "same": same, "with": with_same}, column, (), column)
    if kind == "gcol":
        column = rng.choice([c for c in AGG_GROUP_WORDS if c not in used])
        plural, singular = AGG_GROUP_WORDS[column][lang]
        return Fill({"": plural, "sing": singular, "many": _how_many(column, plural, lang)}, column, (), column)
    if kind == "outer":
        column = rng.choice(list(SINGLE_MEMBER_PAIRS))
        plural, singular = slots.GROUP_WORDS[column][lang]
        return Fill({"": plural, "sing": singular}, column, (), column)
    if kind == "inner":
        return _inner(fills, lang, rng)
    if kind in ("anydate", "inclusion"):
        column = "inclusiondate" if kind == "inclusion" else rng.choice([*slots.DATE_WORDS, "inclusiondate"])
        return date_column_fill(column, lang, rng)
    if kind == "strains":
        return Fill({"": rng.choice(STRAIN_WORDS[lang])}, "")
    if kind == "coll":
        return Fill({"": rng.choice(COLLECTION_WORDS[lang])}, "")
    return None


def _how_many(column: str, plural: str, lang: str) -> str:
    """'how many different genera' / 'quante specie diverse' (Italian agrees with the noun's gender)."""
    if lang == "en":
        return f"how many different {plural}"
    return f"quante {plural} diverse" if column in FEMININE_IT else f"quanti {plural} diversi"


def date_column_fill(column: str, lang: str, rng: random.Random) -> Fill:
    """Like `slots.datecol_fill`, inclusiondate too ('added to the catalogue', 'inseriti nel catalogo')."""
    if column != "inclusiondate":
        return slots.datecol_fill(column, lang, rng)
    verbs, noun = INCLUSION_WORDS[lang]
    return Fill({"": rng.choice(verbs), "noun": noun}, column, (), column)


def _inner(fills: dict[str, Fill], lang: str, rng: random.Random) -> Fill:
    outer = fills.get("outer")
    if outer is None:
        raise TemplateError("{inner} needs {outer} earlier in the template")
    column = rng.choice(SINGLE_MEMBER_PAIRS[outer.column])
    plural, singular = slots.GROUP_WORDS[column][lang]
    return Fill({"": plural, "sing": singular, "one": ONE_WORDS[column][lang]}, column, (), column)


def _part(anchor: Strain, used: set[str], vocab: Vocabulary, lang: str, rng: random.Random) -> Fill | None:
    """A word of the anchor's value in a free-text or list column, matched with ILIKE.

    Free-text words must occur in several stored values ('soil', 'marine'): what people search for,
    not a one-off word of one label.
    """
    options = [
        (c, w)
        for c in PART_COLUMNS
        if c not in used and anchor[c]
        for w in part_words(c, anchor[c])
        if c == "identificationtechnique" or w in _shared_words(vocab, c)
    ]
    if not options:
        return None
    column, word = rng.choice(options)
    noun = rng.choice(PART_COLUMNS[column][lang])
    return Fill({"": word, "col": noun}, f"{column} ILIKE {quote('%' + word + '%')}", (), column)


_SHARED: dict[tuple[int, str], frozenset[str]] = {}


def _shared_words(vocab: Vocabulary, column: str, least: int = 3) -> frozenset[str]:
    """Words found in at least `least` distinct stored values of the column (cached per vocabulary)."""
    key = (id(vocab), column)
    if key not in _SHARED:
        counts: dict[str, int] = {}
        for group in vocab.groups.get(column, {}).values():
            for word in set(part_words(column, group.canonical)):
                counts[word] = counts.get(word, 0) + 1
        _SHARED[key] = frozenset(w for w, n in counts.items() if n >= least)
    return _SHARED[key]


def part_words(column: str, stored: str) -> list[str]:
    """The substrings a person would search a stored value for: list items, or its longer words."""
    if column == "identificationtechnique":
        return [item.strip() for item in stored.split(";") if len(item.strip()) >= 4]
    words = re.findall(r"[^\W\d_]{4,}", stored)
    return [w.lower() for w in words if w.lower() not in STOPWORDS]


def _doc_condition(anchor: Strain, used: set[str], vocab: Vocabulary, lang: str, rng: random.Random) -> Fill | None:
    """A condition written as the documentation writes it: "`RecommendedMedium` = MEA", "Region = Tuscany"."""
    options = [c for c in DOC_NAMES if c not in used and anchor.get(c) is not None]
    rng.shuffle(options)
    for column in options:
        doc = rng.choice(DOC_NAMES[column])
        if column == "identificationtechnique":
            words = part_words(column, anchor[column])
            if words:
                word = rng.choice(words)
                text = rng.choice(DOC_CONTAINS[lang]).format(d=doc, v=word)
                return Fill({"": text}, f"{column} ILIKE {quote('%' + word + '%')}", (), column)
            continue
        if column == "typestrain":
            value = anchor[column]
            written = rng.choice(["TRUE", "true", "yes"] if value else ["FALSE", "false", "no"])
            text = rng.choice(DOC_EQUALS[lang]).format(d=doc, v=written)
            return Fill({"": text}, f"typestrain = {'TRUE' if value else 'FALSE'}", (), column)
        group = vocab.group_of(column, anchor[column])
        if group is None or not slots.eligible(vocab, group):
            continue
        stored = group.canonical
        text = rng.choice(DOC_EQUALS[lang]).format(d=doc, v=stored)
        spellings = slots.typed_first(group, stored)
        if column in INT_COLUMNS:
            return Fill({"": text}, f"{column} = {stored}", (), column)
        sql = _in_list(column, spellings) if len(spellings) > 1 else f"{column} = {quote(stored)}"
        return Fill({"": text}, sql, spellings, column)
    return None


def _in_list(column: str, spellings: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(quote(s) for s in spellings)})"


def number_word_fill(n: int, lang: str, rng: random.Random) -> Fill:
    """N of a top-N question, in digits or (two to ten) in words."""
    words = NUMBER_WORDS[lang][n - 2] if 2 <= n <= 10 and rng.random() < 0.3 else str(n)
    return Fill({"": words}, str(n))


def top_n_options(counts: list[int], low: int = 2, high: int = 10) -> list[int]:
    """The N for which the first N + 1 group counts all differ: no tie decides who is in the top N."""
    options = []
    for n in range(low, min(high, len(counts)) + 1):
        head = counts[: n + 1]
        if len(set(head)) == len(head):
            options.append(n)
    return options
