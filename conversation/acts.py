"""Dialogue acts: what a new turn does to the previous turn's query, in English and Italian.

    act = classify("only those from Italy", links, previous_state)
    act.kind        # FIRST, NEW, REFINE, REPLACE, REMOVE or PROJECT
    act.needs_model # False for REMOVE, and for PROJECT when the code can tell the projection itself

The decision uses the linker's result (which columns the turn's linked values and column mentions
name, and whether those are already constrained in the previous state), cue words and the previous
state; the cues are plain regular expressions over the lower-cased question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conversation.state import Projection, QueryState
from linking.types import LinkResult

FIRST, NEW, REFINE, REPLACE, REMOVE, PROJECT = "FIRST", "NEW", "REFINE", "REPLACE", "REMOVE", "PROJECT"
ACTS = (FIRST, NEW, REFINE, REPLACE, REMOVE, PROJECT)
SHORT_TURN_WORDS = 7  # a turn this short that is not a full question leans on the previous one

DATE_COLUMNS = ("collectiondate", "isolationdate", "depositdate", "inclusiondate")

# Words naming a column or a kind of column, for removals and groupings; the linker's column
# mentions come first, these cover plurals and "the date" (any date column).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    r"dates?|years?|data|date|anno|anni|periodo|period": DATE_COLUMNS,
    r"collection date|data di raccolta|raccolta|collected|raccolti": ("collectiondate",),
    r"isolation date|data di isolamento|isolated|isolati nel": ("isolationdate",),
    r"regions?|regione|regioni": ("region",),
    r"country|countries|nation|nations|paese|paesi|nazione|nazioni": ("country",),
    r"genus|genera|genere|generi": ("genus",),
    r"species|specie": ("scientificname", "species"),
    r"substrates?|substrato|substrati": ("substrate",),
    r"habitats?": ("isolationhabitat",),
    r"organism types?|tipo di organismo|tipi di organismo|organismi": ("organismtype",),
    r"risk groups?|gruppo di rischio|gruppi di rischio|rischio": ("riskgroup",),
    r"city|cities|città": ("city",),
    r"localit(y|ies|à)": ("locality",),
}

REMOVE_CUES = (
    r"\bnever ?mind\b|\bdrop\b|\bwithout the\b|\bforget\b|\bremove\b|\bignore\b|\bregardless of\b"
    r"|\bno longer\b|\bfrom (every|all|any) \w+|\bin (every|all|any) \w+|\bany (date|year|region|country)\b"
    r"|\btogli\w*\b|\brimuovi\b|\belimina\b|\bignora\b|\bsenza (il|la|lo|l'|i|le|gli) ?filtro\b"
    r"|\blascia (perdere|stare)\b|\bnon importa\b|\bda tutt[ei] \w+|\bdi tutt[ei] \w+|\bin tutt[ei] \w+"
    r"|\bqualsiasi (data|anno|regione|paese)\b"
)
WIDEN_CUES = r"\badd\b|\binclude\b|\btoo\b|\bas well\b|\balso\b|\bplus\b|\baggiungi\w*|\bincludi\w*|\banche\b|\bpure\b"
REPLACE_CUES = (
    r"^\s*(and|but|e|ed|ma)\b(?!.*\b(only|just|solo|soltanto)\b)|\bwhat about\b|\bhow about\b|\binstead\b"
    r"|\bsame (question|thing|query)\b|\be invece\b|\binvece\b|\bstessa (domanda|cosa)\b|\bcome (per|con)\b"
)
REFINE_CUES = (
    r"\bonly\b|\bjust\b|\bof them\b|\bof those\b|\bof these\b|\bthose\b|\bthese\b|\bthem\b|\bthe ones\b"
    r"|\bkeep\b|\brestrict\w*\b|\blimit\w*\b|\bnarrow\w*\b|\bamong\b|\bwhich of\b"
    r"|\bsolo\b|\bsoltanto\b|\bdi questi\b|\bdi quelli\b|\bquelli\b|\bquelle\b|\bquesti\b|\bqueste\b"
    r"|\btra (questi|quelli)\b|\bfra (questi|quelli)\b|\btieni\w*\b|\blimita\w*\b|\bne\b"
)
COUNT_CUES = (
    r"\bhow many\b|\bhow much\b|\bcount\b|\bnumber\b|\btotal\b|\btally\b"
    r"|\bquant[iea]\b|\bnumero\b|\bconteggio\b|\btotale\b|\bcont\w*li\b|\bin tutto\b"
)
ROWS_CUES = (
    r"\b(show|list|display|give me|see|name)\b.{0,12}\b(them|those|these|the strains|the ones)\b|\blist them\b"
    r"|\bwhich are they\b|\bwhat are they\b"
    r"|\b(mostra|elenca|fammi vedere|dammi|visualizza)\w*(li|le|meli|mele)\b|\bquali sono\b|\belencar(li|le)\b"
    r"|\bmostrar(li|le)\b|\bvedere\b"
)
GROUP_CUES = (
    r"\b(by|per|for each|each|grouped|broken down|break\w* down|ogni|ciascun\w*|raggrupp\w*|suddivi\w*|divi\w*)\b"
)
PERIOD_WORDS = r"\b(year|years|month|months|anno|anni|mese|mesi|annual\w*|monthly)\b"
DIFFERENT_WORDS = r"\b(different|distinct|diversi|diverse|distint\w*)\b"
ANAPHORA = (
    r"\b(them|those|these|they|their|ones|same|quelli|quelle|questi|queste|loro|stessi|stesse)\b"
    r"|\b(mostra|elenca|conta|dammi|raggruppa|dividi|suddividi|limita|tieni|filtra|ordina)\w*(li|le|meli|mele)\b"
)
CONTINUATION = (
    r"^\s*(and|e|ed|also|anche|only|just|solo|soltanto|what about|how about|now|ora|invece|but|ma|plus|then|poi)\b"
)
STARTERS = (
    r"^\s*(please\s+)?(show|list|give|find|which|what|how many|how much|count|get|display|tell|are there|is there"
    r"|i need|i want|i'm looking|search|return|retrieve|strains|isolates|all|mostra|elenca|dammi|trova|quali|quale"
    r"|quanti|quante|conta|ci sono|c'è|mi servono|voglio|cerca|vorrei|fammi|ceppi|isolati|tutti|tutte|numero)\b"
)
SUBJECTS = (
    r"\b(strains?|isolates?|cultures?|organisms?|microorganisms?|yeasts?|fungi|fungus|bacteri(a|um)|moulds?|molds?"
    r"|ceppi|ceppo|isolati|colture|organismi|microrganismi|lieviti|lievito|funghi|batteri|muffe)\b"
)


@dataclass(frozen=True)
class Act:
    kind: str
    columns: tuple[str, ...] = ()  # columns the turn names (linked values and column mentions)
    remove: tuple[str, ...] = ()  # REMOVE: the columns whose conditions go
    projection: Projection | None = None  # PROJECT told by the code; None: the model's projection
    widen: bool = False  # REFINE that adds values to a column already constrained ("add Penicillium too")
    cue: str = ""  # what decided, for the log and for debugging

    @property
    def needs_model(self) -> bool:
        return not (self.kind == REMOVE or (self.kind == PROJECT and self.projection is not None))


def normal(question: str) -> str:
    return " ".join(question.lower().replace("’", "'").split())


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def named_columns(text: str, links: LinkResult | None) -> list[str]:
    """Columns the turn names: linked values, column mentions, then the kind words above."""
    found: list[str] = []
    if links is not None:
        found += [link.column for link in links.links] + list(links.columns)
    for words, columns in KIND_WORDS.items():
        if has(rf"\b({words})\b", text):
            found += columns
    return list(dict.fromkeys(found))


def condition_columns(links: LinkResult | None) -> set[str]:
    """Columns the turn puts a condition on: linked values, and the linker's WHERE hints (dates, flags, numbers)."""
    if links is None:
        return set()
    hinted = {h.column for h in getattr(links, "hints", []) if h.clause == "WHERE" and h.column}
    return {link.column for link in links.links} | hinted


