"""Specification of the question-intent classifier: intents, data objects, rights and privacy scope in EN/NL/DE/FR.

The questions are written for these tests, in the informal style of customer chat; none is taken from the gold set.
"""

from __future__ import annotations

import dataclasses

import pytest

from assistant.intent import INTENT_PRIORITY, Intent, IntentClassifier, QuestionIntent, classify_question
from assistant.intent_lexicon import INTENT_TERMS, OFF_TOPIC_TERMS, PRIVACY_TERMS, YES_NO_OPENERS
from assistant.object_lexicon import ACTION_TERMS, OBJECT_TERMS, RIGHT_TERMS
from core.categories import categorize, normalize
from core.errors import ConfigError
from core.settings import LANGUAGES


def _cases(table: dict[str, dict[str, tuple[str, ...]]]) -> list[pytest.param]:
    """One param per (label, language, question), with the id `label-language-n`."""
    return [pytest.param(label, language, question, id=f"{label}-{language}-{n}")
            for label, by_language in table.items()
            for language, questions in by_language.items()
            for n, question in enumerate(questions, 1)]


# --- intents -----------------------------------------------------------------------------------------------------

INTENT_QUESTIONS = {
    "yes_no": {
        "en": ("Do you sell my e-mail address to advertisers?", "Does the shop share my order history with Facebook?",
               "Will you use my uploaded models to train software?"),
        "nl": ("Verkopen jullie mijn adresgegevens door?", "Delen jullie mijn telefoonnummer met de koerier?",
               "Gebruiken jullie mijn ontwerpen voor reclame?"),
        "de": ("Verkaufen Sie meine Kundendaten an andere Firmen?", "Teilen Sie meine Bestelldaten mit Google?",
               "Nutzen Sie meine hochgeladenen Modelle für Werbung?"),
        "fr": ("Vendez-vous mes coordonnées à des annonceurs ?",
               "Est-ce que vous partagez mon historique de commandes avec Facebook ?",
               "Utilisez-vous mes fichiers STL pour entraîner une IA ?"),
    },
    "duration": {
        "en": ("How long do you keep my invoices?", "What is the retention period for my IP address?",
               "Until when is my account data stored?"),
        "nl": ("Hoe lang bewaren jullie mijn facturen?", "Wat is de bewaartermijn van mijn STL-bestanden?",
               "Tot wanneer blijft mijn account bewaard?"),
        "de": ("Wie lange speichern Sie meine Rechnungen?", "Wie lang ist die Aufbewahrungsfrist für meine Bestelldaten?",
               "Bis wann werden meine hochgeladenen Dateien gespeichert?"),
        "fr": ("Combien de temps conservez-vous mes factures ?",
               "Quelle est la durée de conservation de mon adresse e-mail ?",
               "Jusqu'à quand gardez-vous mes fichiers 3D ?"),
    },
    "recipients": {
        "en": ("Who gets my postal address when I order?", "With whom do you share my payment data?",
               "Which third parties receive my e-mail address?"),
        "nl": ("Wie krijgt mijn adres te zien?", "Met wie delen jullie mijn betaalgegevens?",
               "Aan wie geven jullie mijn e-mailadres door?"),
        "de": ("Wer bekommt meine Adresse?", "An wen geben Sie meine Zahlungsdaten weiter?",
               "Welche Dritten erhalten meine E-Mail-Adresse?", "Wer kann meine Daten sehen?"),
        "fr": ("Qui reçoit mon adresse postale ?", "Avec qui partagez-vous mes données de paiement ?",
               "À qui transmettez-vous mon adresse e-mail ?", "Qui peut voir mes données ?"),
    },
    "exercise_right": {
        "en": ("How do I delete my account?", "How can I get a copy of my data?", "I want to correct my postal address"),
        "nl": ("Hoe kan ik mijn account laten verwijderen?", "Ik wil inzage in mijn persoonsgegevens",
               "Hoe kan ik mijn gegevens laten corrigeren?"),
        "de": ("Wie kann ich mein Kundenkonto löschen?", "Ich möchte Auskunft über meine gespeicherten Daten",
               "Wie kann ich der Nutzung meiner Daten für Werbung widersprechen?"),
        "fr": ("Comment supprimer mon compte ?", "Comment obtenir la portabilité de mes données ?",
               "Je voudrais rectifier mon adresse"),
    },
    "contact": {
        "en": ("Who is your data protection officer?", "What e-mail address can I use for privacy questions?",
               "Which supervisory authority can I complain to?"),
        "nl": ("Wie is de functionaris voor gegevensbescherming?",
               "Op welk e-mailadres kan ik jullie bereiken over privacy?",
               "Waar kan ik een klacht indienen over mijn persoonsgegevens?"),
        "de": ("Wer ist Ihr Datenschutzbeauftragter?", "Unter welcher Anschrift erreiche ich den Verantwortlichen?",
               "Bei welcher Aufsichtsbehörde kann ich mich beschweren?"),
        "fr": ("Qui est votre délégué à la protection des données ?", "Comment contacter votre DPO ?",
               "Où puis-je déposer une plainte auprès de la CNIL ?"),
    },
    "list": {
        "en": ("Which personal data do you collect?", "What cookies does your website use?",
               "Which rights do I have under the GDPR?"),
        "nl": ("Welke persoonsgegevens verzamelen jullie?", "Welke cookies plaatsen jullie?", "Welke rechten heb ik?"),
        "de": ("Welche Daten speichern Sie über mich?", "Welche Cookies setzt Ihre Website?",
               "Welche Rechte habe ich nach der DSGVO?"),
        "fr": ("Quelles données collectez-vous ?", "Quels cookies utilisez-vous ?", "Quels droits ai-je sur mes données ?",
               "vous gardez quoi comme infos quand je crée un compte ?"),
    },
    "legal_basis": {
        "en": ("On what legal basis do you process my payment data?",
               "Do you rely on legitimate interest for newsletters?", "Can you send me offers without my consent?"),
        "nl": ("Op welke grondslag verwerken jullie mijn gegevens?",
               "Mogen jullie mij zonder toestemming nieuwsbrieven sturen?",
               "Wat is de rechtsgrond voor het bewaren van mijn facturen?"),
        "de": ("Auf welcher Rechtsgrundlage verarbeiten Sie meine Daten?",
               "Dürfen Sie mir ohne Einwilligung Werbung schicken?", "Stützen Sie sich auf ein berechtigtes Interesse?"),
        "fr": ("Sur quelle base légale traitez-vous mes données ?",
               "Pouvez-vous m'envoyer de la publicité sans mon consentement ?",
               "Quel est le fondement juridique du traitement de mes factures ?"),
    },
    "transfer": {
        "en": ("Are my files stored outside the EU?", "Do you send my data to the United States?",
               "In which country is my data stored?"),
        "nl": ("Worden mijn gegevens buiten de EU opgeslagen?", "Waar staan de servers met mijn bestanden?",
               "Sturen jullie mijn gegevens naar Amerika?"),
        "de": ("Werden meine Daten außerhalb der EU gespeichert?", "Wo werden meine Dateien gespeichert?",
               "Übermitteln Sie meine Daten in die USA?"),
        "fr": ("Mes données sont-elles transférées hors de l'UE ?", "Où sont hébergés mes fichiers ?",
               "Envoyez-vous mes données aux États-Unis ?"),
    },
    "response_time": {
        "en": ("How quickly do you respond to a deletion request?",
               "Within how many days will I get an answer to my access request?",
               "How long do you take to reply to a privacy request?"),
        "nl": ("Hoe snel reageren jullie op een verwijderverzoek?",
               "Binnen hoeveel dagen beantwoorden jullie mijn inzageverzoek?",
               "Hoe lang duurt het voor ik antwoord krijg op mijn privacyverzoek?"),
        "de": ("Wie schnell beantworten Sie meinen Auskunftsantrag?",
               "Innerhalb welcher Frist erhalte ich eine Antwort auf meinen Löschantrag?",
               "Wie lange dauert es, bis Sie auf meine Datenschutzanfrage antworten?"),
        "fr": ("Dans quel délai répondez-vous à ma demande d'accès ?",
               "Sous combien de jours traitez-vous une demande d'effacement ?",
               "Combien de temps faut-il pour obtenir une réponse à ma demande RGPD ?"),
    },
    "other": {
        "en": ("Why do you need my phone number?", "How do you protect my uploaded files?",
               "What happens if there is a data breach?"),
        "nl": ("Waarom vragen jullie mijn telefoonnummer?", "Hoe beveiligen jullie mijn betaalgegevens?",
               "Wat gebeurt er bij een datalek?"),
        "de": ("Warum brauchen Sie meine Telefonnummer?", "Wie schützen Sie meine hochgeladenen Dateien?",
               "Was passiert bei einer Datenpanne?"),
        "fr": ("Pourquoi avez-vous besoin de mon numéro de téléphone ?", "Comment protégez-vous mes fichiers ?",
               "Que se passe-t-il en cas de fuite de données ?"),
    },
}


