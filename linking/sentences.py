"""Sentences around the question that tell the assistant about the asker, not about the strains.

"Hi, I'm a new student in the lab and I'm reading about fungi that live on plastic waste in the sea.
Do you have any Cladosporium from marine microplastic?" asks about Cladosporium from microplastic
only; "Mi fai vedere i ceppi raccolti prima del 1960? Sono date molto vecchie e vorrei verificarle."
about the dates only. A sentence is such an aside when the question has another sentence that asks
(it ends with '?' or opens with a request) and it talks about the asker ("I", "sono una tesista",
"devo capire") or judges the data ("looks odd", "va corretta"), and:
- before the request, it asks for nothing itself ("I need Candida strains for a class, but not
  Candida auris. What's left?" keeps its first sentence);
- after the request, it narrows nothing ("How many yeasts? I only want the Italian ones." keeps its
  second sentence).

    aside_sentences(question)   # [(start, end), ...] offsets of the aside sentences
"""

from __future__ import annotations

import re

from linking.hints.beliefs import BELIEF
from linking.hints.text import fold

# a sentence ends at '?', or at '.'/'!' after a word of two letters or more that is no abbreviation
# ('P. chrysogenum', 'no. of strains' do not end one)
_BOUNDARY = re.compile(
    r"\?+\s*|(?<=[\w)\]'\"°]{2})(?<!\bno)(?<!\bnr)(?<!\bsp)(?<!\bspp)(?<!\bvar)(?<!\bvs)(?<!\betc)(?<!\bca)(?<!\bfig)"
    r"[.!]+\s+(?=\S)",
    flags=re.I,
)
_ASKS = re.compile(
    r"^\W*(?:show|list|give|gimme|lemme\s+see|tell|find|can|could|would|will|how|what|which|who|do|does|are|is|any|pull|please|"
    r"quali|quale|quant[ieo]|mi\s+(?:fai|fate|dici|dite|trovi|mostri|elenchi|dai|date|indichi|indicate|sai|sapete|"
    r"puoi|potete|potresti|potreste|apri|tiri)|mostra\w*|elenc\w*|dammi|dimmi|avete|abbiamo|ci\s+sono|c'e|trova\w*|"
    r"cerca\w*|puoi|potresti|potete|potreste|hai|esiston\w*|cerco|vorrei|voglio|vorremmo|gradirei|gradiremmo|"
    r"(?:i|we)\s+would\s+(?:like|be\s+grateful|appreciate)|(?:i|we)'d\s+(?:like|appreciate)|(?:mi|ci)\s+serv\w*|"
    r"(?:i|we)\s+(?:need|want|would\s+like)|(?:i'?m|we'?re)\s+looking\s+for)\b"
)
# the English "I" (not the Italian article of "i lieviti") only before a verb here, or capitalised
_ABOUT_ASKER = re.compile(
    r"\b(?:hi|hello|hey|i(?=\s+(?:am|have|had|need|want|was|just|know|think|study|work|only|already|got)\b)|i'm|"
    r"im|i've|i'd|i'll|me|my|we|we're|we've|our|us|it's|looks?|seems?|strange|odd|weird|"
    r"should\s+be|needs?\s+to\s+be|ciao|salve|buongiorno|sono\s+(?:un|una|uno|il|la|nuov\w*|appena)|io|ho|devo|"
    r"dobbiamo|vorrei|voglio|mi|studio|sto|stiamo|andrebbe|va\s+(?:corrett|sistemat|modificat|rivist)\w*|strano|"
    r"sembra|pare|tesista|possiamo|posso|porto|students?|class|course|practical|exercise|lesson|studenti|"
    r"studentesse|corso|esercitazion\w*|lezion\w*|this\s+week|next\s+week|today|tomorrow|questa\s+settimana|"
    r"domani|oggi|colleagues?|collega|colleghi|supervisor|relatore|relatrice|tutor|boss|is\s+curious|curios[oa])\b"
)
# what makes a sentence part of the request: before it, asking for strains; after it, narrowing them
_WANTS = re.compile(
    r"\b(?:need\w*|want\w*|would\s+like|i'd\s+like|looking\s+for|find\s+out|trying\s+to|how\s+many|show|list|give|"
    r"sapere|capire|vorrei|voglio|bisogno|serv\w*|cerco|cerchiamo|cercando|(?:i'?m|i\s+am|we'?re|we\s+are)\s+after|"
    r"elenc\w*|mostr\w*|dammi)\b"
)
# the request points back into what came before ("We're taking the students to Elba. How many genera were
# isolated there?"): then the sentences before it are part of it
_POINTS_BACK = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwere\s)(?<!\bwas\s)\bthere\b|\b(?:them|those|these|quelli|quelle|questi|queste)\b"
)
_THERE_IT = re.compile(r"\b(?:lì|là)\b")  # read in the text as written: folding makes them 'li', 'la'

_PLEASE = re.compile(r"\b(?:please|pls|plz|per\s+favore|per\s+piacere|grazie)\b")
_NARROWS = re.compile(
    r"\b(?:only|just|solo|soltanto|solamente|except|excluding|escluso|esclusi|tranne|without|senza|not|non|no|"
    r"ne|but\s+not|ma\s+non|also|anche|leave|leaving|skip|drop|remove|togli\w*|escludi\w*|lascia\w*|fuori|out|"
    r"bast[ao]|bastano|first|top|last|prim[oaie]|ultim[oaie]|\d+)\b"
)


# "Is that right?" after a belief asks for nothing of its own: the belief is the question
_ONLY_CONFIRMS = re.compile(
    r"\W*(?:is\s+(?:that|this|it)\s+(?:right|correct|true)|am\s+i\s+(?:right|correct)|(?:e\s+)?(?:corretto|giusto|vero)|right|correct)\W*"
)


def _asks(sentence: str) -> bool:
    if _ONLY_CONFIRMS.fullmatch(sentence):
        return False
    return sentence.rstrip().endswith("?") or bool(_ASKS.match(sentence) or _PLEASE.search(sentence))


def aside_sentences(question: str) -> list[tuple[int, int]]:
    folded = fold(question)
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _BOUNDARY.finditer(question):
        spans.append((begin, m.end()))
        begin = m.end()
    if begin < len(question.rstrip()):
        spans.append((begin, len(question)))
    if len(spans) < 2:
        return []
    asking = [i for i, (a, b) in enumerate(spans) if _asks(folded[a:b])]
    if not asking:
        return []
    first, last = asking[0], asking[-1]
    a, b = spans[first]
    leading = not (_POINTS_BACK.search(folded[a:b]) or _THERE_IT.search(question[a:b]))
    found = []
    for i, (a, b) in enumerate(spans):
        text = folded[a:b]
        if i in asking or not (_ABOUT_ASKER.search(text) or re.search(r"\bI\b", question[a:b])):
            continue
        if BELIEF.search(text):  # "Mi risulta che ... . Puoi ricontarli?": the belief is what to check (beliefs.py)
            continue
        if (i < first and leading and not _WANTS.search(text)) or (i > last and not _NARROWS.search(text)):
            found.append((a, b))
    return found
