"""The dataset on the real catalogue: templates render, gold SQL runs, splits are clean, builds reproduce."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
import sqlglot
from sqlglot import exp

from finetune.dataset import (
    BASE_CATEGORIES,
    BuildConfig,
    build_dataset,
    check_records,
    count_table,
    read_jsonl,
    write_splits,
)
from finetune.sampling import GoldChecker, Sampler
from finetune.templates import CATEGORY_SHAPES, LANGUAGES, PLACEHOLDER, load_templates
from finetune.vocabulary import TEXT_COLUMNS, Vocabulary
from strainchat.cli import main
from strainchat.settings import REPO_ROOT

TEMPLATES_DIR = REPO_ROOT / "data" / "templates"
DATASET_DIR = REPO_ROOT / "data" / "dataset"
WILD = REPO_ROOT / "data" / "wild" / "wild.jsonl"
SPLITS = ("train", "validation", "test")
GOLD_FORMS = ("SELECT strainid FROM detailedstrain WHERE ", "SELECT COUNT(*) FROM detailedstrain WHERE ")
# Aggregates without a filter (C10): a total, a count of distinct values, grouped forms.
AGGREGATE_FORMS = ("SELECT COUNT(*) FROM detailedstrain", "SELECT COUNT(DISTINCT ")
SHAPE_CELLS = {(c, shape, lang) for c, shapes in CATEGORY_SHAPES.items() for shape in shapes for lang in LANGUAGES}


@pytest.fixture(scope="module")
def checker(catalogue) -> GoldChecker:
    return GoldChecker(catalogue)


@pytest.fixture(scope="module")
def sampler(catalogue, checker) -> Sampler:
    return Sampler(Vocabulary.load(catalogue, TEMPLATES_DIR / "vocabulary.json"), checker)


@pytest.fixture(scope="module")
def committed() -> dict[str, list[dict]]:
    return {split: read_jsonl(DATASET_DIR / f"{split}.jsonl") for split in SPLITS}


def test_every_template_renders_with_gold_that_finds_something(sampler):
    failures = []
    for template in load_templates(TEMPLATES_DIR):
        rng = random.Random(template.index_template)
        sample = next((s for s in (sampler.sample(template, rng) for _ in range(60)) if s), None)
        if sample is None:
            failures.append(template.index_template)
            continue
        texts = [sample.question, sample.sql, *(t for h in sample.history for t in h.values())]
        assert not any(PLACEHOLDER.search(text) for text in texts), template.index_template
    assert not failures, f"templates that never rendered: {failures}"


def test_a_small_build_is_reproducible_from_its_seed_and_balanced(catalogue):
    shape_sizes = {"train": 2, "validation": 1, "test": 1}
    config = BuildConfig(seed=5, sizes={"train": 28, "validation": 14, "test": 14}, shape_sizes=shape_sizes)
    first = build_dataset(catalogue, config)
    again = build_dataset(catalogue, config)
    other = build_dataset(catalogue, BuildConfig(seed=6, sizes=config.sizes, shape_sizes=shape_sizes))
    assert first.splits == again.splits and not first.shortfalls
    assert first.splits != other.splits
    for split, records in first.splits.items():
        counts = Counter((r["category"], r["language"]) for r in records if r["category"] in BASE_CATEGORIES)
        assert set(counts.values()) == {config.sizes[split] // 14}, split
        shaped = Counter(
            (r["category"], r["shape"], r["language"]) for r in records if r["category"] in CATEGORY_SHAPES
        )
        assert set(shaped) == SHAPE_CELLS and set(shaped.values()) == {shape_sizes[split]}, split


def test_committed_splits_have_the_promised_sizes_and_balance(committed):
    for split, minimum, per_shape in (("train", 1500, 22), ("validation", 300, 10), ("test", 300, 10)):
        records = committed[split]
        assert len(records) >= minimum + per_shape * len(SHAPE_CELLS)
        counts = Counter((r["category"], r["language"]) for r in records if r["category"] in BASE_CATEGORIES)
        assert set(counts) == {(c, lang) for c in BASE_CATEGORIES for lang in LANGUAGES}
        assert max(counts.values()) - min(counts.values()) <= 1, split
        shaped = Counter(
            (r["category"], r["shape"], r["language"]) for r in records if r["category"] in CATEGORY_SHAPES
        )
        assert set(shaped) == SHAPE_CELLS and set(shaped.values()) == {per_shape}, split
        assert {r["split"] for r in records} == {split}
        assert len({r["id"] for r in records}) == len(records)


def test_committed_splits_have_no_duplicates_within_or_across_splits(committed):
    records = [r for split in SPLITS for r in committed[split]]
    pairs = Counter((r["question"], r["sql"]) for r in records)
    contexts = Counter((*(h["question"] for h in r["history"]), r["question"]) for r in records)
    assert pairs.most_common(1)[0][1] == 1
    assert contexts.most_common(1)[0][1] == 1


def test_test_split_comes_only_from_test_templates_and_train_never_does(committed):
    test_ids = {t.index_template for t in load_templates(TEMPLATES_DIR) if t.source == "test"}
    assert {r["index_template"] for r in committed["test"]} <= test_ids
    assert not {r["index_template"] for r in committed["train"] + committed["validation"]} & test_ids
    train_questions = {r["question"] for r in committed["train"] + committed["validation"]}
    assert not train_questions & {r["question"] for r in committed["test"]}


def test_committed_gold_sql_is_canonical_and_in_the_trained_form(committed):
    for record in (r for split in SPLITS for r in committed[split]):
        for sql in [h["sql"] for h in record["history"]] + [record["sql"]]:
            assert sqlglot.parse_one(sql, read="postgres").sql(dialect="postgres") == sql
            assert sql.startswith(GOLD_FORMS) or " GROUP BY " in sql or sql.startswith(AGGREGATE_FORMS), sql
        assert record["possible_sql_queries"][0] == record["sql"]
        assert bool(record["history"]) == (record["category"] == "C6")


def test_committed_gold_sql_executes_and_finds_something(committed, checker):
    # All of test and validation, a seeded fifth of train: the whole train split runs in the slow rebuild.
    train = random.Random(0).sample(committed["train"], len(committed["train"]) // 5)
    problems = check_records(checker, committed["test"] + committed["validation"] + train)
    assert not problems


def test_wild_set_is_hand_written_bilingual_and_its_gold_finds_something(checker, committed):
    wild = read_jsonl(WILD)
    assert len(wild) >= 60
    languages = Counter(r["language"] for r in wild)
    assert languages["en"] >= 25 and languages["it"] >= 25
    assert {r["category"] for r in wild} == set(BASE_CATEGORIES)
    assert any(r["history"] for r in wild)
    assert not check_records(checker, wild)
    generated = {r["question"] for split in SPLITS for r in committed[split]}
    assert not generated & {r["question"] for r in wild}


def test_wild_gold_names_every_stored_spelling_of_its_values(sampler):
    """`col = 'v'` only for values stored one way; IN lists hold exactly the glossary's variants."""
    vocab = sampler.vocab
    for record in read_jsonl(WILD):
        tree = sqlglot.parse_one(record["sql"], read="postgres")
        for node in tree.find_all(exp.EQ, exp.In):
            column = node.this.name if isinstance(node.this, exp.Column) else None
            items = node.expressions if isinstance(node, exp.In) else [node.expression]
            values = [str(i.this) for i in items if isinstance(i, exp.Literal) and i.is_string]
            group = vocab.group_of(column, values[0]) if column in TEXT_COLUMNS and values else None
            if group is not None:
                assert sorted(values) == sorted(group.spellings), (record["id"], values, group.spellings)


