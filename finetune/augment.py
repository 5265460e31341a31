"""Word-level noise on training questions, so the model learns the cue words and the linked values
rather than the exact wording of each template.

Why: the model reaches ~98 % on validation questions worded like its training templates but far
less on new wordings; biologists do not type templates. Each rewrite keeps the meaning: it swaps
a word for a synonym, drops a filler word, changes case or end punctuation, and never touches a
word that is part of a value in the gold SQL or a cue that changes the query ("how many", "not").

    rewritten = perturb("Give me all the strains of Aspergillus", sql, random.Random(13))
"""

from __future__ import annotations

import random
import re

from sqlglot import exp, parse_one

# Filler words whose absence leaves the question's meaning intact.
DROPPABLE = {
    "please", "all", "the", "any", "that", "which", "some", "of", "a", "an",
    "per", "favore", "tutti", "tutte", "i", "gli", "le", "mi", "dammi", "mostrami", "elenca", "che", "sono",
    "quali", "il", "lo", "la",
}  # fmt: skip
# Interchangeable words (same meaning in this catalogue's questions); each group is one language.
SYNONYMS = [
    ["strains", "isolates", "cultures", "entries", "records"],
    ["strain", "isolate", "culture", "entry", "record"],
    ["give me", "show me", "list", "find", "get", "display"],
    ["ceppi", "isolati", "colture"],
    ["ceppo", "isolato", "coltura"],
    ["dammi", "mostrami", "elenca", "trova", "fammi vedere"],
    ["how many", "number of", "count of", "count the"],
    ["quanti", "numero di", "conta i"],
]
WORD = re.compile(r"\w+", re.UNICODE)


def protected_words(sql: str) -> set[str]:
    """Lower-case words inside the gold SQL's string literals: part of a value, never changed."""
    try:
        literals = [lit.this for lit in parse_one(sql, read="postgres").find_all(exp.Literal) if lit.is_string]
    except Exception:  # an unparsable gold is not rewritten at all
        return {"*"}
    return {w.lower() for lit in literals for w in WORD.findall(lit)}


def _swap_synonym(question: str, rng: random.Random, keep: set[str]) -> str:
    groups = [g for g in SYNONYMS if any(_contains(question, p) for p in g)]
    if not groups:
        return question
    group = rng.choice(groups)
    present = next(p for p in group if _contains(question, p))
    if set(present.split()) & keep:
        return question
    replacement = rng.choice([p for p in group if p != present])
    return re.sub(rf"\b{re.escape(present)}\b", replacement, question, count=1, flags=re.IGNORECASE)


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text, flags=re.IGNORECASE) is not None


def _drop_filler(question: str, rng: random.Random, keep: set[str]) -> str:
    words = question.split(" ")
    candidates = [i for i, w in enumerate(words) if w.lower() in DROPPABLE and w.lower() not in keep]
    if not candidates or len(words) < 4:
        return question
    del words[rng.choice(candidates)]
    return " ".join(words)


def _surface(question: str, rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.4:
        return question.lower()
    if choice < 0.7:
        return question.rstrip("?.! ")
    return question


def perturb(question: str, sql: str, rng: random.Random) -> str:
    """One meaning-preserving rewrite of `question` (unchanged when nothing is safe to change)."""
    keep = protected_words(sql)
    if "*" in keep:
        return question
    for step in (_swap_synonym, _drop_filler):
        if rng.random() < 0.6:
            question = step(question, rng, keep)
    return _surface(question, rng)


def augment_records(records: list[dict], probability: float, seed: int) -> list[dict]:
    """The records with a share `probability` of their questions rewritten (same SQL, same history)."""
    rng = random.Random(seed)
    out = []
    for record in records:
        if rng.random() < probability:
            record = {**record, "question": perturb(record["question"], record["sql"], rng)}
        out.append(record)
    return out
