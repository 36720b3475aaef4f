"""A list asked for is quoted whole, also where it runs on into the next passage or a table lost its header; a question
about one kind of data gets that kind's period; "who is responsible" gets the clause naming the controller, "which
address do I write to" the shop's own contact before the authority to complain to."""

from __future__ import annotations

import pytest

from assistant.intent import Intent, IntentClassifier
from assistant.question_asks import wanted_facts
from assistant.types import Status
from core.evidence_units import passage_units


@pytest.mark.parametrize(("question", "kind"), [
    ("Which cookies do you use?", "cookie_kinds"),
    ("Welke soorten cookies plaatsen jullie?", "cookie_kinds"),
    ("Welche Cookies setzt 3D Hubs ein?", "cookie_kinds"),
    ("online-3d-printen utilise quels types de cookies ?", "cookie_kinds"),
    ("Who is responsible for my data in the app?", "controller"),
    ("Wie is verantwoordelijk voor mijn gegevens?", "controller"),
    ("Wer ist bei Ecobalyse für meine Daten verantwortlich?", "controller"),
    ("Qui est responsable du traitement ?", "controller"),
])
def test_a_question_asking_which_cookies_or_who_is_responsible_says_so(question: str, kind: str) -> None:
    assert kind in wanted_facts(question, ())


def test_a_cookie_in_a_question_about_something_else_asks_for_no_kinds() -> None:
    assert "cookie_kinds" not in wanted_facts("Welke gegevens heeft Pixeljet via een cookie over mij?", ("cookies",))


@pytest.mark.parametrize(("question", "language"), [
    ("Wie lange werden die Logdaten gespeichert?", "de"),
    ("Combien de temps gardez-vous les données de journalisation ?", "fr"),
    ("Hoe lang bewaren jullie loggegevens?", "nl"),
])
def test_log_data_is_read_as_log_files(classifier: IntentClassifier, question: str, language: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.objects) == (Intent.DURATION, ("log_files",))


def test_a_table_row_cut_off_from_its_header_is_still_one_quotable_unit() -> None:
    text = "| Données de journalisation | 12 mois                                       |"
    units = passage_units(text)
    assert [(unit.kind, unit.display) for unit in units] == [("table_row", "Données de journalisation; 12 mois")]
    assert text[units[0].start:units[0].end] == text


@pytest.mark.slow
def test_which_cookies_quotes_every_kind_even_where_the_list_runs_into_the_next_passage(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="online-3d-printen utilise quels types de cookies ?")
    assert answer.status is Status.ANSWERED, answer.answer
    first, second = answer.citations[:2]
    assert (first.section, second.section) == ("Artikel 15", "Artikel 15")  # the rest of the list right after it
    quoted = " ".join(citation.quote for citation in answer.citations)
    for kind in ("Strikt noodzakelijke cookies", "Prestatiecookies", "Functionele cookies", "Targetingcookies"):
        assert kind in quoted


