"""Specification of questions answered by a fact of a form: "since when does the policy apply?" quotes the sentence
that dates the policy, in the asker's language version when there is one, and a policy that states no such date is
not answered from a clause about changes in general; "which number can I call?" quotes and states the phone number;
"how long do you have to answer?" quotes the time the shop takes, not its retention section; "what is your postal
address?" states the address, and a policy that gives none is not answered from an e-mail address."""

from __future__ import annotations

import pytest

from assistant.fact_sections import states_response_period
from assistant.facts import (
    names_date,
    names_phone,
    names_seat,
    phone_numbers,
    postal_addresses,
    registration_numbers,
    states_effective_date,
)
from assistant.pipeline import AskPipeline
from assistant.question_asks import gdpr_reference, wanted_facts
from assistant.quotes import verify_quotes
from assistant.types import Status


@pytest.mark.parametrize("text", ["These rules enter into force on 02/07/2025.",
                                  "This privacy policy was last modified on 25-05-2018.",
                                  "De ingangsdatum voor de geldigheid van deze voorwaarden is 01/01/2021.",
                                  "Diese Fassung ist gültig ab dem 03.03.2024.",
                                  "Politique mise à jour le 12 février 2023."])
def test_a_sentence_with_a_date_and_an_in_force_word_states_an_effective_date(text: str) -> None:
    assert names_date(text) and states_effective_date(text)


@pytest.mark.parametrize("text", ["It intends to comply with Regulation (EU) 2016/679 of 27 April 2016.",
                                  "Invoices from 01/01/2020 are kept for 7 years.",
                                  "We may update this policy; our 2024 report is dated 01/01/2024."])
def test_a_date_alone_or_an_update_alone_is_no_effective_date(text: str) -> None:
    assert not states_effective_date(text)


@pytest.mark.parametrize("question", ["Since when does this policy apply?", "Sinds wanneer is dit beleid van kracht?",
                                      "Wann wurde die Erklärung zuletzt geändert?",
                                      "Depuis quand cette politique est-elle en vigueur ?",
                                      "ab wann gilt eure datenschutzerklärung eigentlich?",
                                      "Vanaf wanneer geldt dit privacybeleid?",
                                      "À partir de quand cette politique s'applique-t-elle ?"])
def test_since_when_asks_for_a_date_not_a_period(question: str) -> None:
    wanted = wanted_facts(question, ("changes",))
    assert "dates" in wanted and "durations" not in wanted


