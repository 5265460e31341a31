"""The text-to-SQL dataset: train/validation/test JSONL splits generated from templates and the catalogue.

Train and validation questions come from `data/templates/train/`, test questions from
`data/templates/test/` (their own wording). Every split is balanced over category x language for
C1-C7 (`sizes`: the split's total over those cells) and over shape x language for the shapes of
C8-C13 (`shape_sizes`: records per shape and language); no
(question, SQL) pair, and no question in the context of its history, occurs twice in or across splits.
Same seed, same catalogue, same templates -> byte-identical files.

    strainchat dataset build [--seed 13] [--out data/dataset]
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.database import Catalogue
from conversation.merge import standalone_sql
from finetune.sampling import GoldChecker, Sample, Sampler
from finetune.templates import CATEGORIES, CATEGORY_SHAPES, LANGUAGES, Template, load_templates
from finetune.vocabulary import Vocabulary
from strainchat.settings import REPO_ROOT

SPLITS = ("train", "validation", "test")
TEMPLATE_SOURCE = {"train": "train", "validation": "train", "test": "test"}
# Test first: it draws from its own templates, then train and validation share the training ones.
BUILD_ORDER = ("test", "train", "validation")
RECORD_FIELDS = (
    "id",
    "split",
    "category",
    "shape",
    "language",
    "index_template",
    "question_template",
    "sql_template",
    "question",
    "sql",
    "possible_sql_queries",
    "history",
)


@dataclass(frozen=True)
class BuildConfig:
    seed: int = 13
    sizes: dict[str, int] = field(default_factory=lambda: {"train": 1512, "validation": 308, "test": 308})
    # Per shape x language of C8-C13: 18 shapes x 2 languages x 22 = 792 more training records.
    shape_sizes: dict[str, int] = field(default_factory=lambda: {"train": 22, "validation": 10, "test": 10})
    templates_dir: Path = REPO_ROOT / "data" / "templates"
    attempts: int = 80  # draws per record before moving on to the next template


@dataclass
class BuildResult:
    splits: dict[str, list[dict[str, Any]]]
    shortfalls: list[str]  # cells that got fewer records than asked


class Seen:
    """The (question, SQL) pairs and questions-in-context already used, across all splits."""

    def __init__(self) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.contexts: set[tuple[str, ...]] = set()

    def is_new(self, sample: Sample) -> bool:
        return (sample.question, sample.sql) not in self.pairs and _context(sample) not in self.contexts

    def add(self, sample: Sample) -> None:
        self.pairs.add((sample.question, sample.sql))
        self.contexts.add(_context(sample))


def _context(sample: Sample) -> tuple[str, ...]:
    return (*(h["question"] for h in sample.history), sample.question)


BASE_CATEGORIES = tuple(c for c in CATEGORIES if c not in CATEGORY_SHAPES)


def cell_sizes(total: int) -> dict[tuple[str, str], int]:
    """Spread a split's size evenly over the C1-C7 category x language cells (earlier cells take the remainder)."""
    cells = [(c, lang) for c in BASE_CATEGORIES for lang in LANGUAGES]
    base, extra = divmod(total, len(cells))
    return {cell: base + (i < extra) for i, cell in enumerate(cells)}


