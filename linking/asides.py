"""Asides: words of a question that say what the answer is for, not which strains it is about.

"for the holothurian paper: how many ..." is no substrate 'paper', "(for the yeast bench)" no
organism type 'Yeasts', "sto preparando la tabella 2 del paper" no substrate either. A link is an
aside when it names the purpose ('paper' after "for the" / "del"), or when a purpose noun follows it
("the marine project", "the yeast bench"); "strains isolated from paper" keeps its value.

An opening clause that names the purpose ("For a report on protected areas: ...") is an aside as a
whole: no word in it is a value or a partial value.

    without_asides(links, question, purpose_clause(question))
    purpose_clause(question)   # (start, end) of that clause, or None
    blank_clause(question, clause)  # what the hint rules read: the clause blanked but for its years
"""

from __future__ import annotations

import re

from linking.hints.text import fold

_PURPOSE = (
    r"(?:paper|papers|poster|thesis|tesi|report|review|grant|project|progetto|bench|slides?|talk|presentation|"
    r"presentazione|seminar|seminario)"
)
# 'for the (holothurian) paper', 'del paper', 'per il mio poster': the purpose itself
_FOR_THE = re.compile(
    r"\b(?:for|per|of|del|della|nel|sul|to)\s+(?:the|my|our|a|an|il|la|lo|l'|mio|mia|nostro|nostra|un|una)?\s*(?:\w+\s+)?$"
)
_PURPOSE_WORD = re.compile(rf"^{_PURPOSE}$")
_PURPOSE_AFTER = re.compile(rf"^\s+{_PURPOSE}\b")
_THE_BEFORE = re.compile(r"\b(?:the|my|our|il|la|lo|mio|mia|nostro|nostra)\s+$")


_PURPOSE_CLAUSE = re.compile(
    rf"^\W*(?:for|per)\s+(?:a|an|the|my|our|il|la|lo|un|una|mio|mia|nostro|nostra)?\s*(?:\w+\s+)?{_PURPOSE}\b(?:\s+[\w-]+){{0,4}}\s*[:;,]"
)
# the work an opening clause is for, when it is not one of the words above ("For the register we keep
# on GMO material, ...", "Per il controllo trimestrale dei depositi, ...")
_WORK = (
    r"(?:audit|register|registro|inventory|inventario|figure|figura|table|tabella|section|sezione|survey|renewal|rinnovo|"
    r"meeting|riunione|relazione|rapporto|article|articolo|manuscript|dossier|proposal|proposta|course|corso|lesson|"
    r"lezione|workshop|conference|convegno|congresso|newsletter|controllo|verifica|revisione|aggiornamento|stesura)"
)
# openers that say what the question is for whatever follows them
_CONTEXT_OPENER = (
    r"(?:so\s+that|ahead\s+of|in\s+view\s+of|with\s+a\s+view\s+to|in\s+preparation\s+for|in\s+order\s+to|"
    r"at\s+the\s+request\s+of|on\s+behalf\s+of|nell'\s*ambito\s+d\w*|nel\s+quadro\s+d\w*|in\s+vista\s+d\w*|"
    r"ai\s+fini\s+d\w*|allo\s+scopo\s+di|al\s+fine\s+di|su\s+richiesta\s+d\w*|dovendo|in\s+previsione\s+d\w*|"
    r"in\s+preparazione\s+d\w*|per\s+conto\s+d\w*|in\s+occasione\s+d\w*|a\s+supporto\s+d\w*)"
)
_CONTEXT_CLAUSE = re.compile(
    rf"^\W*(?:{_CONTEXT_OPENER}|(?:for|per|in|within|as\s+part\s+of)\s+(?:a|an|the|my|our|il|la|lo|l'|un|una|mio|mia|"
    rf"nostro|nostra)?\s*(?:[\w-]+\s+){{0,3}}(?:{_PURPOSE}|{_WORK})\b)(?:\s*[\w'-]+){{0,14}}?\s*[:;,]"
    # "Ahead of the grant renewal, where we have to show how it has grown, how many ...": one more part
    r"(?:\s*(?:where|in\s+which|dove|in\s+cui)\b(?:\s*[\w'-]+){0,12}?\s*[:;,])?"
)
_MAIN_CLAUSE = re.compile(r"(?:\W*\w+){3}")  # the question proper still follows the clause
# a request inside the opening part makes it the question itself ("For my thesis I need to know the 2
# regions with more Mortierella, could you tell me?"), unless a colon follows it
_REQUEST = re.compile(
    r"\b(?:which|what|how|who|list|show|give|tell|need|want|know|quali|quale|quanti|quante|elenc\w*|mostr\w*|dammi|"
    r"dimmi|vorrei|voglio|bisogno|serv\w*|cerco|trova\w*)\b"
)


def purpose_clause(question: str) -> tuple[int, int] | None:
    folded = fold(question)
    found = _PURPOSE_CLAUSE.match(folded)
    if found is None:
        found = _CONTEXT_CLAUSE.match(folded)
        opening = re.match(r"[^:;,]*(?P<end>[:;,])", found.group()) if found is not None else None
        # before a colon a request only announces the question ("... paper we need a table: tabulate ...")
        if opening is not None and opening.group("end") != ":" and _REQUEST.search(opening.group()):
            found = None
    if found is None or not _MAIN_CLAUSE.match(folded[found.end() :]):
        return None
    return (found.start(), found.end())


def without_asides(links: list, question: str, clause: tuple[int, int] | None) -> list:
    """The links that are no aside; `clause` is `purpose_clause(question)`, found once by the caller."""
    folded = fold(question)
    return [link for link in links if not _aside(link, folded) and not (clause and link.start < clause[1])]


def _aside(link, folded: str) -> bool:
    span = folded[link.start : link.end].strip()
    before, after = folded[max(0, link.start - 40) : link.start], folded[link.end : link.end + 20]
    if _PURPOSE_WORD.match(span):
        return bool(_FOR_THE.search(before)) and not re.search(r"\b(?:from|on|da|dal|dalla|su)\s+(?:\w+\s+)?$", before)
    return bool(_PURPOSE_AFTER.match(after) and _THE_BEFORE.search(before))


def blank_clause(question: str, clause: tuple[int, int] | None) -> str:
    """The question with its purpose clause blanked, offsets kept; a year in it stays ("for the 2021
    activity chart, split the isolations of that year by month")."""
    if clause is None:
        return question
    start, end = clause
    inside = re.sub(r"(?<!\d)((?:19|20)\d{2})(?!\d)|.", lambda m: m.group(1) or " ", question[start:end], flags=re.S)
    return question[:start] + inside + question[end:]
