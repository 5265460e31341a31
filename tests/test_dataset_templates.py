"""The template machinery without a database: loading, rendering, misspelling, dates, equivalents."""

from __future__ import annotations

import random
import re

import pytest
import sqlglot

from finetune.dataset import cell_sizes
from finetune.sampling import fixed_condition
from finetune.slots import date_fills, parse_stored_date
from finetune.templates import (
    CATEGORIES,
    LANGUAGES,
    PLACEHOLDER,
    Fill,
    TemplateError,
    equivalent_sql,
    load_templates,
    misspell,
    render_question,
    render_sql,
)
from strainchat.settings import REPO_ROOT

TEMPLATES = load_templates(REPO_ROOT / "data" / "templates")


def wording(text: str) -> str:
    """A template's words with placeholders and filters reduced to their kind: comparable across files."""
    return " ".join(PLACEHOLDER.sub(lambda m: "{" + m.group(1).rstrip("0123456789") + "}", text).lower().split())


def test_every_category_and_language_has_train_and_test_templates():
    for source in ("train", "test"):
        for category in CATEGORIES:
            for language in LANGUAGES:
                cell = [t for t in TEMPLATES if (t.source, t.category, t.language) == (source, category, language)]
                assert len(cell) >= (12 if source == "train" else 7), (source, category, language)


def test_test_templates_are_worded_apart_from_training_templates():
    def wordings(source: str) -> set[str]:
        texts = set()
        for t in TEMPLATES:
            if t.source == source:
                texts |= {wording(t.question_template)} | {wording(h.question_template) for h in t.history_template}
        return texts

    assert not wordings("train") & wordings("test")


def test_sql_templates_are_canonical_and_use_only_their_placeholders():
    for t in TEMPLATES:
        question_slots = {m.group(1) for text in [t.question_template] for m in PLACEHOLDER.finditer(text)}
        history_slots = {m.group(1) for h in t.history_template for m in PLACEHOLDER.finditer(h.question_template)}
        sql_slots = {m.group(1) for m in PLACEHOLDER.finditer(t.sql_template)}
        words_only = {s for s in question_slots if s == "view" or s.startswith("col_")}
        assert sql_slots <= question_slots | history_slots, t.index_template
        assert question_slots - words_only <= sql_slots | {"datecol"}, t.index_template
        assert t.sql_template.startswith(
            ("SELECT strainid FROM detailedstrain WHERE ", "SELECT COUNT(*) FROM ", "SELECT {groupcol}, COUNT(*)")
        )


def test_load_templates_names_the_broken_file(tmp_path):
    (tmp_path / "train").mkdir()
    (tmp_path / "test").mkdir()
    (tmp_path / "train" / "C1.json").write_text(
        '[{"index_template": "x", "category": "C9", "language": "en", "question_template": "q", "sql_template": "s"}]'
    )
    with pytest.raises(TemplateError, match="C1.json"):
        load_templates(tmp_path)
    (tmp_path / "train" / "C1.json").write_text("[{")
    with pytest.raises(TemplateError, match="not valid JSON"):
        load_templates(tmp_path)


def test_render_sql_widens_multi_spelling_values_to_in_and_escapes_quotes():
    fills = {
        "region": Fill({"": "Liguria"}, "'Ligury'", ("Liguria", "Ligury"), "region"),
        "city": Fill({"": "Santa Croce"}, "'Santa Croce sull''Arno'", ("Santa Croce sull'Arno",), "city"),
    }
    sql = render_sql("SELECT strainid FROM detailedstrain WHERE region = {region} AND city = {city}", fills)
    assert sql == (
        "SELECT strainid FROM detailedstrain WHERE region IN ('Liguria', 'Ligury') AND city = 'Santa Croce sull''Arno'"
    )
    assert sqlglot.parse_one(sql, read="postgres").sql(dialect="postgres") == sql


