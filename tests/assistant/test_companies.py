"""Specification of company detection: names, aliases and websites, typos, comparisons, follow-ups, unknown shops."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from assistant.companies import CompanyDirectory, CompanyMatch, is_gdpr_question, read_manifests
from assistant.comparison_cues import CUES, ComparisonCue, CueKind, comparison_cue
from core.errors import IngestError
from core.manifest import load_corpus
from core.types import CompanyManifest

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"
SHOPS = ("j3d-prints", "m3d-print", "materialise", "online-3d-printen", "pixeljet")


def fold(text: str) -> str:
    """Lower case without accents, as company detection reads a question."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


@pytest.fixture(scope="module")
def directory() -> CompanyDirectory:
    listing = load_corpus(CORPUS)
    assert not listing.errors
    return CompanyDirectory(manifests=listing.manifests)


def manifest(company_id: str, name: str, *, aliases: tuple[str, ...] = (), website: str = "",
             reference: bool = False) -> CompanyManifest:
    return CompanyManifest(
        id=company_id, name=name, country="BE", website=website or f"https://{company_id}.example",
        contact_email="", supervisory_authority="", effective_date="", aliases=aliases, documents=(),
        manifest_path=Path("policies_corpus") / company_id / "manifest.toml", reference=reference,
    )


def test_the_gdpr_reference_set_is_not_a_shop(directory: CompanyDirectory) -> None:
    assert directory.ids() == SHOPS
    assert directory.names() == ("J3D Prints", "M3D-Print", "Materialise NV", "online-3d-printen.nl", "Pixeljet")
    assert directory.get("gdpr").reference is True
    assert directory.run(question="What does the General Data Protection Regulation say?").companies == ()


def test_get_names_the_known_ids_for_an_unknown_id(directory: CompanyDirectory) -> None:
    assert directory.get("pixeljet").name == "Pixeljet"
    with pytest.raises(KeyError, match="unknown company 'shapeways'; known: gdpr, j3d-prints"):
        directory.get("shapeways")


@pytest.mark.parametrize(
    ("question", "company"),
    [
        ("How long does Pixeljet keep my data?", "pixeljet"),
        ("hoe lang bewaart pixel jet mijn gegevens?", "pixeljet"),
        ("Does PIXEL-JET sell my data?", "pixeljet"),
        ("Does pixeljte use cookies?", "pixeljet"),
        ("Does m3d print share my data?", "m3d-print"),
        ("Wat doet M3D-Print met mijn gegevens?", "m3d-print"),
        ("Ich habe bei m3dprint.be bestellt. Welche Daten?", "m3d-print"),
        ("Bewaart online-3d-printen.nl mijn adres?", "online-3d-printen"),
        ("Hoe lang bewaart online 3d printen facturen?", "online-3d-printen"),
        ("Wie lange speichert online-3d-drucken.de meine Daten?", "online-3d-printen"),
        ("Does J3D use Google Analytics?", "j3d-prints"),
        ("Welke cookies gebruikt J3D Prints?", "j3d-prints"),
        ("Does Materialise sell data?", "materialise"),
        ("Does materialize transfer data outside the EU?", "materialise"),
        ("Combien de temps Matérialise garde-t-il mes données ?", "materialise"),
    ],
)
def test_a_shop_is_found_by_name_alias_or_website_whatever_the_spelling(
    directory: CompanyDirectory, question: str, company: str
) -> None:
    assert directory.run(question=question) == CompanyMatch((company,), "question", False)


@pytest.mark.parametrize(
    "question",
    [
        "What materials do you store about me?",
        "Can I 3D print at home without an account?",
        "Is online 3D printing safe for my privacy?",
        "Which data do you collect when I print?",
        "Wie lange werden Daten bei Bestellungen gespeichert?",
        "Kan ik een klacht indienen bij AP?",
    ],
)
def test_ordinary_words_do_not_name_a_shop(directory: CompanyDirectory, question: str) -> None:
    assert directory.run(question=question) == CompanyMatch((), "none", False)


