"""Value families: a one-word value that is mostly stored inside longer values means all of them.

"list the strains from cheese": 'cheese' is the exact substrate of 4 strains and habitat of 12, but
64 strains have a substrate with the word in it ('Gorgonzola cheese', 'Piedmont cheese: toma', ...).
A biologist asking for cheese means the family, so the link becomes `substrate ILIKE '%cheese%'` in
the column where the family is largest. Only where the exact value is a small share of its family
(`FAMILY_SHARE`), the question names neither column (then the curator's or the question's choice
stands), lists no other value of the column ("wood or Soil with mulch sheet" are stored values) and
the word is the value as stored (an Italian word is left to the glossary). A word the linker only
matched fuzzily in another column ('ceppi isolati dalla posidonia' -> species 'posidoniae') is read
as the family of the stored values it is literally in.

    widen_to_families(q, vocabulary)   # sets Link.operator/column in place
"""

from __future__ import annotations

from index.normalize import fold_plurals, normalize
from linking.hints.text import Question
from linking.hints.vocabulary import Vocabulary

FAMILY_COLUMNS = ("substrate", "isolationhabitat")
FAMILY_SHARE = 0.25  # the exact value's strains below this share of the family's: read the family


def widen_to_families(q: Question, vocabulary: Vocabulary | None) -> None:
    if vocabulary is None or any(m.column in FAMILY_COLUMNS for m in q.mentions):
        return
    for link in q.links:
        word = fold_plurals(normalize(link.span))
        if link.operator != "=" or link.method == "alias" or " " in word:
            continue
        # a fuzzy match elsewhere ('posidonia' -> the epithet 'posidoniae') loses to the word as typed
        guessed = link.method == "fuzzy" and link.column not in FAMILY_COLUMNS
        if link.column not in FAMILY_COLUMNS and not guessed:
            continue
        if any(other is not link and other.column == link.column for other in q.links):
            continue  # "from wood or Soil with mulch sheet" lists stored values
        family = {c: n for c, n in vocabulary.counts.get(word, {}).items() if c in FAMILY_COLUMNS}
        if not family:
            continue
        column = max(family, key=family.__getitem__)
        exact = 0 if guessed else max([link.count, *(a.count for a in link.alternatives)])
        if exact < FAMILY_SHARE * family[column]:
            link.column, link.operator = column, "contains"