@pytest.mark.parametrize(("intent", "language", "question"), _cases(INTENT_QUESTIONS))
def test_question_gets_its_intent_and_counts_as_privacy(
        classifier: IntentClassifier, intent: str, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.is_privacy) == (Intent.from_str(intent), True), asked.scores


YES_NO_ACTIONS = [
    pytest.param("en", "Do you sell my e-mail address to advertisers?", "sell", id="sell-en"),
    pytest.param("nl", "Verkopen jullie mijn gegevens aan derden? Ik bestel regelmatig bij jullie.", "sell", id="sell-nl"),
    pytest.param("de", "Verkaufen Sie meine Kundendaten an andere Firmen?", "sell", id="sell-de"),
    pytest.param("fr", "Vendez-vous mes coordonnées à des annonceurs ?", "sell", id="sell-fr"),
    pytest.param("en", "Does the shop share my order history with Facebook?", "share", id="share-en"),
    pytest.param("nl", "Geven jullie mijn adres door aan de vervoerder?", "share", id="share-nl"),
    pytest.param("de", "Geben Sie meine Adresse an den Paketdienst weiter?", "share", id="share-de"),
    pytest.param("fr", "Partagez-vous mon adresse avec le transporteur ?", "share", id="share-fr"),
    pytest.param("en", "Do you use my uploaded models for marketing?", "use", id="use-en"),
    pytest.param("nl", "Gebruiken jullie mijn ontwerpen voor reclame?", "use", id="use-nl"),
    pytest.param("de", "Nutzen Sie meine hochgeladenen Modelle für Werbung?", "use", id="use-de"),
    pytest.param("fr", "Utilisez-vous mes fichiers STL pour entraîner une IA ?", "use", id="use-fr"),
    pytest.param("en", "Does an algorithm decide about me with my personal data?", "profile", id="profile-en"),
    pytest.param("nl", "Beslist een algoritme met mijn gegevens over mijn aanvraag?", "profile", id="profile-nl"),
    pytest.param("de", "Entscheidet ein Algorithmus mit meinen Daten über meinen Kredit?", "profile", id="profile-de"),
    pytest.param("fr", "Une décision automatique est-elle prise sur mes données ?", "profile", id="profile-fr"),
    pytest.param("nl", "neemt de shop automatische beslissingen over mij of doen ze aan profiling",
                 "profile", id="profile-nl-neemt"),
    pytest.param("fr", "vous faites du profiling avec mes achats ?", "profile", id="profile-fr-anglicism"),
    pytest.param("en", "do you use google to track how I use the site?", "track", id="track-after-use-en"),
    pytest.param("de", "Nutzt ihr Google, um zu verfolgen, was ich auf der Seite mache?", "track", id="track-after-use-de"),
]


@pytest.mark.parametrize(("language", "question", "action"), YES_NO_ACTIONS)
def test_yes_no_question_names_the_action_it_asks_about(
        classifier: IntentClassifier, language: str, question: str, action: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.action) == (Intent.YES_NO, action)


def test_going_on_using_a_site_is_no_passing_on(classifier: IntentClassifier) -> None:
    going_on = classifier.run(question="Stimme ich zu, wenn ich die Seite nach einer Änderung weiter nutze?",
                              language="de")
    passing_on = classifier.run(question="Gibt Pixeljet meine Telefonnummer an Dritte weiter?", language="de")
    assert (going_on.action, passing_on.action) == (None, "share")


@pytest.mark.parametrize(("language", "question", "action"), [
    ("en", "Do you sell my data for profiling?", "sell"),
    ("nl", "Verkopen jullie mijn gegevens voor profilering?", "sell"),
    ("fr", "Pouvez-vous tracer mes achats ?", "track"),
    ("fr", "Vous tracez mes achats ?", "track"),
    ("en", "Do you use my purchase history to give me personal recommendations?", "use"),
])
def test_a_specific_action_is_not_outranked_and_tracing_is_tracking(
        classifier: IntentClassifier, language: str, question: str, action: str) -> None:
    assert classifier.run(question=question, language=language).action == action


