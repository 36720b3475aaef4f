"""Reading a question before retrieval (`assistant.question_reading`): cleaning, language, company, typing errors,
categories, intent and follow-ups, with the real lexicons, dictionaries and manifests of the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.companies import CompanyDirectory, read_manifests
from assistant.evidence import EvidenceScorer
from assistant.intent import Intent, IntentClassifier
from assistant.question_reading import QuestionReader, QuestionRejected, sanitize_question
from assistant.spelling import QuestionSpeller
from assistant.types import Turn
from core.language import LanguageDetector

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    directory = CompanyDirectory(manifests=read_manifests(CORPUS))
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]
    assert texts, f"no policy texts under {CORPUS}"
    reader = QuestionReader(directory=directory, detector=LanguageDetector(fallback="en", names=directory.shop_aliases()),
                            speller=QuestionSpeller(texts=texts), classifier=IntentClassifier(
                                names=directory.shop_aliases()), scorer=EvidenceScorer())
    reader.warm_up()
    return reader


def _turn(question: str, *, company: str, categories: tuple[str, ...]) -> Turn:
    return Turn(question=question, company=company, categories=categories, language="en")


@pytest.mark.parametrize(("question", "cleaned"), [
    ("  How long\x00 do you keep\u200b my data?\x07 ", "How long do you keep my data?"),
    ("wie\tlang   speichert ihr", "wie lang speichert ihr"),
])
def test_control_and_invisible_characters_are_stripped(question, cleaned) -> None:
    assert sanitize_question(question, max_chars=100) == cleaned


@pytest.mark.parametrize(("question", "match"), [
    (" \x00\u200b ", r"the question is empty"),
    ("x" * 101, r"101 characters long; the limit is 100 \(setting max_question_chars\)"),
])
def test_an_empty_or_too_long_question_is_rejected(question, match) -> None:
    with pytest.raises(QuestionRejected, match=match):
        sanitize_question(question, max_chars=100)


def test_a_question_is_read_with_its_language_company_category_and_intent(reader) -> None:
    read = reader.run(question="hoe lang bewaart pixeljet mijn factuurgegevens?")
    assert (read.language, read.match.companies) == ("nl", ("pixeljet",))
    assert "retention" in read.categories and read.intent.intent is Intent.DURATION
    assert read.privacy and not read.off_topic
    assert set(read.timing_ms) == {"language", "company"}


def test_typing_errors_are_corrected_before_categories_and_intent(reader) -> None:
    read = reader.run(question="who do they give my adress to", company="m3d-print")
    assert read.question == read.query == "who do they give my address to"
    assert read.intent.intent is Intent.RECIPIENTS


@pytest.mark.parametrize("question", [
    "what are the shipping costs to Belgium?",
    "c'est combien pour imprimer une figurine de 10 cm ?",
    "hoe lang duurt het printen?",  # "hoe lang" alone is no retention question
    "maakt jullie ook medische implantaten op maat, en hoe lang duurt dat?",
    "j3d prints livre en belgique ? en combien de jours ?",
    "materialise propose des stages pour étudiants ingénieurs à leuven ?",
    "do you deliver to Luxembourg?",
])
def test_a_shop_question_without_personal_data_is_off_topic(reader, question) -> None:
    read = reader.run(question=question, company="materialise")
    assert read.off_topic and not read.privacy


@pytest.mark.parametrize("question", [
    "I applied for an internship at Materialise; what happens to my CV?",
    "Que devient ma candidature à un emploi chez Materialise ?",
])
def test_a_job_applicants_question_is_not_off_topic(reader, question) -> None:
    assert not reader.run(question=question, company="materialise").off_topic


def test_the_shop_online_3d_printen_is_no_printing_question(reader) -> None:
    for question in ("welke gegevens haalt online 3d printen op als ik de site bezoek?",
                     "was macht online-3d-drucken.de mit meinen Daten?"):
        read = reader.run(question=question)
        assert read.match.companies == ("online-3d-printen",) and not read.off_topic


def test_a_shops_name_is_not_read_as_a_category(reader) -> None:
    assert "cookies" not in reader.run(question="who runs Pixeljet?").categories
    assert reader.without_names("does Pixeljet share data with J3D Prints") == "does share data with"


def test_a_follow_up_without_a_topic_borrows_the_previous_question_and_company(reader) -> None:
    previous = _turn("how long does Pixeljet keep my invoices?", company="pixeljet", categories=("retention",))
    read = reader.run(question="and for Materialise?", previous=previous)
    assert read.match.companies == ("materialise",)
    assert read.categories == ("retention",)
    assert read.query == "how long does Pixeljet keep my invoices? and for Materialise?"


def test_a_follow_up_with_a_topic_of_its_own_keeps_it_and_the_previous_company(reader) -> None:
    previous = _turn("Does M3D-Print share my address with the courier?", company="m3d-print",
                     categories=("sharing",))
    read = reader.run(question="And how long do they keep it?", previous=previous)
    assert read.match.companies == ("m3d-print",)
    assert read.query == "And how long do they keep it?"
    assert read.intent.intent is Intent.DURATION

