"""Asides: words of a question that say what the answer is for, not which strains it is about.

"for the holothurian paper: how many ..." is no substrate 'paper', "(for the yeast bench)" no
organism type 'Yeasts', "sto preparando la tabella 2 del paper" no substrate either. A link is an
aside when it names the purpose ('paper' after "for the" / "del"), or when a purpose noun follows it
("the marine project", "the yeast bench"); "strains isolated from paper" keeps its value.

An opening clause that names the purpose ("For a report on protected areas: ...") is an aside as a
whole: no word in it is a value or a partial value.

A first-person account of the bench work before the request ("I'm setting up PAH degradation plates,
so could you ...") is one too, and so is a reason given after the question ("..., perché devo capire
quali altri terreni preparare").

    clauses = [c for c in (purpose_clause(question), reason_clause(question)) if c]
    without_asides(links, question, clauses)
    blank_clause(question, clauses)  # what the hint rules read: the clauses blanked but for years, accessions
"""

from __future__ import annotations

import re

from linking.hints.text import fold

_PURPOSE = (
    r"(?:paper|papers|poster|thesis|tesi|report|review|grant|project|progetto|bench|slides?|talk|presentation|sheet|"
    r"spreadsheet|foglio|"
    r"presentazione|seminar|seminario)"
)
# 'for the (holothurian) paper', 'del paper', 'per il mio poster': the purpose itself
_FOR_THE = re.compile(
    r"\b(?:for|per|of|del|della|nel|sul|to|in)\s+(?:the|my|our|a|an|il|la|lo|l'|mio|mia|nostro|nostra|un|una)?\s*(?:\w+\s+)?$"
)
_PURPOSE_WORD = re.compile(rf"^{_PURPOSE}$")
_PURPOSE_AFTER = re.compile(rf"^(?:-\w+)?\s+{_PURPOSE}\b")  # "the marine project", "my wood-decay poster"
_THE_BEFORE = re.compile(r"\b(?:the|my|our|il|la|lo|mio|mia|nostro|nostra)\s+$")