@pytest.mark.parametrize(("language", "question", "intent"), [
    pytest.param("en", "what info do you process when i contact your customer support?", Intent.LIST, id="en-list"),
    pytest.param("nl", "welke gegevens verwerken jullie als ik contact opneem met de support?", Intent.LIST, id="nl-list"),
    pytest.param("de", "Welche Daten erfasst ihr, wenn ich den Support kontaktiere?", Intent.LIST, id="de-list"),
    pytest.param("fr", "quelles données gardez-vous quand je contacte le support ?", Intent.LIST, id="fr-list"),
    pytest.param("en", "how can I contact you if I have a privacy question?", Intent.CONTACT, id="en-contact"),
])
def test_contacting_support_as_the_occasion_of_a_list_question_asks_for_the_list(
        classifier: IntentClassifier, language: str, question: str, intent: Intent) -> None:
    assert classifier.run(question=question, language=language).intent is intent


@pytest.mark.parametrize(("language", "question"), [
    ("fr", "à qui je m'adresse pour une réclamation sur l'utilisation de mes données ?"),
    ("de", "An wen wende ich mich bei Fragen zum Datenschutz?"),
    ("nl", "bij wie kan ik terecht met vragen over mijn gegevens?"),
    ("fr", "je veux exercer mes droits sur les infos de mon dossier, je m'adresse à qui ?"),
])
def test_whom_to_turn_to_is_a_contact_question_not_who_receives(
        classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.CONTACT


@pytest.mark.parametrize(("language", "question"), [
    ("fr", "Pourquoi M3D-Print m'adresse encore des newsletters alors que je me suis désinscrit ?"),
    ("de", "Wie wende ich mich gegen die Verarbeitung meiner Daten?"),
])
def test_sending_me_mail_or_objecting_is_no_contact_question(
        classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is not Intent.CONTACT


@pytest.mark.parametrize(("language", "question"), [
    ("nl", "gebruikt ecobalyse mijn gegevens voor profilering of geautomatiseerde besluiten?"),
    ("en", "Do you use my data for profiling?"),
    ("fr", "Vous utilisez mes données pour du profilage ?"),
])
def test_profiling_named_anywhere_is_the_action_asked_about(
        classifier: IntentClassifier, language: str, question: str) -> None:
    """Profiling is a topic of its own: it outranks the verb before it ("gebruikt ... voor")."""
    assert classifier.run(question=question, language=language).action == "profile"


@pytest.mark.parametrize(("language", "question"), [
    ("en", "Which seller keeps my data the shortest?"),
    ("nl", "Welke winkel bewaart mijn gegevens het langst?"),
    ("de", "Bei welchem Verkäufer werden meine Daten am kürzesten gespeichert?"),
    ("fr", "Chez quel vendeur mes données sont-elles conservées le moins longtemps ?"),
])
def test_a_seller_is_no_selling_and_longest_or_shortest_asks_a_duration(
        classifier: IntentClassifier, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.action == "sell") == (Intent.DURATION, False), asked.scores


@pytest.mark.parametrize(("language", "question"), [
    pytest.param("en", "Do you store my data outside the EU?", id="en"),
    pytest.param("nl", "Slaan jullie mijn gegevens op buiten de EU?", id="nl"),
    pytest.param("de", "Speichern Sie meine Daten außerhalb der EU?", id="de"),
    pytest.param("fr", "Stockez-vous mes données hors de l'UE ?", id="fr"),
    pytest.param("en", "do you store my data in the EU or outside?", id="en-or-outside"),
    pytest.param("nl", "worden mijn gegevens opgeslagen in de EU of daarbuiten?", id="nl-or-outside"),
    pytest.param("de", "speichert ihr meine daten in der EU oder auch ausserhalb?", id="de-or-outside"),
    pytest.param("fr", "stockez-vous mes données dans l'UE ou en dehors ?", id="fr-or-outside"),
])
def test_a_yes_no_question_about_a_transfer_is_a_transfer_question(
        classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.TRANSFER


# --- data objects ------------------------------------------------------------------------------------------------

OBJECT_QUESTIONS = {
    "invoices": {"en": ("Do you keep my invoices?",), "nl": ("Bewaren jullie mijn facturen?",),
                 "de": ("Speichern Sie meine Rechnungen?",), "fr": ("Conservez-vous mes factures ?",)},
    "postal_address": {"en": ("Who sees my home address?",), "nl": ("Wie ziet mijn adres?",),
                       "de": ("Wer sieht meine Anschrift?",), "fr": ("Qui voit mon adresse ?",)},
    "uploaded_files": {"en": ("Do you delete my STL files after printing?",),
                       "nl": ("Wat doen jullie met mijn 3D-modellen?",),
                       "de": ("Was passiert mit meinen hochgeladenen Dateien?",),
                       "fr": ("Que faites-vous de mes fichiers 3D ?",)},
    "ip_address": {"en": ("Do you log my IP address?",), "nl": ("Slaan jullie mijn IP-adres op?",),
                   "de": ("Speichern Sie meine IP-Adresse?",), "fr": ("Conservez-vous mon adresse IP ?",)},
    "email_address": {"en": ("Do you sell my email address?",), "nl": ("Delen jullie mijn e-mailadres?",),
                      "de": ("Geben Sie meine E-Mail-Adresse weiter?",), "fr": ("Partagez-vous mon adresse e-mail ?",)},
    "payment_data": {"en": ("Do you store my credit card details?",), "nl": ("Bewaren jullie mijn betaalgegevens?",),
                     "de": ("Speichern Sie meine Kreditkartendaten?",),
                     "fr": ("Gardez-vous mes coordonnées bancaires ?",)},
    "phone_number": {"en": ("Why do you need my phone number?",), "nl": ("Waarom willen jullie mijn telefoonnummer?",),
                     "de": ("Wozu brauchen Sie meine Handynummer?",),
                     "fr": ("Pourquoi demandez-vous mon numéro de téléphone ?",)},
    "name": {"en": ("Is my full name shared with the courier?",), "nl": ("Wordt mijn naam doorgegeven aan derden?",),
             "de": ("Wird mein Name an Dritte weitergegeben?",), "fr": ("Mon nom est-il transmis à des tiers ?",)},
    "account": {"en": ("How do I close my account?",), "nl": ("Hoe verwijder ik mijn account?",),
                "de": ("Wie lösche ich mein Kundenkonto?",), "fr": ("Comment supprimer mon compte client ?",)},
    "cookies": {"en": ("Do you use tracking cookies?",), "nl": ("Gebruiken jullie trackingcookies?",),
                "de": ("Setzen Sie Cookies ein?",), "fr": ("Utilisez-vous des cookies de suivi ?",)},
    "marketing": {"en": ("Why do I see your ads everywhere?", "Do you use retargeting?"),
                  "nl": ("Waarom zie ik overal advertenties van jullie?",),
                  "de": ("Warum sehe ich überall Werbeanzeigen von euch?",),
                  "fr": ("Pourquoi vos pubs me suivent-elles partout ?",)},
    "log_files": {"en": ("How long are your server log files kept?", "Do you keep server logs of my visits?"),
                  "nl": ("Hoe lang bewaren jullie logbestanden?",),
                  "de": ("Wie lange werden die Server-Log-Dateien gespeichert?",),
                  "fr": ("Combien de temps gardez-vous les fichiers journaux ?",)},
    "location": {"en": ("Do you track my location?",), "nl": ("Volgen jullie mijn locatie?",),
                 "de": ("Erfassen Sie meinen Standort?",), "fr": ("Utilisez-vous ma géolocalisation ?",)},
    "order_history": {"en": ("How long do you keep my order history?",),
                      "nl": ("Hoe lang bewaren jullie mijn bestelgeschiedenis?",),
                      "de": ("Wie lange speichern Sie meine Bestellhistorie?",),
                      "fr": ("Combien de temps gardez-vous l'historique de mes commandes ?",)},
}


@pytest.mark.parametrize(("data_object", "language", "question"), _cases(OBJECT_QUESTIONS))
def test_the_data_object_asked_about_is_detected(
        classifier: IntentClassifier, data_object: str, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).objects == (data_object,)


@pytest.mark.parametrize(("language", "question"), [
    ("en", "Which accounting firm gets my invoices?"),
    ("en", "Do you share my invoices with your accountant?"),
    ("nl", "Welke accountant krijgt mijn facturen?"),
])
def test_an_accountant_is_no_customer_account(classifier: IntentClassifier, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert "account" not in asked.objects and "invoices" in asked.objects


@pytest.mark.parametrize(("language", "question", "objects"), [
    pytest.param("en", "Do you share my IP address and my e-mail address?", ("ip_address", "email_address"), id="en"),
    pytest.param("nl", "Wie krijgt mijn e-mailadres en mijn IP-adres?", ("email_address", "ip_address"), id="nl"),
    pytest.param("de", "Wer bekommt meine IP-Adresse und meine Anschrift?", ("ip_address", "postal_address"), id="de"),
    pytest.param("fr", "Qui reçoit mon adresse IP et mon adresse e-mail ?", ("ip_address", "email_address"), id="fr"),
])
def test_an_ip_or_email_address_is_not_also_a_postal_address(
        classifier: IntentClassifier, language: str, question: str, objects: tuple[str, ...]) -> None:
    assert classifier.run(question=question, language=language).objects == objects


@pytest.mark.parametrize(("language", "shop_channel", "own_data"), [
    pytest.param("en", "What is your e-mail address for privacy questions?", "Who do I contact to change my e-mail address?",
                 id="en"),
    pytest.param("nl", "Wat is jullie e-mailadres voor privacyvragen?", "Wie kan ik contacteren over mijn e-mailadres?",
                 id="nl"),
    pytest.param("de", "Welche E-Mail-Adresse hat Ihr Datenschutzbeauftragter?",
                 "Wen kontaktiere ich wegen meiner E-Mail-Adresse?", id="de"),
    pytest.param("fr", "Quelle est votre adresse e-mail pour la vie privée ?",
                 "Qui contacter au sujet de mon adresse e-mail ?", id="fr"),
])
def test_a_contact_channel_is_not_a_data_object_unless_it_is_the_customers_own(
        classifier: IntentClassifier, language: str, shop_channel: str, own_data: str) -> None:
    asked = classifier.run(question=shop_channel, language=language)
    assert (asked.intent, asked.objects) == (Intent.CONTACT, ())
    asked = classifier.run(question=own_data, language=language)
    assert (asked.intent, asked.objects) == (Intent.CONTACT, ("email_address",))


@pytest.mark.parametrize(("language", "question", "compound"), [
    pytest.param("nl", "Wat is de bewaartermijn van klantgegevens?", "bewaartermijn", id="nl-bewaartermijn"),
    pytest.param("de", "Wie lautet die Aufbewahrungsfrist für Kundendaten?", "aufbewahrungsfrist",
                 id="de-aufbewahrungsfrist"),
    pytest.param("de", "Wer ist der Datenschutzbeauftragter von Ihnen?", "datenschutzbeauftragt",
                 id="de-datenschutzbeauftragter"),
    pytest.param("nl", "Hebben jullie een privacycontactpersoon?", "contactpersoon", id="nl-contactpersoon"),
])
def test_compound_words_match_the_terms_inside_them(
        classifier: IntentClassifier, language: str, question: str, compound: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert compound in asked.terms


# --- rights ------------------------------------------------------------------------------------------------------

RIGHT_QUESTIONS = {
    "erasure": {"en": ("Can you erase all my personal data?",), "nl": ("Kunnen jullie al mijn gegevens wissen?",),
                "de": ("Können Sie alle meine Daten löschen?",), "fr": ("Pouvez-vous effacer toutes mes données ?",)},
    "access": {"en": ("How can I request access to my data?", "How can I get a copy of the data you hold about me?"),
               "nl": ("Hoe kan ik mijn gegevens inzien?",
                      "Hoe krijg ik een kopie van de gegevens die jullie over mij hebben?"),
               "de": ("Wie kann ich Einsicht in meine Daten bekommen?",
                      "Wie bekomme ich eine Kopie der Daten, die Sie über mich gespeichert haben?"),
               "fr": ("Comment accéder à mes données personnelles ?",
                      "Comment obtenir une copie des données que vous avez sur moi ?")},
    "rectification": {"en": ("How do I correct my postal address?",), "nl": ("Ik wil mijn e-mailadres corrigeren",),
                      "de": ("Wie kann ich falsche Daten berichtigen lassen?",), "fr": ("Comment rectifier mes données ?",)},
    "objection": {"en": ("How do I opt out of direct marketing?",), "nl": ("Ik wil bezwaar maken tegen profilering",),
                  "de": ("Ich möchte der Verarbeitung meiner Daten widersprechen",),
                  "fr": ("Comment m'opposer au traitement de mes données ?",)},
    "portability": {"en": ("Can I export my data to another service?",),
                    "nl": ("Kan ik mijn gegevens overdragen aan een andere webshop?",),
                    "de": ("Kann ich meine Daten zu einem anderen Anbieter mitnehmen?",),
                    "fr": ("Puis-je récupérer mes données dans un format lisible ?",)},
    "restriction": {"en": ("Can I ask you to restrict the processing of my data?",),
                    "nl": ("Kan ik de verwerking van mijn gegevens laten beperken?",),
                    "de": ("Kann ich die Verarbeitung meiner Daten einschränken lassen?",),
                    "fr": ("Puis-je demander la limitation du traitement de mes données ?",)},
    "withdraw_consent": {"en": ("How do I withdraw my consent for newsletters?",),
                         "nl": ("Hoe trek ik mijn toestemming in?",),
                         "de": ("Wie kann ich meine Einwilligung widerrufen?",),
                         "fr": ("Comment retirer mon consentement aux cookies ?",)},
    "complaint": {"en": ("How do I lodge a complaint about the processing of my data?",),
                  "nl": ("Hoe dien ik een klacht in over mijn gegevens?",),
                  "de": ("Wie reiche ich eine Beschwerde über die Verarbeitung meiner Daten ein?",),
                  "fr": ("Comment déposer une réclamation concernant mes données ?",)},
}


@pytest.mark.parametrize(("right", "language", "question"), _cases(RIGHT_QUESTIONS))
def test_exercise_right_question_names_the_right(
        classifier: IntentClassifier, right: str, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right) == (Intent.EXERCISE_RIGHT, right), asked.scores


@pytest.mark.parametrize(("language", "question", "right"), [
    pytest.param("de", "Ich habe meine Einwilligung bei Materialise widerrufen. Kann ich jetzt verlangen, dass meine "
                       "Daten gelöscht werden?", "erasure", id="de"),
    pytest.param("en", "I objected to the newsletter last week. Can I also get a copy of my data?", "access", id="en"),
    pytest.param("nl", "Ik wil mijn gegevens laten verwijderen. Heb ik daar recht op?", "erasure", id="nl-fallback"),
])
def test_the_right_of_the_asking_sentence_wins_over_the_context_before_it(
        classifier: IntentClassifier, language: str, question: str, right: str) -> None:
    assert classifier.run(question=question, language=language).right == right


@pytest.mark.parametrize(("language", "question", "action"), [
    pytest.param("fr", "materialise collecte aussi mon numero de telephone ?", "collect", id="collect"),
    pytest.param("fr", "vous partagez mon adresse avec le transporteur ?", "share", id="share"),
    pytest.param("fr", "j3d prints revend mes données à des pubs ?", "sell", id="sell"),
])
def test_a_french_statement_with_a_question_mark_asks_yes_or_no(
        classifier: IntentClassifier, language: str, question: str, action: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.action) == (Intent.YES_NO, action), asked.scores


@pytest.mark.parametrize("question", ["Partage de mes données avec des tiers ?",
                                      "Utilisation de mes données pour la publicité ?",
                                      "Collecte de mes données de localisation ?", "Les cookies utilisés sur le site ?"])
def test_a_french_noun_phrase_with_a_question_mark_is_no_yes_no_question(classifier: IntentClassifier,
                                                                        question: str) -> None:
    asked = classifier.run(question=question, language="fr")
    assert dict(asked.scores).get(Intent.YES_NO, 0) == 0, asked.scores


@pytest.mark.parametrize(("language", "question"), [
    ("en", "How long do you store my data in the EU?"),
    ("de", "Wie lange speichert ihr meine Daten in der EU?"),
])
def test_how_long_data_is_stored_in_the_eu_asks_a_period_not_where(classifier: IntentClassifier, language: str,
                                                                    question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.DURATION


@pytest.mark.parametrize(("language", "question"), [
    ("nl", "als de shop mijn gegevens aan een verwerker geeft, moet die ze daarna wissen?"),
    ("de", "Wenn ich bestelle, speichert ihr dann meine Adresse?"),
])
def test_a_question_after_a_leading_condition_opens_like_a_yes_no_question(classifier: IntentClassifier,
                                                                         language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.YES_NO


def test_a_condition_before_the_question_keeps_the_statement_from_reading_as_yes_or_no(
        classifier: IntentClassifier) -> None:
    asked = classifier.run(question="si vous sous-traitez l'impression a un partenaire, il recoit mes coordonnees ?",
                           language="fr")
    assert dict(asked.scores).get(Intent.YES_NO, 0) == 0


def test_my_phone_number_in_french_is_the_customers_data_not_a_number_to_call(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="materialise collecte aussi mon numero de telephone ?", language="fr")
    assert asked.intent is not Intent.CONTACT and "phone_number" in asked.objects
    assert classifier.run(question="quel est votre numero de telephone ?", language="fr").intent is Intent.CONTACT


@pytest.mark.parametrize(("language", "question"), [
    pytest.param("en", "Can I remove the support material from my print myself?", id="en"),
    pytest.param("nl", "Kan ik de steunstructuur zelf verwijderen?", id="nl"),
    pytest.param("de", "Kann ich die Stützstruktur selbst entfernen?", id="de"),
    pytest.param("fr", "Puis-je supprimer les supports moi-même ?", id="fr"),
])
def test_an_everyday_verb_names_no_right_outside_a_privacy_question(
        classifier: IntentClassifier, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.is_privacy, asked.right, asked.intent) == (False, None, Intent.OTHER)


@pytest.mark.parametrize(("language", "question"), [
    pytest.param("en", "Who has access to my files?", id="en"),
    pytest.param("nl", "Wie heeft toegang tot mijn bestanden?", id="nl"),
    pytest.param("de", "Wer hat Zugriff auf meine Dateien?", id="de"),
    pytest.param("fr", "Qui a accès à mes fichiers ?", id="fr"),
    pytest.param("fr", "Est-ce que le gérant a accès à mes fichiers ? c'est qui ?", id="fr-named-person"),
    pytest.param("nl", "Heeft de eigenaar toegang tot mijn bestanden?", id="nl-named-person"),
])
def test_who_has_access_asks_for_recipients_not_for_the_right_of_access(
        classifier: IntentClassifier, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right, asked.objects) == (Intent.RECIPIENTS, None, ("uploaded_files",))


@pytest.mark.parametrize(("language", "question"), [
    pytest.param("en", "How do I create an account?", id="en"),
    pytest.param("nl", "Hoe kan ik een account aanmaken?", id="nl"),
    pytest.param("de", "Wie kann ich ein Kundenkonto anlegen?", id="de"),
    pytest.param("fr", "Comment créer un compte client ?", id="fr"),
])
def test_how_do_i_without_a_right_is_not_an_exercise_right_question(
        classifier: IntentClassifier, language: str, question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right, asked.objects) == (Intent.OTHER, None, ("account",))


# --- privacy scope -----------------------------------------------------------------------------------------------

WITHOUT_CATEGORY_WORD = [
    pytest.param("en", "Do my files leave the EU?", Intent.TRANSFER, ("uploaded_files",), id="en-files-leave-eu"),
    pytest.param("en", "Who else can see my uploaded designs?", Intent.RECIPIENTS, ("uploaded_files",), id="en-who-else"),
    pytest.param("nl", "Wat doen jullie met mijn STL-bestanden?", Intent.OTHER, ("uploaded_files",), id="nl-stl"),
    pytest.param("nl", "Wat gebeurt er met mijn oude bestellingen?", Intent.OTHER, ("order_history",), id="nl-orders"),
    pytest.param("de", "Was passiert mit meinen hochgeladenen Modellen?", Intent.OTHER, ("uploaded_files",),
                 id="de-models"),
    pytest.param("de", "Wer sieht meine hochgeladenen Zeichnungen?", Intent.RECIPIENTS, ("uploaded_files",),
                 id="de-who-sees"),
    pytest.param("en", "who do you give my uploaded models to?", Intent.RECIPIENTS, ("uploaded_files",),
                 id="en-who-give"),
    pytest.param("de", "wem gebt ihr meine hochgeladenen Dateien?", Intent.RECIPIENTS, ("uploaded_files",),
                 id="de-wem-geben"),
    pytest.param("fr", "Que devient mon adresse IP ?", Intent.OTHER, ("ip_address",), id="fr-ip"),
    pytest.param("fr", "Mes fichiers STL quittent-ils l'Europe ?", Intent.TRANSFER, ("uploaded_files",),
                 id="fr-files-leave-europe"),
]


@pytest.mark.parametrize(("language", "question", "intent", "objects"), WITHOUT_CATEGORY_WORD)
def test_privacy_question_without_a_category_word_is_a_privacy_question(
        classifier: IntentClassifier, language: str, question: str, intent: Intent, objects: tuple[str, ...]) -> None:
    assert categorize(question, language=language) == ()  # the category lexicon alone would call it out of scope
    asked = classifier.run(question=question, language=language)
    assert (asked.is_privacy, asked.intent, asked.objects) == (True, intent, objects)


NOT_PRIVACY = [
    pytest.param("en", "What is the price of PLA printing?", id="en-price"),
    pytest.param("en", "Do you ship to Norway?", id="en-shipping"),
    pytest.param("en", "How long does printing a vase take?", id="en-print-time"),
    pytest.param("nl", "Wat kost een print in PETG?", id="nl-price"),
    pytest.param("nl", "Hoe lang duurt de levering naar België?", id="nl-delivery"),
    pytest.param("nl", "Zijn jullie op zaterdag open?", id="nl-opening"),
    pytest.param("de", "Wie spät ist es?", id="de-time"),
    pytest.param("de", "Was kostet der Versand nach Österreich?", id="de-shipping"),
    pytest.param("de", "Welche Materialien bieten Sie an?", id="de-materials"),
    pytest.param("fr", "Quel est le prix d'une impression en résine ?", id="fr-price"),
    pytest.param("fr", "Livrez-vous en Belgique ?", id="fr-delivery"),
    pytest.param("fr", "Quelle heure est-il ?", id="fr-time"),
    pytest.param("de", "Wo ist mein Paket?", id="de-parcel"),
    pytest.param("fr", "Qui livre mon colis ?", id="fr-who-delivers"),
    pytest.param("en", "Can I track how my delivery is going?", id="en-track-delivery"),
]


@pytest.mark.parametrize(("language", "question"), NOT_PRIVACY)
def test_unrelated_question_is_not_a_privacy_question(classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language) == QuestionIntent(Intent.OTHER)


@pytest.mark.parametrize(("language", "question"), [
    pytest.param("en", "Do you share my delivery address with the shipping company?", id="en"),
    pytest.param("en", "who delivers the parcels and what do they get from me", id="en-who-delivers"),
    pytest.param("nl", "Krijgt de vervoerder mijn adres voor de levering?", id="nl"),
    pytest.param("de", "Bekommt der Versanddienstleister meine Telefonnummer?", id="de"),
    pytest.param("fr", "Le transporteur reçoit-il mon adresse pour la livraison ?", id="fr"),
])
def test_a_shipping_word_does_not_hide_personal_data(classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).is_privacy


@pytest.mark.parametrize(("language", "question", "off_topic"), [
    pytest.param("en", "And how long do they keep it?", "And what does shipping cost?", id="en"),
    pytest.param("nl", "En hoe lang blijft dat staan?", "En wat kost de verzending?", id="nl"),
    pytest.param("de", "Und wie lange bleibt das?", "Und was kostet der Versand?", id="de"),
    pytest.param("fr", "Et pendant combien de temps ?", "Et combien coûte la livraison ?", id="fr"),
])
def test_a_bare_follow_up_is_a_privacy_question_only_after_one(
        classifier: IntentClassifier, language: str, question: str, off_topic: str) -> None:
    assert classifier.run(question=question, language=language) == QuestionIntent(Intent.OTHER)
    asked = classifier.run(question=question, language=language, follow_up=True)
    assert (asked.intent, asked.is_privacy) == (Intent.DURATION, True)
    assert classifier.run(question=off_topic, language=language, follow_up=True) == QuestionIntent(Intent.OTHER)


# --- terms, names, languages -------------------------------------------------------------------------------------

def test_terms_are_the_matched_lexicon_terms_of_the_questions_language(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Hoe lang bewaren jullie mijn facturen?", language="nl")
    assert asked.terms == ("bewar", "facturen")
    dutch = {term.lstrip("!?").replace("~", "").replace("=", "")
             for table in (INTENT_TERMS, OBJECT_TERMS) for by_language in table.values()
             for term in (*by_language.get("nl", ()), *by_language.get("*", ()))}
    assert set(asked.terms) <= dutch


def test_company_names_are_not_read_as_lexicon_words() -> None:
    question = "Does Cookie Prints sell my address?"
    assert IntentClassifier().run(question=question, language="en").objects == ("cookies", "postal_address")
    named = IntentClassifier(names=("Cookie Prints",)).run(question=question, language="en")
    assert (named.intent, named.objects) == (Intent.YES_NO, ("postal_address",))


def test_a_question_with_no_term_of_its_language_is_read_with_the_other_languages() -> None:
    question = "Verkopen jullie mijn gegevens?"
    assert IntentClassifier().run(question=question, language="en").intent is Intent.YES_NO
    alone = IntentClassifier(cross_language=False).run(question=question, language="en")
    assert alone == QuestionIntent(Intent.OTHER)


def test_classify_question_matches_the_component(classifier: IntentClassifier) -> None:
    question = "Welche Daten erheben Sie?"
    assert classify_question(question, language="de") == classifier.run(question=question, language="de")


# --- component contract ------------------------------------------------------------------------------------------

def test_warm_up_twice_is_safe_and_run_warms_up_itself() -> None:
    cold = IntentClassifier()
    assert cold.run(question="Wer bekommt meine Adresse?", language="de").intent is Intent.RECIPIENTS
    cold.warm_up()
    cold.warm_up()
    assert cold.run(question="Wer bekommt meine Adresse?", language="de").intent is Intent.RECIPIENTS


def test_run_takes_keyword_arguments_only(classifier: IntentClassifier) -> None:
    with pytest.raises(TypeError):
        classifier.run("How long do you keep my data?", "en")  # type: ignore[misc]


@pytest.mark.parametrize("language", [pytest.param("es", id="es"), pytest.param("EN", id="upper"),
                                      pytest.param("", id="empty")])
def test_run_refuses_a_language_it_has_no_terms_for(classifier: IntentClassifier, language: str) -> None:
    with pytest.raises(ConfigError, match=rf"language must be one of en, nl, de, fr, got '{language}'"):
        classifier.run(question="¿Cuánto tiempo guardan mis datos?", language=language)


@pytest.mark.parametrize(("options", "message"), [
    pytest.param({"cross_language": "yes"}, "cross_language must be True or False, got 'yes'", id="cross-language"),
    pytest.param({"names": "Pixeljet"}, "names must be a sequence of names, not the string 'Pixeljet'", id="names"),
])
def test_constructor_refuses_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        IntentClassifier(**options)  # type: ignore[arg-type]


def test_question_intent_is_frozen(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Verkaufen Sie meine Daten?", language="de")
    with pytest.raises(dataclasses.FrozenInstanceError):
        asked.intent = Intent.OTHER  # type: ignore[misc]


def test_intent_from_str_lists_the_accepted_values_on_a_typo() -> None:
    assert Intent.from_str("response_time") is Intent.RESPONSE_TIME
    with pytest.raises(ValueError, match="unknown intent 'durration'; accepted: yes_no, duration, recipients"):
        Intent.from_str("durration")


# --- the tables --------------------------------------------------------------------------------------------------

def test_every_intent_but_yes_no_has_cues_in_every_language_and_can_win() -> None:
    assert set(INTENT_TERMS) == {intent.value for intent in Intent} - {"yes_no"}
    assert set(INTENT_PRIORITY) == set(Intent)
    for intent, by_language in INTENT_TERMS.items():
        assert set(LANGUAGES) <= set(by_language), intent


@pytest.mark.parametrize("table", [pytest.param(OBJECT_TERMS, id="objects"), pytest.param(RIGHT_TERMS, id="rights"),
                                   pytest.param(ACTION_TERMS, id="actions")])
def test_every_object_right_and_action_has_terms_for_every_language(table: dict[str, dict[str, tuple[str, ...]]]) -> None:
    missing = {label: [code for code in LANGUAGES if not by_language.get(code) and not by_language.get("*")]
               for label, by_language in table.items()}
    assert {label: codes for label, codes in missing.items() if codes} == {}


def test_every_term_is_written_folded_so_it_can_match() -> None:
    tables = [INTENT_TERMS, OBJECT_TERMS, RIGHT_TERMS, ACTION_TERMS,
              {"privacy": PRIVACY_TERMS}, {"off_topic": OFF_TOPIC_TERMS}, {"opener": YES_NO_OPENERS}]
    unfolded = [term for table in tables for by_language in table.values() for terms in by_language.values()
                for term in terms
                if normalize(term.lstrip("!?").replace("~", "").replace("=", "").replace("*", "")).split()
                != term.lstrip("!?").replace("~", "").replace("=", "").replace("*", "").split()]
    assert unfolded == []


@pytest.mark.parametrize(("language", "question"), [
    ("en", "What number can I call about my personal data?"),
    ("nl", "Welk nummer kan ik bellen over mijn gegevens?"),
    ("de", "Unter welcher Nummer kann ich wegen meiner Daten anrufen?"),
    ("fr", "À quel numéro puis-je vous appeler pour une question sur mes données ?"),
])
def test_a_number_to_call_is_a_contact_question(classifier: IntentClassifier, language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.CONTACT


@pytest.mark.parametrize(("language", "question"), [
    ("nl", "Worden telefoongesprekken met de klantenservice opgenomen?"),
    ("de", "Zeichnet ihr Telefongespräche mit dem Kundenservice auf?"),
    ("en", "Do you record my phone calls with customer service?"),
])
def test_recorded_calls_are_the_call_recording_topic_not_a_phone_number(classifier: IntentClassifier, language: str,
                                                                       question: str) -> None:
    assert classifier.run(question=question, language=language).objects == ("call_recording",)


@pytest.mark.parametrize(("language", "question"), [("fr", "Pixeljet vendra-t-il mes données ?"),
                                                    ("de", "Verkaufst du meine Daten?")])
def test_future_and_informal_forms_of_selling_ask_about_selling(classifier: IntentClassifier, language: str,
                                                               question: str) -> None:
    assert classifier.run(question=question, language=language).action == "sell"


def test_being_called_for_marketing_is_no_contact_question(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Allez-vous m'appeler pour de la publicité ?", language="fr")
    assert (asked.intent, asked.action) == (Intent.YES_NO, "market")


@pytest.mark.parametrize(("language", "question"), [
    ("en", "In which format do I get a copy of my data?"), ("nl", "In welk formaat krijg ik mijn gegevens?"),
    ("de", "In welchem Format bekomme ich meine Daten?"), ("fr", "Sous quel format recevrai-je mes données ?"),
])
def test_asking_the_format_of_my_data_names_portability(classifier: IntentClassifier, language: str,
                                                        question: str) -> None:
    assert classifier.run(question=question, language=language).right == "portability"


@pytest.mark.parametrize(("language", "question", "right"), [
    ("de", "Steht mir nach der DSGVO eigentlich eine Kopie meiner Daten zu?", "access"),
    ("fr", "D'après le RGPD, je peux exiger qu'une boutique efface mes données ?", "erasure"),
    ("de", "Steht mir nach Art. 15 DSGVO eine Kopie meiner Daten zu?", "access"),
])
def test_according_to_the_law_is_no_moment_after_which_data_is_kept(classifier: IntentClassifier, language: str,
                                                                    question: str, right: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.right) == (Intent.EXERCISE_RIGHT, right)


@pytest.mark.parametrize(("language", "question"), [
    ("de", "Wie viel Zeit hat Materialise eigentlich, um meine Auskunftsanfrage zu bearbeiten?"),
    ("nl", "Mag Materialise de termijn voor mijn inzageverzoek nog verlengen?"),
    ("en", "How much time does the shop have to handle my access request?"),
    ("fr", "Combien de temps ont-ils pour traiter ma demande d'accès ?"),
])
def test_how_much_time_a_request_may_take_asks_the_response_time(classifier: IntentClassifier, language: str,
                                                                 question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.RESPONSE_TIME


def test_a_split_waar_voor_asks_a_purpose_not_a_contact(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="waar gebruiken jullie mn adres en telefoonnummer eigenlijk voor?", language="nl")
    assert asked.intent is Intent.OTHER and "postal_address" in asked.objects


@pytest.mark.parametrize(("language", "question"), [
    ("fr", "c'est quelle boîte derrière le site et elle est basée où ?"),
    ("fr", "c'est quoi le mail du privacy officer ?"),
])
def test_who_runs_the_shop_where_and_its_privacy_officer_are_contact_questions(classifier: IntentClassifier,
                                                                              language: str, question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.CONTACT


@pytest.mark.parametrize(("language", "question"), [
    ("en", "do you guys collect my browser and operating system?"),
    ("nl", "Slaan jullie mijn besturingssysteem op?"),
    ("de", "Speichert ihr mein Betriebssystem?"),
    ("fr", "Vous collectez mon système d'exploitation ?"),
])
def test_an_operating_system_is_device_data(classifier: IntentClassifier, language: str, question: str) -> None:
    assert "device_data" in classifier.run(question=question, language=language).objects


@pytest.mark.parametrize(("language", "question"), [("nl", "Delen jullie mijn surfgedrag met Google?"),
                                                    ("fr", "Vous partagez ma navigation avec Google ?")])
def test_how_i_browse_is_browsing_data_not_the_device(classifier: IntentClassifier, language: str,
                                                      question: str) -> None:
    assert classifier.run(question=question, language=language).objects == ("browsing_data",)


def test_to_keep_browsing_names_no_data(classifier: IntentClassifier) -> None:
    assert classifier.run(question="If I keep browsing the site, have I accepted the cookies?", language="en").objects \
        == ("cookies",)


def test_being_rung_for_advertising_names_the_phone_and_marketing(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Ruft ihr mich auch für Werbung an?", language="de")
    assert (asked.intent, asked.action) == (Intent.YES_NO, "market") and "phone_number" in asked.objects


def test_an_object_in_a_sentence_before_a_question_about_my_data_is_the_occasion(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Ich hab ein Kundenkonto. Wie lange speichert ihr meine Daten?", language="de")
    assert (asked.intent, asked.objects) == (Intent.DURATION, ())


@pytest.mark.parametrize(("question", "objects"), [
    ("I have an account. How long do you keep my data and my account?", ("account",)),
    ("I gave you my phone number. Do you share that data with couriers?", ("phone_number",)),
    ("I have an account. Is that covered by your privacy policy?", ("account",)),
])
def test_an_object_asked_about_again_or_pointed_back_to_stays(classifier: IntentClassifier, question: str,
                                                              objects: tuple[str, ...]) -> None:
    assert classifier.run(question=question, language="en").objects == objects


def test_an_object_asked_about_in_an_earlier_question_stays(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Mon adresse IP, vous l'enregistrez ? c'est considéré comme des données personnelles ?",
                           language="fr")
    assert "ip_address" in asked.objects


@pytest.mark.parametrize(("language", "question"), [
    ("en", "Does the shop keep my data in Europe?"), ("nl", "Blijven mijn gegevens binnen Europa?"),
    ("de", "Bleiben meine Daten in Europa?"), ("fr", "Mes données restent en Europe ?"),
])
def test_whether_data_stays_in_europe_is_a_transfer_question(classifier: IntentClassifier, language: str,
                                                             question: str) -> None:
    assert classifier.run(question=question, language=language).intent is Intent.TRANSFER


@pytest.mark.parametrize(("language", "question"), [
    ("en", "What safeguards apply when my data goes outside the EU?"),
    ("fr", "Quelles garanties si mes données sortent de l'UE ?"),
])
def test_asking_for_safeguards_of_a_transfer_asks_how_it_is_protected(classifier: IntentClassifier, language: str,
                                                                      question: str) -> None:
    asked = classifier.run(question=question, language=language)
    assert (asked.intent, asked.action) == (Intent.TRANSFER, "protect")


@pytest.mark.parametrize(("language", "question", "intent"), [
    ("en", "who is the privacy guy and what is his email?", Intent.CONTACT),
    ("en", "once I'm done with the shop, do they wipe my info or hold on to it?", Intent.DURATION),
    ("nl", "laten jullie computers automatisch beslissen over mijn data? met welk recht eigenlijk?", Intent.LEGAL_BASIS),
    ("de", "wenn mal Kundendaten geklaut werden, wie schnell geht das an die Behörde?", Intent.RESPONSE_TIME),
])
def test_everyday_wordings_of_contact_duration_basis_and_a_breach_deadline(classifier: IntentClassifier, language: str,
                                                                          question: str, intent: Intent) -> None:
    assert classifier.run(question=question, language=language).intent is intent


def test_my_phone_number_is_no_number_to_call_even_inside_a_longer_cue(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="does the parcel service get my phone number or just my address?", language="en")
    assert asked.intent is not Intent.CONTACT and "phone_number" in asked.objects


def test_my_address_does_not_hide_the_shops_address_asked_for(classifier: IntentClassifier) -> None:
    asked = classifier.run(question="Je veux changer mon adresse, quelle est votre adresse e-mail ?", language="fr")
    assert asked.intent is Intent.CONTACT


@pytest.mark.parametrize(("language", "question", "intent"), [
    ("en", "How much time do you keep my data?", Intent.DURATION),
    ("en", "Do you extend the period you keep my data if I order again?", Intent.DURATION),
    ("fr", "De quel droit puis-je me prévaloir pour faire effacer mes données ?", Intent.EXERCISE_RIGHT),
    ("nl", "Met welk recht kan ik mijn gegevens laten verwijderen?", Intent.EXERCISE_RIGHT),
    ("en", "Does the shop get my consent before sending newsletters?", Intent.YES_NO),
])
def test_time_extension_which_right_and_get_keep_their_everyday_meaning(classifier: IntentClassifier, language: str,
                                                                         question: str, intent: Intent) -> None:
    assert classifier.run(question=question, language=language).intent is intent


def test_looking_data_up_is_no_phone_call(classifier: IntentClassifier) -> None:
    assert "phone_number" not in classifier.run(question="Welche Daten ruft ihr über mich ab?", language="de").objects


@pytest.mark.parametrize(("language", "question"), [
    ("de", "Ich will sehen, was ihr über mich gespeichert habt. Was muss ich schicken?"),
    ("nl", "Ik wil weten wat jullie over mij hebben, hoe doe ik dat?"),
    ("en", "How can I see what you have on me?"),
])
def test_seeing_what_the_shop_has_on_me_names_the_right_of_access(classifier: IntentClassifier, language: str,
                                                                 question: str) -> None:
    assert classifier.run(question=question, language=language).right == "access"


def test_stolen_customer_data_is_a_breach(classifier: IntentClassifier) -> None:
    assert "breach" in classifier.run(question="Was passiert, wenn Kundendaten geklaut werden?", language="de").objects
