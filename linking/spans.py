"""Question -> tokens and candidate spans: word n-grams, quoted strings, the value after '=' / 'equal to'.

N-grams stay inside one clause (they never cross , ; : ? ! or brackets) and are at most `max_words`
long; quoted strings and the text after an equals marker may be longer. A span made only of function
words, numbers and column mentions is never a candidate (data/linking/function_words.txt).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from index.normalize import normalize
from strainchat.settings import REPO_ROOT

FUNCTION_WORDS_PATH = REPO_ROOT / "data" / "linking" / "function_words.txt"
COMMON_WORDS_PATH = REPO_ROOT / "data" / "linking" / "common_words.txt"  # made by make_common_words.py

_WORD = re.compile(r"\w+", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[,;:?!()\[\]{}]")
_QUOTED = re.compile(r"""(?:^|(?<=[\s=(:]))(['"“‘«])(?P<body>.+?)['"”’»](?=$|[\s,;:.?!)])""")
_EQUALS = re.compile(r"(?:=|\bequals?(?:\s+to)?\b|\buguali?\s+a\b|\bpari\s+a\b)\s*", re.IGNORECASE)
_VALUE_END = re.compile(r"[,;?!]|\s(?:and|or|e|o|with|con)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    normal: str
    function: bool  # a function word (never a value on its own)
    number: bool


@dataclass(frozen=True)
class Span:
    first: int  # token indices [first, last)
    last: int
    start: int  # character offsets in the question
    end: int
    text: str
    quoted: bool = False

    @property
    def words(self) -> int:
        return self.last - self.first


def load_function_words(path: Path = FUNCTION_WORDS_PATH) -> frozenset[str]:
    return load_words(path)


def load_common_words(path: Path = COMMON_WORDS_PATH) -> frozenset[str]:
    """Everyday words, spelt right whenever they are written: never a typo of a stored value."""
    return load_words(path)


@functools.lru_cache(maxsize=4)
def load_words(path: Path) -> frozenset[str]:
    """A word list: words separated by white space, '#' starting a comment, each word normalized."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        for word in line.split("#", 1)[0].split():
            words.update(normalize(word).split())
    return frozenset(words)


def tokenize(question: str, function_words: frozenset[str]) -> list[Token]:
    tokens = []
    for match in _WORD.finditer(question):
        normal = normalize(match.group())
        if normal:
            tokens.append(
                Token(match.group(), match.start(), match.end(), normal, normal in function_words, normal.isdigit())
            )
    return tokens


def clauses(question: str, tokens: list[Token]) -> list[range]:
    """Runs of token indices not separated by clause punctuation."""
    runs: list[range] = []
    begin = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or _CLAUSE_BREAK.search(question, tokens[i - 1].end, tokens[i].start):
            runs.append(range(begin, i))
            begin = i
    return [r for r in runs if len(r)]


def span_of(question: str, tokens: list[Token], first: int, last: int, quoted: bool = False) -> Span:
    start, end = tokens[first].start, tokens[last - 1].end
    return Span(first, last, start, end, question[start:end], quoted)


def ngram_spans(question: str, tokens: list[Token], max_words: int = 6) -> list[Span]:
    spans = []
    for run in clauses(question, tokens):
        for first in run:
            for last in range(first + 1, min(first + max_words, run.stop) + 1):
                spans.append(span_of(question, tokens, first, last))
    return spans


def quoted_spans(question: str, tokens: list[Token]) -> list[Span]:
    """Spans for 'quoted' or "quoted" text, however long."""
    spans = []
    for match in _QUOTED.finditer(question):
        inside = _tokens_within(tokens, match.start("body"), match.end("body"))
        if inside:
            spans.append(span_of(question, tokens, inside[0], inside[-1] + 1, quoted=True))
    return spans


def equals_spans(question: str, tokens: list[Token]) -> list[Span]:
    """The value after '=', 'equal to', 'uguale a'..., up to the end of its clause."""
    spans = []
    for match in _EQUALS.finditer(question):
        stop = _VALUE_END.search(question, match.end())
        inside = _tokens_within(tokens, match.end(), stop.start() if stop else len(question))
        if inside:
            spans.append(span_of(question, tokens, inside[0], inside[-1] + 1))
    return spans


def candidate_spans(question: str, tokens: list[Token], blocked: set[int], max_words: int = 6) -> list[Span]:
    """All distinct spans worth looking up; `blocked` are token indices of column mentions."""
    seen: dict[tuple[int, int], Span] = {}
    for span in (
        quoted_spans(question, tokens) + equals_spans(question, tokens) + ngram_spans(question, tokens, max_words)
    ):
        if (span.first, span.last) in seen or not has_content(tokens, span, blocked):
            continue
        seen[(span.first, span.last)] = span
    return list(seen.values())


def has_content(tokens: list[Token], span: Span, blocked: set[int]) -> bool:
    return any(not (t.function or t.number or i in blocked) for i, t in _indexed(tokens, span))


def content_edges(tokens: list[Token], span: Span, blocked: set[int], number_last: bool = False) -> bool:
    """First and last words are content words (what fuzzy and semantic spans must have); with
    `number_last` the last may be a number ("circoscrizone 8", matched on its words)."""
    for i in (span.first, span.last - 1):
        token = tokens[i]
        numbered = number_last and token.number and span.last - span.first > 1 and i == span.last - 1
        if token.function or (token.number and not numbered) or i in blocked:
            return False
    return True


def _indexed(tokens: list[Token], span: Span):
    return ((i, tokens[i]) for i in range(span.first, span.last))


def _tokens_within(tokens: list[Token], start: int, end: int) -> list[int]:
    return [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
