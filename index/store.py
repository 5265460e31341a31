"""The value index as loaded in a process: value->column dictionary, spelling variants, fuzzy keys, FAISS.

    index = ValueIndex.load(settings.index_dir)      # once per process (~50 ms; the encoder loads lazily)
    index.lookup("marine sediment")                   # [substrate 'Marine sediment' 115, isolationhabitat ... 60]
    index.variants("region", "Ligury")                # ['Ligury', 'Liguria']

Files (written by index.build): meta.json (fingerprint, column profiles, timings), values.json (the
distinct values of the linkable columns with counts, and of the free-text columns, whose words only
correct typing errors in partial values), vectors.faiss + vectors.json (one unit vector
per distinct normal form, inner product = cosine).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.columns import ColumnProfile
from index.normalize import fold_plurals, normalize
from index.thesaurus import Thesaurus, plain_key
from linking.types import ValueHit

META_FILE = "meta.json"
VALUES_FILE = "values.json"
VECTORS_FILE = "vectors.faiss"
VECTOR_KEYS_FILE = "vectors.json"

_PROVINCE = re.compile(r"^(.*\S)\s*\([A-Z]{2}\)\s*$")  # 'Nizza Monferrato (AT)'
Variants = list[tuple[str, int]]  # stored spellings of one thing in one column, most frequent first


class IndexMissing(FileNotFoundError):
    """No usable index on disk; the message says how to build one."""


class ValueIndex:
    """Implements linking.types.ValueLookup, plus what the linker needs (keys, fuzzy, nearest)."""

    def __init__(
        self,
        meta: dict[str, Any],
        values: dict[str, Variants],
        vectors: Any,
        vector_keys: list[str],
        thesaurus: Thesaurus,
        free_text: dict[str, Variants] | None = None,
    ):
        self.meta = meta
        self.values = values
        self.free_text = free_text or {}  # free-text columns (remarks, applications): never linked
        self.thesaurus = thesaurus
        self._vectors = vectors
        self._vector_keys = vector_keys
        self._by_normal: dict[str, list[ValueHit]] = defaultdict(list)
        self._things: dict[str, dict[str, Variants]] = defaultdict(lambda: defaultdict(list))
        for column, pairs in values.items():
            for value, count in pairs:
                self._by_normal[normalize(value)].append(ValueHit(column, value, count))
                self._things[thesaurus.key(value)][column].append((value, count))
        self._add_place_names(values)
        self._stored_plain = {plain_key(value) for pairs in values.values() for value, _ in pairs}
        self._fuzzy = _fuzzy_buckets(self._fuzzy_terms())
        self._by_words = _word_bags(self._by_normal)
        self.embedding_calls = 0  # how many times `nearest` ran the encoder (for the benchmark)

    def _add_place_names(self, values: dict[str, Variants]) -> None:
        """'Lagnasco (CN)' is also found as 'lagnasco': nobody types the province code (unless a
        value 'Lagnasco' is stored, which then keeps the name)."""
        added: set[str] = set()  # keys made here; a stored 'Lagnasco' would own its key already
        for column, pairs in values.items():
            for value, count in pairs:
                found = _PROVINCE.match(value)
                key = self.thesaurus.key(found.group(1)) if found else None
                if key and (key not in self._things or key in added):
                    added.add(key)
                    self._things[key][column].append((value, count))

    # ---- loading

    @classmethod
    def load(cls, index_dir: Path, thesaurus: Thesaurus | None = None) -> ValueIndex:
        index_dir = Path(index_dir)
        try:
            meta = json.loads((index_dir / META_FILE).read_text(encoding="utf-8"))
            raw = json.loads((index_dir / VALUES_FILE).read_text(encoding="utf-8"))
            vector_keys = json.loads((index_dir / VECTOR_KEYS_FILE).read_text(encoding="utf-8"))
            import faiss

            vectors = faiss.read_index(str(index_dir / VECTORS_FILE))
            values = {column: [(str(v), int(c)) for v, c in pairs] for column, pairs in raw["columns"].items()}
            # an index built before free text was kept has none: partial values then keep the typed word
            free_text = {
                column: [(str(v), int(c)) for v, c in pairs] for column, pairs in raw.get("free_text", {}).items()
            }
            if not isinstance(meta, dict) or not isinstance(vector_keys, list) or vectors.ntotal != len(vector_keys):
                raise ValueError("the files do not belong together")
        # A truncated or hand-edited file shows up as any of these; all mean "build it again".
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
            raise IndexMissing(f"no usable value index in {index_dir} ({exc}); run `strainchat index build`") from exc
        return cls(meta, values, vectors, vector_keys, thesaurus or Thesaurus.load(), free_text)

    @property
    def fingerprint(self) -> str:
        return str(self.meta.get("fingerprint", ""))

    @property
    def build_id(self) -> str:
        return str(self.meta.get("build_id", ""))

    @property
    def profiles(self) -> list[ColumnProfile]:
        return [ColumnProfile(**p) for p in self.meta.get("profiles", [])]

    @property
    def columns(self) -> list[str]:
        """The linkable columns, in table order."""
        return list(self.values)

    @property
    def data_columns(self) -> list[str]:
        """Every column holding at least one value (what schema linking may mention)."""
        return [p.name for p in self.profiles if p.non_null > 0]

    # ---- ValueLookup

    def lookup(self, text: str) -> list[ValueHit]:
        """Stored values whose normal form equals normalize(text), most frequent thing first."""
        hits = self._by_normal.get(normalize(text), [])
        return sorted(hits, key=lambda h: (-self._column_total(h), -h.count, h.column))

    def variants(self, column: str, value: str) -> list[str]:
        """Stored spellings in `column` of the thing `value` names: its own spelling first."""
        stored = self._things.get(self.thesaurus.key(value), {}).get(column, [])
        if not stored:
            return []
        normal = normalize(value)
        return [v for v, _ in sorted(stored, key=lambda vc: (vc[0] != value, normalize(vc[0]) != normal, -vc[1]))]

    # ---- what the linker needs

    def key(self, text: str) -> str:
        return self.thesaurus.key(text)

    def things(self, key: str) -> dict[str, Variants]:
        """column -> stored spellings of the thing with this key (empty if the catalogue lacks it)."""
        found = self._things.get(key)
        return {column: list(pairs) for column, pairs in found.items()} if found else {}

    def is_stored_spelling(self, text: str) -> bool:
        """Whether `text` matches a stored value up to case, punctuation and plural (not via the glossary)."""
        return plain_key(text) in self._stored_plain

    def fuzzy(self, normal: str, max_distance: int, limit: int = 3) -> list[tuple[str, int]]:
        """Known normal forms within `max_distance` edits (OSA) of `normal`, same first letter, closest first."""
        if not normal:
            return []
        candidates: list[str] = []
        for length in range(len(normal) - max_distance, len(normal) + max_distance + 1):
            candidates.extend(self._fuzzy.get((normal[0], length), ()))
        found = process.extract(normal, candidates, scorer=OSA.distance, score_cutoff=max_distance, limit=limit)
        return [(text, int(distance)) for text, distance, _ in found]

    def reordered(self, normal: str) -> list[str]:
        """Stored normal forms with the same content words as `normal` in another order ('nebbiolo grape
        must' -> 'grape must nebbiolo', 'stumps of picea abies' -> 'picea abies stump'), commonest first."""
        words = normal.split()
        if not words or words[0] in _BAG_FILLERS or words[-1] in _BAG_FILLERS:
            return []  # "da filamentous fungi" is 'Filamentous Fungi' with a word of the question
        return [text for text in self._by_words.get(_word_bag(normal), []) if text != normal]

    def nearest(self, texts: list[str], k: int = 3) -> list[list[tuple[str, float]]]:
        """For each text, the k closest indexed normal forms by cosine similarity."""
        if not texts or self._vectors is None or self._vectors.ntotal == 0:
            return [[] for _ in texts]
        from index.encoder import encode_queries

        self.embedding_calls += 1
        scores, rows = self._vectors.search(encode_queries(texts), k)
        return [
            [(self._vector_keys[r], float(s)) for s, r in zip(score_row, row_ids, strict=True) if r >= 0]
            for score_row, row_ids in zip(scores, rows, strict=True)
        ]

    def warm_up(self) -> None:
        """Load the encoder now rather than on the first semantic query."""
        self.nearest(["warm up"], k=1)

    # ---- helpers

    def _column_total(self, hit: ValueHit) -> int:
        return sum(c for _, c in self._things[self.thesaurus.key(hit.value)].get(hit.column, []))

    def _fuzzy_terms(self) -> list[str]:
        """Stored normal forms and glossary terms that lead to something stored."""
        terms = set(self._by_normal)
        terms.update(t for t in self.thesaurus.terms() if self.thesaurus.key_of_normal(t) in self._things)
        return sorted(t for t in terms if t)


# words a stored value and a question may word differently without changing what it names
_BAG_FILLERS = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "from",
        "on",
        "in",
        "with",
        "di",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "da",
        "su",
    ]
)


def _word_bag(normal: str) -> str:
    words = [w for w in fold_plurals(normal).split() if w not in _BAG_FILLERS]
    return " ".join(sorted(words)) if len(words) >= 2 else ""


def _word_bags(by_normal: dict[str, list[ValueHit]]) -> dict[str, list[str]]:
    bags: dict[str, list[str]] = defaultdict(list)
    for normal, _ in sorted(by_normal.items(), key=lambda item: -sum(h.count for h in item[1])):
        bag = _word_bag(normal)
        if bag:
            bags[bag].append(normal)
    return dict(bags)


def _fuzzy_buckets(terms: list[str]) -> dict[tuple[str, int], list[str]]:
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for term in terms:
        buckets[(term[0], len(term))].append(term)
    return dict(buckets)