@pytest.mark.slow
@pytest.mark.parametrize(("question", "date", "language"), [
    ("Depuis quand la politique de M3D-Print est-elle en vigueur ?", "02/07/2025", "en"),
    ("When did M3D-Print's current privacy rules come into force?", "02/07/2025", "en"),
    ("Sinds wanneer is het privacybeleid van J3D Prints van kracht?", "01/01/2021", "nl"),
    ("Since when does Pixeljet's privacy statement apply?", "25-05-2018", "en"),
])
def test_the_dating_sentence_is_quoted_in_the_askers_version_when_there_is_one(
        seed_pipeline: AskPipeline, question: str, date: str, language: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    verify_quotes(answer.citations)
    assert date in answer.citations[0].quote
    assert {citation.language for citation in answer.citations} == {language}


@pytest.mark.slow
def test_a_policy_without_a_dating_sentence_is_not_answered(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Since when does Materialise's privacy notice apply?")
    assert answer.status is Status.NOT_IN_POLICY, answer.answer
    assert answer.contact in answer.answer


@pytest.mark.parametrize(("text", "numbers"), [
    ("k.dewit@karsten.nl +31 (0)20 261 4883 Pixeljet Johan van Hasseltweg 39-J 1021 KN Amsterdam info@pixeljet.nl",
     ["+31 (0)20 261 4883"]),
    ("Bel ons op 09 123 45 67 of +32 9 123 45 67.", ["09 123 45 67", "+32 9 123 45 67"]),
    ("BTW BE 0441.131.254, 1021 KN Amsterdam, in force on 02/07/2025, Regulation 2016/679", []),
    ("This privacy policy was last modified on 25-05-2018. Stand: 01.05.2023, version 05.2023", []),
    ("Open 09.00-17.00. Ondernemingsnummer 0441.131.254, VAT: BE-0441.131.254, IBAN BE68 0417 1643 00", []),
    ("Telefoonnummer: 020 261 4883", ["020 261 4883"]),
    ("Anbieter ist die BuySellAds.com Inc., P.O. Box 55071 #30027, Boston, MA 02205-5071, USA.", []),  # a ZIP code
    ("- Numéro d'entreprise (BCE) : 0789.456.123 – RPM Liège", []),  # a label in brackets before the colon
    ("Telefoon (BE): 09 123 45 67", ["09 123 45 67"]),  # a country in brackets after a phone label
    ("ingeschreven in de Kruispuntbank van Ondernemingen onder het nummer 0789.512.364 (RPR Gent)", []),
    ("Bel 09.223.45.67 of 0470.12.34.56.", ["09.223.45.67", "0470.12.34.56"]),  # dotted numbers group in twos
])
def test_phone_numbers_are_found_and_vat_numbers_postcodes_and_dates_are_not(text: str, numbers: list[str]) -> None:
    assert phone_numbers(text) == numbers
    assert names_phone(text) is bool(numbers)


@pytest.mark.parametrize("question", ["What number can I call about my data?", "Welk nummer kan ik bellen?",
                                      "Unter welcher Nummer kann ich anrufen?", "À quel numéro puis-je vous appeler ?"])
def test_a_number_to_call_is_a_wanted_phone(question: str) -> None:
    assert "phones" in wanted_facts(question, ())


@pytest.mark.parametrize("question", ["Since when do you keep my data?", "How effective is your encryption?",
                                      "Respectez-vous la réglementation en vigueur ?"])
def test_a_since_when_or_in_force_without_the_policy_named_asks_no_date(question: str) -> None:
    assert "dates" not in wanted_facts(question, ())


@pytest.mark.slow
@pytest.mark.parametrize(("question", "line"), [
    ("Welk telefoonnummer kan ik bellen bij Pixeljet over mijn gegevens?", "Telefoon: +31 (0)20 261 4883."),
    ("Which number can I call at Pixeljet about my personal data?", "Phone: +31 (0)20 261 4883."),
])
def test_a_number_to_call_is_stated_and_quoted(seed_pipeline: AskPipeline, question: str, line: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED and answer.intent == "contact", answer.answer
    verify_quotes(answer.citations)
    assert line in answer.answer.split("\n\n")[0]
    assert "+31 (0)20 261 4883" in answer.citations[0].quote


@pytest.mark.parametrize("text", ["MATERIALISE will handle your request at no cost, in any case within one month upon its reception.",
                                  "U ontvangt dan binnen 30 dagen een reactie op uw verzoek.",
                                  "Wir antworten innerhalb eines Monats.", "Nous répondons dans un délai d’un mois.",
                                  "U ontvangt binnen een maand antwoord.",
                                  "We act on your request without undue delay.",
                                  "Nous nous engageons à vous répondre dans un délai raisonnable qui ne saurait dépasser"
                                  " 1 mois à compter de la réception de votre demande.",
                                  "Wir bearbeiten Ihre Anfrage spätestens nach einem Monat.",
                                  "Votre demande sera traitée et les données supprimées dans un délai de 30 jours."])
def test_a_time_to_act_is_a_response_period(text: str) -> None:
    assert states_response_period(text)


@pytest.mark.parametrize("text", ["We keep your data for 7 years.", "Uw gegevens blijven binnen de EU.",
                                  "Data is stored within Europe for 6 months.",
                                  "U kunt uw bestelling binnen 14 dagen retourneren.",
                                  "We delete your account data within 30 days.",
                                  "Nach Bearbeitung Ihrer Anfrage werden die erhobenen Daten unverzüglich gelöscht.",
                                  "Na behandeling van uw bestelling bewaren wij uw gegevens binnen de EU voor maximaal 24"
                                  " maanden."])
def test_a_retention_period_a_place_or_a_time_to_return_is_no_response_period(text: str) -> None:
    assert not states_response_period(text)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "How long does Materialise have to answer when I ask for a copy of my data?",
    "Combien de temps Materialise a-t-il pour répondre à ma demande d'accès ?",
])
def test_how_long_to_answer_is_cited_first_from_the_time_the_shop_takes_not_from_retention(
        seed_pipeline: AskPipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED and answer.intent == "response_time", answer.answer
    verify_quotes(answer.citations)
    assert "within one month" in answer.citations[0].quote
    assert answer.citations[0].section == "8 YOUR RIGHTS AS DATA SUBJECTS"


@pytest.mark.parametrize(("text", "addresses"), [
    ("Its main establishment is located on Technologielaan 15, 3001 Leuven, Belgium.",
     ["Technologielaan 15, 3001 Leuven"]),
    ("k.dewit@karsten.nl +31 (0)20 261 4883 Pixeljet Johan van Hasseltweg 39-J 1021 KN Amsterdam info@pixeljet.nl",
     ["Johan van Hasseltweg 39-J 1021 KN Amsterdam"]),
    ("Contact\nTechnologielaan 15, 3001 Leuven", ["Technologielaan 15, 3001 Leuven"]),
    ("Par voie postale : 56 rue de Varenne, 75007 Paris.", ["56 rue de Varenne, 75007 Paris"]),  # the French order
    # not the address of a supervisory authority, nor a date or a reference before a capitalised word
    ("Lodge a complaint with the Belgian Data Protection Authority, Drukpersstraat 35, 1000 Brussels.", []),
    ("Last updated May 25, 2018 Pixeljet has changed its policy.", []),
    ("Article 17, 2016 Regulation applies.", []),
    ("Tel. +31 (0)20 261 4883 Pixeljet, modified on 25-05-2018 and 12 2018 The", []),
])
def test_postal_addresses_are_a_street_a_number_a_postcode_and_a_town(text: str, addresses: list[str]) -> None:
    assert postal_addresses(text) == addresses


@pytest.mark.parametrize(("text", "numbers"), [
    ("M3D-Print (BE 1025.037.897), based in Izegem", ["BE 1025.037.897"]),
    ("registered in Belgium under company number BE 0441.\n131.\n254.", ["BE 0441.131.254"]),
    ("Ingeschreven bij de KvK onder nummer 12345678.", ["KvK onder nummer 12345678"]),
    ("Tel. +32 9 123 45 67, IBAN BE68 0417 1643 0012, order 2021-0441", []),
])
def test_company_numbers_are_belgian_or_kvk_numbers(text: str, numbers: list[str]) -> None:
    assert registration_numbers(text) == numbers


@pytest.mark.parametrize(("question", "kind"), [
    ("What is the postal address of Materialise?", "postal"), ("Wat is het postadres van J3D Prints?", "postal"),
    ("Wie lautet die Anschrift von Pixeljet?", "postal"), ("À quelle adresse postale puis-je écrire ?", "postal"),
    ("What's the email address of the DPO?", "email_address"), ("Wat is jullie e-mailadres?", "email_address"),
    ("Quelle est votre adresse e-mail ?", "email_address"), ("Quelle est votre adresse mail ?", "email_address"),
    ("Wie lautet eure E-Mail-Adresse?", "email_address"), ("What is Materialise's company number?", "registration"),
    ("Wat is het KvK-nummer van Pixeljet?", "registration"),
])
def test_a_channel_named_in_the_question_is_wanted(question: str, kind: str) -> None:
    assert kind in wanted_facts(question, ())


@pytest.mark.parametrize("question", ["Can I reach you by posting on Facebook?", "Why do you need my VAT number?",
                                      "Waarom vragen jullie mijn btw-nummer?", "Speichern Sie meine USt-ID?"])
def test_a_channel_word_in_another_sense_is_not_wanted(question: str) -> None:
    assert not {"postal", "email_address", "registration"} & wanted_facts(question, ())


@pytest.mark.slow
def test_a_postal_address_asked_for_is_stated_and_quoted_first(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="What is the postal address of Materialise?")
    assert answer.status is Status.ANSWERED and answer.intent == "contact", answer.answer
    verify_quotes(answer.citations)
    assert "Address: Technologielaan 15, 3001 Leuven." in answer.answer.split("\n\n")[0]
    assert "Technologielaan 15, 3001 Leuven" in answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize(("question", "line"), [
    ("What is Materialise's company number?", "Company number: BE 0441.131.254."),
    ("Quel est le numéro d'entreprise de M3D-Print ?", "Numéro d'entreprise : BE 1025.037.897."),
])
def test_a_company_number_asked_for_is_stated(seed_pipeline: AskPipeline, question: str, line: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    verify_quotes(answer.citations)
    assert line in answer.answer.split("\n\n")[0]


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Wat is het postadres van J3D Prints als ik mijn privacyverzoek per brief wil sturen?",
    "What's the email address of Materialise's data protection officer?",
])
def test_a_channel_the_policy_does_not_give_is_not_answered_from_another_one(
        seed_pipeline: AskPipeline, question: str) -> None:
    # J3D gives a contact form and no postal address; Materialise's DPO section names no e-mail address.
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.NOT_IN_POLICY, answer.answer
    assert answer.contact


@pytest.mark.slow
def test_how_fast_a_breach_is_reported_is_answered_from_the_notice_period(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Binnen hoeveel tijd meldt online-3d-printen een datalek bij de toezichthouder?")
    assert answer.status is Status.ANSWERED, answer.answer
    verify_quotes(answer.citations)
    assert "72 uur" in answer.citations[0].quote and "72 uur" in answer.answer.split("\n\n")[0]
    assert "verzoek" not in answer.answer.split("\n\n")[0]  # not "your request is handled within"
    assert all(citation.company == "online-3d-printen" for citation in answer.citations)  # no complaint article


@pytest.mark.parametrize(("question", "article"), [
    ("Binnen hoeveel tijd meldt online-3d-printen een datalek bij de toezichthouder?", None),
    ("Wie schnell melden Sie eine Datenschutzverletzung der Aufsichtsbehörde?", None),
    ("How fast do you tell the supervisory authority of a security breach?", None),
    ("Puis-je porter plainte auprès de la CNIL après une fuite de données ?", 77),
    ("After the data breach, can I have my data deleted?", 17),
])
def test_a_breach_reported_to_the_authority_asks_no_right_but_a_complaint_or_erasure_after_one_does(
        question: str, article: int | None) -> None:
    reference = gdpr_reference(question, ("rights",))
    assert (reference.article if reference else None) == article


@pytest.mark.parametrize("question", ["Which payment provider does Pixeljet use?", "welke betaalprovider gebruikt jullie?",
                                      "Welcher Zahlungsdienstleister?", "which analytics tool do you use",
                                      "quel prestataire de paiement utilisez-vous ?"])
def test_which_provider_of_a_kind_asks_for_a_name(question: str) -> None:
    assert "provider_name" in wanted_facts(question, ())


@pytest.mark.parametrize("question", ["Welche Anbieter machen Profiling?", "which providers keep my data longest",
                                      "Do you use a payment provider?",
                                      "What service providers does Pixeljet share my data with?",
                                      "What does the platform do with my data?",
                                      "Quelles données le service de paiement reçoit-il ?"])
def test_the_shops_as_providers_or_a_yes_no_question_ask_for_no_name(question: str) -> None:
    assert "provider_name" not in wanted_facts(question, ())


@pytest.mark.parametrize("question", ["Hoe oud is het privacybeleid van Pixeljet?", "Wie alt ist die Datenschutzerklärung?",
                                      "De quand date la politique de confidentialité ?"])
def test_how_old_a_policy_is_asks_for_its_date(question: str) -> None:
    assert "dates" in wanted_facts(question, ())


@pytest.mark.parametrize(("question", "period"), [
    ("Werden die Logfiles nach 30 Tagen gelöscht?", True),
    ("Can my 14 year old son open his own account?", False),  # an age
    ("Mag mijn 15 jaar oude dochter zelf een account maken?", False),
])
def test_a_period_named_in_the_question_is_wanted_but_an_age_is_none(question: str, period: bool) -> None:
    assert ("durations" in wanted_facts(question, ())) is period


@pytest.mark.parametrize("text", ["M3D-Print (BE 1025.037.897), based in Izegem, processes personal data.",
                                  "De verantwoordelijke is gevestigd te Leuven.", "Die Firma hat ihren Sitz in Köln.",
                                  "La société a son siège social à Bruxelles.",
                                  "Johan van Hasseltweg 39-J 1021 KN Amsterdam"])
def test_a_seat_or_a_postal_address_says_where_the_company_is(text: str) -> None:
    assert names_seat(text)


@pytest.mark.parametrize("text", ["Our servers are located in Germany.", "Wij delen gegevens met verwerkers gevestigd in de VS.",
                                  "Empfänger mit Sitz in den USA erhalten Ihre Daten.", "Le contrat établi à cette fin."])
def test_where_servers_or_recipients_are_is_not_the_companys_seat(text: str) -> None:
    assert not names_seat(text)


def test_a_question_on_where_to_complain_asks_the_authority_not_the_shop_location() -> None:
    wanted = wanted_facts("which authority can I complain to and where is it located?", ("rights",))
    assert "complaint_route" in wanted and "location" not in wanted
