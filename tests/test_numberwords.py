"""Numbers in words become digits in place (linking/numberwords.py); single words are left alone."""

import pytest

from linking.numberwords import spelled_numbers

CASES = {
    "twenty-eight degrees": "28 degrees",
    "before the year two thousand and ten?": "before the year 2010 ?",
    "fifty five strains": "55 strains",
    "fourteen isolates": "14 isolates",
    "ventotto gradi": "28 gradi",
    "tra il duemilaquindici e il duemila e diciotto": "tra il 2015 e il 2018",
    "ventitré ceppi": "23 ceppi",
    # as dictated: years in pairs, hundreds, digits one by one
    "isolated in twenty twenty two": "isolated in 2022",
    "before nineteen ninety": "before 1990",
    "in nineteen oh five": "in 1905",
    "prima del millenovecentonovanta": "prima del 1990",
    "il tucc mille quattrocento trenta": "il tucc 1430",
    "trecentoventi ceppi": "320 ceppi",
    "mut two nine seven one": "mut 2971",
    "mut uno uno due zero": "mut 1120",
    "almeno una ventina di ceppi": "almeno 20 di ceppi",
    "a dozen strains": "12 strains",
    # single number words and words that only look like numbers stay
    "risk group two or three": "risk group two or three",
    "the five genera with one distinct species": "the five genera with one distinct species",
    "ceppi in quarantena dal Trentino, trenta ceppi": "ceppi in quarantena dal Trentino, trenta ceppi",
}


@pytest.mark.parametrize(("question", "expected"), CASES.items(), ids=list(CASES))
def test_number_words_become_digits(question, expected):
    spelled = spelled_numbers(question)
    assert " ".join(spelled.split()) == " ".join(expected.split())
    assert len(spelled) == len(question)  # every offset stays where it was