_PURPOSE_CLAUSE = re.compile(
    rf"^\W*(?:for|per)\s+(?:a|an|the|my|our|il|la|lo|un|una|mio|mia|nostro|nostra)?\s*(?:\w+\s+)?{_PURPOSE}\b(?:\s+[\w-]+){{0,4}}\s*[:;,]"
)
# the work an opening clause is for, when it is not one of the words above ("For the register we keep
# on GMO material, ...", "Per il controllo trimestrale dei depositi, ...")
_WORK = (
    r"(?:audit|register|registro|inventory|inventario|figure|figura|table|tabella|section|sezione|survey|renewal|rinnovo|"
    r"meeting|riunione|relazione|rapporto|article|articolo|manuscript|dossier|proposal|proposta|course|corso|lesson|"
    r"lezione|workshop|conference|convegno|congresso|newsletter|controllo|verifica|revisione|aggiornamento|stesura|"
    r"uscita|gita|escursione|trip|excursion|esercitazione|practical|exercise)"
)
# openers that say what the question is for whatever follows them
_CONTEXT_OPENER = (
    r"(?:so\s+that|ahead\s+of|in\s+view\s+of|with\s+a\s+view\s+to|in\s+preparation\s+for|in\s+order\s+to|"
    r"at\s+the\s+request\s+of|on\s+behalf\s+of|nell'\s*ambito\s+d\w*|nel\s+quadro\s+d\w*|in\s+vista\s+d\w*|"
    r"ai\s+fini\s+d\w*|allo\s+scopo\s+di|al\s+fine\s+di|su\s+richiesta\s+d\w*|dovendo|in\s+previsione\s+d\w*|"
    r"in\s+preparazione\s+d\w*|per\s+conto\s+d\w*|in\s+occasione\s+d\w*|a\s+supporto\s+d\w*|before\s+(?:i|we)\b|"
    r"prima\s+di\s+[a-z]+(?:are|ere|ire|arvi|ervi|irvi|arti|erti|irti|arlo|arla|arli|arle|armi|ermi)\b)"
)
_CONTEXT_CLAUSE = re.compile(
    rf"^\W*(?:{_CONTEXT_OPENER}|(?:for|per|in|within|as\s+part\s+of|doing|preparing|writing|working\s+on)\s+(?:a|an|the|"
    rf"my|our|il|la|lo|l'|un|una|mio|mia|nostro|nostra)?\s*(?:[\w-]+\s+){{0,3}}(?:{_PURPOSE}|{_WORK})\b)"
    rf"(?:\s*[\w'-]+){{0,14}}?\s*(?:[:;,]|(?<=\s)-(?=\s))"
    # "Ahead of the grant renewal, where we have to show how it has grown, how many ...": one more part
    r"(?:\s*(?:where|in\s+which|dove|in\s+cui)\b(?:\s*[\w'-]+){0,12}?\s*[:;,])?"
)
# "..., vorrei sapere da quante località provengono i vostri ceppi di questo genere": the clause names the genus
_THIS_KIND = re.compile(
    r"\b(?:quest[oaie]|th(?:is|ese|at|ose))\s+(?:gener[ei]|genus|gener[ao]|speci[ea]s?|ceppi|strains|organism\w*|lieviti|yeasts)\b"
)
_MAIN_CLAUSE = re.compile(r"(?:\W*\w+){3}")  # the question proper still follows the clause
# a request inside the opening part makes it the question itself ("For my thesis I need to know the 2
# regions with more Mortierella, could you tell me?"), unless a colon follows it
_REQUEST = re.compile(
    r"\b(?:which|what|how|who|list|show|give|tell|need|want|know|quali|quale|quanti|quante|elenc\w*|mostr\w*|dammi|"
    r"dimmi|vorrei|voglio|bisogno|serv\w*|cerco|trova\w*)\b"
)
# ... unless the request asks about something there: "Per la tesi mi serve sapere come si distribuiscono i
# lieviti rispetto alla ploidia: quanti ...?" is the question itself, colon or not
_ASKS_ABOUT = re.compile(
    r"\b(?:sapere|capire|know|understand|see)\s+(?:come|quant\w+|qual\w*|se|how|which|what|whether)\b"
)
# "I'm setting up PAH degradation plates, so could you ...", "Sto riordinando la cella dei terreni, mi dici
# ...": a first-person account of the bench work, then the request; the account names no value
_ACCOUNT = re.compile(
    r"^\W*(?:i'?m|i\s+am|i'?ve|i\s+have|we'?re|we\s+are|we'?ve|we\s+have|only\s+the|sto|stiamo|ho|abbiamo)\s"
    r"(?:(?!\s-\s)[^:;,?.–—]){6,120}?(?:this\s+week|today|right\s+now|at\s+the\s+moment|oggi|questa\s+settimana|"
    r"in\s+questo\s+momento)?(?=\s*[;,]\s*(?:so|and|quindi|allora)?\s*(?:could|can|would|will|which|what|how|please|"
    r"pls|give|list|show|find|tell|pull|mi\s+\w+|ci\s+\w+|potresti|puoi|quali|quant\w+|dimmi|dammi|elenc\w+|trov\w+)\b)"
)
_ACCOUNT_VERB = re.compile(r"^\W*(?:i'?m|we'?re|i\s+am|we\s+are|sto|stiamo)\s+(?:looking|searching|cercando)\b")
# the request after the account points back into it ("..., can you list them?"): then it is the question
_POINTS_BACK = re.compile(r"\b(?:them|those|these|they|quelli|quelle|questi|queste|li|le|ne)\b")
# "..., perché devo capire quali altri terreni preparare": a reason given after the question
_REASON_AFTER = re.compile(
    r"[,;.]\s*(?:perch[eé]|poich[eé]|because|since|as|dato\s+che|visto\s+che)\s+(?:i|we|devo|dobbiamo|voglio|vorrei|"
    r"mi\s+serv\w*|ci\s+serv\w*|ho|abbiamo|sto|stiamo)\b[^?]*$"
)


