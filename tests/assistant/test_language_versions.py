"""Specification of a policy published in four files, one per language (the Filamentum fixture): the customer's
language version is quoted, the other versions are listed as alternates, and the same question asked in four
languages cites the same section."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.engine import build_engine
from assistant.pipeline import AskPipeline
from assistant.types import Answer, Status
from core.settings import Settings
from eval.run import run_eval

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "language_versions"
FIXTURE = FIXTURES / "filamentum"
FILES = {"en": "privacy-en.md", "nl": "privacy-nl.md", "de": "privacy-de.md", "fr": "privacy-fr.md"}
RETENTION = {"en": "6. How long we keep your data", "nl": "Artikel 6 – Hoe lang wij uw gegevens bewaren",
             "de": "6. Wie lange wir Ihre Daten speichern", "fr": "Combien de temps nous conservons vos données"}
INVOICES = {"en": "How long do you keep my invoices?", "nl": "Hoe lang bewaren jullie mijn facturen?",
            "de": "Wie lange bewahrt ihr meine Rechnungen auf?",
            "fr": "Combien de temps gardez-vous mes factures ?"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings(make_index, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("filamentum")
    shutil.copytree(FIXTURE, root / "corpus" / "filamentum")
    return make_index(root, corpus_dir=root / "corpus")


@pytest.fixture(scope="module")
def pipeline(settings: Settings) -> AskPipeline:
    return build_engine(settings).pipeline


def ask(pipeline: AskPipeline, language: str) -> Answer:
    return pipeline.run(question=INVOICES[language], company="filamentum")


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr"])
def test_the_answer_quotes_the_customers_language_version(pipeline, language):
    answer = ask(pipeline, language)
    assert answer.status is Status.ANSWERED
    assert answer.language == language
    first = answer.citations[0]
    assert (first.document, first.section, first.language) == (FILES[language], RETENTION[language], language)
    assert "7" in first.quote
    source = (FIXTURE / FILES[language]).read_text(encoding="utf-8")
    assert first.quote in source


def test_a_dutch_question_quotes_the_dutch_file_and_lists_the_other_versions(pipeline):
    first = ask(pipeline, "nl").citations[0]
    assert first.document == "privacy-nl.md"
    assert [(v.language, v.document, v.section) for v in first.alternates] == [
        (language, FILES[language], RETENTION[language]) for language in ("de", "en", "fr")]
    assert first.as_dict()["alternates"][0] == {"document": "privacy-de.md", "section": RETENTION["de"],
                                                "language": "de", "chunk_id": first.alternates[0].chunk_id}


def test_a_section_without_a_version_in_other_languages_has_no_alternates(pipeline):
    answer = pipeline.run(question="Est-ce que vous vendez mes données ?", company="filamentum")
    assert answer.status is Status.ANSWERED
    cited = {(c.document, c.section): c.alternates for c in answer.citations}
    assert ("privacy-fr.md", "Vente de données") in cited
    assert cited[("privacy-fr.md", "Vente de données")] == ()


def test_the_same_question_in_four_languages_cites_the_same_section(settings, tmp_path):
    """The eval's cross-lingual consistency over the fixture's gold concepts (four questions each)."""
    result = run_eval(settings, gold_path=FIXTURES / "gold.jsonl", split="dev", out_dir=tmp_path)
    assert result.skipped == ()
    consistency = result.consistency
    assert consistency.counted == 4
    assert consistency.value == consistency.consistent / consistency.counted
    retention = next(c for c in consistency.concepts if c.concept == "retention-fil-uploads")
    assert retention.consistent is True
    assert {(c.lang, c.document, c.section) for c in retention.cited} == {
        (language, FILES[language], RETENTION[language]) for language in FILES}
    assert consistency.value >= 0.75
    assert result.overall.values["cross_lingual_consistency"] == consistency.value


@pytest.mark.parametrize(("language", "line"), [
    ("en", "Invoices: 7 years."), ("nl", "Facturen: 7 jaar."), ("de", "Rechnungen: 7 Jahre."),
    ("fr", "Factures : 7 ans."),
])
def test_a_period_is_stated_with_the_data_object_its_sentence_names(pipeline, language, line):
    answer = ask(pipeline, language)
    assert line in answer.answer.splitlines()[0]
    assert "2 " not in answer.answer.splitlines()[0]  # not the account's or the uploads' period


@pytest.mark.parametrize(("question", "line"), [
    ("Does Filamentum sell my data?", "No, Filamentum does not sell your data."),
    ("Verkoopt Filamentum mijn gegevens?", "Nee, Filamentum verkoopt uw gegevens niet."),
    ("Verkauft Filamentum meine Daten?", "Nein, Filamentum verkauft Ihre Daten nicht."),
    ("Filamentum vend-il mes données ?", "Non, Filamentum ne vend pas vos données."),
])
def test_never_selling_to_anyone_is_a_no(pipeline, question, line):
    answer = pipeline.run(question=question)
    assert answer.answer.splitlines()[0].startswith(line)
