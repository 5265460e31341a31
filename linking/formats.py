"""Answer formats: words that say how the answer should look, not which strains it is about.

"The accession numbers are fine.", "One line is enough.", "in breve", "in tabella", "elencameli",
"bastano i codici", "as a CSV-style list": none of them names a value ('fine', 'line', the species
'breve'). Their spans are blanked like asides, so no link or hint is read inside them. A format that
asks for a count ("just the number", "solo il numero") is not one of them: the aggregate hints read it.

    format_phrases(question)   # [(start, end), ...] offsets of the format phrases
"""

from __future__ import annotations

import re

from linking.hints.text import fold

_LOOK = r"(?:quick|short|brief|simple|plain|full|complete|flat|csv(?:-style|\s+style)?|bulleted|numbered)"
_FORMATS = re.compile(
    r"\b(?:"
    # English
    r"(?:the\s+)?(?:accession\s+)?(?:numbers|codes|ids|names)\s+(?:are|is|would\s+be)\s+(?:fine|enough|ok|okay|sufficient)"
    r"|(?:just\s+)?(?:one|a\s+single)\s+line\s+(?:is|will\s+be|would\s+be)\s+(?:enough|fine|plenty|ok)"
    r"|(?:as|in)\s+(?:a|one)\s+(?:" + _LOOK + r"\s+)?(?:list|table|line)(?:\s+(?:please|pls|thanks))?"
    r"|(?:a|one)\s+" + _LOOK + r"\s+(?:list|table|answer|overview)(?:\s+(?:is|will\s+be|would\s+be)\s+(?:enough|fine))?"
    r"|in\s+(?:short|brief|a\s+nutshell)|briefly|at\s+a\s+glance"
    # Italian
    r"|in\s+breve|in\s+sintesi|in\s+tabella|in\s+(?:una\s+)?(?:lista|elenco|tabella)(?:\s+(?:semplice|breve))?"
    r"|a\s+colpo\s+d'\s*occhio|elencameli|elencamele|bastano\s+(?:i|gli|le)\s+(?:codici|numeri|nomi|sigle)"
    r"|(?:basta|bastera)\s+una\s+riga|una\s+riga\s+(?:basta|e\s+sufficiente)|un\s+elenco\s+(?:semplice|veloce|breve)"
    r")\b"
)


def format_phrases(question: str) -> list[tuple[int, int]]:
    """(start, end) of every phrase that asks for a form of the answer."""
    return [(m.start(), m.end()) for m in _FORMATS.finditer(fold(question))]
