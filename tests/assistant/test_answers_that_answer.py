"""Specification of answers that answer: the fact asked for comes first, from the cited evidence units only.

The composer-level tests run on real slices of the seed policies and of `../shared/extra_policies`; the end-to-end
tests ask the examples of issue 12 to the pipeline over the whole corpus with the real embedders.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from assistant import templates
from assistant.answer_line import inline_names, item_name, names_in, plain_link
from assistant.compose import ExtractiveComposer
from assistant.evidence import EvidenceScorer
from assistant.evidence_lexicon import (
    ACTION_VERBS,
    EXTRA_QUESTION_TERMS,
    POLICY_TERMS,
    PRIVACY_TOPIC_LABELS,
    SENSITIVE_LABELS,
)
from assistant.fact_sections import with_fact_sections
from assistant.intent import Intent, QuestionIntent, classify_question
from assistant.question_asks import wanted_facts
from assistant.question_words import question_names
from assistant.quotes import verify_quotes
from assistant.retrieval.ranking import RANKER_SIGNAL
from assistant.types import Answer, Hit, Status, Turn
from assistant.vendors import PolicyVendors
from core.categories import categorize, normalize
from core.evidence_units import EvidenceUnit, passage_units
from core.types import Chunk, slugify

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "policies_corpus"
EXTRA = PROJECT.parent / "shared" / "extra_policies"
NAMES = {"online-3d-printen": "online-3d-printen.nl", "pixeljet": "Pixeljet", "m3d-print": "M3D-Print",
         "materialise": "Materialise NV", "extra": "Démarches simplifiées", "coronacheck": "CoronaCheck",
         "ecobalyse": "Ecobalyse"}


def _slice(path: Path, heading: str, until: str, *, company: str, label: str, language: str = "en") -> Chunk:
    """A chunk whose text is `path` from `heading` up to `until`: a real slice of a policy."""
    source = path.read_text(encoding="utf-8")
    start = source.index(heading)
    end = source.index(until, start + len(heading))
    text = source[start:end].rstrip()
    section_id = f"{company}/{path.name}/{language}/{slugify(label)}"
    return Chunk(id=f"{section_id}#0", section_id=section_id, company=company, document=path.name, language=language,
                 label=label, title=label, path=(label,), text=text, start=start, end=start + len(text),
                 line_start=source.count("\n", 0, start) + 1, line_end=source.count("\n", 0, start + len(text)) + 1,
                 passage=0, passages=1, categories=categorize(text, language=language, title=label))


def _extra_policy(language: str, name: str) -> Path:
    """A real policy of `../shared/extra_policies`; the test is skipped when that folder is not next to the project."""
    path = EXTRA / language / name
    if not path.exists():
        pytest.skip(f"{path} is not next to the project")
    return path


M3D = CORPUS / "m3d-print" / "000_48002a1284e2571b.txt"
PIXELJET = CORPUS / "pixeljet" / "004_d70c89b0774abc04.txt"
O3P = CORPUS / "online-3d-printen" / "002_31825930765d3a6a.txt"
M3D_RECIPIENTS = _slice(M3D, "Recipients and processors", "Your rights", company="m3d-print",
                        label="Recipients and processors")
M3D_SOURCE = _slice(M3D, "Source of personal data", "Purpose of processing", company="m3d-print",
                    label="Source of personal data")
PIXELJET_SHARING = _slice(PIXELJET, "Sharing with third parties", "Newsletter", company="pixeljet",
                          label="Sharing with third parties")
ARTIKEL_5 = _slice(O3P, "Artikel 5:", "Artikel 6:", company="online-3d-printen", label="Artikel 5", language="nl")
ARTIKEL_6 = _slice(O3P, "Artikel 6:", " Artikel 7:", company="online-3d-printen", label="Artikel 6", language="nl")


@pytest.fixture(scope="module")
def composer() -> ExtractiveComposer:
    composer = ExtractiveComposer(names=NAMES)
    composer.warm_up()
    return composer


def _compose(composer: ExtractiveComposer, question: str, language: str, company: str, chunks: list[Chunk]):
    hits = [Hit(chunk=chunk, score=1.0 / (60 + rank)) for rank, chunk in enumerate(chunks, start=1)]
    composition = composer.run(question=question, language=language, company=company, hits=hits,
                               categories=categorize(question, language=language), contact="privacy@example.test")
    verify_quotes(composition.citations)
    return composition


def _asked(composer: ExtractiveComposer, question: str, language: str) -> QuestionIntent:
    """What the composer reads a question as asking: its intent plus the topics and parties it names."""
    return composer.scorer.with_extra_objects(classify_question(question, language=language), question=question,
                                              language=language)


def _first_line(text: str) -> str:
    return text.splitlines()[0]


# ---------------------------------------------------------------- the answer line, from the quoted units


def test_the_courier_is_answered_from_the_list_after_the_lead_in(composer) -> None:
    composition = _compose(composer, "Does M3D-Print share my address with the courier?", "en", "m3d-print",
                           [M3D_SOURCE, M3D_RECIPIENTS])
    first = composition.citations[0]
    assert first.section == "Recipients and processors"
    assert "Main processors and partners include:" in first.quote and "BPost or Mondial Relay" in first.quote
    assert _first_line(composition.text).startswith(
        "Yes: M3D-Print's privacy policy names Shipping providers such as BPost or Mondial Relay.")


@pytest.mark.slow
def test_a_policy_naming_no_courier_answers_from_whom_it_shares_with(seed_pipeline) -> None:
    # online-3d-printen names no courier, but lists the only services it shares data with; the list answers a yes or
    # no ("which courier" asks for a name it does not give: tests/assistant/test_policy_silence.py).
    answer = seed_pipeline.run(question="Geeft online-3d-printen mijn adres aan een bezorgdienst?")
    assert answer.status is Status.ANSWERED, answer.answer
    first = answer.citations[0]
    assert first.section == "Artikel 5" and "niet met derden, behalve met" in first.quote
    line = _first_line(answer.answer)
    assert "Brevo" in line and ("No courier is named" in line or line.startswith("Nee:"))  # Brevo is no courier


def test_no_selling_is_stated_only_from_a_quote_that_says_so(composer) -> None:
    composition = _compose(composer, "Does Pixeljet sell my data?", "en", "pixeljet", [PIXELJET_SHARING])
    assert _first_line(composition.text).startswith("No, Pixeljet does not sell your data.")
    assert "We never sell your data to third parties." in composition.citations[0].quote


def test_not_sharing_except_with_listed_services_answers_a_selling_question_with_the_exceptions(composer) -> None:
    composition = _compose(composer, "Verkopen jullie mijn gegevens aan derden?", "nl", "online-3d-printen",
                           [ARTIKEL_5])
    line = _first_line(composition.text)
    assert line.startswith("Nee: online-3d-printen.nl deelt uw gegevens niet met derden, behalve met:")
    for service in ("Google Analytics", "Brevo", "HotJar"):
        assert service in line and service in composition.citations[0].quote


def test_a_short_section_is_quoted_whole_so_the_sentence_with_the_source_comes_along(composer) -> None:
    composition = _compose(composer, "Von wem bekommt M3D-Print meine Daten?", "de", "m3d-print", [M3D_SOURCE])
    quote = composition.citations[0].quote
    assert "provided directly by the customer through forms" in quote
    assert "not publicly disclosed" in quote


def test_a_yes_no_question_gets_no_yes_or_no_when_no_quote_states_one(composer) -> None:
    composition = _compose(composer, "Does M3D-Print sell my data?", "en", "m3d-print", [M3D_RECIPIENTS])
    assert not _first_line(composition.text).startswith(("Yes", "No"))


def test_a_selling_question_is_unsupported_and_neutral_when_no_quote_words_selling_or_sharing(composer) -> None:
    path = _extra_policy("de", "octoprint-org-datenschutzerklaerung-2018.md")
    general = _slice(path, "Wenn Sie diese Website benutzen", "### Hinweis", company="extra", label="Datenschutz",
                     language="de")
    composition = _compose(composer, "Verkauft OctoPrint meine Daten an Dritte?", "de", "extra", [general])
    assert "Dritte" in composition.citations[0].quote  # only the risk of access by third parties
    assert _first_line(composition.text).startswith(templates.render("lead.general", "de", company=NAMES["extra"]))
    assert composition.supported is False  # so the pipeline answers not_in_policy


def test_a_transfer_abroad_answers_where_my_files_go_though_it_names_data_in_general(composer) -> None:
    path = _extra_policy("en", "shapeways-privacy-statement-2015-en.md")
    sharing = _slice(path, "### Information We Share", "Your Choice to Disclose", company="extra",
                     label="Information We Share")
    composition = _compose(composer, "Do my 3D files leave the EU?", "en", "extra", [sharing])
    assert composition.supported and composition.answer_type
    assert "transferred from your home country" in composition.citations[0].quote


def test_updating_my_data_in_my_account_answers_how_to_correct_it(composer) -> None:
    path = _extra_policy("en", "shapeways-privacy-statement-2015-en.md")
    access = _slice(path, "### Access, Updates", "### Information We Share", company="extra", label="Access, Updates")
    composition = _compose(composer, "hoe kan ik mijn gegevens aanpassen?", "nl", "extra", [access])
    assert composition.supported, composition.text
    assert "update, modify or delete" in composition.citations[0].quote


def test_a_response_time_in_a_reasonable_delay_of_at_most_a_month_is_stated(composer) -> None:
    path = _extra_policy("fr", "ecobalyse-ademe-cgdd-politique-confidentialite.md")
    rights = _slice(path, "Nous nous engageons", "\n\n", company="extra", label="VI - Quels droits avez-vous ?",
                    language="fr")
    composition = _compose(composer, "how fast do you reply to a data request", "en", "extra", [rights])
    assert composition.supported and composition.answer_type, composition.text
    assert "1 month" in composition.text


def test_no_is_said_only_when_one_sentence_denies_the_action_towards_third_parties(composer) -> None:
    path = _extra_policy("en", "3dhubs-privacy-policy-2014-en.md")
    third_parties = _slice(path, "4.3. You may arrive", "5\\. Cookies", company="extra", label="4. Third-Parties")
    composition = _compose(composer, "Do you share my designs with third parties?", "en", "extra", [third_parties])
    assert composition.citations  # "no power over the websites of third parties" ... "you can share information"
    assert not _first_line(composition.text).startswith("No")


@pytest.fixture(scope="module")
def coronacheck_retention() -> Chunk:
    path = _extra_policy("nl", "coronacheck-privacyverklaring-nl.md")
    return _slice(path, "## 6. Hoelang bewaren", "## 7.", company="coronacheck", label="6. Hoelang bewaren we jouw "
                  "gegevens?", language="nl")


def test_a_sentence_that_says_the_data_asked_about_is_not_stored_answers_no(composer, coronacheck_retention) -> None:
    composition = _compose(composer, "Does CoronaCheck store my BSN?", "en", "coronacheck", [coronacheck_retention])
    lead = composition.text.split("\n\n")[0]
    assert lead.startswith("No: according to CoronaCheck's privacy policy, this is not stored."), lead
    assert "Periods named" not in lead  # the periods of other data in the quote are no second answer
    assert "Je BSN wordt niet bewaard door VWS." in composition.citations[0].quote


def test_not_longer_than_a_period_is_a_limit_not_a_no(composer, coronacheck_retention) -> None:
    composition = _compose(composer, "Do you store my IP address?", "en", "coronacheck", [coronacheck_retention])
    assert "niet langer dan zeven dagen" in composition.citations[0].quote
    assert not _first_line(composition.text).startswith("No"), composition.text


def test_who_hosts_the_data_names_the_host_from_the_processor_table(composer) -> None:
    path = _extra_policy("fr", "ecobalyse-ademe-cgdd-politique-confidentialite.md")
    processors = _slice(path, "## VIII - Qui nous aide", "## IX", company="ecobalyse",
                        label="VIII - Qui nous aide à traiter les données ?", language="fr")
    composition = _compose(composer, "Qui héberge les données d'Ecobalyse ?", "fr", "ecobalyse", [processors])
    assert "Scalingo" in composition.text.split("\n\n")[0] and "Scalingo" in composition.citations[0].quote


def test_who_hosts_brings_in_the_processor_table_that_retrieval_ranked_too_low(composer) -> None:
    path = _extra_policy("fr", "ecobalyse-ademe-cgdd-politique-confidentialite.md")
    access = _slice(path, "## VII - Qui va avoir", "## VIII", company="ecobalyse",
                    label="VII - Qui va avoir accès à ces données ?", language="fr")
    processors = _slice(path, "## VIII - Qui nous aide", "## IX", company="ecobalyse",
                        label="VIII - Qui nous aide à traiter les données ?", language="fr")
    question = "Qui héberge les données d'Ecobalyse ?"
    names_host = partial(composer.scorer.names_provider, kinds=("hosting_provider",))
    assert names_host(processors) and not names_host(access)

    other_host = _slice(path, "## VIII - Qui nous aide", "## IX", company="ecobalyse", label="Hébergement",
                        language="fr")
    other_host = replace(other_host, id="ecobalyse/hosting#0", section_id="ecobalyse/hosting")
    index = [access, processors, other_host]

    def hits_for(retrieved: list[Chunk]) -> list[str]:
        hits = [Hit(chunk=chunk, score=0.2) for chunk in retrieved]
        added = with_fact_sections(hits, chunks=index, company="ecobalyse", language="fr",
                                   wanted=wanted_facts(question, ()), intent=Intent.OTHER, names_provider=names_host)
        return [hit.chunk.id for hit in added]

    assert hits_for([access]) == [access.id, processors.id, other_host.id]
    assert hits_for([access, processors]) == [access.id, processors.id]  # a hit names the host: nothing added


@pytest.mark.parametrize(("question", "language"), [
    ("Which accounting firm gets my invoices?", "en"),
    ("Which accountant gets my invoices?", "en"),
    ("Welk boekhoudkantoor krijgt mijn facturen?", "nl"),
    ("Welcher Steuerberater bekommt meine Rechnungen?", "de"),
    ("Welches Steuerbüro bekommt meine Rechnungen?", "de"),
    ("Quel expert-comptable reçoit mes factures ?", "fr"),
])
def test_an_accountant_is_a_kind_of_provider_whose_name_is_asked_for(composer, question: str, language: str) -> None:
    asked = _asked(composer, question, language)
    assert "accountant" in asked.objects and "account" not in asked.objects
    assert "provider_name" in wanted_facts(question, ())


@pytest.mark.parametrize(("question", "language"), [
    ("Quelles données comptables conservez-vous ?", "fr"),  # "comptable" alone is an adjective
    ("What do couriers see about me?", "en"),  # who gets what, not which courier by name
])
def test_an_accounting_adjective_or_a_question_about_couriers_asks_no_provider_name(composer, question: str,
                                                                                     language: str) -> None:
    assert "accountant" not in _asked(composer, question, language).objects
    assert "provider_name" not in wanted_facts(question, ())


def test_a_response_time_in_a_gdpr_article_does_not_keep_the_shops_own_out() -> None:
    shop = _slice(CORPUS / "materialise" / "003_0712d3113d9621fb.txt", "YOUR RIGHTS AS DATA SUBJECTS", "RIGHT OF ACCESS",
                  company="materialise", label="8 YOUR RIGHTS AS DATA SUBJECTS")
    article = _slice(CORPUS / "gdpr" / "gdpr-en.txt", "3. The controller shall provide information", "4. If the",
                     company="gdpr", label="Article 12")
    question = "Materialise wrote that my request needs more time. how much longer may they take?"
    added = with_fact_sections([Hit(chunk=article, score=0.2)], chunks=[shop, article], company="materialise",
                               language="en", wanted=wanted_facts(question, ()), intent=Intent.RESPONSE_TIME)
    assert [hit.chunk.id for hit in added] == [article.id, shop.id]


def test_a_provider_is_named_only_from_the_quote_that_answers_not_from_another_section(composer) -> None:
    security = _slice(M3D, "Data security", "Contact us", company="m3d-print", label="Data security")
    composition = _compose(composer, "Which company does the security audits for M3D-Print?", "en", "m3d-print",
                           [security, M3D_RECIPIENTS])
    assert composition.supported is False  # BPost and Google Analytics, of another section, run no audits
    assert "BPost" not in composition.text.split("\n\n")[0]


def test_a_browser_named_for_refusing_cookies_is_no_vendor_of_the_shop() -> None:
    vendors = PolicyVendors(policy_texts={"shop": "Refuse cookies in Google Chrome or Microsoft Edge."})
    assert vendors.silent_on("Do you use Google Analytics?", company="shop") == ("google analytics",)


def test_a_heading_that_asks_who_has_access_is_not_listed_as_a_right(composer) -> None:
    path = _extra_policy("fr", "ecobalyse-ademe-cgdd-politique-confidentialite.md")
    rights = _slice(path, "## VI - Quels droits", "## VII", company="extra", label="VI - Quels droits avez-vous ?",
                    language="fr")
    access = _slice(path, "## VII - Qui va avoir", "## VIII", company="extra",
                    label="VII - Qui va avoir accès à ces données ?", language="fr")
    composition = _compose(composer, "Quels droits ai-je sur mes données ?", "fr", "extra", [rights, access])
    assert "Qui va avoir accès" not in _first_line(composition.text)


def test_periods_are_stated_with_what_they_apply_to_in_the_answer_language(composer) -> None:
    composition = _compose(composer, "Wie lange bewahrt online-3d-printen meine Rechnungen auf?", "de",
                           "online-3d-printen", [ARTIKEL_6])
    assert "Bestelgegevens en betalingsinformatie: 7 Jahre." in _first_line(composition.text)
    assert "2 Jahre" not in _first_line(composition.text)  # contact data is not what was asked about


def test_a_cookie_section_does_not_answer_how_long_data_is_kept(composer) -> None:
    cookies = _slice(M3D, "Cookie retention periods", "Cookie policy contact", company="m3d-print",
                     label="Cookie retention periods")
    retention = _slice(M3D, "Data retention period", "Recipients and processors", company="m3d-print",
                       label="Data retention period")
    composition = _compose(composer, "How long does M3D-Print keep my invoices?", "en", "m3d-print",
                           [cookies, retention])
    assert composition.citations[0].section == "Data retention period"
    assert "1 year" not in _first_line(composition.text)


def test_only_a_unit_about_cookies_answers_how_long_cookies_last(composer) -> None:
    cookies = _slice(M3D, "Cookie retention periods", "Cookie policy contact", company="m3d-print",
                     label="Cookie retention periods")
    retention = _slice(M3D, "Data retention period", "Recipients and processors", company="m3d-print",
                       label="Data retention period")
    question = "How long do M3D-Print's cookies stay on my device?"
    answered = _compose(composer, question, "en", "m3d-print", [retention, cookies])
    assert answered.answer_type is True and answered.citations[0].section == "Cookie retention periods"
    unanswered = _compose(composer, question, "en", "m3d-print", [retention])
    assert unanswered.answer_type is False  # a retention period of data is no cookie lifetime


@pytest.mark.parametrize(("other_probability", "first"), [(0.1, "Artikel 14"), (0.3, "Contact")])
def test_a_passage_the_ranker_is_sure_of_is_cited_first_though_no_unit_shares_the_questions_words(
        composer, tmp_path: Path, other_probability: float, first: str) -> None:
    changes = _slice(O3P, "Artikel 14:", "Artikel 15", company="online-3d-printen", label="Artikel 14", language="nl")
    page = tmp_path / "contact.txt"
    page.write_text("Contact\n\nWij laten u graag weten hoe u ons bereikt met vragen over ons privacybeleid.\n\nEinde\n")
    other = _slice(page, "Contact", "Einde", company="online-3d-printen", label="Contact", language="nl")
    question = "hoe laat online-3d-printen weten dat hun privacybeleid is herschreven?"  # the policy says "wijzigingen"
    hits = [Hit(chunk=changes, score=0.48, signals={RANKER_SIGNAL: 0.48}),
            Hit(chunk=other, score=other_probability, signals={RANKER_SIGNAL: other_probability})]
    composition = composer.run(question=question, language="nl", company="online-3d-printen", hits=hits,
                               categories=categorize(question, language="nl"))
    verify_quotes(composition.citations)
    assert composition.citations[0].section == first  # a passage rated close enough keeps its evidence rank


def test_a_number_to_call_is_answered_only_by_a_unit_with_a_phone_number(composer) -> None:
    retention = _slice(M3D, "Data retention period", "Recipients and processors", company="m3d-print",
                       label="Data retention period")
    asked = _compose(composer, "Which number can I call about my data?", "en", "m3d-print", [retention])
    assert asked.answer_type is False


# ---------------------------------------------------------------- markdown policies: display without syntax


@pytest.fixture(scope="module")
def french_table() -> Chunk:
    path = _extra_policy("fr", "demarches-simplifiees-dinum-politique-confidentialite.md")
    return _slice(path, "### 3. Combien de temps", "### 4.", company="extra", label="3", language="fr")


def test_a_table_row_is_quoted_verbatim_and_shown_with_its_header(composer, french_table) -> None:
    composition = _compose(composer, "Combien de temps gardez-vous les données du support ?", "fr", "extra",
                           [french_table])
    citation = composition.citations[0]
    assert "| Données du support" in citation.quote  # the verbatim slice keeps the pipes
    assert "Données du support" in citation.display and "|" not in citation.display and "#" not in citation.display
    assert f"\u201c{citation.display}\u201d" in composition.text


def test_a_period_in_a_table_is_stated_with_the_data_its_row_names_not_the_column_header(composer,
                                                                                         french_table) -> None:
    composition = _compose(composer, "Combien de temps conservez-vous mes données ?", "fr", "extra", [french_table])
    summary = _first_line(composition.text)
    assert "Données de compte : 2 ans" in summary, summary  # the row "| Données de compte | ... depuis 2 ans ..."
    assert "Type de données" not in summary


@pytest.mark.parametrize(("question", "language"), [
    ("Welche Firmen verschicken eigentlich die E-Mails?", "de"),
    ("wie verstuurt de e-mails?", "nl"),
    ("C'est quelle boîte qui envoie les mails de notification ?", "fr"),
])
def test_who_sends_the_e_mails_names_the_mailing_providers_of_the_table(composer, question, language) -> None:
    path = _extra_policy("fr", "demarches-simplifiees-dinum-politique-confidentialite.md")
    chunk = _slice(path, "### 5. Qui nous aide", "### 6.", company="extra", label="5", language="fr")
    summary = _first_line(_compose(composer, question, language, "extra", [chunk]).text)
    assert "Brevo" in summary and "Dolist" in summary, summary


def test_sending_me_e_mails_asks_no_mailing_provider(composer) -> None:
    asked = _asked(composer, "what legal basis does m3d print use to send me marketing emails", "en")
    assert "email_provider" not in asked.objects


def test_a_markdown_link_is_shown_as_its_text(composer) -> None:
    path = _extra_policy("de", "octoprint-org-datenschutzerklaerung-2018.md")
    text = path.read_text(encoding="utf-8")
    start = text.index("[https://tools.google.com/dlpage/gaoptout?hl=de]")
    chunk = _slice(path, text[text.rfind("\n\n", 0, start) + 2:start], "\n\n#", company="extra", label="Analytics",
                   language="de")
    composition = _compose(composer, "Wie kann ich Google Analytics widersprechen?", "de", "extra", [chunk])
    shown = [citation.display for citation in composition.citations]
    assert shown and all("](" not in display and "\\" not in display for display in shown)


def test_a_sub_list_lead_in_is_no_item_name() -> None:
    path = _extra_policy("nl", "coronacheck-privacyverklaring-nl.md")
    text = path.read_text(encoding="utf-8")
    start = text.index("1. Welke persoonsgegevens")
    section = text[start:text.index("2. Waar komen", start)]
    names = names_in(passage_units(section), policy_language="nl", language="nl")
    assert "Burgerservicenummer" in names
    assert not [name for name in names if name.endswith(":")]  # "Als je een bewijs wilt op basis van een test:"


def test_item_names_stop_before_explanations_and_links_lose_their_escapes() -> None:
    unit = EvidenceUnit(start=0, end=1, kind="item", display="Google Analytics (IP-adressen worden geanonimiseerd)")
    assert item_name(unit) == "Google Analytics"
    assert plain_link("https://www\\.materialise\\.com/en/legal/privacy\\-notice") == \
        "https://www.materialise.com/en/legal/privacy-notice"
    assert plain_link("mailto:info@pixeljet.nl") == "info@pixeljet.nl"


# ---------------------------------------------------------------- the examples, end to end on the real index


def _summary(answer: Answer) -> str:
    return "\n".join(line for line in answer.answer.splitlines() if line and not line.startswith("["))


@pytest.mark.slow
def test_m3d_shares_the_address_with_the_shipping_providers_of_its_list(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Does M3D-Print share my address with the courier?")
    assert answer.status is Status.ANSWERED and answer.intent == "yes_no"
    assert answer.citations[0].section == "Recipients and processors"
    assert "Shipping providers such as BPost or Mondial Relay" in _summary(answer)


@pytest.mark.slow
def test_online_3d_printen_says_no_to_selling_in_dutch(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Verkopen jullie mijn gegevens aan derden? Ik bestel bij online-3d-printen.")
    assert answer.status is Status.ANSWERED and answer.language == "nl"
    assert _summary(answer).startswith("Nee")
    assert answer.citations[0].section == "Artikel 5"


def test_parties_listed_after_a_colon_in_a_sentence_are_named_in_the_answer(composer) -> None:
    composition = _compose(composer, "Who gets my data at Pixeljet?", "en", "pixeljet", [PIXELJET_SHARING])
    assert ("delivery partners, suppliers, payment partners and parties that collect our reviews"
            in _first_line(composition.text))


@pytest.mark.parametrize(("text", "policy_language", "language", "names"), [
    ("Wij delen gegevens met derden, namelijk: PostNL, Mollie en Google.", "nl", "nl", ["PostNL", "Mollie", "Google"]),
    ("Nous partageons vos données avec des tiers : transporteurs, DHL et Stripe.", "fr", "en", ["DHL", "Stripe"]),
    ("We collect: your name, your address and your e-mail.", "en", "en", []),
    ("We share data with third parties: those who need it to deliver the goods you ordered from us today.", "en",
     "en", []),
])
def test_an_inline_list_names_parties_only_in_a_unit_about_recipients(text: str, policy_language: str,
                                                                     language: str, names: list[str]) -> None:
    units = passage_units(text)
    assert units
    assert inline_names(units, scorer=EvidenceScorer(), policy_language=policy_language, language=language) == names


@pytest.mark.slow
def test_j3d_says_no_to_selling_in_french_from_its_no_commercial_use_sentence(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Est-ce que J3D Prints vend mes données à des tiers ?")
    assert answer.status is Status.ANSWERED and answer.language == "fr"
    assert _summary(answer).startswith("Non, J3D Prints ne vend pas vos données.")
    assert "We never make your data available to third parties for commercial purposes." in answer.citations[0].quote


@pytest.mark.slow
def test_j3d_rights_are_listed_by_name(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Welke rechten heb ik bij J3D Prints?")
    assert answer.status is Status.ANSWERED
    summary = _summary(answer)
    for right in ("Inzagerecht", "Rectificatierecht", "Recht op overdraagbaarheid", "Recht van bezwaar"):
        assert right in summary


@pytest.mark.slow
def test_materialise_erasure_is_answered_in_german_citing_8_3(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Ich möchte mein Konto bei Materialise löschen lassen. Wie geht das?")
    assert (answer.status, answer.language) == (Status.ANSWERED, "de")
    assert answer.citations[0].section == "8.3 RIGHT TO ERASURE"
    assert "\\" not in answer.answer


@pytest.mark.slow
def test_a_follow_up_with_its_own_topic_is_retrieved_on_that_topic_for_the_same_company(seed_pipeline) -> None:
    first = seed_pipeline.run(question="Does M3D-Print share my address with the courier?")
    turn = Turn(question=first.question, company=first.company, categories=first.categories, language=first.language)
    follow_up = seed_pipeline.run(question="And how long do they keep it?", history=[turn])
    assert (follow_up.status, follow_up.company) == (Status.ANSWERED, "m3d-print")
    assert follow_up.intent == "duration"
    assert follow_up.citations[0].section == "Data retention period"
    assert _summary(follow_up) != _summary(first)


@pytest.mark.slow
def test_a_follow_up_without_a_topic_keeps_the_previous_one_for_another_company(seed_pipeline) -> None:
    first = seed_pipeline.run(question="How long does Pixeljet keep my data?")
    turn = Turn(question=first.question, company=first.company, categories=first.categories, language=first.language)
    follow_up = seed_pipeline.run(question="And for Materialise?", history=[turn])
    assert (follow_up.status, follow_up.company) == (Status.ANSWERED, "materialise")
    assert follow_up.citations[0].section == "7 HOW LONG WE KEEP YOUR PERSONAL DATA"


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Speichert Materialise meinen Fingerabdruck?",
    "Wie erreiche ich den Datenschutz bei Materialise?",
    "How do I contact J3D Prints about privacy?",
])
def test_no_answer_shows_a_backslash(seed_pipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.answer and "\\" not in answer.answer and "\\" not in answer.contact


@pytest.mark.slow
@pytest.mark.parametrize(("question", "company"), [
    ("Speichert Materialise meinen Fingerabdruck?", "materialise"),
    ("Doet online-3d-printen een kredietcheck voordat ik op rekening bestel?", "online-3d-printen"),
    ("Does Pixeljet use my data to train an AI model?", "pixeljet"),
    # A breach or call recording is a topic of its own: a unit about phone numbers or security does not answer it.
    ("Will Pixeljet tell me when hackers steal my data?", "pixeljet"),
    ("Nimmt J3D Prints Telefongespräche mit Kunden auf?", "j3d-prints"),
    # "How long" needs a period or "as long as" in a cited unit, however close the cookie sections read.
    ("How long do Pixeljet's cookies remain on my device?", "pixeljet"),
    # Sensitive data, clauses and shop features are topics of their own (`assistant/topic_lexicon.py`).
    ("Speichert Materialise meine DNA-Daten?", "materialise"),
    ("Welke gezondheidsgegevens verzamelt Pixeljet?", "pixeljet"),
    ("Nutzt M3D-Print meine Daten für politische Werbung?", "m3d-print"),
    ("Est-ce que M3D-Print partage mes données avec la police sans mandat ?", "m3d-print"),
    ("Does online-3d-printen store my data on a blockchain?", "online-3d-printen"),
    ("How long does Pixeljet keep my voice recordings?", "pixeljet"),
    # "Privacy-sensitive data" is how Pixeljet defines personal data, not a clause on health data.
    ("Ik wil bij Pixeljet een medische scan laten printen; hoe gaan ze om met gezondheidsgegevens?", "pixeljet"),
    ("What happens to my data if J3D Prints goes bankrupt?", "j3d-prints"),
    ("If I apply for a job at Materialise, how long will they keep my CV?", "materialise"),
    ("Does Pixeljet charge a fee if I ask them for an overview of my data?", "pixeljet"),
    ("Are M3D-Print's staff trained in handling personal data?", "m3d-print"),
    ("Wat gebeurt er met mijn gegevens als ik meedoe aan een winactie van J3D Prints?", "j3d-prints"),
    # A number to call is asked for; the policy gives e-mail addresses only.
    ("Is there a number I can call at M3D-Print about my data?", "m3d-print"),
    ("Welche Telefonnummer hat der Datenschutzbeauftragte von Materialise?", "materialise"),
    # How long a cookie lasts is not how long data is kept.
    ("Combien de temps les cookies d'online-3d-printen restent-ils sur mon ordinateur ?", "online-3d-printen"),
    # Encryption, the identity check, the payment and hosting provider are topics of their own.
    ("Are my files encrypted at M3D-Print?", "m3d-print"),
    ("Muss ich mich bei online-3d-printen ausweisen, bevor meine Daten gelöscht werden?", "online-3d-printen"),
    # M3D collects "identification and contact data", which says nothing of checking who asks.
    ("Do I need to send M3D-Print a copy of my passport before I can see my data?", "m3d-print"),
    ("Welke betaalprovider gebruikt online-3d-printen?", "online-3d-printen"),
    ("Who is M3D-Print's hosting provider?", "m3d-print"),
    # The format of a copy of my data is asked; the policy names the right, not a format.
    ("Welches Dateiformat hat die Kopie meiner Daten bei online-3d-printen, CSV oder PDF?", "online-3d-printen"),
    # A deceased customer, a trade-fair badge: no policy of the corpus has a clause on them.
    ("Mon père est décédé et avait un compte chez Pixeljet. Que deviennent ses données ?", "pixeljet"),
    ("Mijn badge werd op een beurs gescand door J3D Prints. Wat doen ze met die gegevens?", "j3d-prints"),
    # Vendors the policy never names (`assistant/vendors.py`).
    ("Via welke betaalprovider lopen mijn betalingen bij online-3d-printen, Mollie of PayPal?", "online-3d-printen"),
    ("Deelt J3D Prints mijn naam met Kiyoh of Trustpilot voor reviews?", "j3d-prints"),
    ("M3D-Print utilise-t-il Hotjar pour enregistrer mes sessions ?", "m3d-print"),
    # A fee for a request: a topic J3D Prints has no clause on.
    ("Kostet eine Auskunftsanfrage bei J3D Prints etwas?", "j3d-prints"),
    # A vendor named in a question without a privacy word ("Fehlerberichte"): still a question about that vendor.
    ("Nutzt Pixeljet Sentry für Fehlerberichte?", "pixeljet"),
    # Which payment provider: Pixeljet names "payment partners", no provider; "delivery partners", no courier.
    ("Which payment provider does Pixeljet use, and what do they get from me?", "pixeljet"),
    ("Which shipping provider does Pixeljet use?", "pixeljet"),
    # A data protection officer: M3D-Print names a "data protection contact" (an e-mail address), no officer.
    ("Hat M3D-Print einen Datenschutzbeauftragten?", "m3d-print"),
])
def test_a_policy_silent_on_what_is_asked_gets_not_in_policy_with_the_contact(seed_pipeline, question: str,
                                                                               company: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert (answer.status, answer.company) == (Status.NOT_IN_POLICY, company), answer.answer
    assert answer.contact and answer.contact in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Does online-3d-printen.nl train its staff on handling personal data?",
                                      "Worden de medewerkers van online-3d-printen getraind in privacy?"])
def test_a_topic_the_policy_has_a_clause_on_is_answered_from_that_clause(seed_pipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    assert answer.citations[0].section == "Artikel 20" and "training" in answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize(("question", "section", "quoted"), [
    # No heading names portability; Artikel 10 words it ("gegevensoverdraagbaarheid").
    ("Kan ik bij online-3d-printen.be mijn gegevens laten overdragen naar een andere partij?", "Artikel 10",
     "gegevensoverdraagbaarheid"),
    # "publish ... public" asks whether data is disclosed.
    ("does m3d print publish my details anywhere public", "Source of personal data", "not publicly disclosed"),
    # A company number asked for is quoted.
    ("What is Materialise's company number?", "2 WHO CONTROLS YOUR PERSONAL DATA", "BE 0441.131.254"),
    ("Quel est le numéro d'entreprise de M3D-Print ?", "Privacy policy", "BE 1025.037.897"),
    # The identity check: J3D asks a requester to identify themselves.
    ("Moet ik me bij J3D Prints legitimeren als ik mijn gegevens per post wil ontvangen?", "Uw rechten", "legitimeren"),
    # The identity check: Materialise asks for "a proof of your real identity".
    ("Muss ich Materialise meine Identität nachweisen, wenn ich Auskunft verlange?", "8 YOUR RIGHTS AS DATA SUBJECTS",
     "real identity"),
    ("Dois-je prouver mon identité avant que Materialise me donne une copie de mes données ?",
     "8 YOUR RIGHTS AS DATA SUBJECTS", "real identity"),  # the unit wording the topic first, not the surer section
    # The format asked: J3D names a machine-readable one in its section on rights.
    ("What file format will J3D Prints send my data in?", "Your rights", "machine-readable"),
    # A vendor named in the question: the unit naming it, not the section on analytics in general.
    ("Does M3D-Print use Google Analytics?", "Recipients and processors", "Google Analytics"),
    # "Where are you based, what is your address": the controller's address.
    ("Waar zit Materialise precies, wat is hun adres?", "2 WHO CONTROLS YOUR PERSONAL DATA", "Technologielaan"),
    # The police named: a section on criminal investigations words it.
    ("The police ask J3D Prints for my customer data in a criminal investigation. Will J3D just hand it over?",
     "Cooperation in tax and criminal investigations", "criminal investigations"),
    # A person the question names, quoted where the policy names him.
    ("Wer ist Milan Blairon, und warum bekommt er bei M3D-Print meine Daten?", "Recipients and processors",
     "Milan Blairon"),
    # "se plaindre" is the complaint; "date de quand" asks for the policy's date.
    ("je peux me plaindre où si pixeljet abuse de mes données ?", "Personal Data Protection Authority",
     "file a complaint"),
    ("la politique de confidentialité de Pixeljet date de quand ?", "Privacy Policy", "25-05-2018"),
    # Which provider of a kind: the unit that names one.
    ("Welke betaalprovider gebruikt J3D Prints?", "Mollie", "Mollie"),
    ("Which shipping provider does M3D-Print use?", "Recipients and processors", "BPost"),
    # Hackers a measure protects against make a security question, not a breach (a topic Materialise is silent on).
    ("Wie schützt Materialise meine Daten vor Hackern und Verlust?", "4 HOW WE PROTECT YOUR PERSONAL DATA",
     "accidental loss"),
    # A data protection officer is asked about: the clause on one (here: none is required), not the e-mail address.
    ("does online3dprinten have a data protection officer i can talk to?", "Artikel 11",
     "Functionaris voor Gegevensbescherming"),
    ("Who is Pixeljet's privacy officer?", "Voluntary Data Processing Officer / Privacy Officer", "Koen de Wit"),
    ("heeft online-3d-printen een functionaris gegevensbescherming?", "Artikel 11", "niet verplicht"),
    # Targetingcookies are the advertising cookies asked about.
    ("online-3d-printen.be utilise des cookies publicitaires ?", "Artikel 15", "Targetingcookies"),
    # "traçabilité médicale" is no tracking of the customer; the legal grounds answer, quoting a basis.
    ("sur quelle base légale materialise garde des données pour la traçabilité médicale ?",
     "3.2 LEGAL GROUNDS FOR PROCESSING", "consent"),
    # "traiter mes commandes" is the processing asked about, not a time to answer a request.
    ("Quelle est la base légale pour traiter mes commandes chez m3d ?", "Purpose of processing", "art. 6(1)(b)"),
])
def test_a_question_the_lexicon_reads_narrowly_is_answered_from_the_clause_that_says_it(
        seed_pipeline, question: str, section: str, quoted: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    first = answer.citations[0]
    assert first.section == section and quoted in (first.display or first.quote)  # the scrape broke "BE 0441.\n131."
    assert "We process" not in _first_line(answer.answer)  # a statement in a list is no name


@pytest.mark.parametrize(("language", "question", "kind"), [
    ("fr", "Les cookies analytiques de M3D-Print, ça sert à quoi ?", "analytics_cookies"),
    ("de", "Wofür nutzt M3D-Print die funktionalen Cookies?", "functional_cookies"),
    ("nl", "Welke noodzakelijke cookies gebruikt M3D-Print?", "necessary_cookies"),
    ("en", "Does Pixeljet use advertising cookies?", "marketing_cookies"),
])
def test_a_kind_of_cookie_named_is_the_key_label(composer, language: str, question: str, kind: str) -> None:
    asked = _asked(composer, question, language)
    assert composer.scorer.key_labels(asked) == (kind,)


@pytest.mark.slow
@pytest.mark.parametrize(("question", "section"), [
    ("Les cookies analytiques de M3D-Print, ça sert à quoi ?", "Analytics cookies"),
    ("Wofür nutzt M3D-Print die funktionalen Cookies?", "Functional cookies"),
])
def test_a_kind_of_cookie_is_answered_from_its_own_section_not_from_cookies_in_general(
        seed_pipeline, question: str, section: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED, answer.answer
    assert answer.citations[0].section == section


@pytest.mark.parametrize(("question", "language", "names"), [
    ("Wer ist Milan Blairon, und warum bekommt er bei M3D-Print meine Daten?", "de", ["Milan Blairon"]),
    ("Does Pixeljet use Hotjar?", "en", ["Hotjar"]),
    ("Warum speichert Pixeljet Ihre Daten?", "de", []),
    ("Geben Sie Meine Daten an M3D-Print weiter?", "de", []),
    ("Welche Daten speichert Pixeljet über mich?", "de", []),
])
def test_the_proper_names_of_a_question_leave_out_the_shop_pronouns_and_german_nouns(
        question: str, language: str, names: list[str]) -> None:
    assert question_names(question, {"pixeljet", "m3d", "print"}, language) == names


@pytest.mark.slow
def test_a_company_number_the_policy_does_not_give_is_not_answered_from_an_e_mail_address(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Wat is het KvK-nummer van Pixeljet?")
    assert answer.status is Status.NOT_IN_POLICY, answer.answer
    assert answer.contact and not answer.citations


_SENSITIVE_QUESTIONS = {
    "health_data": ("Do you keep medical information about me?", "Verwerken jullie mijn gezondheidsgegevens?",
                    "Speichert ihr Gesundheitsdaten?", "Traitez-vous des données de santé ?"),
    "genetic_data": ("Do you store my DNA?", "Slaan jullie genetische gegevens op?", "Speichert ihr meine DNA-Daten?",
                     "Conservez-vous mes données génétiques ?"),
    "beliefs": ("Do you target me with political ads?", "Gebruiken jullie mijn politieke voorkeur?",
                "Nutzt ihr meine Daten für politische Werbung?", "Utilisez-vous mes opinions politiques ?"),
    "criminal_data": ("Do you check my criminal record?", "Kijken jullie naar mijn strafblad?",
                      "Fragt ihr ein Führungszeugnis ab?", "Consultez-vous mon casier judiciaire ?"),
    "authorities": ("Do you give my data to the police?", "Geven jullie mijn gegevens aan de politie?",
                    "Gebt ihr meine Daten an die Polizei?", "Donnez-vous mes données à la police ?"),
    "social_media": ("Do you watch my social media profiles?", "Bekijken jullie mijn sociale media?",
                     "Schaut ihr meine sozialen Netzwerke an?", "Regardez-vous mes réseaux sociaux ?"),
    "blockchain": ("Do you put my data on a blockchain?", "Staan mijn gegevens op een blockchain?",
                   "Speichert ihr meine Daten in einer Blockchain?", "Mes données sont-elles sur une blockchain ?"),
    "children": ("Is there a minimum age to order?", "Wat doen jullie met gegevens van kinderen?",
                 "Dürfen Minderjährige bei euch bestellen?", "Que faites-vous des données des enfants ?"),
    "business_sale": ("What happens to my data if you go bankrupt?", "Wat gebeurt er met mijn gegevens bij een overname?",
                      "Was passiert mit meinen Daten bei einer Insolvenz?", "Et mes données en cas de faillite ?"),
    "job_applicants": ("How long do you keep my CV after I apply for a job?", "Wat doen jullie met mijn sollicitatie?",
                       "Wie lange speichert ihr meine Bewerbung?", "Gardez-vous ma candidature ?"),
    "debt_collection": ("Do you pass my data to a debt collection agency?", "Gaat mijn dossier naar een incassobureau?",
                        "Gebt ihr meine Daten an ein Inkassobüro?", "Mes données vont-elles à une société de recouvrement ?"),
    "passwords": ("How do you store my password?", "Hoe bewaren jullie mijn wachtwoord?",
                  "Wie speichert ihr mein Passwort?", "Comment stockez-vous mon mot de passe ?"),
    "two_factor": ("Can I turn on two-factor login?", "Hebben jullie tweestapsverificatie voor mijn account?",
                   "Bietet ihr eine Zwei-Faktor-Anmeldung?", "Proposez-vous la double authentification ?"),
    "do_not_track": ("Do you honour Do Not Track?", "Respecteren jullie Do Not Track?",
                     "Beachtet ihr das Do-Not-Track-Signal?", "Respectez-vous le signal Do Not Track ?"),
    "mobile_app": ("Which data does your app collect?", "Welke gegevens verzamelt jullie app?",
                   "Welche Daten sammelt eure App?", "Quelles données collecte votre appli ?"),
    "contests": ("What happens to my data in a giveaway?", "Wat doen jullie met mijn gegevens bij een winactie?",
                 "Was passiert mit meinen Daten bei einem Gewinnspiel?", "Mes données en cas de concours ?"),
    "request_fee": ("Is there a fee for a copy of my data?", "Kost een verzoek om inzage geld, moet ik betalen voor mijn verzoek?",
                    "Verlangt ihr eine Gebühr für eine Datenauskunft?", "Une demande d'accès est-elle payante ?"),
    "on_behalf": ("Can my son ask for my data on my behalf?", "Mag mijn zoon namens mij mijn gegevens opvragen?",
                  "Darf jemand in meinem Namen Auskunft verlangen?", "Quelqu'un peut-il demander mes données en mon nom ?"),
    "personal_prices": ("Do you show me personalised prices?", "Krijg ik een persoonlijke prijs op basis van mijn gegevens?",
                        "Gibt es personalisierte Preise?", "Affichez-vous des prix personnalisés ?"),
    "encryption": ("Is my data encrypted on your servers?", "Versleutelen jullie mijn bestanden?",
                   "Werden meine Daten verschlüsselt gespeichert?", "Mes données sont-elles chiffrées ?"),
    "identity_check": ("Do you verify my identity before deleting my data?",
                       "Moet ik me legitimeren als ik mijn gegevens opvraag?",
                       "Muss ich mich ausweisen, wenn ich Auskunft verlange?",
                       "Vérifiez-vous mon identité avant une demande d'accès ?"),
    "data_format": ("In what format do I get a copy of my data?", "In welk formaat krijg ik mijn gegevens?",
                    "In welchem Format bekomme ich meine Daten?", "Sous quel format recevrai-je mes données ?"),
    "deceased": ("My father passed away; can you delete his account?", "Mijn moeder is overleden, wat gebeurt er met haar account?",
                 "Mein Vater ist verstorben. Wie lösche ich seine Daten?", "Mon père est décédé, comment supprimer ses données ?"),
    "chatbot": ("Does your chatbot keep my messages?", "Bewaren jullie wat ik in de chatbot typ?",
                "Speichert euer Chatbot meine Nachrichten?", "Votre chatbot garde-t-il mes messages ?"),
    "events": ("You scanned my badge at a trade fair; what happens to my data?",
               "Mijn badge is gescand op een beurs, wat doen jullie met mijn gegevens?",
               "Mein Badge wurde auf der Messe gescannt. Was passiert mit meinen Daten?",
               "Vous avez scanné mon badge sur un salon, que faites-vous de mes données ?"),
    "security_certification": ("Is my data handled under ISO 27001?", "Zijn jullie gecertificeerd voor de beveiliging van mijn gegevens?",
                               "Ist meine Datenverarbeitung bei euch zertifiziert?", "Êtes-vous certifiés ISO 27001 pour mes données ?"),
    "security_testing": ("Do you run penetration tests on the site?", "Laten jullie een penetratietest uitvoeren?",
                         "Macht ihr Penetrationstests?", "Faites-vous des tests d'intrusion ?"),
    "payment_provider": ("Which payment provider handles my card?", "Welke betaalprovider gebruiken jullie?",
                         "Welcher Zahlungsdienstleister bekommt meine Kartendaten?",
                         "Quel prestataire de paiement recevra mes données ?"),
    "hosting_provider": ("Who is your hosting provider?", "Bij welke hostingprovider staan mijn gegevens?",
                         "Bei welchem Hoster liegen meine Daten?", "Quel hébergeur stocke mes données ?"),
    "staff_training": ("Are your staff trained in handling personal data?",
                       "Worden jullie medewerkers getraind in privacy?", "Wird euer Personal im Datenschutz geschult?",
                       "Votre personnel est-il formé à la protection des données ?"),
}


def test_every_sensitive_topic_is_named_in_questions_and_worded_by_policies_in_all_four_languages() -> None:
    tables = {"question": EXTRA_QUESTION_TERMS, "policy": POLICY_TERMS}
    missing = {(side, label): [code for code in ("en", "nl", "de", "fr")
                               if not (table.get(label, {}).get(code) or table.get(label, {}).get("*"))]
               for label in SENSITIVE_LABELS for side, table in tables.items()}
    assert len(missing) == 2 * len(SENSITIVE_LABELS) > 0
    assert {key: codes for key, codes in missing.items() if codes} == {}
    unfolded = [term for table in (EXTRA_QUESTION_TERMS, POLICY_TERMS) for label in SENSITIVE_LABELS
                for terms in table[label].values() for term in terms
                if normalize(term.strip("~=")).split() != term.strip("~=").replace("*", "").split()]
    assert unfolded == []


@pytest.mark.parametrize(("label", "language", "question"), [
    (label, language, question) for label, questions in _SENSITIVE_QUESTIONS.items()
    for language, question in zip(("en", "nl", "de", "fr"), questions, strict=True)])
def test_a_question_about_sensitive_data_names_its_topic_as_the_only_key_label(composer, label: str, language: str,
                                                                               question: str) -> None:
    asked = _asked(composer, question, language)
    assert label in asked.objects
    assert composer.scorer.key_labels(asked) == (label,)
    if label in PRIVACY_TOPIC_LABELS:
        assert asked.is_privacy  # sensitive data makes a privacy question by itself


@pytest.mark.parametrize(("label", "language", "question"), [
    ("business_sale", "nl", "Wat gebeurt er met mijn gegevens als de winkel wordt overgenomen door een ander bedrijf?"),
    ("business_sale", "de", "Was passiert mit meinen Daten, wenn der Shop verkauft wird?"),
    ("identity_check", "nl", "moet ik een kopie van mn ID meesturen bij een privacyverzoek?"),
    ("payment_provider", "de", "Wer wickelt bei euch die Zahlungen ab?"),
    ("payment_provider", "fr", "Qui gère les paiements ?"),
])
def test_everyday_phrasings_name_their_topic(composer, label: str, language: str, question: str) -> None:
    asked = _asked(composer, question, language)
    assert label in asked.objects
    assert composer.scorer.key_labels(asked) == (label,)


def test_a_policy_that_hashes_passwords_does_not_word_a_second_login_step(composer) -> None:
    scorer = composer.scorer
    assert scorer.matches("Passwords are stored as salted hashes.", "en", "passwords")
    assert not scorer.matches("Passwords are stored as salted hashes.", "en", "two_factor")
    assert scorer.matches("Medewerkers werken met persoonlijke accounts en tweestapsverificatie.", "nl", "two_factor")


@pytest.mark.parametrize(("text", "language", "breach"), [
    ("camerabeelden van de afhaalbalie: 4 weken, tenzij er een incident is vastgelegd;", "nl", False),
    ("Bij een beveiligingsincident informeren wij u binnen 72 uur.", "nl", True),
    ("In the event of a security incident we notify the authority.", "en", True),
    ("En cas d'incident de sécurité, nous vous prévenons.", "fr", True),
    ("In case of an incident affecting your personal data, we inform you.", "en", True),
    ("Bij een incident met persoonsgegevens melden wij dit.", "nl", True),
])
def test_a_breach_is_an_incident_about_security_or_data_not_any_incident(composer, text: str, language: str,
                                                                         breach: bool) -> None:
    assert composer.scorer.matches(text, language, "breach") is breach


@pytest.mark.parametrize(("language", "question", "label"), [
    ("nl", "Hoe kan ik wijzigingen aanbrengen in mijn gegevens?", "referrals"),
    ("nl", "Kunnen jullie mij doorverwijzen naar de functionaris gegevensbescherming?", "referrals"),
    ("en", "How long does M3D-Print keep my invoices for the tax authorities?", "authorities"),
    ("de", "Wie lange bewahrt ihr Rechnungen für das Finanzamt auf?", "authorities"),
    ("de", "Nutzt ihr meine E-Mail-Adresse, um eure Produkte zu bewerben?", "job_applicants"),
    ("en", "Can I resume my order after deleting my cookies?", "job_applicants"),
    ("de", "Gebt ihr meine Daten an Wettbewerber weiter?", "contests"),
    ("en", "How can I contest a decision made by an algorithm?", "contests"),
    ("de", "Werden meine Adressdaten aus meinem alten Konto übernommen?", "business_sale"),
    ("de", "Werden meine Daten verkauft?", "business_sale"),  # data sold is no sale of the business
    ("de", "Hat das Unternehmen meine Daten an Werbefirmen verkauft?", "business_sale"),
    ("de", "Was passiert, wenn meine Adresse an Dritte verkauft wird?", "business_sale"),
    ("nl", "Heeft het bedrijf mijn gegevens verkocht?", "business_sale"),
    ("nl", "Wordt mijn factuuradres overgenomen van mijn account?", "business_sale"),
    ("en", "Do you tell me about minor changes to the privacy policy?", "children"),
    ("fr", "Quelles données conservez-vous pour mon compte ?", "on_behalf"),
    ("en", "Who is your representative in the EU?", "on_behalf"),
    ("nl", "Wie is er verantwoordelijk voor mijn gegevens namens de winkel?", "on_behalf"),
    ("en", "Who is in charge of data protection for Pixeljet?", "request_fee"),
    ("fr", "Utilisez-vous mon adresse pour calculer les frais de port ?", "request_fee"),
    ("en", "How do I make sure you do not track my browsing?", "do_not_track"),
    ("fr", "Est-ce que ma police d'assurance est partagée ?", "authorities"),
    ("en", "Does online-3d-printen.nl train its staff on handling personal data?", "ai_training"),
    ("nl", "Blijven mijn gegevens nog in de back-ups van Pixeljet staan?", "courier"),
    ("fr", "J'ai une question sur les cookies de M3D-Print, à qui j'écris ?", "ai_training"),
    ("en", "In the event of a breach, do you tell me?", "events"),
    ("en", "Is my deleted data certified as gone?", "security_certification"),
])
def test_an_everyday_wording_names_no_topic(composer, language: str, question: str, label: str) -> None:
    asked = _asked(composer, question, language)
    assert label not in asked.objects


@pytest.mark.parametrize(("language", "question", "label"), [
    ("en", "Does Pixeljet use my data to train AI models?", "ai_training"),
    ("nl", "Blijven mijn gegevens nog in de back-ups van Pixeljet staan?", "backups"),
    ("nl", "Mag Pixeljet mij ook opbellen om nieuwe producten aan te prijzen?", "marketing"),
])
def test_the_topic_or_object_meant_is_read(composer, language: str, question: str, label: str) -> None:
    asked = _asked(composer, question, language)
    assert label in asked.objects and asked.is_privacy
    assert asked.intent.value != "contact"  # "may they call me" is not "how do I reach them"


@pytest.mark.parametrize(("language", "question"), [("nl", "Heeft Materialise een app?"),
                                                   ("de", "Gibt es bei Pixeljet ein Gewinnspiel?"),
                                                   ("en", "Do you have a Facebook page?"),
                                                   ("nl", "Hebben jullie vacatures?"),
                                                   ("en", "Can you print a toy for my child?")])
def test_a_topic_other_than_sensitive_data_does_not_make_a_privacy_question(composer, language: str, question: str) -> None:
    asked = _asked(composer, question, language)
    assert not asked.is_privacy


def test_a_french_privacy_policy_is_not_a_political_question(composer) -> None:
    question = "Que dit la politique de confidentialité sur mes données ?"
    asked = _asked(composer, question, "fr")
    assert "beliefs" not in asked.objects


def test_a_vendor_is_named_as_a_whole_word_and_a_policy_naming_none_of_those_asked_is_silent() -> None:
    vendors = PolicyVendors(policy_texts={"shop": "We use Google Analytics and ship with PostNL.", "other": "No names."})
    assert vendors.named("Deelt de winkel mijn naam met Trustpilot of Kiyoh?") == ("trustpilot", "kiyoh")
    assert vendors.named("Do you use cookies from upstream providers?") == ()  # "ups" is no word of it
    assert vendors.silent_on("Zahle ich über Mollie oder PayPal?", company="shop") == ("mollie", "paypal")
    # One vendor the policy names is enough to answer; "google" counts where "Google Analytics" is written.
    assert vendors.silent_on("Do you use Hotjar or Google Analytics?", company="shop") == ()
    assert vendors.silent_on("Kan ik inloggen met mijn Google-account?", company="shop") == ()
    assert vendors.silent_on("Hoe lang bewaren jullie mijn gegevens?", company="other") == ()
    assert vendors.silent_on("Do you use Hotjar?", company="unknown") == ()
    # Another name of the same company counts: Brevo was Sendinblue.
    assert PolicyVendors(policy_texts={"shop": "Newsletters via Brevo."}).silent_on("Sendinblue?", company="shop") == ()


@pytest.mark.slow
def test_a_vendor_named_as_context_of_a_rights_question_does_not_refuse_it(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="I paid with PayPal. How do I get my data erased at Materialise?")
    assert answer.status is Status.ANSWERED, answer.answer


@pytest.mark.slow
def test_a_vendor_the_policy_names_is_not_refused(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="Gebruikt online-3d-printen Hotjar op de website?")
    assert answer.status is Status.ANSWERED and answer.citations, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "words"), [
    ("Pixeljet donne-t-il mes données à la police en cas de fraude ?", "competent authorities"),
    ("Do the social media buttons on Pixeljet's site collect my data?", "social media"),
])
def test_a_sensitive_topic_the_policy_words_is_answered_from_that_sentence(seed_pipeline, question: str,
                                                                           words: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED and answer.citations, answer.answer
    verify_quotes(answer.citations)
    assert any(words in citation.quote for citation in answer.citations)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Wat doet online-3d-printen bij een datalek?",
                                      "Que fait online-3d-printen en cas de fuite de données ?"])
def test_a_topic_the_policy_words_is_answered_from_its_clause(seed_pipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED and answer.citations, answer.answer
    verify_quotes(answer.citations)
    assert "datalek" in answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Do my files leave the EU?", "Verlassen meine Dateien die EU?"])
def test_a_privacy_question_without_a_category_word_is_never_out_of_scope(seed_pipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question, company="pixeljet")
    assert answer.intent == "transfer"
    assert answer.status in (Status.ANSWERED, Status.NOT_IN_POLICY)


def test_every_action_a_no_can_deny_has_its_sentence_in_all_four_languages() -> None:
    assert ACTION_VERBS
    for action in ACTION_VERBS:
        assert set(templates.TEXTS[f"answer.no.{action}"]) == {"en", "nl", "de", "fr"}


@pytest.mark.slow
@pytest.mark.parametrize(("question", "language", "article"), [
    ("Was regelt Artikel 15 DSGVO?", "de", "Artikel 15"),
    ("What does Article 17 GDPR say?", "en", "Article 17"),
    ("Wat zegt art. 6 van de AVG?", "nl", "Artikel 6"),
    ("Que dit l'article 20 du RGPD ?", "fr", "Article 20"),
])
def test_a_gdpr_article_named_by_number_is_quoted_in_the_questions_language(seed_pipeline, question, language,
                                                                             article):
    answer = seed_pipeline.run(question=question)
    assert answer.status is Status.ANSWERED
    first = answer.citations[0]
    assert (first.company, first.section, first.language) == ("gdpr", article, language)
    assert [version.language for version in first.alternates] == sorted({"en", "nl", "de", "fr"} - {language})


@pytest.mark.slow
def test_a_reference_set_abstention_names_no_empty_contact(seed_pipeline):
    answer = seed_pipeline.run(question="Regelt die DSGVO, welche Farbe mein Drucker haben muss?")
    assert "Kontakt: \n" not in answer.answer + "\n" and not answer.answer.rstrip().endswith(":")


@pytest.mark.parametrize(("question", "language"), [
    ("How old do I have to be to order?", "en"), ("Vanaf welke leeftijd mag ik bij jullie bestellen?", "nl"),
    ("Ab welchem Alter darf man euch nutzen?", "de"), ("À partir de quel âge peut-on commander ?", "fr"),
])
def test_asking_for_an_age_names_the_children_topic(composer, question: str, language: str) -> None:
    assert "children" in _asked(composer, question, language).objects


@pytest.mark.slow
@pytest.mark.parametrize(("question", "named", "not_named"), [
    ("Welke betaalprovider gebruikt J3D Prints?", "Genoemd in het beleid: Mollie.", "PostNL"),
    ("Which shipping provider does M3D-Print use?", "Named in the policy: BPost and Mondial Relay.", "Google"),
])
def test_which_provider_names_the_providers_of_that_kind_in_the_answer_line(seed_pipeline, question: str, named: str,
                                                                            not_named: str) -> None:
    line = _first_line(seed_pipeline.run(question=question).answer)
    assert named in line and not_named not in line, line


@pytest.mark.slow
def test_a_question_about_a_dpo_is_not_led_in_as_a_way_to_reach_the_shop(seed_pipeline) -> None:
    answer = seed_pipeline.run(question="heeft online-3d-printen een functionaris gegevensbescherming?")
    assert answer.citations[0].section == "Artikel 11"
    assert _first_line(answer.answer).startswith(templates.render("lead.general", "nl", company="online-3d-printen.nl"))


def test_the_courier_dpd_is_no_data_protection_officer(composer) -> None:
    assert "dpo" not in composer.scorer.key_labels(_asked(composer, "Mon adresse est-elle transmise à DPD ?", "fr"))


@pytest.mark.parametrize(("text", "holds"), [
    # OctoPrint's cookie section: its own cookies' lifetime, not how long Google Analytics keeps data
    ("Andere Cookies bleiben auf Ihrem Endgerät gespeichert bis Sie diese löschen.", False),
    ("Google Analytics bewahrt die Daten 14 Monate auf.", True),
])
def test_how_long_a_tool_named_keeps_data_is_a_period_given_for_that_tool(composer, text: str, holds: bool) -> None:
    asked = _asked(composer, "how long does Google Analytics keep my data?", "en")
    assert "cookies" in asked.objects
    units = passage_units(text)
    assert units
    assert composer.scorer.answer_type(units[0], text=text, language="de", asked=asked, sharing=False) is holds
    cookie = _asked(composer, "how long does the Google Analytics cookie last?", "en")
    assert composer.scorer.answer_type(units[0], text=text, language="de", asked=cookie, sharing=False) is (
        "Cookies" in text)  # asked about the cookie, its lifetime answers


def test_a_period_under_a_heading_about_the_data_asked_comes_before_a_quote_about_it_without_one(composer) -> None:
    # neosearch: the log file data are listed under "Umfang der Verarbeitung der Daten"; their period is in
    # "Dauer der Speicherung", whose parent heading is "2. Bereitstellung der Website und Erstellung von Logfiles"
    path = _extra_policy("de", "neosearch-urteile-gesetze-datenschutzerklaerung.md")
    scope = _slice(path, "Umfang der Verarbeitung der Daten", "Rechtsgrundlage", company="neosearch",
                   label="Umfang der Verarbeitung der Daten", language="de")
    kept = _slice(path, "Dauer der Speicherung", "Widerspruchs", company="neosearch", label="Dauer der Speicherung",
                  language="de")
    kept = replace(kept, path=("2. Bereitstellung der Website und Erstellung von Logfiles", "Dauer der Speicherung"))
    composition = _compose(composer, "how long are the log files kept?", "en", "neosearch", [scope, kept])
    assert "3 Monate" in composition.citations[0].quote
    assert "3 months" in composition.text.split("\n\n")[0]


def test_a_penetration_test_is_no_certificate(composer) -> None:
    asked = _asked(composer, "Is Meshvault SOC 2 of ISO 27001 gecertificeerd?", "nl")
    assert composer.scorer.key_labels(asked) == ("security_certification",)
    yearly_test = "An independent security firm carries out a penetration test of our platform every year."
    assert not composer.scorer.matches(yearly_test, "en", "security_certification")
    assert composer.scorer.matches(yearly_test, "en", "security_testing")
