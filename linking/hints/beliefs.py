"""A figure the asker believes and wants checked: "Is it right that we have 12 Aspergillus from Sardinia?"

Two readings, both in the asker's favour:
- the belief is the whole question: the stated number is what to check, so the answer is a count of
  the strains the belief describes, never a filter on the number ("Confermi che i ceppi tipo di
  Roussoella sono tre?" -> COUNT(*) ... typestrain = TRUE);
- the belief is followed by its own request ("My notes have the deposits clustered in 2024 and 2025.
  Can you check how many were deposited each year?"): the request says what to run and the belief
  sentence is left out, dates included (`belief_sentences`).

    without_beliefs(question)        # the question with those sentences blanked, offsets kept
    stated_count(q, hints)           # the number the belief states, as a match, or None
"""

from __future__ import annotations

import re

from linking.hints.text import NUMBER, Question, blank, fold

BELIEF = re.compile(
    r"\b(?:is\s+it\s+(?:right|true|correct)|am\s+i\s+(?:right|correct)|is\s+that\s+(?:right|correct)|"
    r"my\s+(?:table|notes|draft|figure|count|list)\s+(?:says?|has|have|shows?)|i've\s+got\s+\d+|"
    r"confermi|mi\s+risulta\s+che|mi\s+pare\s+che|e\s+giusto\s+che|e\s+vero\s+che|e\s+corretto\s+che|nella\s+bozza|"
    r"nelle\s+(?:mie\s+)?note|"
    r"secondo\s+(?:le\s+mie\s+note|la\s+mia\s+tabella))\b"
)
# the request that follows: its own sentence, or the clause after a colon that asks for something
_REQUEST = re.compile(
    r"^\W*(?:can|could|would|please|pls|give|list|show|count|check|tell|puoi|potresti|dammi|elenca\w*|"
    r"mostra\w*|verifica|controlla|dimmi|quanti|quante|quali|how|which|what)\b"
)
# a request that points back into the belief ("verifica quali sono", "puoi ricontarli?") needs it
_POINTS_BACK = re.compile(r"\b(?:quali\s+sono|which\s+ones|them|those|ricont\w*|recount|li|le|it)\b")
# a request of these words only checks the belief ("Can you confirm the count?", "Controlla per favore il numero.")
_BARE = frozenset(
    re.findall(
        r"\w+",
        "can could would you please pls confirm check verify double the that this it count number figure total "
        "right correct is me mi puoi potresti confermi conferma controlla verifica verificare per favore il numero "
        "conteggio esatto di preciso",
    )
)
_ARTICLES = frozenset(["a", "an", "one", "un", "una", "uno", "un'"])
_PARTS = re.compile(r"[^.?!:]+[.?!:]*")
_STRAIN_NOUN = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:strains?|strians?|isolates?|ceppi|ceppo)\b")
_TAIL = re.compile(r"^\s*[?.!]*\s*$|^\s*,?\s*(?:is\s+that|e\s+corretto|giusto|vero)\b")


def belief_sentences(question: str) -> list[tuple[int, int]]:
    """The parts of the question that state a belief another part then asks to check."""
    folded = fold(question)
    parts = [(m.start(), m.end()) for m in _PARTS.finditer(folded) if m.group().strip()]
    found = []
    for (a, b), (c, d) in zip(parts, parts[1:], strict=False):
        request = folded[c:d]
        bare = set(re.findall(r"\w+", request)) <= _BARE
        if BELIEF.search(folded[a:b]) and _REQUEST.match(request) and not (bare or _POINTS_BACK.search(request)):
            found.append((a, b))
    return found


def without_beliefs(question: str) -> str:
    for start, end in belief_sentences(question):
        question = blank(question, start, end)
    return question


def stated_count(q: Question, hints: list) -> re.Match | None:
    """In a belief that is the whole question, the number of strains it states ("we have 12
    Aspergillus", "sono tre?"); years and numbers beside a column word are no such number."""
    if not BELIEF.search(q.folded):
        return None
    for m in re.finditer(rf"(?<![\w.-])(?P<n>{NUMBER})(?![\w.-])", q.folded):
        if m.group("n") in _ARTICLES or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # "sia un lactococcus lactis" states a name, not a number
        if any(h.start <= m.start() < h.end for h in hints):
            continue  # a year, or a number another rule read ("superino i 25 ceppi")
        after = q.folded[m.end() :]
        named = q.link_after(m.end(), max_words=1) is not None or _STRAIN_NOUN.match(after)
        if named or _TAIL.match(after):
            return m
    return None
