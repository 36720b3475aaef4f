"""Specification of language detection for questions: deterministic, restricted to en/nl/de/fr, with fallbacks."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from core.language import LanguageDetector, LanguageResult, detect_language


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    detector = LanguageDetector(fallback="en")
    detector.warm_up()
    return detector


@pytest.mark.parametrize(("question", "language"), [
    ("How long do you keep my data?", "en"),
    ("Can I delete my account?", "en"),
    ("what", "en"),
    ("Hoe lang?", "nl"),
    ("Hoe lang bewaren jullie mijn gegevens?", "nl"),
    ("Wie heeft toegang tot mijn gegevens?", "nl"),
    ("Mag ik een klacht indienen?", "nl"),
    ("Wie lange speichern Sie meine Daten?", "de"),
    ("Welche Daten sammelt ihr?", "de"),
    ("Ich möchte meine Daten löschen", "de"),
    ("Combien de temps conservez-vous mes données ?", "fr"),
    ("Quelles données collectez-vous?", "fr"),
    ("Combien de temps?", "fr"),
    ("hoelang blijft die facebook cookie _fbp staan?", "nl"),  # English loanwords, Dutch verbs
    ("braucht formfabrik den namen des patienten?", "de"),  # "des" is French too
])
def test_short_questions_are_detected_in_each_language(detector, question, language):
    result = detector.run(text=question)
    assert result.language == language, result
    assert result.supported


@pytest.mark.parametrize(("question", "language"), [
    ("en de cookies dan", "nl"),
    ("analytische cookies uitzetten", "nl"),
    ("privacy contactpersoon", "nl"),
    ("ok und wie lang", "de"),
    ("analyse cookies ausschalten", "de"),
    ("newsletter desactiver", "fr"),
    ("gebruikt shapeways cookies of google analytics?", "nl"),  # "of" is Dutch "or" as much as English "of"
    ("hat samstags geöffnet?", "de"),  # langdetect reads Swedish
])
def test_chat_follow_ups_of_two_to_four_words_are_detected(detector, question, language):
    """Words shared across languages ("cookies", "de", "en", "wie") do not decide; the one word of a single
    language does."""
    assert detector.run(text=question).language == language


def test_detection_is_deterministic(detector):
    question = "Do jullie share my gegevens with derden?"
    results = {detector.run(text=question) for _ in range(5)}
    results.add(LanguageDetector().run(text=question))
    assert len(results) == 1


def test_explicit_hint_wins(detector):
    result = detector.run(text="How long do you keep my data?", hint="nl")
    assert result == LanguageResult("nl", True, "explicit", "nl", True)


def test_unknown_hint_is_a_config_error(detector):
    with pytest.raises(ConfigError, match="language hint must be one of en, nl, de, fr, got 'es'"):
        detector.run(text="hola", hint="es")


@pytest.mark.parametrize(("question", "code"), [
    ("¿Cuánto tiempo guardan mis datos personales?", "es"),
    ("Per quanto tempo conservate i miei dati personali?", "it"),
])
def test_unsupported_language_is_flagged_and_answered_in_the_fallback(detector, question, code):
    result = detector.run(text=question)
    assert not result.supported
    assert result.detected == code
    assert result.language == "en"


@pytest.fixture(scope="module")
def german_ui_detector() -> LanguageDetector:
    return LanguageDetector(fallback="de")


@pytest.mark.parametrize("text", ["", "???", "12345", "Pixeljet"])
def test_text_without_clues_falls_back_to_the_ui_language(german_ui_detector, text):
    result = german_ui_detector.run(text=text)
    assert result.language == "de"
    assert result.source == "fallback"
    assert not result.confident


def test_long_text_is_decided_by_langdetect(detector):
    text = ("Wij bewaren uw persoonsgegevens niet langer dan strikt nodig is om de doelen te realiseren waarvoor "
            "uw gegevens worden verzameld. Na het verstrijken van de bewaartermijn worden de gegevens verwijderd.")
    result = detector.run(text=text)
    assert (result.language, result.source, result.confident) == ("nl", "langdetect", True)


@pytest.mark.parametrize("fallback", ["es", "", "EN"])
def test_bad_fallback_is_a_config_error(fallback):
    with pytest.raises(ConfigError, match=f"got {fallback!r}"):
        LanguageDetector(fallback=fallback)


@pytest.mark.parametrize(("text", "language"), [
    ("Wij bewaren uw gegevens zolang u klant bent.", "nl"),
    ("¿Cuánto tiempo guardan mis datos personales?", "en"),
])
def test_detect_language_returns_the_answer_language(text, language):
    assert detect_language(text, fallback="en") == language


@pytest.mark.parametrize(("word", "language"), [
    ("Datalek?", "nl"), ("Datenpanne?", "de"), ("réclamation ?", "fr"), ("Bewaartermijn", "nl"),
])
def test_a_single_privacy_word_gives_the_language_away(detector, word, language):
    result = detector.run(text=word)
    assert (result.language, result.source) == (language, "words")


@pytest.mark.parametrize(("question", "language"), [
    ("Does Pixeljet use facial recognition?", "en"),
    ("Verkoopt Pixeljet mijn gegevens?", "nl"),
    ("Write to privacy@pixeljet.be or https://pixeljet.be/privacy: how long do you keep my data?", "en"),
    # A vendor's English name is no English: the verb gives the language away.
    ("Nutzt Pixeljet Google Analytics?", "de"),
    ("Pixeljet utilise-t-il Google Analytics ?", "fr"),
    ("Waar is Pixeljet gevestigd?", "nl"),  # "is" is Dutch too; "gevestigd" decides
])
def test_company_names_and_addresses_do_not_decide_the_language(question, language):
    detector = LanguageDetector(fallback="de", names=("Pixeljet", "pixeljet"))
    assert detector.run(text=question).language == language


def test_function_words_beat_a_low_margin_langdetect_guess(detector):
    # langdetect reads "facial recognition" as French with p < 0.95; "does" is English and no word is French.
    assert detector.run(text="Does it use facial recognition?").language == "en"


@pytest.mark.parametrize(("question", "language"), [
    ("Is Shapeways SOC 2 of ISO 27001 gecertificeerd?", "nl"),  # "is", "of": en and nl; langdetect: en at p 0.99
    ("Account hijacking?", "en"),  # no function word: a shape alone decides nothing
    ("Is my account hijacked?", "en"),
])
def test_a_word_shape_only_one_language_has_breaks_a_tie_of_function_words(detector, question, language):
    assert detector.run(text=question).language == language


@pytest.mark.parametrize(("question", "language"), [
    ("was steht in art. 17 dsgvo?", "de"),  # langdetect: nl at p 0.99
    ("wat staat er in art. 17 avg?", "nl"),
    ("que dit l'art. 17 rgpd ?", "fr"),
])
def test_the_regulations_local_name_gives_the_language_away(detector, question, language):
    assert detector.run(text=question).language == language


@pytest.mark.parametrize(("question", "language"), [
    ("setzt j3d prints google analytics cookies?", "de"),  # langdetect: en at p 0.99999 on the product names
    ("Gebruikt Shapeways Google Analytics?", "nl"),
    ("does it use google analytics cookies?", "en"),
])
def test_product_names_and_loanwords_do_not_decide_the_language(detector, question, language):
    assert detector.run(text=question).language == language
