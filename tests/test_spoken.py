"""Fillers and self-corrections are blanked before linking (linking/spoken.py), offsets kept."""

import pytest

from linking.spoken import as_meant

CASES = {
    # the correction repeats the first word of what it takes back
    "cities in sicily no wait in the veneto": "cities in the veneto",
    "gela o lentini no scusa gela o varigotti": "gela o varigotti",
    "with no collection date no sorry i meant no isolation date": "with no isolation date",
    # or it takes back as many words as its own first phrase
    "phoma no wait i mean mucor from the forest": "mucor from the forest",
    "in october 2022 no sorry november 2022": "in november 2022",
    "dalla spagna, anzi dal portogallo": "dal portogallo",
    # fillers
    "quanti lieviti non hanno ehm la località": "quanti lieviti non hanno la località",
    "um so which uhm yeasts": "so which yeasts",
    # nothing to take back, or nothing before the marker
    "sorry to bother you, which yeasts are from spain?": "sorry to bother you, which yeasts are from spain?",
    "no wait, which yeasts": "no wait, which yeasts",
    "strains with no riskgroup": "strains with no riskgroup",
}


@pytest.mark.parametrize(("question", "expected"), CASES.items(), ids=list(CASES))
def test_speech_habits_are_taken_out(question, expected):
    meant = as_meant(question)
    assert " ".join(meant.split()) == expected
    assert len(meant) == len(question)  # every offset stays where it was