def asks_for_rows(question: str) -> bool:
    """'show them', 'list them', 'elencali', 'mostrameli': the turn asks for the strains themselves."""
    return has(ROWS_CUES, normal(question))


def asks_projection(question: str) -> bool:
    """The turn says how to show the result: a count, groups or the rows."""
    text = normal(question)
    grouped = has(GROUP_CUES, text) and bool(named_columns(text, None))
    return has(COUNT_CUES, text) or asks_for_rows(question) or grouped


def is_full_question(text: str) -> bool:
    """A question naming its own subject ('show me all yeasts from Sardinia'), not leaning on the last one."""
    return has(STARTERS, text) and has(SUBJECTS, text) and not has(ANAPHORA, text) and not has(CONTINUATION, text)


def classify(question: str, links: LinkResult | None, previous: QueryState | None, force: str | None = None) -> Act:
    """The act of a new turn; FIRST without a previous state, `force` (e.g. NEW) when the user chose it."""
    text = normal(question)
    named = tuple(named_columns(text, links))
    if previous is None or previous.is_whole:
        return Act(FIRST if previous is None else NEW, named, cue="no previous state")
    if force is not None:
        return Act(force, named, cue="forced")
    constrained = previous.constrained()
    linked = condition_columns(links)
    if has(REMOVE_CUES, text):
        gone = tuple(c for c in named if c in constrained)
        if gone:
            return Act(REMOVE, named, remove=gone, cue="remove")
    if is_full_question(text):
        return Act(NEW, named, cue="full question")
    if not linked and not _has_new_condition(text):
        projection = code_projection(text, links)
        if projection is not None or asks_projection(question) or has(GROUP_CUES, text):
            return Act(PROJECT, named, projection=projection, cue="projection")
    if has(WIDEN_CUES, text) and linked & constrained:
        return Act(REFINE, named, widen=True, cue="widen")
    if has(REPLACE_CUES, text) or (linked and linked <= constrained and not has(REFINE_CUES, text)):
        return Act(REPLACE, named, cue="replace")
    if linked or has(REFINE_CUES, text) or _has_new_condition(text) or len(text.split()) <= SHORT_TURN_WORDS:
        return Act(REFINE, named, cue="refine")
    return Act(NEW, named, cue="default")