def build_dataset(
    catalogue: Catalogue,
    config: BuildConfig = BuildConfig(),
    rewrite: Callable[[str], str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Every split, test first; `rewrite` is what gold SQL runs through (default: sqlproc's postprocess)."""
    vocab = Vocabulary.load(catalogue, config.templates_dir / "vocabulary.json")
    templates = load_templates(config.templates_dir)
    sampler = Sampler(vocab, GoldChecker(catalogue, rewrite))
    seen = Seen()
    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    shortfalls: list[str] = []
    for split in BUILD_ORDER:
        for name, (chosen, seed_key), size in split_cells(templates, split, config):
            rng = random.Random(f"{config.seed}/{split}/{seed_key}")
            records = fill_cell(sampler, chosen, size, rng, seen, config.attempts)
            if len(records) < size:
                shortfalls.append(f"{split} {name}: {len(records)} of {size}")
            splits[split] += [_record(split, t, s) for t, s in records]
            if progress:
                progress(f"{split} {name}: {len(records)}")
    for split, records in splits.items():
        random.Random(f"{config.seed}/{split}/order").shuffle(records)
        for i, record in enumerate(records):
            record["id"] = f"{split}-{i:05d}"
    return BuildResult(splits, shortfalls)


def split_cells(templates: list[Template], split: str, config: BuildConfig):
    """(cell name, (its templates, its seed key), size) for every cell of one split, in build order."""
    source = TEMPLATE_SOURCE[split]
    cells = []
    for (category, language), size in cell_sizes(config.sizes[split]).items():
        chosen = [t for t in templates if (t.source, t.category, t.language) == (source, category, language)]
        cells.append((f"{category} {language}", (chosen, f"{category}/{language}"), size))
    for category, shapes in CATEGORY_SHAPES.items():
        for shape in shapes:
            for language in LANGUAGES:
                key = (source, category, shape, language)
                chosen = [t for t in templates if (t.source, t.category, t.shape, t.language) == key]
                name = f"{category} {shape} {language}"
                cells.append((name, (chosen, f"{category}/{shape}/{language}"), config.shape_sizes[split]))
    return cells


def fill_cell(
    sampler: Sampler, templates: list[Template], size: int, rng: random.Random, seen: Seen, attempts: int
) -> list[tuple[Template, Sample]]:
    """`size` records, templates taken in turn; a template that keeps failing is skipped."""
    out: list[tuple[Template, Sample]] = []
    exhausted: set[str] = set()
    turn = 0
    while len(out) < size and len(exhausted) < len(templates):
        template = templates[turn % len(templates)]
        turn += 1
        if template.index_template in exhausted:
            continue
        sample = _draw(sampler, template, rng, seen, attempts)
        if sample is None:
            exhausted.add(template.index_template)
        else:
            out.append((template, sample))
    return out


def _draw(sampler: Sampler, template: Template, rng: random.Random, seen: Seen, attempts: int) -> Sample | None:
    for _ in range(attempts):
        sample = sampler.sample(template, rng, seen.is_new)
        if sample is not None:
            seen.add(sample)
            return sample
    return None


def _record(split: str, template: Template, sample: Sample) -> dict[str, Any]:
    return {
        "id": "",
        "split": split,
        "category": template.category,
        "shape": template.shape,
        "language": template.language,
        "index_template": template.index_template,
        "question_template": template.question_template,
        "sql_template": template.sql_template,
        "question": sample.question,
        "sql": sample.sql,
        "possible_sql_queries": sample.possible_sql_queries,
        "history": sample.history,
    }


def training_view(record: dict[str, Any]) -> dict[str, Any] | None:
    """What the model is trained on for a record. A follow-up (C6) is the turn's own content only: no
    history in the prompt and its standalone SQL as the target, since conversation/ merges the model's
    answer with the previous turn; None when no model answers the turn (a removal). `sql` (the full
    gold) moves to `full_sql`; evaluation keeps using the record itself."""
    history = record.get("history") or []
    if not history:
        return record
    target = standalone_sql(history[-1]["sql"], record["sql"], question=record["question"])
    if target is None:
        return None
    return {**record, "history": [], "sql": target, "full_sql": record["sql"]}


def training_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [view for view in map(training_view, records) if view is not None]


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({k: r[k] for k in RECORD_FIELDS if k in r}, ensure_ascii=False) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_splits(out: Path, splits: dict[str, list[dict[str, Any]]]) -> list[Path]:
    paths = []
    for split, records in splits.items():
        write_jsonl(out / f"{split}.jsonl", records)
        paths.append(out / f"{split}.jsonl")
    return paths


def count_table(splits: dict[str, list[dict[str, Any]]]) -> str:
    """Records per split x category x language, as a plain-text table."""
    header = "split        " + " ".join(f"{c}-{lang:<3}" for c in CATEGORIES for lang in LANGUAGES) + "  total"
    rows = [header]
    for split, records in splits.items():
        counts = Counter((r["category"], r["language"]) for r in records)
        cells = " ".join(f"{counts[(c, lang)]:>6}" for c in CATEGORIES for lang in LANGUAGES)
        rows.append(f"{split:<12} {cells}  {len(records):>5}")
    return "\n".join(rows)


def check_records(checker: GoldChecker, records: list[dict[str, Any]]) -> list[str]:
    """Problems with hand-written or generated records: gold (and history) SQL that fails or finds nothing."""
    problems = []
    for number, record in enumerate(records, start=1):
        name = record.get("id", f"line {number}")
        history = record.get("history") or []
        sqls = [h.get("sql") for h in history if isinstance(h, dict)] + [record.get("sql")]
        for sql in sqls:
            if not isinstance(sql, str):
                problems.append(f"{name}: missing gold SQL")
                continue
            try:
                ok = checker.finds_something(sql)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the check
                problems.append(f"{name}: {exc}")
                continue
            if not ok:
                problems.append(f"{name}: finds nothing: {sql}")
    return problems
