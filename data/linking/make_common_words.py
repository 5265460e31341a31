"""Build data/linking/common_words.txt: everyday English and Italian words that are never typing errors.

A question word such as "panel" is one edit from the glossary's "pane" (Bread), yet it is an ordinary word
that the writer spelt right. The fuzzy matcher leaves such words alone (linking/match.py). The list holds
the words of five letters or more with a Zipf frequency of at least 3.5 (about once in 300,000 words) in
English or Italian.

Source: the `wordfreq` package (Robyn Speer et al., data under CC BY-SA 4.0, built from Wikipedia,
subtitles, news, books and web text). It is not a dependency of StrainChat; to rebuild the list:

    pip install --target /tmp/wordfreq wordfreq
    PYTHONPATH=/tmp/wordfreq .venv/bin/python data/linking/make_common_words.py
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 3.5
MIN_LENGTH = 5  # shorter spans are never fuzzy-matched (MatchConfig.fuzzy_min_chars)
OUT = Path(__file__).with_name("common_words.txt")


def common_words(language: str) -> list[str]:
    return [
        word
        for word in top_n_list(language, 60000)
        if word.isalpha() and len(word) >= MIN_LENGTH and zipf_frequency(word, language) >= MIN_ZIPF
    ]


def main() -> None:
    words = sorted(set(common_words("en")) | set(common_words("it")))
    header = (
        "# Everyday English and Italian words (Zipf >= 3.5, 5+ letters), never read as typing errors.\n"
        "# Built by data/linking/make_common_words.py from wordfreq (CC BY-SA 4.0); do not edit by hand.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
