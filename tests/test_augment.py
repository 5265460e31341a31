"""Word-level noise on training questions keeps every value of the gold SQL intact."""

import random

from finetune.augment import augment_records, perturb, protected_words

SQL = "SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus' AND substrate = 'soil of the garden'"


def test_values_in_the_gold_sql_are_protected():
    assert protected_words(SQL) == {"aspergillus", "soil", "of", "the", "garden"}


def test_rewrites_never_touch_a_value():
    question = "Give me all the strains of Aspergillus from soil of the garden"
    for seed in range(200):
        rewritten = perturb(question, SQL, random.Random(seed)).lower()
        assert "aspergillus" in rewritten and "soil of the garden" in rewritten


def test_rewrites_vary_and_are_reproducible():
    question = "Give me all the strains of Aspergillus from soil of the garden"
    variants = {perturb(question, SQL, random.Random(seed)) for seed in range(50)}
    assert len(variants) > 5
    assert perturb(question, SQL, random.Random(3)) == perturb(question, SQL, random.Random(3))


def test_share_zero_changes_nothing_and_sql_is_kept():
    records = [{"question": "How many strains of Aspergillus?", "sql": SQL}] * 20
    assert augment_records(records, 0.0, seed=1) == records
    rewritten = augment_records(records, 1.0, seed=1)
    assert all(r["sql"] == SQL for r in rewritten) and any(r["question"] != records[0]["question"] for r in rewritten)


def test_unparsable_gold_leaves_the_question_alone():
    assert perturb("Give me all strains", "not sql at all (", random.Random(0)) == "Give me all strains"