def purpose_clause(question: str) -> tuple[int, int] | None:
    folded = fold(question)
    found = _PURPOSE_CLAUSE.match(folded)
    if found is None:
        found = _CONTEXT_CLAUSE.match(folded)
        opening = re.match(r"[^:;,]*?(?P<end>[:;,]|(?<=\s)-(?=\s|$))", found.group()) if found is not None else None
        # before a colon a request only announces the question ("... paper we need a table: tabulate ...")
        asks = opening is not None and _REQUEST.search(opening.group())
        if asks and (opening.group("end") != ":" or _ASKS_ABOUT.search(opening.group())):
            found = None
    if found is None:
        found = _account(folded)
    if found is None or not _MAIN_CLAUSE.match(folded[found.end() :]) or _THIS_KIND.search(folded[found.end() :]):
        return None
    return (found.start(), found.end())


# the request's own words: without anything else it asks about the account ("..., how many are there?")
_BARE_REQUEST = frozenset(
    re.findall(
        r"\w+",
        "so and could can would you me please pls how many much what which are is there were do we have list show "
        "give find tell the all strains isolates in total overall altogether quindi allora mi dici quanti quante "
        "quali sono ci ce ne hai avete ceppi tutto totale",
    )
)


def _account(folded: str) -> re.Match | None:
    found = _ACCOUNT.match(folded)
    if found is None or _ACCOUNT_VERB.match(folded) or _REQUEST.search(found.group()):
        return None
    rest = folded[found.end() :]
    if _POINTS_BACK.search(rest) or not set(re.findall(r"[a-z]+", rest)) - _BARE_REQUEST:
        return None
    return found


def reason_clause(question: str) -> tuple[int, int] | None:
    """(start, end) of a reason given after the question ("..., because I need to plan the media"), or None."""
    folded = fold(question)
    found = _REASON_AFTER.search(folded)
    if found is None or not _MAIN_CLAUSE.match(folded[: found.start()]):
        return None
    return (found.start(), len(question))


def without_asides(links: list, question: str, clauses: list[tuple[int, int]]) -> list:
    """The links that are no aside; `clauses` are `purpose_clause` and `reason_clause`, found once by the caller."""
    folded = fold(question)
    return [link for link in links if not _aside(link, folded) and not inside(clauses, link.start)]


def inside(clauses: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in clauses)


def _aside(link, folded: str) -> bool:
    return names_purpose(folded, link.start, link.end)


def names_purpose(folded: str, start: int, end: int) -> bool:
    """The words at [start, end) of the folded question are the purpose ("for the paper") or qualify it
    ("my wood-decay poster", "the marine project")."""
    span = folded[start:end].strip()
    before, after = folded[max(0, start - 40) : start], folded[end : end + 30]
    if _PURPOSE_WORD.match(span):
        return bool(_FOR_THE.search(before)) and not re.search(r"\b(?:from|on|da|dal|dalla|su)\s+(?:\w+\s+)?$", before)
    return bool(_PURPOSE_AFTER.match(after) and _THE_BEFORE.search(before))


# what the clause still says: a year ("for the 2021 activity chart, split the isolations of that year by
# month") and an accession number ("I've got TUCC00000483 on the bench; which others share its substrate?")
_KEPT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|\b([A-Za-z]{2,5}\s?\d{4,}[A-Za-z]?)\b|([.;:?!])|.", flags=re.S)


def blank_clause(question: str, clauses: list[tuple[int, int]]) -> str:
    """The question with its aside clauses blanked, offsets kept, but for their years and accessions."""
    for start, end in clauses:
        kept = _KEPT.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or " ", question[start:end])
        question = question[:start] + kept + question[end:]
    return question
