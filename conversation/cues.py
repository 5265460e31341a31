"""Cue words of the dialogue acts, English and Italian: regular expressions over the lower-cased turn.

Used by conversation/acts.py; kept apart so the word lists can grow without touching the decision
logic. Each list says what it marks; `has(pattern, text)` is the only way they are applied.
"""

from __future__ import annotations

import re

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
    r"organism types?|organisms?|tipo di organismo|tipi di organismo|organismi": ("organismtype",),
    r"risk groups?|gruppo di rischio|gruppi di rischio|rischio": ("riskgroup",),
    r"city|cities|città": ("city",),
    r"localit(y|ies|à)": ("locality",),
    r"sources?|origins?|fonte|fonti|origine|provenienza|samples?|sample types?|tipo di campione|campioni": (
        "substrate",
        "isolationhabitat",
    ),
    r"anywhere|everywhere|ovunque|dappertutto": ("country", "region", "city", "locality", "geoorigin"),
}

_KINDS = "|".join(KIND_WORDS)
# "all regions", "any genus", "tutte le regioni", "qualsiasi data": the named column no longer constrained
ANY_OF_KIND = rf"\b(any|all|every|ogni|qualsiasi|qualunque|tutt[ie] (i|le|gli)|tutt[ie]) (the )?(\w+ )?({_KINDS})\b"
# "which genera?", "quali habitat": the same strains grouped by the column the words name
WHICH_OF_KIND = (
    rf"^\s*(which|what|quali|quale|che|da quali|da che|di che|from which|in which) ({_KINDS})\b"
    r"( (are there|ci sono|sono|do they come from|are they from|are they in|vengono|provengono))?\s*\??$"
)
REMOVE_CUES = (
    r"\bnot only\b|\bnon solo\b|\bno \w+( \w+)? filter\b|\bwithout\b|\bsenza\b"
    r"|\bnever ?mind\b|\bdrop\b|\bwithout the\b|\bforget\b|\bremove\b|\bignore\b|\bregardless of\b"
    r"|\bscrap\b|\bget rid of\b|\btake out\b|\bno need for\b|\bnon serve più\b"
    r"|\bdon'?t care about\b|\bdoesn'?t matter\b|\bno matter\b|\bwhatever the\b|\bnon mi interessa\b|\bfa niente\b"
    r"|\bno longer\b|\bfrom (every|all|any) \w+|\bin (every|all|any) \w+|\bany (date|year|region|country)\b"
    r"|\btogli\w*\b|\brimuovi\b|\belimina\b|\bignora\b|\bsenza (il|la|lo|l'|i|le|gli) ?filtro\b"
    r"|\blascia (perdere|stare)\b|\bnon importa\b|\bda tutt[ei] \w+|\bdi tutt[ei] \w+|\bin tutt[ei] \w+"
    r"|\bqualsiasi (data|anno|regione|paese)\b|\b(from )?anywhere\b|\bda (ovunque|qualsiasi parte)\b|" + ANY_OF_KIND
)
WIDEN_CUES = (
    r"\badd\b|\binclude\b|\btoo\b|\bas well\b|\balso\b|\bplus\b|\bback in\b|\bput\b.*\bback\b"
    r"|\baggiungi\w*|\bincludi\w*|\banche\b|\bpure\b|\brimetti\w*"
)
REPLACE_CUES = (
    r"^\s*(and|but|e|ed|ma)\b(?!.*\b(only|just|solo|soltanto)\b)|\bwhat about\b|\bhow about\b|\binstead\b"
    r"|\bsame (question|thing|query)\b|\be invece\b|\binvece\b|\bstessa (domanda|cosa)\b|\bcome (per|con)\b"
    r"|\bi meant\b|\bmeant\b|\bvolevo dire\b|\bintendevo\b|\bno wait\b|\bno aspetta\b|\boops\b|\bops\b"
    r"|\bswap\w*\b|\brather\b|\bpiuttosto\b|\bidem\b|\bditto\b|\bsame (for|with|but)\b|\b(fai )?lo stesso (per|con|x)\b"
    r"|\bal posto d[ie]\b|^\s*(now|ora|adesso)\b(?!.*\b(only|just|solo|soltanto|how many|quant[iea]|count)\b)"
)
REFINE_CUES = (
    r"\bonly\b|\bjust\b|\bof them\b|\bof those\b|\bof these\b|\bthose\b|\bthese\b|\bthem\b|\bthe ones\b"
    r"|\bkeep\b|\brestrict\w*\b|\bristrett\w*\b|\blimit\w*\b|\bnarrow\w*\b|\bamong\b|\bwhich of\b"
    r"|\bsolo\b|\bsoltanto\b|\bdi questi\b|\bdi quelli\b|\bquelli\b|\bquelle\b|\bquesti\b|\bqueste\b"
    r"|\btra (questi|quelli)\b|\bfra (questi|quelli)\b|\btieni\w*\b|\blimita\w*\b|\bne\b"
    r"|\bleave out\b|\bleaving out\b|\bexclud\w*\b|\bexcept\b|\bescludi\w*\b|\btranne\b"
)
COUNT_CUES = (
    r"\bhow many\b|\bhow much\b|\bcount\b|\bnumber\b|\btotal\b|\btally\b"
    r"|\bquant[iea]\b|\bquanit\b|\bquatni\b"
    r"|\bconti\b|\bcontarli\b|\bcontale\b|\bnumero\b|\bconteggio\b|\btotale\b|\bcont\w*li\b|\bin tutto\b"
)
ROWS_CUES = (
    r"\b(show|list|display|give me|see|name)\b.{0,12}\b(them|those|these|the strains|the ones)\b|\blist them\b"
    r"|\bwhich are they\b|\bwhat are they\b"
    r"|\b(mostra|elenca|fammi vedere|dammi|visualizza)\w*(li|le|meli|mele)\b|\bquali sono\b|\belencar(li|le)\b"
    r"|\bmostrar(li|le)\b|\bvedere\b"
)
GROUP_CUES = (
    r"\b(by|per|for each|each|grouped|broken down|break\w* down|ogni|ciascun\w*|raggrupp\w*|suddivi\w*|divi\w*"
    r"|distribu\w*|ripart\w*|breakdown)\b"
)
# "what were they isolated from?", "da cosa sono stati isolati?": the same strains grouped by substrate
SOURCE_QUESTION = (
    r"^\s*(what|where) (were|are) (they|these|those|the strains) (isolated|collected|taken) from\b"
    r"|^\s*(da cosa|da dove) (sono stati |sono state )?(isolat\w+|raccolt\w+|vengono|provengono)"
)
PERIOD_WORDS = r"\b(year|years|month|months|anno|anni|mese|mesi|annual\w*|monthly)\b"
DIFFERENT_WORDS = r"\b(different|distinct|diversi|diverse|distint\w*)\b"
ANAPHORA = (
    r"\b(them|those|these|they|their|ones|same|instead|quelli|quelle|questi|queste|loro|stessi|stesse|invece)\b"
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
    r"|ceppi|ceppo|cepi|isolati|colture|organismi|microrganismi|lieviti|lievito|funghi|bat+er+i|muffe)\b"
)

