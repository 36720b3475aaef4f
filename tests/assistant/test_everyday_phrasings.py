"""Everyday phrasings of privacy questions are read as such (`assistant.intent`, `core.categories`), and a yes or no
question gets the company's own "no" that follows the sentence it asks about."""

from __future__ import annotations

import pytest

from assistant.intent import Intent, IntentClassifier
from assistant.types import Status
from assistant.vendors import PolicyVendors
from core.categories import categorize


@pytest.mark.parametrize(("question", "language", "intent"), [
    ("Does Facebook know that I visited your shop?", "en", Intent.RECIPIENTS),
    ("Sieht Facebook, dass ich bei euch war?", "de", Intent.RECIPIENTS),
    ("Weet Google dat ik op jullie site was?", "nl", Intent.RECIPIENTS),
    ("Binnen hoeveel tijd reageren jullie als ik wil zien wat jullie van mij hebben?", "nl", Intent.RESPONSE_TIME),
    ("Wie lange wird ein negatives Testergebnis gespeichert?", "de", Intent.DURATION),
    ("How long is my product review stored?", "en", Intent.DURATION),
])
def test_a_question_without_a_privacy_word_is_a_privacy_question(classifier: IntentClassifier, question: str,
                                                                  language: str, intent: Intent) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.is_privacy) == (intent, True), asked.scores


@pytest.mark.parametrize(("question", "language", "category"), [
    ("Combien de temps les petits fichiers restent-ils sur mon ordinateur ?", "fr", "cookies"),
    ("Ist mein Konto vor Viren geschützt?", "de", "security"),
    ("Do my orders get sent to the US?", "en", "transfer"),
    ("Gaan mijn gegevens naar de VS?", "nl", "transfer"),
])
def test_everyday_words_name_their_category(question: str, language: str, category: str) -> None:
    assert category in categorize(question, language=language)


def test_small_files_on_my_computer_are_cookies_not_uploaded_files(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Les petits fichiers restent combien de temps sur mon ordi ?", language="fr")
    assert asked.objects == ("cookies",) and asked.intent is Intent.DURATION


def test_instagram_is_meta_so_a_policy_naming_the_meta_pixel_is_not_silent_on_it() -> None:
    vendors = PolicyVendors(policy_texts={"shop": "Marketing analytics integrations such as Meta Pixel."})
    assert vendors.silent_on("Why do I see Instagram ads after visiting the shop?", company="shop") == ()
    assert vendors.silent_on("Do you use TikTok ads?", company="shop") == ("tiktok",)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Est-ce que J3D Prints fait du profilage ou prend des décisions automatisées ?",
    "Does J3D Prints make automated decisions about me?",
    "Macht J3D Prints Profiling mit meinen Daten?",                 # a German yes/no question opens with its verb
])
def test_a_yes_no_question_quotes_the_companys_own_no_after_the_sentence_it_asks_about(seed_pipeline,
                                                                                       question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    first = answer.citations[0]
    assert "profiling" in first.quote and "We do not process your data in such a way" in first.quote, first.quote


@pytest.mark.parametrize(("question", "language", "intent", "right"), [
    ("can i get my data exported so i can take it to another shop?", "en", Intent.EXERCISE_RIGHT, "portability"),
    ("Kann ich verlangen, dass meine Daten an eine andere Firma übertragen werden?", "de", Intent.EXERCISE_RIGHT,
     "portability"),
    ("wie kann ich falsche angaben über mich korrigieren lassen?", "de", Intent.EXERCISE_RIGHT, "rectification"),
    ("ik wil een kopie van alles wat jullie over mij hebben", "nl", Intent.EXERCISE_RIGHT, "access"),
    ("wie reageert sneller op een inzageverzoek?", "nl", Intent.RESPONSE_TIME, "access"),
    ("i asked for a copy of my data 3 weeks ago, how long are they allowed to take?", "en", Intent.RESPONSE_TIME,
     "access"),
])
def test_everyday_words_for_a_right_name_it(classifier: IntentClassifier, question: str, language: str,
                                            intent: Intent, right: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right, asked.is_privacy) == (intent, right, True), asked.scores


@pytest.mark.parametrize(("question", "language", "intent"), [
    ("est-ce que vous envoyez mes donnees a une entreprise americaine ?", "fr", Intent.TRANSFER),
    ("vous m'envoyez la newsletter ?", "fr", Intent.YES_NO),  # sending me mail is marketing; sending my data is not
])
def test_sending_my_data_is_no_marketing(classifier: IntentClassifier, question: str, language: str,
                                         intent: Intent) -> None:
    asked = classifier.run(question=question, language=language)
    assert asked.intent is intent and (asked.action == "market") is (intent is Intent.YES_NO), asked


def test_according_to_is_no_tracking() -> None:
    assert categorize("heb ik volgens de avg recht om foute gegevens te laten verbeteren?", language="nl") == (
        "rights",)


@pytest.mark.parametrize(("question", "language"), [
    ("can the courier see my phone number if i order at j3d?", "en"),
    ("kan de bezorger mijn telefoonnummer zien?", "nl"),
    ("Kann der Paketdienst meine Telefonnummer sehen?", "de"),
    ("le livreur peut-il voir mon numéro de téléphone ?", "fr"),
])
def test_whether_a_party_can_see_my_data_asks_who_gets_it_not_how_to_contact(classifier: IntentClassifier,
                                                                               question: str, language: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert asked.intent is Intent.RECIPIENTS, asked.scores


def test_filing_a_complaint_uploads_no_file(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="I want to file a complaint. Which authority do I contact?", language="en")
    assert asked.objects == () and asked.right == "complaint" and asked.intent is Intent.CONTACT


@pytest.mark.parametrize(("question", "language"), [
    ("Does CoronaCheck store my BSN?", "en"),
    ("slaan jullie mijn burgerservicenummer op?", "nl"),
    ("Speichert ihr meine Sozialversicherungsnummer?", "de"),
    ("vous enregistrez mon numero de securite sociale ?", "fr"),
])
def test_storing_a_national_number_is_a_yes_no_privacy_question(classifier: IntentClassifier, question: str,
                                                                 language: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.action, asked.objects) == (Intent.YES_NO, "store", ("national_number",)), asked