@pytest.mark.slow
@pytest.mark.parametrize(("question", "quoted"), [
    ("Le personnel d'online-3d-printen est formé à la protection des données ?", "training"),
    ("Wer ist bei Materialise für meine Daten verantwortlich?", "Data Controller"),  # the controller, not an e-mail
    ("Schickt Materialise meine Daten in die USA? Wie ist das abgesichert?", "Standard Contractual Clauses"),
], ids=["staff training in French", "who is responsible", "how a transfer is safeguarded"])
def test_the_first_quote_holds_what_the_question_asks_for(seed_pipeline, question: str, quoted: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    assert quoted in answer.citations[0].quote, answer.citations[0].quote


@pytest.mark.parametrize(("question", "language", "intent"), [
    ("Nach wie vielen Tagen löscht ihr die Server-Logs?", "de", Intent.DURATION),       # deleting, not answering
    ("Au bout de combien de jours supprimez-vous les logs ?", "fr", Intent.DURATION),
    ("La DINUM répond en combien de temps quand je demande l'accès à mes données ?", "fr", Intent.RESPONSE_TIME),
    ("How long does it take you to answer an access request?", "en", Intent.RESPONSE_TIME),
])
def test_after_how_many_days_asks_a_period_and_how_long_to_answer_a_response_time(
        classifier: IntentClassifier, question: str, language: str, intent: Intent) -> None:
    assert classifier.run(question=question, language=language).intent is intent


@pytest.mark.slow
def test_periods_stated_with_what_they_apply_to_are_not_followed_by_no_fixed_period(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Hoe lang bewaren jullie mijn gegevens?", company="online-3d-printen")
    assert answer.status is Status.ANSWERED, answer.answer
    lead = answer.answer.split("\n\n")[0]
    assert "7 jaar" in lead and "geen vaste termijn" not in lead, lead


@pytest.mark.parametrize(("question", "kind"), [
    ("who runs ecobalyse and is responsible for my personal data?", "controller"),
    ("where are they based?", "location"),
    ("welche Postanschrift hat der Verantwortliche?", "postal"),
])
def test_who_runs_it_and_where_it_is_are_asked_apart_from_a_postal_address(question: str, kind: str) -> None:
    assert kind in wanted_facts(question, ())
    assert "postal" not in wanted_facts("where are they based?", ())


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "an welche mailadresse schreibe ich wegen datenschutz?",
    "an wen wende ich mich bei M3D wegen datenschutz?",
])
def test_the_shops_own_contact_comes_before_the_authority_to_complain_to(seed_pipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question, company="m3d-print")
    assert answer.status is Status.ANSWERED, answer.answer
    assert answer.citations[0].section == "General provisions", [c.section for c in answer.citations]
    lead = answer.answer.split("\n\n")[0]
    assert "info@m3dprint.be" in lead and "Aufsichtsbehörde" not in lead, lead


@pytest.mark.slow
@pytest.mark.parametrize(("question", "quoted"), [
    ("gibt materialise meine daten an dritte weiter?", "financial institutions"),  # who, by example
    ("materialise partage mes données avec ma banque ?", "financial institutions"),
])
def test_a_sharing_question_quotes_the_sentence_with_examples_of_recipients(seed_pipeline, question: str,
                                                                            quoted: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    assert quoted in answer.citations[0].quote, answer.citations[0].quote


@pytest.mark.slow
def test_an_article_of_the_dsgvo_is_answered_in_german_from_the_german_text(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="was steht in art. 17 dsgvo?")
    assert (answer.status, answer.language) == (Status.ANSWERED, "de"), answer.answer
    assert (answer.citations[0].document, answer.citations[0].section) == ("gdpr-de.txt", "Artikel 17")


@pytest.mark.parametrize(("question", "kind"), [
    ("il y a un numero de telephone pour les questions vie privee ?", "phones"),  # typed without accents
    ("ou se trouve leur siege ?", "location"),
    ("who hosts the website?", "provider_name"),
    ("quel outil pour envoyer la newsletter ?", "provider_name"),
    ("Welcher Dienst liefert große Modelle aus?", "provider_name"),
    ("Wer verschickt den Newsletter?", "provider_name"),
])
def test_a_channel_or_provider_is_asked_for_with_or_without_accents(question: str, kind: str) -> None:
    assert kind in wanted_facts(question, ())


def test_which_service_providers_get_my_data_asks_for_recipients_not_one_provider() -> None:
    assert "provider_name" not in wanted_facts("which service providers get my data?", ("sharing",))


def test_the_address_of_the_authority_to_complain_to_is_no_postal_address_of_the_shop() -> None:
    wanted = wanted_facts("Which authority do I complain to and what's their address?", ("rights", "contact"))
    assert "complaint_route" in wanted and "postal" not in wanted


@pytest.mark.slow
def test_which_authority_to_complain_to_with_its_address_is_answered_from_the_rights_clause(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="I want to file a complaint about m3d print. Which authority do I contact "
                                        "and what's their address?")
    assert answer.status is Status.ANSWERED, answer.answer
    assert "Drukpersstraat 35" in " ".join(citation.quote for citation in answer.citations), answer.answer