@pytest.mark.parametrize(
    "question",
    [
        "Which shops keep my data longest?",
        "Which companies share data with third parties?",
        "Welke winkels delen mijn gegevens?",
        "Welke bedrijven gebruiken cookies?",
        "Welche Shops speichern meine Adresse?",
        "Welche Anbieter geben Daten weiter?",
        "Quelles boutiques utilisent des cookies ?",
        "Quelles entreprises conservent mes données ?",
        "Do all shops let me delete my account?",
        "Compare the retention periods",
        "Vergelijk de bewaartermijnen",
        "Vergleiche die Aufbewahrungsfristen",
        "Comparer les durées de conservation",
    ],
)
def test_comparison_questions_get_every_shop(directory: CompanyDirectory, question: str) -> None:
    assert directory.run(question=question, previous="pixeljet") == CompanyMatch(SHOPS, "question", True)


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: f"{cue.language}-{cue.kind.value}-{cue.example}")
def test_every_comparison_cue_of_the_table_makes_its_example_a_comparison_of_every_shop(
        directory: CompanyDirectory, cue: ComparisonCue) -> None:
    assert comparison_cue(fold(cue.example)) is cue.kind
    assert directory.run(question=cue.example) == CompanyMatch(SHOPS, "question", True)


@pytest.mark.parametrize("question", [
    "Geben Sie meine Adresse an den Händler weiter?",
    "Partagez-vous mes données avec les vendeurs tiers ?",
    "Do you share my data with the sellers on your marketplace?",
    "Krijgen de verkopers mijn adres?",
])
def test_a_seller_or_dealer_as_a_third_party_is_no_comparison_of_the_shops(question: str) -> None:
    assert comparison_cue(fold(question)) is None


def test_the_cue_table_covers_each_language_with_both_kinds() -> None:
    assert {(cue.language, cue.kind) for cue in CUES} == {(lang, kind) for lang in ("en", "nl", "de", "fr")
                                                          for kind in CueKind}


@pytest.mark.parametrize(
    "question",
    [
        "Who keeps my data longest?",
        "Who answers a privacy request fastest?",
        "Wie bewaart mijn gegevens het langst?",
        "wie deelt de meeste gegevens met derden?",
        "Wer speichert meine Daten am längsten?",
        "Wer antwortet am schnellsten auf Auskunftsanfragen?",
        "Qui conserve mes données le plus longtemps ?",
        "Qui répond le plus vite aux demandes d'accès ?",
        "Which of the shops name their shipping companies?",
        "Welke van de winkels gebruiken Google Analytics?",
        "Welcher der Shops nutzt Facebook-Cookies?",
        "Lesquelles des boutiques vendent mes données ?",
    ],
)
def test_superlatives_across_shops_and_which_of_the_shops_compare_every_shop(directory: CompanyDirectory,
                                                                             question: str) -> None:
    assert directory.run(question=question) == CompanyMatch(SHOPS, "question", True)


@pytest.mark.parametrize(
    "question",
    [
        "Do all five shops have a data protection officer?",
        "Which of these 3D printing companies let me download my data?",
        "Which 3D printing service should I choose if I care about privacy?",
        "Welke van de vijf winkels deelt mijn gegevens met Google?",
        "Haben die fünf Anbieter einen Datenschutzbeauftragten?",
        "Les cinq boutiques ont-elles un délégué à la protection des données ?",
        "How do the shops differ in cookie use?",
        "Wat zijn de verschillen tussen de bedrijven in bewaartermijnen?",
        "Welche Unterschiede gibt es zwischen den Anbietern bei der Speicherdauer?",
        "Quelles sont les différences entre les entreprises pour la conservation ?",
        "Where is my data kept longest?",
        "Waar worden mijn gegevens het kortst bewaard?",
        "Wo sind meine Daten am sichersten?",
        "Où mes données sont-elles conservées le moins longtemps ?",
    ],
)
def test_counted_shops_differences_and_where_superlatives_compare_every_shop(directory: CompanyDirectory,
                                                                             question: str) -> None:
    assert directory.run(question=question, previous="pixeljet") == CompanyMatch(SHOPS, "question", True)