TOTAL_CUES = (
    r"\b(in total|overall|altogether|in all|in the (whole |entire )?(catalogue|catalog|collection)|of the collection"
    r"|in totale|complessivamente|nel catalogo|in tutto il catalogo|nell'intero catalogo|della collezione)\b"
)
# A turn that says it changes the subject: "ok different thing", "altra domanda", "cambiando argomento"
NEW_CUES = (
    r"\b(different (thing|question|topic)|something (else|different)|another (question|thing|topic)|new question"
    r"|other (thing|question|topic)|separate (question|thing)|diff(erent)? q|new q\b"
    r"|unrelated|change of (topic|subject)|switching (topic|gears)|altra (domanda|cosa)|cambi\w* (argomento|discorso)"
    r"|un'altra (domanda|cosa)|nuova domanda|domanda diversa|tutt'altro"
    r"|(whole|entire) (catalogue|catalog|collection)|tutto il catalogo"
    r"|(nell')?intero catalogo|(nell')?intera collezione"
    r"|everything from|anything at all|tutto (ciò|quello) che viene da|size of the (catalogue|catalog|collection)"
    r"|grand total|btw|by the way|domanda a parte|a parte questo|per curiosit\w*)\b"
)
# Words that name one date column; a date said without them keeps the column of the date it replaces
DATE_WORDS = (
    r"\b(collect\w*|raccol\w*|sampl\w*|campion\w*|isolat\w*|isolam\w*|deposit\w*|inclu\w*|inser\w*|added|entered"
    r"|catalog\w*|aggiunt\w*|registrat\w*)"
)
# Column phrases that hold a subject word but name a flag, not the strains asked about
NOT_SUBJECTS = r"\btype strains?\b|\bcepp[io] tipo\b"
ORGANISM_COLUMNS = ("genus", "scientificname", "species", "organismtype")
SHORT_QUESTION = r"^\s*\S+( \S+){0,2}\s*\?\s*$"  # "flavus?", "2014?", "Sardegna?"


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def normal(question: str) -> str:
    return " ".join(question.lower().replace("’", "'").split())
