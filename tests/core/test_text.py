"""Specification of the shared text analysis: name patterns, stemmers, the two stop-word tables, quotes."""

from __future__ import annotations

import re

import pytest

from core.text import (
    index_stopwords,
    index_tokens,
    make_stemmer,
    name_pattern,
    normalize_quotes,
    quote_insensitive,
    term_stopwords,
    words,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Does Pixel Jet keep my data?", "Does   keep my data?"),
    ("Does pixel-jet keep my data?", "Does   keep my data?"),
    ("Does pixeljets keep my data?", "Does pixeljets keep my data?"),  # a longer word is not the name
    ("Ask J3D Prints NL or J3D.", "Ask   or  ."),
])
def test_name_pattern_matches_whole_names_longest_first_with_spaces_or_hyphens(text, expected) -> None:
    pattern = name_pattern(["pixel jet", "J3D", "J3D Prints NL", "  "])
    assert pattern is not None
    assert pattern.sub(" ", text) == expected


def test_name_pattern_of_no_names_is_none() -> None:
    assert name_pattern(["", " "]) is None


def test_literal_name_pattern_keeps_spaces_and_its_own_boundaries() -> None:
    pattern = name_pattern(["Pixel Jet"], gap=None, before=r"(?<![\w-])", after=r"(?![\w-])")
    assert pattern is not None and pattern.pattern == r"(?<![\w-])(?:Pixel\ Jet)(?![\w-])"
    assert pattern.flags & re.IGNORECASE
    assert pattern.search("pixel-jet") is None and pattern.search("about PIXEL JET.")


def test_bm25_drops_the_long_english_list_and_the_composer_the_short_one() -> None:
    assert term_stopwords("en") < index_stopwords("en")
    assert "how" in index_stopwords("en") and "how" not in term_stopwords("en")
    for language in ("nl", "de", "fr"):
        assert term_stopwords(language) == index_stopwords(language)
    assert index_stopwords("es") == term_stopwords("es") == frozenset()


@pytest.mark.parametrize(("language", "text", "tokens"), [
    ("en", "How long do you keep my files?", ["long", "keep", "file"]),
    ("nl", "Hoe lang bewaren jullie mijn bestanden?", ["lang", "bewaar", "jullie", "bestand"]),
])
def test_index_tokens_are_lower_cased_stemmed_content_words(language, text, tokens) -> None:
    assert index_tokens([text], language=language, stemmer=make_stemmer(language)) == [tokens]


def test_words_and_quotes_are_normalized_for_comparison() -> None:
    assert words("We’ll keep IT") == ["we", "ll", "keep", "it"]
    assert normalize_quotes("We’ll ‘keep’") == "We'll 'keep'"
    assert quote_insensitive(" We’ll\n keep  it ") == "We'll keep it"
