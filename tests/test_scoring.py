"""Scoring: exact match by normalised SQL, execution match by accession sets or value multisets."""

from __future__ import annotations

from decimal import Decimal

from finetune.scoring import exact_match, execution_match, gold_orders, normalize_sql, outcome


def test_exact_match_ignores_case_spacing_and_semicolon():
    gold = ["SELECT strainid FROM detailedstrain WHERE genus = 'Aspergillus'"]
    assert exact_match("select  strainid from DETAILEDSTRAIN where genus='Aspergillus';", gold)
    assert not exact_match("SELECT strainid FROM detailedstrain WHERE genus = 'aspergillus'", gold)
    assert not exact_match("not sql at all (", gold)
    assert normalize_sql(None) is None


def test_row_answers_compare_accession_sets():
    cols = ["strainid", "accessionnumber"]
    gold = outcome("rows", cols, [(1, "MUT1"), (2, "MUT2")])
    assert execution_match(outcome("rows", cols, [(2, "MUT2"), (1, "MUT1")]), gold)
    assert not execution_match(outcome("rows", cols, [(1, "MUT1")]), gold)
    assert not execution_match(outcome("aggregate", ["count"], [(2,)]), gold)
    assert not execution_match(None, gold)


def test_aggregates_compare_value_multisets_and_order_only_when_gold_orders():
    gold = outcome("aggregate", ["genus", "count"], [("A", 3), ("B", Decimal("2"))])
    assert execution_match(outcome("aggregate", ["g", "n"], [("B", 2.0), ("A", 3)]), gold)
    assert not execution_match(outcome("aggregate", ["g", "n"], [("B", 2), ("A", 4)]), gold)
    ordered_gold = outcome("aggregate", ["g", "n"], [("A", 3), ("B", 2)], ordered=True)
    assert not execution_match(outcome("aggregate", ["g", "n"], [("B", 2), ("A", 3)], ordered=True), ordered_gold)
    assert gold_orders("SELECT genus, COUNT(*) FROM detailedstrain GROUP BY genus ORDER BY 2 DESC")
    assert not gold_orders("SELECT COUNT(*) FROM detailedstrain")
