"""The template machinery without a database: loading, rendering, misspelling, dates, equivalents."""

from __future__ import annotations

import random
import re

import pytest
import sqlglot

from finetune import shape_slots
from finetune.dataset import BASE_CATEGORIES, cell_sizes
from finetune.sampling import fixed_condition
from finetune.slots import DATE_KINDS, KIND_COLUMNS, date_fills, parse_stored_date
from finetune.templates import (
    CATEGORY_SHAPES,
    LANGUAGES,
    PLACEHOLDER,
    SHAPES,
    Fill,
    TemplateError,
    equivalent_sql,
    load_templates,
    misspell,
    render_question,
    render_sql,
    slot_kind,
)
from strainchat.settings import REPO_ROOT

TEMPLATES = load_templates(REPO_ROOT / "data" / "templates")
SHAPE_DOC = (REPO_ROOT / "docs" / "question-shapes.md").read_text(encoding="utf-8")
WORDS_ONLY = ("view", *shape_slots.WORD_KINDS)
# Every placeholder kind the sampler knows how to fill.
KNOWN_KINDS = {
    *KIND_COLUMNS,
    *DATE_KINDS,
    "val",
    "datecol",
    "groupcol",
    "view",
    *shape_slots.CONSTRAINING,
    *shape_slots.COLUMN_KINDS,
    *shape_slots.CONDITION_KINDS,
    *shape_slots.NUMBER_KINDS,
    *shape_slots.WORD_KINDS,
}
SQL_STARTS = (
    "SELECT strainid FROM detailedstrain WHERE ",
    "SELECT COUNT(*) FROM ",
    "SELECT COUNT(DISTINCT {gcol}) FROM detailedstrain",
    "SELECT {groupcol}, COUNT(*)",
    "SELECT {gcol}, COUNT(*) FROM detailedstrain GROUP BY {gcol}",
    "SELECT {outer} FROM detailedstrain GROUP BY {outer} HAVING COUNT(DISTINCT {inner}) = 1",
    "SELECT LEFT(",
)


def wording(text: str) -> str:
    """A template's words with placeholders and filters reduced to their kind: comparable across files."""
    return " ".join(PLACEHOLDER.sub(lambda m: "{" + m.group(1).rstrip("0123456789") + "}", text).lower().split())


def test_every_category_and_language_has_train_and_test_templates():
    for source in ("train", "test"):
        for category in BASE_CATEGORIES:
            for language in LANGUAGES:
                cell = [t for t in TEMPLATES if (t.source, t.category, t.language) == (source, category, language)]
                assert len(cell) >= (12 if source == "train" else 7), (source, category, language)


def test_every_new_shape_has_train_and_test_templates_in_both_languages():
    for category, shapes in CATEGORY_SHAPES.items():
        for shape in shapes:
            for source, least in (("train", 6), ("test", 3)):
                for language in LANGUAGES:
                    key = (source, category, shape, language)
                    cell = [t for t in TEMPLATES if (t.source, t.category, t.shape, t.language) == key]
                    assert len(cell) >= least, key


def test_every_shape_tag_is_documented_and_every_template_carries_one_of_its_category():
    documented = set(re.findall(r"^\| `(\w+)` \|", SHAPE_DOC, flags=re.M))
    assert set(SHAPES) == documented
    assert {shape for shapes in CATEGORY_SHAPES.values() for shape in shapes} == documented - {"value", "date"}
    for t in TEMPLATES:
        assert t.shape in CATEGORY_SHAPES.get(t.category, SHAPES), t.index_template
    assert {t.shape for t in TEMPLATES if t.category == "C4"} == {"date"}


def test_every_placeholder_is_one_the_sampler_fills():
    for t in TEMPLATES:
        kinds = {slot_kind(name) for name in t.slots()}
        assert kinds <= KNOWN_KINDS | {k for k in kinds if k.startswith("col_")}, (t.index_template, kinds)


def test_aggregates_without_a_filter_have_no_where_in_any_split():
    for t in TEMPLATES:
        if t.category == "C10":
            assert " WHERE " not in t.sql_template, t.index_template
    assert {t.shape for t in TEMPLATES if t.category == "C10" and t.source == "train"} == set(CATEGORY_SHAPES["C10"])


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
        words_only = {s for s in question_slots if s in WORDS_ONLY or s.startswith("col_")}
        assert sql_slots <= question_slots | history_slots, t.index_template
        assert question_slots - words_only <= sql_slots | {"datecol"}, t.index_template
        assert t.sql_template.startswith(SQL_STARTS), t.index_template


