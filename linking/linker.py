"""The value linker: question -> links to catalogue values (and columns named in it).

    index = ValueIndex.load(settings.index_dir)
    linker = ValueLinker(index, aliases=catalogue)      # aliases from the database, re-read when changed
    result = linker.link("Give me all the Aspergillus strains with Marine sediment")
    [(l.span, l.column, l.value) for l in result.links]
    # [('Aspergillus', 'genus', 'Aspergillus'), ('Marine sediment', 'substrate', 'Marine sediment')]

Steps: tokens and column mentions; candidate spans (n-grams, quotes, after '='); alias and
exact/glossary lookups; fuzzy lookups for spans with content words at both ends; a first choice of
non-overlapping links; one batched semantic query for the content chunks still unlinked; final choice.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import Any

from catalogue.database import Catalogue
from index.normalize import normalize
from index.store import ValueIndex
from index.thesaurus import plain_key
from linking import match
from linking.abbreviated import with_genus_initials, with_place_abbreviations, without_sp
from linking.aliases import AliasSet, AliasSource, alias_source
from linking.asides import blank_clause, inside, names_purpose, purpose_clause, reason_clause, without_asides
from linking.coverage import unread_words
from linking.formats import format_phrases
from linking.grouped import move_off_grouped, without_examples
from linking.hints import Vocabulary, extract_hints
from linking.hints.beliefs import without_beliefs
from linking.hints.text import blank, fold
from linking.match import Candidate, MatchConfig
from linking.numberwords import spelled_numbers
from linking.resolve import choose, to_link
from linking.schema import column_phrases, find_mentions, mentioned_columns
from linking.sentences import aside_sentences
from linking.spans import (
    Span,
    Token,
    candidate_spans,
    clauses,
    content_edges,
    load_common_words,
    load_function_words,
    span_of,
    tokenize,
)
from linking.spoken import as_meant
from linking.types import LinkResult

LONGEST_EXACT = 10  # words of the longest stored value tried whole (values run to 8 or 9 words)
_CLAUSE_MARK = re.compile(r"[,;:]")


class ValueLinker:
    def __init__(
        self,
        index: ValueIndex,
        aliases: AliasSource | Catalogue | Iterable[dict[str, Any]] | None = None,
        config: MatchConfig | None = None,
    ):
        self.index = index
        self.aliases = alias_source(aliases)
        self.config = config or MatchConfig()
        self.function_words = load_function_words()
        self.common_words = load_common_words()  # "panel" is no typo of the glossary's "pane"
        self.phrases = column_phrases(index.data_columns, index.thesaurus)
        # never read as a place cut short ("isol.", "temp."): function words, first words of column phrases
        self.short_words = self.function_words | {phrase.split(" ")[0] for phrase in self.phrases}
        # the words of stored values, for partial values, with the glossary's Italian words for them
        self.vocabulary = Vocabulary(index.values, index.thesaurus.words, index.free_text, self.common_words)
        self._firsts: tuple[AliasSet, dict[str, set[str]]] | None = None  # _first_words for one rule set

    def link(self, question: str) -> LinkResult:
        started = time.perf_counter()
        rules = self.aliases.current()
        question = spelled_numbers(question or "")  # 'twenty-eight' -> '28', offsets kept
        question = as_meant(question)  # "phoma no wait i mean mucor": Mucor; fillers out (offsets kept)
        question = without_beliefs(question)  # "My notes say ... . Can you check ...?": the request only
        tokens = tokenize(question, self.function_words)[: self.config.max_tokens]
        mentions = find_mentions(
            tokens, self.phrases, rules.column_phrases, stored=self.index.is_stored_spelling, question=question
        )
        blocked = {i for m in mentions for i in range(m.first, m.last)}
        spans = candidate_spans(question, tokens, blocked, self.config.max_words)
        candidates = self._lexical(spans, tokens, blocked, rules) + self._bracketed(question, tokens, rules)
        candidates += self._long_exact(question, tokens, rules)
        chosen = choose(candidates)
        chunks = semantic_chunks(question, tokens, blocked, chosen, self.config.max_words)
        if chunks:
            found = match.semantic_candidates(self.index, rules, chunks, self.config)
            candidates += [c for c in found if refines(c, chosen)]
            chosen = choose(candidates)
        links = [to_link(c, mentions, self.config) for c in chosen]
        links = with_genus_initials(links, question, self.index)  # "P. chrysogenum"
        links = without_sp(links, question, self.index)  # "Rhizopus sp.", "Chrysosporium spp."
        links = with_place_abbreviations(links, question, self.index, self.short_words)  # "Tosc. + Lig."
        named_at = {tokens[m.first].start: m.column for m in mentions}
        # "For a report on protected areas: ..." names no value, nor a column, a flag or a date ("For the
        # register we keep on GMO material, ..."); nor does "..., because I need to plan the media"
        clauses = [c for c in (purpose_clause(question), reason_clause(question)) if c]
        clauses += aside_sentences(question)  # "Hi, I'm a new student ... . Do you have any ...?"
        clauses += format_phrases(question)  # "One line is enough.", "in breve": how to answer, no value
        mentions = [m for m in mentions if not inside(clauses, tokens[m.first].start)]
        links = without_column_words(links, question, self._first_words(rules), named_at)
        links = without_asides(links, question, clauses)
        visible = blank_clause(question, clauses)  # the hint rules never see the clauses' words
        hints = extract_hints(visible, tokens, mentions, links, self.vocabulary, self.function_words)
        if move_off_grouped(links, hints, self.index.variants):  # read again with the moved value
            hints = extract_hints(visible, tokens, mentions, links, self.vocabulary, self.function_words)
        if len(unfiltered := without_examples(links, hints, visible)) < len(links):  # "agar vs lyo vs cryo etc."
            for link in (link for link in links if link not in unfiltered):  # nor read as part of a value
                visible = blank(visible, link.start, link.end)
            links = unfiltered
            hints = extract_hints(visible, tokens, mentions, links, self.vocabulary, self.function_words)
        kept = ("date", "accession", "relative")
        hints = [h for h in hints if not (h.span and h.kind not in kept and inside(clauses, h.start))]
        folded = fold(question)  # "for my wood-decay poster": no partial value 'wood'
        hints = [h for h in hints if not (h.kind == "partial" and names_purpose(folded, h.start, h.end))]
        # "collected in march 2010": a word inside a date or a number the hints read is no value
        # ('Marche'); "patogeni per il castagno": a word a partial value claims is none either, nor
        # the property of a relative ("lo stesso terreno di X": the medium, not the soil 'terreno')
        reading = ("date", "number", "partial", "text", "relative")
        read = [(h.start, h.end) for h in hints if h.kind in reading and h.end > h.start]
        links = [link for link in links if not any(a <= link.start and link.end <= b for a, b in read)]
        unread = unread_words(tokens, mentions, links, hints)
        elapsed = (time.perf_counter() - started) * 1000
        return LinkResult(
            links=links,
            columns=mentioned_columns(mentions),
            hints=hints,
            timings_ms={"link": round(elapsed, 3)},
            unread=unread,
        )

    def _bracketed(self, question: str, tokens: list[Token], rules: AliasSet) -> list[Candidate]:
        """Stored values with a bracket in them ('Nizza Monferrato (AT)', 'chicken caecums (pool)',
        'olive brine (120 d fermentation)'): n-grams stop at brackets, so these spans are tried whole,
        ending at the closing bracket or at the end of the question."""
        found: list[Candidate] = []
        for close in re.finditer(r"\)", question):
            opening = question.rfind("(", 0, close.start())
            inside = [i for i, t in enumerate(tokens) if t.start < opening]
            if opening < 0 or not inside:
                continue
            ends = sorted(e for e in {close.end(), len(question.rstrip(" ?!.;"))} if e >= close.end())
            lasts = {end: max(i for i, t in enumerate(tokens) if t.end <= end) + 1 for end in ends}
            for first in inside[-self.config.max_words :]:
                for end, last in lasts.items():
                    text = question[tokens[first].start : end]
                    span = Span(first, last, tokens[first].start, end, text)
                    exact = match.exact_candidate(self.index, rules, span, self.config)
                    found += [exact] if exact else []
        return found

    def _long_exact(self, question: str, tokens: list[Token], rules: AliasSet) -> list[Candidate]:
        """Stored values the n-grams cannot reach, tried exact only: across a comma, colon or
        semicolon ('urine through cystocentesis, dog', 'Piedmont cheese: tometta') or longer than
        `max_words` ('mix of different kinds of flours with cacao')."""
        found: list[Candidate] = []
        for first in range(len(tokens)):
            for last in range(first + 2, min(len(tokens), first + LONGEST_EXACT) + 1):
                start, end = tokens[first].start, tokens[last - 1].end
                text = question[start:end]
                if last - first <= self.config.max_words and not _CLAUSE_MARK.search(text):
                    continue  # an ordinary n-gram: already tried
                if re.search(r"[?!.]\s", text):
                    break  # never across sentences
                exact = match.exact_candidate(self.index, rules, Span(first, last, start, end, text), self.config)
                found += [exact] if exact else []
        return found

    def _first_words(self, rules: AliasSet) -> dict[str, set[str]]:
        """column -> the first words of the phrases that name it ('terreno' of 'terreno di coltura');
        built once per rule set (the alias source hands back the same set until curators change it)."""
        if self._firsts is None or self._firsts[0] is not rules:
            firsts: dict[str, set[str]] = {}
            for phrase, column in {**self.phrases, **rules.column_phrases}.items():
                firsts.setdefault(column, set()).add(phrase.split(" ")[0])
            self._firsts = (rules, firsts)
        return self._firsts[1]

    def _lexical(self, spans: list[Span], tokens: list[Token], blocked: set[int], rules: AliasSet) -> list[Candidate]:
        found: list[Candidate] = []
        for span in spans:
            phrase = span.text
            if rules.rejects_phrase(normalize(phrase)):
                continue
            aliased = match.alias_candidates(self.index, rules, span)
            exact = match.exact_candidate(self.index, rules, span, self.config)
            exact = exact or match.joined_candidate(self.index, rules, span, self.config)
            if exact is None and sum(not t.function for t in tokens[span.first : span.last]) >= 2:
                exact = match.reordered_candidate(self.index, rules, span, self.config)
            found += aliased + ([exact] if exact else [])
            if not aliased and not exact and content_edges(tokens, span, blocked, number_last=True):
                fuzzy = match.fuzzy_candidate(self.index, rules, span, self.config, self.common_words)
                found += [fuzzy] if fuzzy else []
        return found


def semantic_chunks(
    question: str, tokens: list[Token], blocked: set[int], chosen: list[Candidate], max_words: int
) -> list[Span]:
    """What to ask the embedding index: each run of content words that no link covers completely,
    and the pieces of it no link covers ("spruce forests" and "spruce" when "forests" is linked)."""
    covered = {i for c in chosen for i in range(c.span.first, c.span.last)}
    chunks: dict[tuple[int, int], Span] = {}
    for run in _content_runs(question, tokens, blocked):
        free = [i for i in run if i not in covered]
        if not free or len(run) > max_words:
            continue
        for piece in [run, *_consecutive(free)]:
            chunks.setdefault((piece[0], piece[-1]), span_of(question, tokens, piece[0], piece[-1] + 1))
    return list(chunks.values())


def refines(candidate: Candidate, chosen: list[Candidate]) -> bool:
    """A semantic match may replace links inside its span only if it says more than they do:
    'spruce forests' -> 'Norway spruce forest' refines 'forests' -> 'forest'; 'Fusarium oxysporum Italy'
    -> 'Fusarium oxysporum' does not refine 'Italy'."""
    words = set(plain_key(candidate.matched).split())
    inner: set[str] = set()
    for other in chosen:
        if other.span.last <= candidate.span.first or other.span.first >= candidate.span.last:
            continue
        inside = candidate.span.first <= other.span.first and other.span.last <= candidate.span.last
        if not inside or not set(plain_key(other.matched).split()) <= words:
            return False
        inner |= set(plain_key(other.span.text).split())
    # the words around the inner links must be what the match adds: 'represented Aspergillus' is
    # no 'Aspergillus sp.'; 'spruce' is in 'Norway spruce forest', 'tannery' like 'tanning industry'
    extra = set(plain_key(candidate.span.text).split()) - inner
    return not inner or any(e[:4] == w[:4] for e in extra for w in words if len(e) >= 4 and len(w) >= 4)


def _content_runs(question: str, tokens: list[Token], blocked: set[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for clause in clauses(question, tokens):
        current: list[int] = []
        for i in [*clause, None]:
            if i is not None and not (tokens[i].function or tokens[i].number or i in blocked):
                current.append(i)
                continue
            if current:
                runs.append(current)
            current = []
    return runs


def _consecutive(indices: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in indices:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def without_column_words(
    links: list, question: str, first_words: dict[str, set[str]], named_at: dict[int, str] | None = None
) -> list:
    """'ceppi con terreno MY40': a value link ('terreno' = soil) right before a link whose column the
    word starts a name of ('terreno di coltura' = recommendedmedium) is that column's name, not a value;
    so it is before that column named in brackets ("i 5 terreni (`RecommendedMedium`)")."""
    dropped = set()
    for this, following in zip(links, links[1:], strict=False):
        gap = question[this.end : following.start].strip()
        if not gap and plain_key(this.span) in first_words.get(following.column, set()):
            dropped.add(id(this))
    for this in links:
        bracket = re.match(r"\s*\(\s*`?", question[this.end :])
        named = bracket and (named_at or {}).get(this.end + bracket.end())
        if named and plain_key(this.span) in first_words.get(named, set()):
            dropped.add(id(this))
    return [link for link in links if id(link) not in dropped]
