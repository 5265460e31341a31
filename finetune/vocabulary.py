"""Catalogue values as the dataset generator sees them: value groups, their spellings and question words.

A *value group* is one thing the catalogue stores under one or more spellings in one column ('Ligury'
and 'Liguria'; 'Italy', 'italy' and 'ITALY'): the stored values sharing one key of the value index's
thesaurus (`index.thesaurus`, the glossary the linker uses), so gold SQL lists exactly the variants the
linker offers (`region IN ('Ligury', 'Liguria')`). Questions name a group by a surface form from
`data/templates/vocabulary.json` (English, or Italian: 'lieviti' for Yeasts, 'Piemonte' for Piedmont).

    vocab = Vocabulary.load(catalogue, REPO_ROOT / "data/templates/vocabulary.json")
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.database import Catalogue
from index.normalize import normalize
from index.thesaurus import Thesaurus

TEXT_COLUMNS = (
    "genus",
    "scientificname",
    "organismtype",
    "substrate",
    "isolationhabitat",
    "country",
    "region",
    "city",
    "locality",
    "recommendedmedium",
    "accessionnumber",
)
INT_COLUMNS = ("riskgroup", "recommendedtemperature")
DATE_COLUMNS = ("collectiondate", "isolationdate", "depositdate")
# Read for the question shapes of C8-C13 (flags, coded numbers, NULLs, substrings, inclusion dates).
FLAG_COLUMNS = ("typestrain", "gmo", "euquarantine", "dualuse", "availablefordis", "availableatcc", "publicdata")
FLAG_COLUMNS += ("registeredcollection", "status")
EXTRA_COLUMNS = (*FLAG_COLUMNS, "nagoyaconditions", "userrestrictions", "testedtgmin", "testedtgmax")
EXTRA_COLUMNS += ("inclusiondate", "identificationtechnique", "ploidy", "pathogenicity")
# Columns whose values a question may name without naming the column; a value named so points to the
# column holding it most often (the linker's rule), so questions only name values stored mostly there.
VALUE_ONLY_COLUMNS = (
    "genus",
    "scientificname",
    "substrate",
    "isolationhabitat",
    "region",
    "city",
    "country",
    "locality",
)


@dataclass(frozen=True)
class ValueGroup:
    column: str
    canonical: str  # the most frequent stored spelling
    spellings: tuple[str, ...]  # every stored spelling, canonical first, most frequent first
    count: int  # strains holding any spelling

    @property
    def key(self) -> str:
        return self.canonical


@dataclass
class Vocabulary:
    strains: list[dict[str, Any]]  # every strain, strainid order
    groups: dict[str, dict[str, ValueGroup]]  # column -> canonical -> group
    group_key: dict[tuple[str, str], str]  # (column, stored spelling) -> canonical
    counts_by_key: dict[str, dict[str, int]]  # thesaurus key -> value-only column -> strains
    surfaces: dict[str, dict[str, dict[str, list[str]]]]  # column -> canonical -> language -> words
    known_norms: frozenset[str] = field(default=frozenset())  # every stored value's normal form
    thesaurus: Thesaurus = field(default_factory=Thesaurus)

    @classmethod
    def load(cls, catalogue: Catalogue, path: Path, thesaurus: Thesaurus | None = None) -> Vocabulary:
        config = json.loads(path.read_text(encoding="utf-8"))
        thesaurus = thesaurus or Thesaurus.load()
        strains = _read_strains(catalogue)
        groups, group_key = _build_groups(strains, thesaurus)
        counts = _counts_by_key(groups, thesaurus)
        spellings = (s for by_key in groups.values() for g in by_key.values() for s in g.spellings)
        norms = frozenset(normalize(s) for s in spellings)
        return cls(strains, groups, group_key, counts, config.get("surfaces", {}), norms, thesaurus)

    def group_of(self, column: str, stored: Any) -> ValueGroup | None:
        """The group holding one stored value (None for NULL or an excluded spelling)."""
        if stored is None:
            return None
        key = self.group_key.get((column, str(stored)))
        return self.groups[column][key] if key is not None else None

    def primary_column(self, group: ValueGroup) -> str:
        """Where a value-only mention of this group points: the column holding its normal form most often."""
        by_column = self.counts_by_key.get(self.thesaurus.key(group.canonical), {})
        return max(by_column, key=lambda c: (by_column[c], c == group.column)) if by_column else group.column

    def surface(self, group: ValueGroup, language: str, rng: random.Random) -> str:
        """How a question written in `language` names the group."""
        words = self.surfaces.get(group.column, {}).get(group.canonical, {}).get(language)
        if words:
            return rng.choice(words)
        english = self.surfaces.get(group.column, {}).get(group.canonical, {}).get("en")
        if language != "en" and english and rng.random() < 0.5:
            return rng.choice(english)
        return rng.choice(group.spellings)


def _read_strains(catalogue: Catalogue) -> list[dict[str, Any]]:
    columns = ("strainid", *TEXT_COLUMNS, *INT_COLUMNS, *DATE_COLUMNS, *EXTRA_COLUMNS)
    result = catalogue.run_read(f"SELECT {', '.join(columns)} FROM detailedstrain ORDER BY strainid", max_rows=None)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def _build_groups(
    strains: list[dict[str, Any]], thesaurus: Thesaurus
) -> tuple[dict[str, dict[str, ValueGroup]], dict[tuple[str, str], str]]:
    groups: dict[str, dict[str, ValueGroup]] = {}
    group_key: dict[tuple[str, str], str] = {}
    for column in (*TEXT_COLUMNS, *INT_COLUMNS):
        counts: dict[str, int] = defaultdict(int)
        for strain in strains:
            if strain[column] is not None:
                counts[str(strain[column])] += 1
        members: dict[str, list[str]] = defaultdict(list)
        for spelling in sorted(counts):
            members[thesaurus.key(spelling) or spelling].append(spelling)
        groups[column] = {}
        for spellings in members.values():
            ordered = tuple(sorted(spellings, key=lambda s: (-counts[s], s)))
            group = ValueGroup(column, ordered[0], ordered, sum(counts[s] for s in ordered))
            groups[column][group.canonical] = group
            group_key.update({(column, s): group.canonical for s in ordered})
    return groups, group_key


def _counts_by_key(groups: dict[str, dict[str, ValueGroup]], thesaurus: Thesaurus) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for column in VALUE_ONLY_COLUMNS:
        for group in groups[column].values():
            key = thesaurus.key(group.canonical)
            counts[key][column] = counts[key].get(column, 0) + group.count
    return dict(counts)