@pytest.mark.parametrize("question", ["Where can I find more information?", "Waar vind ik meer informatie?",
                                      "Wo finde ich mehr Informationen?", "Où puis-je en savoir plus ?",
                                      "Do you use my data for different purposes?",
                                      "What is the difference between deleting and anonymising my data?",
                                      "Wat is het verschil tussen inzage en overdraagbaarheid?",
                                      "Which data goes between the shop and the courier?"])
def test_where_with_a_comparative_word_or_a_difference_without_shops_stays_with_the_previous_shop(directory: CompanyDirectory,
                                                                                 question: str) -> None:
    assert directory.run(question=question, previous="pixeljet") == CompanyMatch(("pixeljet",), "previous", False)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Does Pixeljet keep my data longer than the other shops?", "pixeljet"),
        ("Bewaart M3D-Print mijn gegevens langer dan andere webshops?", "m3d-print"),
        ("Speichert Materialise länger als die anderen Shops?", "materialise"),
        ("J3D Prints garde-t-il mes données plus longtemps que les autres boutiques ?", "j3d-prints"),
    ],
)
def test_one_named_shop_against_the_other_shops_compares_every_shop_named_one_first(
        directory: CompanyDirectory, question: str, first: str) -> None:
    match = directory.run(question=question)
    assert match.comparison and match.companies[0] == first and sorted(match.companies) == list(SHOPS)


@pytest.mark.parametrize(
    ("question", "shop"),
    [
        ("Which data does M3D-Print keep longest?", "m3d-print"),
        ("Who at Pixeljet decides what is kept longest?", "pixeljet"),
        ("Does Pixeljet share my data with other companies?", "pixeljet"),
        ("Which companies get my data from Pixeljet?", "pixeljet"),
        ("Welke bedrijven krijgen mijn gegevens van Pixeljet?", "pixeljet"),
        ("Deelt online-3d-printen mijn gegevens met andere bedrijven?", "online-3d-printen"),
        ("Wie bewaart bij J3D Prints mijn gegevens het langst?", "j3d-prints"),
        ("Wie lange speichert Pixeljet meine Daten?", "pixeljet"),
        ("Welche Anbieter bekommen meine Daten von Materialise?", "materialise"),
        ("Vergleicht Materialise meine Daten mit anderen Quellen?", "materialise"),
        ("Materialise transmet-il mes données à d'autres entreprises ?", "materialise"),
        ("Quelles entreprises reçoivent mes données chez M3D-Print ?", "m3d-print"),
        ("Compare Pixeljet's retention with the GDPR", "pixeljet"),
    ],
)
def test_a_question_about_one_shop_never_becomes_a_comparison(directory: CompanyDirectory, question: str,
                                                              shop: str) -> None:
    match = directory.run(question=question)
    assert (match.companies, match.comparison) == ((shop,), False)


@pytest.mark.parametrize("question", ["Welke gegevens delen jullie met andere bedrijven?",
                                      "Do you share my data with other companies?",
                                      "Partagez-vous mes données avec d'autres sociétés ?",
                                      "Gebt ihr meine Daten an andere Unternehmen weiter?"])
def test_other_companies_are_third_parties_not_a_comparison(directory: CompanyDirectory, question: str) -> None:
    assert directory.run(question=question, previous="pixeljet") == CompanyMatch(("pixeljet",), "previous", False)


def test_several_named_shops_are_a_comparison_of_those_shops_in_order(directory: CompanyDirectory) -> None:
    match = directory.run(question="Does Pixeljet keep data longer than J3D Prints or materialise?")
    assert match == CompanyMatch(("pixeljet", "j3d-prints", "materialise"), "question", True)


