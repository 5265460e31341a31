"""Partial values: a word of the question that no link covers but that stored values contain.

"posidona strains" -> substrate ILIKE '%posidonia%'; "strains whose remarks mention pyrene" ->
remarks ILIKE '%pyrene%'; "which ones produce pigmnet" -> applications ILIKE '%pigment%'. The word is
looked up (plural folded, then one or two typing errors) among the words of the descriptive text
columns; the column is the one the question names just before it, else where the word is most frequent.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.normalize import fold_plurals
from linking.hints.modifiers import CONTAINS_BEFORE
from linking.hints.text import NUMBER_WORDS, Place, Question
from linking.hints.vocabulary import PARTIAL_COLUMNS, Vocabulary
from linking.types import Hint

RARE_EVERYDAY = 10  # strains: an everyday word that fewer hold in a value is read only when asked as text
_WORD = re.compile(r"[a-z][a-z-]{3,}")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,4}\b")
_SHORT_WORD = re.compile(r"\b[a-z]{3}\b")
_NEGATED = re.compile(
    r"\b(?:not|nt|non|nn|without|senza|except|exept|tranne|excluding|outside|fuori)\b(?:\W+\w+){0,4}\W*$"
    # "salvo quelle il cui substrato contiene ...": the ones left out, named by what their column holds
    r"|\b(?:salvo|tranne|eccetto|esclus[oiae]|except|excluding)\s+(?:quell[ie]|those|the\s+ones)\s+"
    r"(?:il\s+cui|la\s+cui|i\s+cui|whose|where|with|che|con)\b(?:\W+\w+){0,4}\W*$"
)
_PERFECT = re.compile(r"\b(?:has|have|had)\s+$")
# Words of questions, not of values, that the function-word list does not hold.
QUESTION_WORDS = frozenset([
    "strain", "strains", "isolate", "isolates", "ceppi", "ceppo", "isolati", "isolato", "anything",
    "everything", "something", "please", "show", "list", "give", "which", "what", "have", "with", "from",
    "mostra", "elenca", "dammi", "tutti", "tutto", "tutte", "quali", "quanti", "quante", "quanto", "cosa",
    "dove", "catalogue", "catalog", "catalogo", "collection", "collezione", "record", "records", "entry",
    "entries", "produce", "producing", "producers", "produttori", "producono", "parlano", "mention",
    "mentions", "mentioned", "contain", "contains", "contiene", "contengono", "word", "parola", "whose",
    "whatever", "qualunque", "qualsiasi", "vengono", "viene", "come", "came", "comes", "into", "onto",
    "ones", "those", "these", "available", "abbiamo", "avete", "having", "hanno", "sono", "were", "been",
    "being", "under", "outside", "range", "reaches", "tested", "testata", "compresa", "compreso",
    "comprese", "compresi", "recorded", "registrato", "registrata", "values", "valori", "exactly",
    "esattamente", "campo", "field", "level", "levels", "livello", "livelli", "single", "unico", "unica",
    "sola", "solo", "valore", "value", "somewhere", "anywhere", "ovunque", "corso", "analisi", "analysis",
    "metodi", "metodo", "method", "methods",
])  # fmt: skip


def partial_hints(
    q: Question, vocabulary: Vocabulary | None, taken: list[tuple[int, int]], stop: frozenset[str]
) -> list[Hint]:
    if vocabulary is None:
        return []
    hints = _claimed_by_verbs(q, vocabulary, stop)
    cued: list[bool] = [True] * len(hints)
    covered = taken + [(link.start, link.end) for link in q.links] + [(m.start, m.end) for m in q.mentions]
    covered += [(m.start(), m.end()) for m in _IDIOM.finditer(q.folded)]  # "ma alla fine quanti ...": no 'fine'
    covered += [(m.start(), m.end()) for m in _WRITTEN_IN.finditer(q.folded)]
    noun: tuple[int, str] | None = None  # (hint index, word) of the last verb-cued word
    for m in _WORD.finditer(q.folded):
        word = m.group().strip("-")
        # "con 'sample' in substrato"; not the apostrophe of "dell'olio"
        quoted = m.start() > 0 and q.folded[m.start() - 1] in "'\"“‘«" and not q.folded[max(0, m.start() - 2)].isalpha()
        if (not quoted and (word in stop or word in QUESTION_WORDS)) or any(a <= m.start() < b for a, b in covered):
            continue
        if word in NUMBER_WORDS or _ANY_BEFORE.search(q.folded[max(0, m.start() - 20) : m.start()]):
            continue  # "the three most represented" is not 'tree'; "qualunque pianta" asks for no plant
        adjective = vocabulary.translated(word) if noun is not None else None
        if adjective and not q.folded[hints[noun[0]].end : m.start()].strip():
            # "pigmento giallo": an Italian adjective after the noun, one English phrase ('yellow pigment')
            h = hints[noun[0]]
            sql = f"{h.column} ILIKE '%{adjective} {noun[1]}%'"
            hints[noun[0]] = replace(h, sql=sql, span=q.text[h.start : m.end()], end=m.end())
            noun = None
            continue
        noun = None
        verb = _verb_before(q, m.start())
        after = None if verb else _PRODUCER_AFTER.match(q.folded[m.end() :])
        verb = verb or (("applications", m.end() + after.end()) if after else None)
        key = None if verb else vocabulary.find(word)
        start, end = m.start(), m.end()
        cue = cued_column(q, m.start())  # the text column a 'contains' cue before the word names
        if verb:  # "produce pigment", "grow on polyethylene": the verb names the column and is read
            column = vocabulary.free_column_of(word, verb[0])
            start, end = (verb[1], end) if verb[1] <= start else (start, verb[1])
            key = vocabulary.find_in(word, column)
        elif key is None:  # not a word of an indexed value, but asked for as text: "remarks mention pyrene"
            column = cue or _named_after(q, m.end())
            if column is None or _PERFECT.search(q.folded[max(0, m.start() - 8) : m.start()]) and word.endswith("ed"):
                continue  # "which habitats have contributed the most": a verb's tense, not 'has X in it'
            english = vocabulary.translated(word)  # "osservazioni che parlano di aflatossine"
            key = vocabulary.correct_in(english or fold_plurals(word), column) or english or word
        else:
            if key != fold_plurals(word) and _misspelt_question_word(word, stop):
                continue
            if (q.links or taken) and not _asked_as_text(q, m.start(), m.end()):
                continue  # beside what the code read, a stray word ('sampled', 'cover') is no value
            counts = vocabulary.counts[key]
            column = _named_before(q, m.start(), counts) or _named_after(q, end)
            if column is None and not quoted and word in vocabulary.common and sum(counts.values()) < RARE_EVERYDAY:
                continue  # "how big is the collection right now": not the one value holding 'right'
            column = column or max(counts, key=counts.get)
        key, end = _quoted_phrase(q, m.start(), quoted, key, end, covered)
        if not quoted and key == word and cue is not None:
            key, end = _run_on(q, key, end, stop, covered)  # "IsolationHabitat contains: pine forest"
        negate = "NOT " if _NEGATED.search(q.folded[max(0, m.start() - 40) : m.start()]) else ""
        sql = f"{column} {negate}ILIKE '%{key}%'"
        if verb and not negate:
            noun = (len(hints), key)
        hints.append(Hint("partial", "WHERE", sql, q.text[start:end], start, end, column))
        cued.append(bool(verb) or cue is not None)
    numbers = any(place.column == "otherccnumbers" for place in q.mentions)
    read = covered + [(h.start, h.end) for h in hints]
    short = [m for m in _SHORT_WORD.finditer(q.folded) if m.group() not in stop]  # 'habitat contains "oak"'
    for m in sorted([*_ACRONYM.finditer(q.text), *short], key=lambda m: m.start()):
        # "medium includes CYA": too short for a word, cued as text; "an ATCC number among their other
        # collection numbers": a collection's acronym; a short lower-case word only after a cue
        acronym = m.re is _ACRONYM
        column = cued_column(q, m.start()) or (
            _named_after(q, m.end()) or _with_before(q, m.start()) if acronym else None
        )
        column = column or ("otherccnumbers" if numbers and acronym else None)
        if column is not None and not any(a <= m.start() < b for a, b in read):
            hints.append(
                Hint("text", "WHERE", f"{column} ILIKE '%{m.group()}%'", m.group(), m.start(), m.end(), column)
            )
            cued.append(True)
            read.append((m.start(), m.end()))
    # "ceppi da peli di animale, substrato che contiene hair": what the question spells out for a
    # column replaces the words guessed for it; what is asked for as text is kind "text", not a guess
    spelt = {h.column for h, said in zip(hints, cued, strict=True) if said}
    kept = [
        replace(h, kind="text") if said else h
        for h, said in zip(hints, cued, strict=True)
        if said or h.column not in spelt
    ]
    return _restated(q, kept)


def _restated(q: Question, hints: list[Hint]) -> list[Hint]:
    """One text asked for in two columns: the one the question names wins ("pigment producers, with
    pigment in the remarks" is no applications text)."""
    named = {place.column for place in q.mentions}
    texts = [h.sql.split(" ", 1)[1] for h in hints]  # "ILIKE '%cheese%'"
    said = {(h.column, t) for h, t in zip(hints, texts, strict=True) if h.column in named}
    return [
        h
        for h, text in zip(hints, texts, strict=True)
        if h.column in named or not any(t == text and column != h.column for column, t in said)
    ]


def _quoted_phrase(q: Question, start: int, quoted: bool, key: str, end: int, covered: list) -> tuple[str, int]:
    """A quoted phrase asked for as text is one text ("contains 'sole carbon source'", `Remarks`
    contiene "apple scab"): the phrase as typed and its end, else the word's own key and end."""
    closing = re.match(r"[^'\"”’»]*(?=['\"”’»])", q.folded[start:]) if quoted else None
    if closing is None or not closing.group().strip():
        return key, end
    covered.append((start, start + closing.end()))
    return closing.group().strip(), start + closing.end()


def _run_on(q: Question, key: str, end: int, stop: frozenset[str], covered: list) -> tuple[str, int]:
    """The linked words that run on from a text asked for after a 'contains' cue, to the end of the
    question: one phrase ('pine forest'), not a text and a value ('forest')."""
    run = re.match(r"(?:[ \t]+[a-z][\w-]*){1,3}(?=\s*[?.!]?\s*$)", q.folded[end:])
    if run is None or any(word in stop for word in run.group().split()):
        return key, end
    words = [(end + w.start(), end + w.end()) for w in re.finditer(r"\S+", run.group())]
    if not all(any(link.start <= a and b <= link.end for link in q.links) for a, b in words):
        return key, end
    covered.append((end, end + run.end()))
    return key + run.group(), end + run.end()


_IDIOM = re.compile(
    r"\b(?:alla\s+fine|in\s+fin\s+dei\s+conti|tutto\s+sommato|in\s+the\s+end|at\s+the\s+end\s+of\s+the\s+day|after\s+all)\b"
)
_ANY_BEFORE = re.compile(r"\b(?:any|whatever|qualunque|qualsiasi|qualsivoglia)\s+$")


def _claimed_by_verbs(q: Question, vocabulary: Vocabulary, stop: frozenset[str]) -> list[Hint]:
    """A linked value right after a verb that names a free-text column is a word of that column:
    "patogeni per il castagno" -> pathogenicity ILIKE '%chestnut%', not the substrate 'chestnut
    fruit' (the linker then drops the link the hint covers)."""
    hints = []
    for link in q.links:
        verb = _verb_before(q, link.start)
        if verb is None or link.operator != "=":
            continue
        words = [w for w in re.findall(r"[a-z][a-z-]+", q.folded[link.start : link.end]) if w not in stop]
        key = " ".join(vocabulary.find_in(w, verb[0]) for w in words)
        if key:
            sql = f"{verb[0]} ILIKE '%{key}%'"
            hints.append(Hint("text", "WHERE", sql, q.text[verb[1] : link.end], verb[1], link.end, verb[0]))
    return hints


_FROM_BEFORE = re.compile(
    r"\b(?:from|on|in|by|using|via|da|dal|dalla|dallo|dai|dagli|dalle|dall'|col|coi|tramite|mediante|su|sul|sulla|sui|nel|nella|nei|nelle|except|exept|tranne|eccetto|"
    r"about|parl\w*\s+di|talk\w*\s+about|riguard\w*)\s+"
    r"(?:the\s+|a\s+|an\s+|il\s+|la\s+|lo\s+|le\s+|i\s+|gli\s+|l')?$"
)
_IN_IT = re.compile(r"^\W*(?:in\s+it|inside|within|dentro)\b")
# "polyethylene scritto nelle applicazioni": the participle only points at the column
_POINTING = r"mentioned|listed|written|named|citat\w*|menzionat\w*|nominat\w*|scritt[oaie]|riportat[oaie]"
_SOMEWHERE = r"anywhere|somewhere|ovunque|da\s+qualche\s+parte|in\s+qualche\s+punto"
_WRITTEN_IN = re.compile(rf"\b(?:{_POINTING})(?=\s+(?:(?:{_SOMEWHERE})\s+)?(?:in|nel|nella|nello|nei|nelle)\b)")
_IN_COLUMN = re.compile(
    rf"^\W*(?:(?:{_POINTING}|{_SOMEWHERE})\s+){{0,2}}(?:in|nel|nella|nello|nei|nelle|among)\s+"
    r"(?:the\s+|their\s+|its\s+|il\s+|la\s+|lo\s+|loro\s+)?(?:campo\s+|field\s+)?"
)


def _asked_as_text(q: Question, start: int, end: int) -> bool:
    """A word is a partial value beside other readings only where the question asks for text: after
    a column word or a 'contains' cue, right after 'from'/'da', or before 'in it'/'nel campo ...'."""
    before, after = q.folded[max(0, start - 50) : start], q.folded[end : end + 30]
    return bool(
        _named_right_before(q, start)
        or CONTAINS_BEFORE.search(before)
        or _FROM_BEFORE.search(before)
        or _IN_IT.match(after)
        or _mention_after(q, end) is not None
    )


_CLAUSE_WORDS = frozenset(
    [
        "does",
        "do",
        "did",
        "have",
        "has",
        "had",
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "hanno",
        "ha",
        "sono",
        "e",
        "and",
        "or",
        "o",
        "with",
        "con",
        "which",
        "that",
        "che",
    ]
)


def _named_right_before(q: Question, start: int) -> bool:
    """A column word at most three words before, with no verb or conjunction between ('habitat
    forest', 'habiat di isolamento solo industriale'; not 'countries does the collection cover')."""
    place = q.mention_before(start, max_words=3)
    if place is None:
        return False
    return not _CLAUSE_WORDS.intersection(re.findall(r"\w+", q.folded[place.end : start]))


# Verbs that say which free-text column holds what follows them: what a strain produces, degrades or
# grows on is in applications ('It produces yellow pigment', 'Uses polyethylene as sole carbon
# source'); what it is a pathogen of, in pathogenicity.
_VERB_BEFORE = (
    (
        "applications",
        re.compile(
            r"\b(?:produc\w*|produtt\w*|produrre|degrad\w*|(?:grow|grows|growing|cresc\w*)\s+(?:on|su|sul|sulla|sui))"
            r"\s+(?:the\s+|a\s+|an\s+|il\s+|la\s+|lo\s+|l'|del\s+|della\s+|dei\s+|un\s+|una\s+|uno\s+|un')?$"
        ),
    ),
    (
        "pathogenicity",
        re.compile(r"\b(?:pathogen\w*|patogen\w*)\s+(?:for|to|of|on|per|di|su)\s+(?:the\s+|il\s+|la\s+|lo\s+|l')?$"),
    ),
    (  # "identificati anche con analisi filogenetica", "identified by MALDI": how it was identified
        "identificationtechnique",
        re.compile(
            r"\b(?:identif\w*)\s+(?:also\s+|anche\s+)?(?:by|with|using|via|con|tramite|mediante|per)\s+"
            r"(?:(?:the|an?|l'|la|il|un|una|analisi|analysis|metodi|metodo|methods?)\s+)*$"
        ),
    ),
)


# "carbapenemase producers", "degradatori di PAH" is before; this is the noun after the word
_PRODUCER_AFTER = re.compile(r"^\W*(?:producers?|producing|degraders?|degrading)\b")


def _verb_before(q: Question, start: int) -> tuple[str, int] | None:
    """The column a verb right before `start` names, and where the verb starts."""
    offset = max(0, start - 40)
    for column, verb in _VERB_BEFORE:
        found = verb.search(q.folded[offset:start])
        if found:
            return column, offset + found.start()
    return None


def cued_column(q: Question, start: int) -> str | None:
    """The text column named right before a 'contains' cue that comes right before `start`."""
    cue = CONTAINS_BEFORE.search(q.folded[max(0, start - 50) : start])
    if cue is None:
        return None
    at = max(0, start - 50) + cue.start()
    filler = _ENTRY_THAT.search(q.folded[:at])  # "an applications entry that refers to olive oil"
    place = q.mention_before(filler.start() if filler else at, max_words=1)
    return place.column if place is not None and place.column in PARTIAL_COLUMNS else None


# "an applications entry that refers to ...", "nel applications c'è dentro la parola ...", "in remarks there is"
_ENTRY_THAT = re.compile(
    r"\b(?:entry|entries|field|value|text|campo|voce|valore|testo)\s+(?:that|which|che)\s+$"
    r"|(?<=\s)(?:c'\s*e|ci\s+sono|there\s+(?:is|are))(?:\s+(?:dentro|scritt\w*|written|inside))?\s+$"
)


def _with_before(q: Question, start: int) -> str | None:
    """The text column named right before "with"/"con" and an acronym ("applicazioni con PCL")."""
    place = q.mention_before(start, max_words=1)
    if place is None or place.column not in PARTIAL_COLUMNS:
        return None
    return place.column if re.fullmatch(r"\s*(?:with|con|w/|:)\s*", q.folded[place.end : start]) else None


def _misspelt_question_word(word: str, stop: frozenset[str]) -> bool:
    """'colected', 'diferent': one typing error from a function or question word, which it then is."""
    if len(word) < 5:
        return False
    return process.extractOne(word, _question_words(stop), scorer=OSA.distance, score_cutoff=1) is not None


@functools.lru_cache(maxsize=4)
def _question_words(stop: frozenset[str]) -> list[str]:
    """The function words and QUESTION_WORDS together, built once per function-word list."""
    return sorted(stop | QUESTION_WORDS)


def _mention_after(q: Question, end: int) -> Place | None:
    """The column word right after 'in (the/their)' / 'nel (campo)': "plant in their substrate"."""
    in_column = _IN_COLUMN.match(q.folded[end : end + 30])
    if in_column is None:
        return None
    return next((m for m in q.mentions if m.start == end + in_column.end()), None)


def _named_after(q: Question, end: int) -> str | None:
    """The text column named right after the word, if any."""
    place = _mention_after(q, end)
    return place.column if place is not None and place.column in PARTIAL_COLUMNS else None


def _named_before(q: Question, start: int, columns: dict[str, int]) -> str | None:
    place = q.mention_before(start, max_words=6)
    # a named text column counts even where the index holds no word of it (remarks are not indexed)
    named = place is not None and (place.column in columns or place.column in PARTIAL_COLUMNS)
    return place.column if named else None
