"""Typing errors in questions are read as the policies' own words (`assistant.spelling.QuestionSpeller`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.spelling import QuestionSpeller
from core.errors import ConfigError

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"


@pytest.fixture(scope="module")
def speller() -> QuestionSpeller:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]
    assert texts, f"no policy texts under {CORPUS}"
    speller = QuestionSpeller(texts=texts)
    speller.warm_up()
    return speller


@pytest.mark.parametrize(("typed", "language", "read"), [
    ("who do they give my adress to", "en", "who do they give my address to"),
    ("hoe lang bewaren jullie mijn gegevns", "nl", "hoe lang bewaren jullie mijn gegevens"),
    ("comment supprimer mon compte chez pixeljett", "fr", "comment supprimer mon compte chez pixeljet"),
])
def test_a_word_one_edit_from_a_policy_word_is_read_as_that_word(speller, typed, language, read):
    assert speller.run(text=typed, language=language).text == read


@pytest.mark.parametrize(("question", "language"), [
    ("do you ship my parcel with a courier", "en"),              # valid English, whatever the policies say
    ("Bei welchem Anbieter wird die Website gehostet?", "de"),   # a word no dictionary knows, no policy word near
    ("wat is het emailadres voor privacyvragen?", "nl"),         # an edit at the start: a compound, not a slip
    ("Wie heißt das Cookie?", "de"),
    ("write to adress@m3dprint.be or www.pixeljet.nl/adress", "en"),  # "adress" alone would be corrected
])
def test_valid_words_names_and_addresses_stay_as_typed(speller, question, language):
    spelled = speller.run(text=question, language=language)
    assert (spelled.text, spelled.corrections) == (question, ())


def test_corrections_name_what_was_typed_and_how_it_was_read(speller):
    assert speller.run(text="Adress?", language="en").corrections == (("Adress", "address"),)


def test_too_short_a_minimum_length_is_a_config_error():
    with pytest.raises(ConfigError, match="min_length"):
        QuestionSpeller(texts=(), min_length=3)