def test_explicit_choice_wins_over_the_question_and_the_previous_turn(directory: CompanyDirectory) -> None:
    match = directory.run(question="Which shops use cookies? And Pixeljet?", explicit="M3D-Print", previous="j3d-prints")
    assert match == CompanyMatch(("m3d-print",), "explicit", False)
    assert directory.run(question="cookies?", explicit="pixeljet").companies == ("pixeljet",)
    assert directory.run(question="cookies?", explicit="all") == CompanyMatch(SHOPS, "explicit", True)


def test_an_unknown_explicit_choice_is_reported_as_unknown(directory: CompanyDirectory) -> None:
    assert directory.run(question="cookies?", explicit="Shapeways") == CompanyMatch((), "explicit", False, "Shapeways")


def test_follow_up_without_a_name_keeps_the_previous_company(directory: CompanyDirectory) -> None:
    assert directory.run(question="And how long?", previous="m3d-print") == CompanyMatch(("m3d-print",), "previous", False)
    assert directory.run(question="and for Pixeljet?", previous="m3d-print") == CompanyMatch(("pixeljet",), "question", False)
    assert directory.run(question="And how long?", previous="no-such-shop") == CompanyMatch((), "none", False)
    assert directory.run(question="And how long?") == CompanyMatch((), "none", False)


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("What does Shapeways do with my data?", "Shapeways"),
        ("How long are orders kept at 3D Hubs?", "3D Hubs"),
        ("Hoe lang bewaren ze gegevens bij Printwinkel?", "Printwinkel"),
        ("Wie lange speichert man Daten bei MyPrint3D?", "MyPrint3D"),
        ("Combien de temps chez Printoria ?", "Printoria"),
        ("How long is data kept at Acme Printing?", "Acme Printing"),
        ("Does printfabriek.nl sell my data?", "printfabriek.nl"),
    ],
)
def test_a_shop_not_in_the_corpus_is_reported_by_name(
    directory: CompanyDirectory, question: str, unknown: str
) -> None:
    assert directory.run(question=question, previous="pixeljet") == CompanyMatch((), "question", False, unknown)


def test_an_e_mail_domain_is_not_an_unknown_shop(directory: CompanyDirectory) -> None:
    assert directory.run(question="Delete everything about jan@gmail.com").unknown_name == ""


@pytest.mark.parametrize(
    "question",
    [
        "What does GDPR article 17 say?",
        "Wat zegt AVG artikel 17?",
        "Was steht in Artikel 17 DSGVO?",
        "Que dit l'article 17 du RGPD ?",
        "Que dit le Règlement général sur la protection des données ?",
        "Article 17 of Regulation 2016/679",
    ],
)
def test_gdpr_questions_are_recognised_in_four_languages(directory: CompanyDirectory, question: str) -> None:
    assert is_gdpr_question(question)
    match = directory.run(question=question)
    assert match.gdpr and match.companies == () and match.unknown_name == ""


def test_a_gdpr_follow_up_does_not_inherit_the_previous_shop(directory: CompanyDirectory) -> None:
    match = directory.run(question="And what does the GDPR say about erasure?", previous="pixeljet")
    assert match == CompanyMatch((), "none", False, "", gdpr=True)


def test_a_gdpr_question_about_a_shop_keeps_the_shop(directory: CompanyDirectory) -> None:
    match = directory.run(question="Does Pixeljet follow DSGVO Artikel 17?")
    assert match == CompanyMatch(("pixeljet",), "question", False, "", gdpr=True)
    assert not is_gdpr_question("Does Pixeljet keep my average order value?")


def test_reference_manifest_aliases_also_mark_gdpr_questions() -> None:
    directory = CompanyDirectory(manifests=[
        manifest("shop-a", "Shop Alpha"),
        manifest("eprivacy", "ePrivacy Directive", aliases=("cookie directive",), reference=True),
    ])
    assert directory.is_gdpr_question("What does the cookie directive require?")
    assert directory.run(question="What does the cookie directive require?").companies == ()


