"""What a policy does not say is said plainly: the fact asked for by its form (a number of years, a courier's name, a
phone number, where to complain) must be in a quote, or the answer is `not_in_policy` with the contact; the seed
policies, the real embedders and the calibrated threshold."""

from __future__ import annotations

import pytest

from assistant.evidence import EvidenceScorer
from assistant.intent import Intent, IntentClassifier
from assistant.question_asks import gdpr_reference, wanted_facts
from assistant.types import Status


@pytest.mark.parametrize(("question", "kind"), [
    ("How many years do you keep my invoices?", "period_number"),
    ("Hoeveel jaar bewaren jullie mijn facturen precies?", "period_number"),
    ("Wie viele Jahre speichert ihr meine Rechnungen?", "period_number"),
    ("Quel transporteur livre mes commandes ?", "provider_name"),
    ("Met welk bezorgbedrijf versturen jullie mijn pakket?", "provider_name"),
    ("Which courier gets my address?", "provider_name"),
    ("welke regionale koerier krijgt mijn adres?", "provider_name"),
])
def test_a_question_wanting_a_number_or_a_name_says_so(question: str, kind: str) -> None:
    assert kind in wanted_facts(question, ())


@pytest.mark.parametrize(("question", "language", "intent", "right"), [
    ("Gibt es eine Telefonnummer, unter der ich euch anrufen kann?", "de", Intent.CONTACT, None),
    ("Je ne suis pas content de votre réponse, je peux me plaindre où ?", "fr", Intent.CONTACT, "complaint"),
])
def test_a_yes_no_or_untyped_phrasing_of_a_contact_question_is_a_contact_question(
        classifier: IntentClassifier, question: str, language: str, intent: Intent, right: str | None) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right) == (intent, right)


def test_usability_is_no_transfer_to_the_usa() -> None:
    scorer = EvidenceScorer()
    text = "A cookie is a small text file that improves the usability of our website."
    assert not scorer.matches(text, "en", "transfer")
    assert scorer.matches("Data may be transferred to servers in the USA.", "en", "transfer")


@pytest.mark.slow
@pytest.mark.parametrize(("question", "company"), [
    ("Hoeveel jaar bewaart J3D Prints mijn facturen precies?", None),        # "as required by law", no number
    ("Which courier gets my address when online-3d-printen ships?", None),   # names analytics tools, no courier
    ("Gibt es eine Telefonnummer für Datenschutzfragen bei M3D Print?", None),
    ("does pixeljet send my data to the US?", None),                         # "usability" is no USA
    ("Vraagt online-3d-printen om een kopie van mijn identiteitsbewijs bij een inzageverzoek?", None),
    ("Meine Tochter ist 14 und will bestellen, verarbeitet ihr Daten von Kindern?", "m3d-print"),
    ("Where can I lodge a complaint about online-3d-printen?", None),        # names regulators it follows, no route
    ("Kan ik bij online-3d-printen vragen dat een mens een automatische beslissing nakijkt?", None),  # no human review
    ("Welk e-mailadres heeft de privacycontactpersoon van J3D Prints?", None),  # only a form, and no way to reach asked
])
def test_a_fact_the_policy_does_not_state_is_not_in_policy_with_the_contact(seed_pipeline, question: str,
                                                                          company: str | None) -> None:
    answer = seed_pipeline.run(question=question, company=company)
    assert answer.status is Status.NOT_IN_POLICY, answer.answer
    assert answer.contact and answer.contact in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "section", "words"), [
    ("How many years does online-3d-printen keep my invoices?", "Artikel 6", "7 jaar"),
    ("Which couriers get my address from M3D-Print?", "Recipients and processors", "BPost"),
    ("Kostet es etwas, wenn ich eine Kopie meiner Daten bei Materialise anfordere?", "8 YOUR RIGHTS AS DATA SUBJECTS",
     "at no cost"),
    ("Nutzt M3D Print das Meta Pixel ohne meine Zustimmung?", "Marketing cookies", "explicit consent"),
    ("Where can I complain about how Pixeljet uses my data?", "Personal Data Protection Authority",
     "file a complaint"),
    ("Wie erreiche ich J3D Prints bei Datenschutzfragen, gibt es eine E-Mail-Adresse?", "Privacy Policy",
     "contact form"),  # how to reach them: the form, where the policy gives no e-mail address
])
def test_a_fact_the_policy_states_is_answered_from_its_sentence(seed_pipeline, question: str, section: str,
                                                                words: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    assert any(citation.section == section and words in citation.quote for citation in answer.citations), answer.answer


@pytest.mark.parametrize("question", [
    "Je ne suis pas content de votre réponse à ma demande, je peux me plaindre où ?",
    "Ik ben niet tevreden met jullie reactie op mijn verzoek, waar kan ik klagen?",
])
def test_where_to_complain_about_an_answer_asks_for_article_77_not_the_time_to_answer(question: str) -> None:
    reference = gdpr_reference(question)
    assert reference is not None and (reference.right, reference.article) == ("complaint", 77)
