"""Specification of the contact an answer names: the DPO first for a question about the DPO, else the e-mail address
or request portal, at most two routes, the controller when it differs from the shop's name, the website when the
manifest lists no route."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import templates
from assistant.contact_routes import asks_for_dpo, contact_line, pick_contacts
from assistant.pipeline import AskPipeline
from assistant.types import Status
from core.contacts import Contact
from core.types import CompanyManifest

EMAIL = Contact(kind="email", value="privacy@shop.example")
PORTAL = Contact(kind="request_portal", value="https://shop.example/request")
DPO = Contact(kind="dpo", value="dpo@shop.example", label="Data protection officer")
PAGE = Contact(kind="url", value="https://shop.example/contact")
POSTAL = Contact(kind="postal", value="Shop NV, Kerkstraat 1, 2000 Antwerpen")


def manifest(*contacts: Contact, controller: str = "", name: str = "Shop", website: str = "https://shop.example"
             ) -> CompanyManifest:
    return CompanyManifest(id="shop", name=name, country="BE", website=website, contact_email="",
                           supervisory_authority="", effective_date="", aliases=(), documents=(),
                           manifest_path=Path("policies_corpus/shop/manifest.toml"), contacts=contacts,
                           controller=controller)


@pytest.mark.parametrize("question", [
    "Who is the data protection officer of Pixeljet?",
    "Does M3D-Print have a DPO?",
    "Wie is de functionaris voor de gegevensbescherming van online-3d-printen?",
    "Heeft Pixeljet een FG?",
    "Wer ist der Datenschutzbeauftragte von Materialise?",
    "Qui est le délégué à la protection des données de Pixeljet ?",
])
def test_a_question_about_the_dpo_is_recognized_in_four_languages(question):
    assert asks_for_dpo(question)


@pytest.mark.parametrize("question", [
    "How can I contact Pixeljet about my data?",
    "Hoe lang bewaart online-3d-printen mijn gegevens?",
    "Wie erreiche ich Materialise?",
    "Comment joindre M3D-Print ?",
])
def test_other_questions_do_not_ask_for_the_dpo(question):
    assert not asks_for_dpo(question)


@pytest.mark.parametrize(("routes", "dpo", "expected"), [
    ((PAGE, POSTAL, DPO, EMAIL, PORTAL), False, (EMAIL, PORTAL)),
    ((PAGE, POSTAL, DPO, EMAIL, PORTAL), True, (DPO, EMAIL)),
    ((EMAIL, DPO), False, (EMAIL,)),
    ((EMAIL,), True, (EMAIL,)),
    ((PAGE, POSTAL), False, (PAGE,)),
    ((POSTAL, DPO), False, (DPO,)),
    ((POSTAL,), True, (POSTAL,)),
    ((), False, ()),
])
def test_the_dpo_comes_first_when_asked_else_the_e_mail_or_request_portal(routes, dpo, expected):
    assert pick_contacts(routes, dpo=dpo) == expected


def test_an_address_is_named_once_and_at_most_limit_routes():
    same = Contact(kind="dpo", value=EMAIL.value)
    assert pick_contacts((EMAIL, same, PORTAL), dpo=True) == (same, PORTAL)
    assert pick_contacts((EMAIL, PORTAL, Contact(kind="email", value="info@shop.example")), limit=1) == (EMAIL,)


def test_the_contact_line_names_the_controller_when_it_differs_from_the_name():
    assert contact_line(manifest(EMAIL)) == "privacy@shop.example"
    assert contact_line(manifest(EMAIL, controller="Shop")) == "privacy@shop.example"
    assert contact_line(manifest(EMAIL, PORTAL, controller="Shop Holding NV")) == (
        "Shop Holding NV, privacy@shop.example; https://shop.example/request")
    assert contact_line(manifest(EMAIL, DPO), question="Who is the DPO?") == "dpo@shop.example; privacy@shop.example"


def test_without_any_route_the_website_is_named():
    assert contact_line(manifest(website="https://eur-lex.europa.eu")) == "https://eur-lex.europa.eu"


# ---------------------------------------------------------------- in answers (seed corpus, hash embedder)


@pytest.fixture(scope="module")
def silent_pipeline(hash_index) -> AskPipeline:
    """A pipeline that always finds the policy silent (no cosine reaches 1.5), so every answer names the contact."""
    return AskPipeline(settings=hash_index.replace(abstain_threshold=1.5), out_of_scope_threshold=-1.0)


@pytest.mark.parametrize(("question", "company", "contact"), [
    ("Does Pixeljet use facial recognition on my photos?", "Pixeljet", "info@pixeljet.nl"),
    ("Is the data protection officer of Pixeljet certified?", "Pixeljet", "k.dewit@karsten.nl; info@pixeljet.nl"),
    ("Does J3D Prints use facial recognition on my photos?", "J3D Prints", "https://j3dprints.nl/contact"),
    ("Does Materialise use facial recognition on my photos?", "Materialise NV",
     "https://www.materialise.com/en/legal/privacy-notice"),
])
def test_an_abstention_names_the_best_route_of_the_shop(silent_pipeline, question, company, contact):
    answer = silent_pipeline.run(question=question, language="en")
    assert answer.status is Status.NOT_IN_POLICY
    assert answer.contact == contact
    assert answer.answer == templates.render("not_in_policy", "en", company=company, contact=contact)


def test_a_german_question_about_the_dpo_names_the_privacy_officer_first(silent_pipeline):
    answer = silent_pipeline.run(question="Ist der Datenschutzbeauftragte von Pixeljet zertifiziert?")
    assert answer.status is Status.NOT_IN_POLICY and answer.language == "de"
    assert answer.contact.startswith("k.dewit@karsten.nl") and answer.contact in answer.answer
