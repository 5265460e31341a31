"""The reviewed glossary (data/linking/glossary.json): which terms name the same thing, and column names.

Every text is compared under one key, `key(text)`: its normal form with plurals folded, replaced by
its glossary group when it belongs to one. Two stored values with the same key in one column are
spelling variants of one thing ('Turin'/'Torino', 'Liguria'/'Ligury', 'Atlantic Ocean'/'Atlantic
ocean', 'Marine sediment'/'Marine sediments'); a question term with that key links to them.

Groups sharing a term are merged (a union-find), so the translation list and the list of the
catalogue's own misspellings can both mention 'Tuscany'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.normalize import fold_plurals, normalize
from strainchat.settings import REPO_ROOT

GLOSSARY_PATH = REPO_ROOT / "data" / "linking" / "glossary.json"
_GROUP_PREFIX = "="  # group keys cannot collide with plain keys, which never start with punctuation


def plain_key(text: str) -> str:
    return fold_plurals(normalize(text))


@dataclass
class Thesaurus:
    groups: list[list[str]] = field(default_factory=list)
    column_phrases: dict[str, list[str]] = field(default_factory=dict)
    not_column_mentions: list[str] = field(default_factory=list)
    # Italian word -> the English word stored values use, for partial values ('spugne' -> 'sponge')
    words: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._group_of = _merge_groups(self.groups)
        # one-word glossary terms -> the group's first (English) word: 'formaggio' -> 'cheese'
        self._one_word = {
            plain_key(term): plain_key(group[0])
            for group in self.groups
            if len(group[0].split()) == 1
            for term in group[1:]
            if len(term.split()) == 1 and plain_key(term)
        }

    @classmethod
    def load(cls, path: Path = GLOSSARY_PATH) -> Thesaurus:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"glossary not found at {path}") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"glossary {path} is not valid JSON: {exc}") from exc
        groups = list(data.get("values", []))
        groups += list(data.get("spelling_variants", {}).get("groups", []))
        columns = {k: list(v) for k, v in data.get("columns", {}).items() if not k.startswith("_")}
        words = {
            plain_key(term): plain_key(group[0])
            for group in data.get("words", {}).get("groups", [])
            for term in group[1:]
        }
        return cls(groups, columns, list(data.get("not_column_mentions", [])), words)

    def key(self, text: str) -> str:
        """The comparison key of any text (a stored value or a question span)."""
        plain = plain_key(text)
        return self._group_of.get(plain, plain)

    def key_of_normal(self, normal: str) -> str:
        plain = fold_plurals(normal)
        return self._group_of.get(plain, plain)

    def english_word(self, word: str) -> str:
        """The English word stored values use for one question word ('formaggio' -> 'cheese'), else the word."""
        plain = plain_key(word)
        return self.words.get(plain) or self._one_word.get(plain) or word

    def in_group(self, text: str) -> bool:
        return plain_key(text) in self._group_of

    def terms(self) -> list[str]:
        """Normal forms of every glossary term (candidates for fuzzy matching)."""
        return sorted({normalize(term) for group in self.groups for term in group if normalize(term)})


def _merge_groups(groups: list[list[str]]) -> dict[str, str]:
    """Plain key of each term -> one group key per connected set of groups."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        keys = [k for k in (plain_key(term) for term in group) if k]
        for k in keys:
            parent.setdefault(k, k)
        for k in keys[1:]:
            a, b = find(keys[0]), find(k)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {k: _GROUP_PREFIX + find(k) for k in parent}
