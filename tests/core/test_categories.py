"""Specification of the multilingual privacy-concept lexicon, on customer questions and on policy sections."""

from __future__ import annotations

import pytest

from core.categories import LEXICON, categorize, category_scores, normalize
from core.types import CATEGORIES

QUESTIONS = {
    "retention": {
        "en": "How long do you keep my data?",
        "nl": "hoe lang bewaren jullie mijn gegevens",
        "de": "Wie lange speichern Sie meine Daten?",
        "fr": "Combien de temps conservez-vous mes données ?",
    },
    "rights": {
        "en": "Can I delete my data?",
        "nl": "Ik wil inzage in mijn gegevens",
        "de": "Kann ich Auskunft über meine Daten bekommen?",
        "fr": "Puis-je déposer une réclamation ?",
    },
    "sharing": {
        "en": "Do you share my data with third parties?",
        "nl": "Delen jullie mijn gegevens met derden?",
        "de": "Geben Sie meine Daten an Dritte weiter?",
        "fr": "Partagez-vous mes données avec des tiers ?",
    },
    "breach": {
        "en": "What happens after a data breach?",
        "nl": "Wat gebeurt er bij een datalek?",
        "de": "Was passiert bei einer Datenpanne?",
        "fr": "Que se passe-t-il en cas de violation de données ?",
    },
    "contact": {
        "en": "Who is your data protection officer?",
        "nl": "Hebben jullie een FG?",
        "de": "Wer ist Ihr Datenschutzbeauftragter?",
        "fr": "Qui est votre DPD ?",
    },
    "transfer": {
        "en": "Is my data stored outside the EEA?",
        "nl": "Worden mijn gegevens buiten de EU opgeslagen?",
        "de": "Werden meine Daten in ein Drittland übermittelt?",
        "fr": "Mes données sont-elles transférées hors de l'Union ?",
    },
}


@pytest.mark.parametrize(("category", "language", "question"), [
    (category, language, question) for category, by_language in QUESTIONS.items()
    for language, question in by_language.items()
])
def test_questions_in_each_language_get_their_category_first(category, language, question):
    assert categorize(question, language=language)[0] == category


@pytest.mark.parametrize(("question", "category"), [
    ("bewaartermjn?", "retention"),          # typo at the end of a word
    ("HOE LANG BEWAREN JULLIE DATA", "retention"),
    ("donnees supprimees ?", "rights"),      # accents missing
    ("Löschung meiner Daten", "rights"),
    ("Datenloschung", "rights"),             # German compound
])
def test_matching_is_case_accent_and_typo_tolerant(question, category):
    assert category in categorize(question)


@pytest.mark.parametrize("text", ["What's the weather tomorrow?", "Hoeveel kost een 3D print?", "", "12345"])
def test_text_without_privacy_concepts_gets_no_category(text):
    assert categorize(text) == ()


def test_title_weighs_more_than_the_body():
    body = "We may share data with partners. We keep it for two years."
    assert categorize(body, language="en", title="Retention periods")[0] == "retention"
    assert categorize(body, language="en", title="Sharing with third parties")[0] == "sharing"


def test_language_hint_lowers_terms_of_other_languages():
    text = "bewaren"  # a Dutch word
    assert category_scores(text, language="nl")["retention"] > category_scores(text, language="en")["retention"]


def test_short_terms_match_whole_words_only():
    assert "contact" in categorize("Hebben jullie een FG?")
    assert "contact" not in categorize("Aufgaben")  # holds "fg", but not as a word


def test_lexicon_covers_every_category_but_general_in_every_language():
    assert set(LEXICON) == set(CATEGORIES) - {"general"}
    for category, by_language in LEXICON.items():
        for language in ("en", "nl", "de", "fr"):
            assert by_language.get(language) or by_language.get("*"), (category, language)


def test_normalize_folds_case_accents_and_punctuation():
    assert normalize("Données à caractère personnel — Außerhalb; e-mail") == " donnees a caractere personnel ausserhalb e mail "


@pytest.mark.parametrize(("question", "language", "category"), [
    ("Who gets my address?", "en", "sharing"),
    ("Wie krijgt mijn adres?", "nl", "sharing"),
    ("Wer kriegt meine Adresse?", "de", "sharing"),
    ("Qui reçoit mes données ?", "fr", "sharing"),
    ("Wo kann ich mich beschweren?", "de", "rights"),
    ("Where did you get my home address from?", "en", "collection"),
    ("Waar halen jullie mijn adres vandaan?", "nl", "collection"),
    ("Woher stammen meine Daten bei euch?", "de", "collection"),
    ("D'où viennent les données que vous avez sur moi ?", "fr", "collection"),
    ("Since when does this version of the privacy notice apply to my data?", "en", "changes"),
    ("Seit wann gilt diese Fassung für meine Daten?", "de", "changes"),
    ("Depuis quand cette politique s'applique-t-elle à mes données ?", "fr", "changes"),
    ("My phone number is wrong in my account", "en", "rights"),
    ("Mein Name ist falsch in meinem Konto", "de", "rights"),
    ("Wozu braucht ihr meine Telefonnummer?", "de", "purpose"),
])
def test_informal_questions_get_their_category(question, language, category):
    assert categorize(question, language=language)[:1] == (category,)


@pytest.mark.parametrize(("question", "language"), [
    ("Wie lange dauert der Versand?", "de"),
    ("How long does delivery take?", "en"),
    ("Who gets the parcel first?", "en"),
    ("Does Pixeljet offer resin prints?", "en"),
])
def test_question_phrasings_without_personal_data_or_brand_words_get_no_category(question, language):
    assert categorize(question, language=language) == ()