def test_dataset_build_command_writes_files_and_prints_counts(setup_report, tmp_path, capsys):
    code = main([
        "--database-url", setup_report.owner_dsn, "dataset", "build", "--seed", "3", "--out", str(tmp_path),
        "--train", "14", "--validation", "14", "--test", "14",
        "--shape-train", "1", "--shape-validation", "0", "--shape-test", "0",
    ])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("split") and "train" in printed
    lines = (tmp_path / "train.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 14 + len(SHAPE_CELLS) and json.loads(lines[0])["split"] == "train"
    assert {json.loads(line)["shape"] for line in lines} >= {s for _, s, _ in SHAPE_CELLS}
    assert len((tmp_path / "test.jsonl").read_text(encoding="utf-8").splitlines()) == 14


def test_dataset_check_command_reports_bad_gold_and_unreadable_files(setup_report, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    records = [
        {"id": "a", "sql": "SELECT strainid FROM detailedstrain WHERE genus = 'Nonexistentia'"},
        {"id": "b", "sql": "SELECT strainid FROM detailedstrain WHERE"},
        {"id": "c"},
    ]
    bad.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["--database-url", setup_report.owner_dsn, "dataset", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "a: finds nothing" in out and "b:" in out and "c: missing gold SQL" in out
    assert main(["--database-url", setup_report.owner_dsn, "dataset", "check", str(tmp_path / "none.jsonl")]) == 2


def test_new_shape_golds_have_their_canonical_form(sampler):
    """Top N leaves no tie among its first N + 1 groups; exclusions and OR lists name every spelling."""
    for template in load_templates(TEMPLATES_DIR):
        if template.category not in CATEGORY_SHAPES:
            continue
        rng = random.Random(f"form/{template.index_template}")
        sample = next((s for s in (sampler.sample(template, rng) for _ in range(60)) if s), None)
        assert sample is not None, template.index_template
        tree = sqlglot.parse_one(sample.sql, read="postgres")
        if template.shape == "top_n":
            limit = int(tree.args["limit"].expression.name)
            unlimited = sample.sql.rsplit(" LIMIT ", 1)[0]
            counts = [row[-1] for row in sampler.checker.run(unlimited)]
            assert len(set(counts[: limit + 1])) == len(counts[: limit + 1]), sample.sql
        if template.shape in ("total", "group_count", "count_distinct", "group_having", "top_n", "per_period"):
            assert tree.args.get("where") is None, sample.sql
        for node in tree.find_all(exp.In):
            column = node.this.name
            values = [str(e.this) for e in node.expressions if isinstance(e, exp.Literal) and e.is_string]
            groups = {sampler.vocab.group_of(column, v) for v in values} - {None}
            spelled = {s for g in groups for s in g.spellings}
            assert set(values) == spelled, sample.sql


def test_count_table_lists_every_split_and_cell():
    splits = {"train": [{"category": "C1", "language": "en"}], "test": []}
    table = count_table(splits).splitlines()
    assert len(table) == 3 and table[1].split()[:2] == ["train", "1"] and table[2].split()[-1] == "0"


@pytest.mark.slow
def test_committed_splits_are_exactly_what_the_default_build_writes(catalogue, committed, tmp_path):
    """Rebuild with the defaults: byte-identical files (needs regenerating after template/glossary edits)."""
    result = build_dataset(catalogue)
    write_splits(tmp_path, result.splits)
    for split in SPLITS:
        assert (tmp_path / f"{split}.jsonl").read_bytes() == (DATASET_DIR / f"{split}.jsonl").read_bytes(), split