def test_render_question_applies_filters_and_capitalises_only_a_leading_value():
    fills = {
        "organismtype": Fill({"": "yeasts"}, "'Yeasts'"),
        "groupcol": Fill({"": "genera", "sing": "genus"}, "genus"),
    }
    rng = random.Random(1)
    assert render_question("{organismtype} by {groupcol|sing}", fills, rng, lambda _: False) == "Yeasts by genus"
    assert render_question("all {groupcol}", fills, rng, lambda _: False) == "all genera"


@pytest.mark.parametrize("seed", range(30))
def test_misspell_changes_one_long_word_keeps_its_first_letter_and_avoids_known_values(seed):
    rng = random.Random(seed)
    original = "Aspergillus fumigatus"
    slipped = misspell(original, rng, known=lambda text: text == "Aspergilus fumigatus")
    assert slipped != original and slipped != "Aspergilus fumigatus"
    changed = [(a, b) for a, b in zip(original.split(), slipped.split(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0][0] == changed[0][1][0]
    assert abs(len(changed[0][0]) - len(changed[0][1])) <= 1


def test_misspell_leaves_short_words_alone():
    assert misspell("MEA 25", random.Random(0)) == "MEA 25"


def test_equivalent_sql_reorders_conditions_and_swaps_selections():
    gold = "SELECT COUNT(*) FROM detailedstrain WHERE genus = 'A' AND region = 'B'"
    variants = equivalent_sql(gold)
    assert variants[0] == gold
    assert "SELECT COUNT(strainid) FROM detailedstrain WHERE region = 'B' AND genus = 'A'" in variants
    rows = equivalent_sql("SELECT strainid FROM detailedstrain WHERE genus = 'A'")
    assert "SELECT * FROM detailedstrain WHERE genus = 'A'" in rows
    grouped = equivalent_sql(
        "SELECT genus, COUNT(*) FROM detailedstrain WHERE x = 1 GROUP BY genus HAVING COUNT(*) > 2"
    )
    assert grouped[-1].endswith("HAVING COUNT(strainid) > 2")


def test_fixed_condition_keeps_only_placeholder_free_conditions():
    sql = "SELECT strainid FROM detailedstrain WHERE genus = {genus} AND typestrain = TRUE AND {val}"
    assert fixed_condition(sql) == "TRUE AND typestrain = TRUE AND (TRUE)"
    assert (
        fixed_condition(
            "SELECT {groupcol}, COUNT(*) FROM detailedstrain WHERE {datecol} > {year_after} "
            "GROUP BY {groupcol} HAVING COUNT(*) > {n}"
        )
        == "TRUE"
    )


def test_stored_dates_parse_in_every_published_format():
    assert parse_stored_date("2019") == (2019, None, None)
    assert parse_stored_date("201905") == (2019, 5, None)
    assert parse_stored_date("20190515") == parse_stored_date("2019-05-15") == (2019, 5, 15)
    assert parse_stored_date("spring") is None and parse_stored_date(None) is None


@pytest.mark.parametrize("seed", range(20))
def test_date_fills_are_satisfied_by_the_anchor_date(seed):
    rng = random.Random(seed)
    kinds = ["year", "year_before", "year_after", "year_from", "year_to", "month", "day", "day_before", "day_after"]
    fills = date_fills(kinds, "2015-07-09", "it", rng)
    assert fills is not None
    literal = {k: f.sql.strip("'") for k, f in fills.items()}
    assert literal["year"] == "2015" and literal["month"] == "2015-07" and literal["day"] == "2015-07-09"
    assert literal["year_before"] > "2015" > literal["year_after"]
    assert literal["year_from"] <= "2015" <= literal["year_to"] and literal["year_from"] < literal["year_to"]
    assert literal["day_before"] > "2015-07-09" > literal["day_after"]
    assert re.fullmatch(r"[\w ./,-]+", fills["day"].forms[""])
    assert date_fills(["day"], "2015", "en", rng) is None  # a year cannot answer a question about a day


def test_cell_sizes_spread_a_split_evenly():
    sizes = cell_sizes(300)
    assert sum(sizes.values()) == 300 and max(sizes.values()) - min(sizes.values()) <= 1
    assert len(sizes) == len(CATEGORIES) * len(LANGUAGES)