def _has_new_condition(text: str) -> bool:
    """A year, a comparison or a flag word: a condition the linker does not link to a stored value."""
    return has(
        r"\b(1[89]|20)\d\d\b|\b(after|before|since|until|between|older|newer|more than|less than|above|below"
        r"|dopo|prima|dal|fino|tra il|maggiore|minore|sopra|sotto|type strains?|ceppi tipo|gmo|ogm|quarantin\w*"
        r"|risk group|gruppo di rischio|missing|without|senza|mancant\w*|available|disponibil\w*|not|non|except"
        r"|tranne|eccetto|contain\w*|contien\w*)\b",
        text,
    ) and not has(r"\b(more than|più di|over|sopra|above) \d+ (of them|di questi|di quelli)?\s*\??$", text)


def code_projection(text: str, links: LinkResult | None) -> Projection | None:
    """A count, a group count by one named column or the rows, when the words say so plainly; else None."""
    if has(r"\d", text) or has(PERIOD_WORDS, text):
        return None  # thresholds, top N, per period: the model writes those
    columns = [c for c in named_columns(text, links) if c not in DATE_COLUMNS]
    if has(GROUP_CUES, text) and len(columns) == 1:
        return Projection.groups(columns[0])
    if columns:
        return None
    if has(COUNT_CUES, text) and not has(DIFFERENT_WORDS, text):
        return Projection.count()
    if asks_for_rows(text):
        return Projection.rows()
    return None