def test_load_templates_names_the_broken_file(tmp_path):
    (tmp_path / "train").mkdir()
    (tmp_path / "test").mkdir()
    (tmp_path / "train" / "C1.json").write_text(
        '[{"index_template": "x", "category": "C99", "shape": "value", "language": "en", '
        '"question_template": "q", "sql_template": "s"}]'
    )
    with pytest.raises(TemplateError, match="C1.json"):
        load_templates(tmp_path)
    (tmp_path / "train" / "C1.json").write_text(
        '[{"index_template": "x", "category": "C8", "shape": "top_n", "language": "en", '
        '"question_template": "q", "sql_template": "s"}]'
    )
    with pytest.raises(TemplateError, match="shape 'top_n'"):
        load_templates(tmp_path)
    (tmp_path / "train" / "C1.json").write_text(
        '[{"index_template": "x", "category": "C1", "language": "en", "question_template": "q", "sql_template": "s"}]'
    )
    with pytest.raises(TemplateError, match="lacks 'shape'"):
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


def test_render_sql_widens_exclusions_to_not_in_and_spreads_in_lists_over_every_spelling():
    fills = {
        "region": Fill({"": "Liguria"}, "'Ligury'", ("Liguria", "Ligury"), "region"),
        "region2": Fill({"": "Tuscany"}, "'Tuscany'", ("Tuscany",), "region"),
        "country": Fill({"": "Spain"}, "'Spain'", ("Spain",), "country"),
    }
    sql = render_sql(
        "SELECT strainid FROM detailedstrain WHERE region IN ({region}, {region2}) AND country <> {country}", fills
    )
    assert sql == (
        "SELECT strainid FROM detailedstrain WHERE region IN ('Liguria', 'Ligury', 'Tuscany') AND country <> 'Spain'"
    )
    excluded = render_sql("SELECT strainid FROM detailedstrain WHERE region <> {region}", fills)
    assert excluded == "SELECT strainid FROM detailedstrain WHERE NOT region IN ('Liguria', 'Ligury')"
    for text in (sql, excluded):
        assert sqlglot.parse_one(text, read="postgres").sql(dialect="postgres") == text


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


def test_fixed_condition_treats_shape_placeholders_as_free():
    sql = "SELECT strainid FROM detailedstrain WHERE genus = {genus} AND NOT {part} AND {nullcol} IS NULL AND {flag}"
    assert fixed_condition(sql) == "TRUE AND TRUE AND TRUE AND (TRUE)"
    relative = (
        "SELECT strainid FROM detailedstrain WHERE {relcol} = (SELECT {relcol} FROM detailedstrain "
        "WHERE accessionnumber = {accession}) AND typestrain = TRUE"
    )
    assert fixed_condition(relative) == "TRUE AND typestrain = TRUE"


def test_top_n_options_leave_no_tie_at_the_boundary():
    # Row order counts in scoring: a tie anywhere among the first N + 1 groups makes the answer ambiguous.
    assert shape_slots.top_n_options([50, 40, 30, 30, 20, 10]) == [2]
    assert shape_slots.top_n_options([9, 8, 7]) == [2, 3]  # N = all groups: nothing left to tie with
    assert shape_slots.top_n_options([5, 5, 5]) == []


def test_part_words_take_list_items_and_longer_words():
    assert shape_slots.part_words("identificationtechnique", "Morphological;Molecular;MALDI-TOF;") == [
        "Morphological",
        "Molecular",
        "MALDI-TOF",
    ]
    assert shape_slots.part_words("substrate", "Soil contaminated by PAHs, 2 km from a road") == [
        "soil",
        "contaminated",
        "pahs",
        "road",
    ]


@pytest.mark.parametrize("seed", range(20))
def test_numeric_conditions_hold_for_a_strain_they_were_drawn_from(seed):
    strains = [
        {"riskgroup": r, "userrestrictions": u, "nagoyaconditions": 1, "recommendedtemperature": t}
        | {"testedtgmin": None, "testedtgmax": None}
        for r, u, t in ((1, 3, 25), (2, 1, 37), (None, 2, 15))
    ]
    rng = random.Random(seed)
    chosen = shape_slots.constrain("numcond", "", strains, rng.choice(LANGUAGES), rng)
    if chosen is None:  # a tested-temperature column nobody holds here
        return
    fill, test = chosen
    assert any(test(s) for s in strains)
    assert fill.forms[""].startswith(("with ", "con ")) and fill.column in fill.sql
    assert sqlglot.parse_one(f"SELECT 1 WHERE {fill.sql}", read="postgres")


def test_flag_phrases_exist_in_both_languages_and_negations_only_for_held_values():
    for (column, _value), words in shape_slots.FLAG_WORDS.items():
        assert set(words) == set(LANGUAGES) and all(words.values()), column
    negated = {column for column, value in shape_slots.FLAG_WORDS if value is False}
    assert "availablefordis" not in negated  # every strain is available: the negation would find nothing


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
    assert len(sizes) == len(BASE_CATEGORIES) * len(LANGUAGES)
