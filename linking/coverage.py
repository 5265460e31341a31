"""Which words of a question the code did not read: the router's evidence (text2sql/route.py).

A word is read when it is a function word, part of a column mention, inside a link's span or inside
a hint's span. Everything else ('regarding', 'thermophilic', a number no hint explains) is unread:
the code's draft may then miss part of the question, and the model answers instead.

    unread_words(tokens, mentions, links, hints)   # ['thermophilic']
"""

from __future__ import annotations

from linking.schema import Mention
from linking.spans import Token
from linking.types import Hint, Link


def unread_words(tokens: list[Token], mentions: list[Mention], links: list[Link], hints: list[Hint]) -> list[str]:
    mentioned = {i for m in mentions for i in range(m.first, m.last)}
    spans = [(link.start, link.end) for link in links] + [(h.start, h.end) for h in hints if h.end > h.start]
    unread = []
    for i, token in enumerate(tokens):
        if token.function or i in mentioned:
            continue
        if any(start < token.end and token.start < end for start, end in spans):
            continue
        unread.append(token.text)
    return unread