def test_a_website_domain_names_its_shop_without_an_alias() -> None:
    directory = CompanyDirectory(manifests=[manifest("shop-a", "Shop Alpha", website="https://www.printbar.be/nl")])
    assert directory.run(question="Bewaart printbar.be mijn IBAN?").companies == ("shop-a",)
    assert directory.run(question="Wat doet Printbar met mijn IBAN?").companies == ("shop-a",)


def test_an_alias_shared_by_two_shops_is_refused_with_the_manifest_path() -> None:
    with pytest.raises(IngestError, match=r"shop-b/manifest.toml: name or alias 'printhub' also names company 'shop-a'"):
        CompanyDirectory(manifests=[
            manifest("shop-a", "Shop Alpha", aliases=("Print Hub",)),
            manifest("shop-b", "Shop Beta", aliases=("printhub",)),
        ])


def test_a_repeated_company_id_is_refused() -> None:
    with pytest.raises(IngestError, match="company id 'shop-a' is used by two manifests"):
        CompanyDirectory(manifests=[manifest("shop-a", "Shop Alpha"), manifest("shop-a", "Shop Again")])


def test_resolve_maps_names_and_typos_to_ids(directory: CompanyDirectory) -> None:
    assert directory.resolve("Materialise NV") == "materialise"
    assert directory.resolve("online3dprinten") == "online-3d-printen"
    assert directory.resolve("pixeljte") == "pixeljet"
    assert directory.resolve("gdpr") is None
    assert directory.resolve("print") is None


def test_directory_lists_the_words_that_name_each_shop_in_manifest_order() -> None:
    shops = CompanyDirectory(manifests=[
        manifest("pixeljet", "Pixeljet", aliases=("Pixel Jet",)),
        manifest("gdpr", "GDPR", aliases=("AVG",), reference=True),
        manifest("m3d-print", "M3D-Print"),
    ])
    assert shops.shop_aliases() == ("pixeljet", "Pixeljet", "Pixel Jet", "m3d-print", "M3D-Print")
    assert shops.display_names() == {"pixeljet": "Pixeljet", "m3d-print": "M3D-Print"}
    assert [m.id for m in shops.manifests] == ["pixeljet", "gdpr", "m3d-print"]


def test_read_manifests_skips_a_broken_company_folder_and_names_it(tmp_path: Path, caplog) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.toml").write_text("id = ", encoding="utf-8")
    assert read_manifests(tmp_path) == ()
    assert "company skipped" in caplog.text and "broken" in caplog.text


def test_read_manifests_of_a_missing_folder_raises_naming_it(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="corpus folder not found"):
        read_manifests(tmp_path / "nowhere")


def test_named_lists_only_the_shops_a_question_names_never_every_shop_for_a_comparison_cue(
        directory: CompanyDirectory) -> None:
    assert directory.named("Vergelijk Pixeljet en Materialise") == ("pixeljet", "materialise")
    assert directory.named("Deelt pixel jet mijn adres?") == ("pixeljet",)
    assert directory.named("Welke winkels delen gegevens met andere bedrijven?") == ()
    assert directory.run(question="Welke winkels delen gegevens met andere bedrijven?").companies == SHOPS


def test_every_document_has_its_kind_from_the_manifest(directory: CompanyDirectory) -> None:
    kinds = directory.document_kinds()
    assert kinds[("gdpr", "gdpr-de.txt")] == "regulation"
    assert kinds[("pixeljet", "004_d70c89b0774abc04.txt")] == "policy"
    assert len(kinds) == sum(len(m.documents) for m in directory.manifests)


@pytest.mark.parametrize("question", ["Darf die Firma meine Daten nach einem Widerspruch noch nutzen?",
                                      "Mag de firma mijn gegevens dan nog gebruiken?", "Wie erreiche ich den Anbieter?"])
def test_the_company_in_the_singular_is_no_comparison_of_every_shop(question: str) -> None:
    assert comparison_cue(fold(question)) is None
