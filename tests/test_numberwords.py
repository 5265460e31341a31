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
    # single number words and words that only look like numbers stay
    "the five genera with one distinct species": "the five genera with one distinct species",
    "ceppi in quarantena dal Trentino, trenta ceppi": "ceppi in quarantena dal Trentino, trenta ceppi",
}


@pytest.mark.parametrize(("question", "expected"), CASES.items(), ids=list(CASES))
def test_number_words_become_digits(question, expected):
    spelled = spelled_numbers(question)
    assert " ".join(spelled.split()) == " ".join(expected.split())
    assert len(spelled) == len(question)  # every offset stays where it was
