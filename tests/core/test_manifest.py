"""Specification of company manifests: the shipped corpus loads, each kind of bad manifest is named precisely, and the
richer fields (contact routes, controller, optional authority, per-document date and version, document kind) load
next to the older single fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.contacts import Contact
from core.errors import IngestError
from core.manifest import MANIFEST_NAME, CorpusListing, load_corpus, load_manifest
from core.types import DOCUMENT_KINDS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"
SHOPS = ("j3d-prints", "m3d-print", "materialise", "online-3d-printen", "pixeljet")

VALID = """\
id = "{id}"
name = "Test Shop"
country = "NL"
website = "https://shop.example"
contact_email = "privacy@shop.example"
supervisory_authority = "Autoriteit Persoonsgegevens"
effective_date = ""
aliases = ["test shop", "testshop"]

[[documents]]
file = "policy.txt"
languages = ["nl"]
kind = "policy"
"""


def make_company(tmp_path: Path, manifest: str, *, company: str = "test-shop", files: tuple[str, ...] = ("policy.txt",)
                 ) -> Path:
    folder = tmp_path / company
    folder.mkdir(parents=True)
    for name in files:
        (folder / name).write_text("Privacy\n\nWij bewaren uw gegevens twee jaar.\n", encoding="utf-8")
    path = folder / MANIFEST_NAME
    path.write_text(manifest.replace("{id}", company), encoding="utf-8")
    return path


def test_shipped_corpus_loads_without_errors():
    listing = load_corpus(CORPUS)
    assert isinstance(listing, CorpusListing)
    assert listing.errors == ()
    assert [m.id for m in listing.manifests] == ["gdpr", *SHOPS]


@pytest.mark.parametrize("company", SHOPS)
def test_every_shop_has_a_contact_route_aliases_and_an_existing_document(company):
    manifest = load_corpus(CORPUS).get(company)
    assert manifest is not None and not manifest.reference
    assert manifest.contacts and manifest.aliases
    assert all(doc.path.is_file() and doc.kind in DOCUMENT_KINDS for doc in manifest.documents)


@pytest.mark.parametrize(("company", "alias"), [
    ("pixeljet", "pixel jet"), ("m3d-print", "m3dprint"), ("online-3d-printen", "online 3d printen"),
    ("online-3d-printen", "online-3d-printen.nl"), ("j3d-prints", "j3dprints.nl"), ("j3d-prints", "j3d"),
    ("materialise", "materialise"),
])
def test_customers_names_for_a_shop_are_aliases(company, alias):
    assert alias in load_corpus(CORPUS).get(company).aliases


def test_contact_details_come_from_the_policy_texts():
    listing = load_corpus(CORPUS)
    assert [(c.kind, c.value) for c in listing.get("m3d-print").contacts] == [("email", "info@m3dprint.be")]
    assert "Belgian Data Protection Authority" in listing.get("m3d-print").supervisory_authority
    assert [(c.kind, c.value) for c in listing.get("online-3d-printen").contacts] == [
        ("email", "info@online-3d-printen.nl")]
    assert [(c.kind, c.value) for c in listing.get("pixeljet").contacts][:2] == [
        ("email", "info@pixeljet.nl"), ("dpo", "k.dewit@karsten.nl")]
    assert listing.get("j3d-prints").contacts[0].kind == "request_portal"
    assert listing.get("materialise").controller == "Materialise NV"
    assert listing.get("m3d-print").documents[0].effective == "2025-07-02"
    assert listing.get("j3d-prints").documents[0].effective == "2021-01-01"


def test_an_authority_is_listed_only_where_the_policy_names_one():
    listing = load_corpus(CORPUS)
    assert listing.get("j3d-prints").supervisory_authority.startswith("Autoriteit Persoonsgegevens")
    assert listing.get("materialise").supervisory_authority == ""  # "the supervisory authority ... of residence"


def test_bilingual_and_scraped_documents_carry_their_parsing_hints():
    listing = load_corpus(CORPUS)
    j3d = listing.get("j3d-prints").documents[0]
    assert j3d.languages == ("en", "nl") and j3d.language_split == "Privacy beleid"
    materialise = listing.get("materialise").documents[0]
    assert (materialise.starts_after, materialise.ends_before) == ("Data Privacy Notice.", "Footer.")


def test_gdpr_is_the_reference_set_in_four_languages():
    gdpr = load_corpus(CORPUS).get("gdpr")
    assert gdpr.reference and gdpr.contacts == ()
    assert {doc.languages for doc in gdpr.documents} == {("en",), ("nl",), ("de",), ("fr",)}
    assert {doc.kind for doc in gdpr.documents} == {"regulation"}
    assert {doc.effective for doc in gdpr.documents} == {"2018-05-25"}  # the company date is the default


def test_a_new_shop_with_any_valid_id_loads(tmp_path):
    manifest = load_manifest(make_company(tmp_path, VALID, company="new-shop-2"))
    assert manifest.id == "new-shop-2"
    assert manifest.documents[0].path == tmp_path / "new-shop-2" / "policy.txt"
    assert manifest.aliases == ("test shop", "testshop")


def test_missing_manifest_is_an_error(tmp_path):
    with pytest.raises(IngestError, match=r"manifest\.toml: manifest not found"):
        load_manifest(tmp_path / "shop" / MANIFEST_NAME)


def test_toml_syntax_error_names_the_line(tmp_path):
    path = make_company(tmp_path, VALID.replace('country = "NL"', 'country = NL'))
    with pytest.raises(IngestError, match=r"manifest\.toml:3: invalid TOML") as info:
        load_manifest(path)
    assert info.value.line == 3


@pytest.mark.parametrize(("change", "message"), [
    (('name = "Test Shop"\n', ""), r"manifest\.toml: missing field 'name'"),
    (('country = "NL"', "country = 31"), r"manifest\.toml:3: field 'country' must be a string"),
    (('aliases = ["test shop", "testshop"]', 'aliases = "testshop"'), r":8: field 'aliases' must be a list of strings"),
    (('kind = "policy"', 'kind = "policy"\npages = 3'), r":14: unknown field 'pages' in documents entry 1"),
    (('languages = ["nl"]', 'languages = ["xx"]'), r":12: unknown language code 'xx' for 'policy\.txt'"),
    (('languages = ["nl"]', 'languages = ["en", "nl"]'), r":12: 'policy\.txt' lists 2 languages but no language_split"),
    (('file = "policy.txt"', 'file = "other.txt"'), r":11: source file 'other\.txt' not found next to the manifest"),
    (('file = "policy.txt"', 'file = "../policy.txt"'), r":11: documents entry 1: 'file' must be a path inside"),
    (('file = "policy.txt"', 'file = "/etc/policy.txt"'), r":11: documents entry 1: 'file' must be a path inside"),
    (('file = "policy.txt"', 'file = "./policy.txt"'), r":11: documents entry 1: 'file' must be a path inside"),
    (('kind = "policy"', 'kind = "policy"\ncontroller = "Shop NV"'),
     r":14: unknown field 'controller' in documents entry 1; company fields go above the first \[\[documents\]\]"),
    (('kind = "policy"', 'kind = "faq"'),
     r":13: unknown kind 'faq' for 'policy\.txt'; accepted: policy, cookie_policy, terms, regulation"),
    (('kind = "policy"', 'kind = "policy"\neffective = "01/01/2021"'),
     r":14: field 'effective' must be a date written YYYY-MM-DD, got '01/01/2021'; put a free-text version"),
    (('kind = "policy"', 'kind = "policy"\neffective = "2021-02-30"'), r":14: field 'effective' must be a date"),
    (('effective_date = ""', 'effective_date = "2021"'), r":7: field 'effective_date' must be a date written"),
    (('contact_email = "privacy@shop.example"', 'contact_email = "privacy at shop"'),
     r":5: field 'contact_email' must be an e-mail address or an http\(s\) URL, got 'privacy at shop'"),
])
def test_invalid_field_is_named_with_its_line(tmp_path, change, message):
    path = make_company(tmp_path, VALID.replace(*change))
    with pytest.raises(IngestError, match=message):
        load_manifest(path)


def test_a_document_may_sit_in_a_language_folder(tmp_path):
    path = make_company(tmp_path, VALID.replace('file = "policy.txt"', 'file = "nl/policy.txt"'))
    (path.parent / "nl").mkdir()
    (path.parent / "policy.txt").rename(path.parent / "nl" / "policy.txt")
    document = load_manifest(path).documents[0]
    assert (document.file, document.path) == ("nl/policy.txt", path.parent / "nl" / "policy.txt")


@pytest.mark.parametrize("bad_id", ["Test_Shop", "shop!", "-shop", ""])
def test_invalid_company_id_is_an_error(tmp_path, bad_id):
    path = make_company(tmp_path, VALID.replace('id = "{id}"', f'id = "{bad_id}"'))
    with pytest.raises(IngestError, match=r"manifest\.toml:1: (invalid company id|company id)"):
        load_manifest(path)


def test_company_id_must_match_its_folder(tmp_path):
    path = make_company(tmp_path, VALID.replace('id = "{id}"', 'id = "other-shop"'))
    with pytest.raises(IngestError, match=r"company id 'other-shop' does not match its folder 'test-shop'"):
        load_manifest(path)


def test_one_bad_manifest_does_not_stop_the_others(tmp_path):
    make_company(tmp_path, VALID, company="good-shop")
    make_company(tmp_path, VALID.replace('country = "NL"', "country ="), company="bad-shop")
    (tmp_path / "empty-folder").mkdir()
    listing = load_corpus(tmp_path)
    assert [m.id for m in listing.manifests] == ["good-shop"]
    assert sorted(error.path.split("/")[-2] for error in listing.errors) == ["bad-shop", "empty-folder"]


def test_missing_corpus_folder_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")


# ---------------------------------------------------------------- richer fields

FULL = """\
id = "{id}"
name = "Print App"
country = "BE"
website = "https://printapp.example"
controller = "Print Holding NV"
contacts = [
    {kind = "email", value = "privacy@printapp.example"},
    {kind = "dpo", value = "dpo@printapp.example", label = "Data protection officer"},
    {kind = "request_portal", value = "https://printapp.example/privacy-request"},
    {kind = "url", value = "https://printapp.example/contact"},
    {kind = "postal", value = "Print Holding NV, Kerkstraat 1, 2000 Antwerpen"},
]
effective_date = "2024-03-01"

[[documents]]
file = "policy.txt"
languages = ["nl"]
kind = "policy"
effective = "2025-01-15"

[[documents]]
file = "cookies.txt"
languages = ["nl"]
kind = "cookie_policy"
version = "v3.2"
"""


def test_a_manifest_with_every_new_field_loads(tmp_path):
    manifest = load_manifest(make_company(tmp_path, FULL, files=("policy.txt", "cookies.txt")))
    assert [(c.kind, c.value, c.label) for c in manifest.contacts] == [
        ("email", "privacy@printapp.example", ""),
        ("dpo", "dpo@printapp.example", "Data protection officer"),
        ("request_portal", "https://printapp.example/privacy-request", ""),
        ("url", "https://printapp.example/contact", ""),
        ("postal", "Print Holding NV, Kerkstraat 1, 2000 Antwerpen", ""),
    ]
    assert manifest.controller == "Print Holding NV" and manifest.responsible == "Print Holding NV"
    assert manifest.supervisory_authority == "" and manifest.contact_email == ""
    policy, cookies = manifest.documents
    assert (policy.kind, policy.effective, policy.version) == ("policy", "2025-01-15", "")
    assert (cookies.kind, cookies.effective, cookies.version) == ("cookie_policy", "2024-03-01", "v3.2")


def test_without_a_controller_the_name_is_responsible(tmp_path):
    manifest = load_manifest(make_company(tmp_path, VALID))
    assert manifest.controller == "" and manifest.responsible == "Test Shop"


def test_contacts_may_be_written_as_tables(tmp_path):
    tables = VALID.replace('contact_email = "privacy@shop.example"\n', "") + (
        '\n[[contacts]]\nkind = "email"\nvalue = "privacy@shop.example"\n'
        '\n[[contacts]]\nkind = "request_portal"\nvalue = "https://shop.example/form"\nlabel = "request form"\n')
    manifest = load_manifest(make_company(tmp_path, tables))
    assert [(c.kind, c.label) for c in manifest.contacts] == [("email", ""), ("request_portal", "request form")]


@pytest.mark.parametrize(("value", "kind"), [
    ("privacy@shop.example", "email"),
    ("https://shop.example/contact", "url"),
])
def test_the_single_contact_email_field_becomes_one_route(tmp_path, value, kind):
    manifest = load_manifest(make_company(tmp_path, VALID.replace("privacy@shop.example", value)))
    assert manifest.contact_email == value
    assert manifest.contacts == (Contact(kind=kind, value=value),)


def test_contact_email_and_contacts_are_both_kept_without_duplicates(tmp_path):
    both = VALID.replace('effective_date = ""', 'effective_date = ""\ncontacts = [\n'
                         '    {kind = "dpo", value = "privacy@shop.example"},\n'
                         '    {kind = "request_portal", value = "https://shop.example/form"},\n]')
    manifest = load_manifest(make_company(tmp_path, both))
    assert [(c.kind, c.value) for c in manifest.contacts] == [
        ("dpo", "privacy@shop.example"), ("request_portal", "https://shop.example/form")]
    other = load_manifest(make_company(tmp_path, both.replace('"dpo", value = "privacy@', '"dpo", value = "dpo@'),
                                       company="other-shop"))
    assert [c.value for c in other.contacts] == [
        "dpo@shop.example", "https://shop.example/form", "privacy@shop.example"]


def test_authority_and_dates_are_optional(tmp_path):
    bare = VALID.replace('supervisory_authority = "Autoriteit Persoonsgegevens"\n', "").replace(
        'effective_date = ""\n', "")
    manifest = load_manifest(make_company(tmp_path, bare))
    assert (manifest.supervisory_authority, manifest.effective_date, manifest.documents[0].effective) == ("", "", "")


def test_a_shop_without_any_contact_route_is_an_error(tmp_path):
    path = make_company(tmp_path, VALID.replace('contact_email = "privacy@shop.example"\n', ""))
    with pytest.raises(IngestError, match=r"manifest\.toml: no contact route: .*; add contacts = "):
        load_manifest(path)


def test_a_reference_set_needs_no_contact_route(tmp_path):
    reference = VALID.replace('contact_email = "privacy@shop.example"\n', "").replace(
        'aliases = ["test shop", "testshop"]', 'aliases = ["test shop"]\nreference = true')
    manifest = load_manifest(make_company(tmp_path, reference))
    assert manifest.reference and manifest.contacts == ()


CONTACTS = VALID.replace('contact_email = "privacy@shop.example"\n', "").replace(
    'effective_date = ""', 'effective_date = ""\ncontacts = [\n    {kind = "email", value = "privacy@shop.example"},\n'
    '    {kind = "url", value = "https://shop.example/contact"},\n]')


URL_ROUTE = '{kind = "url", value = "https://shop.example/contact"}'


@pytest.mark.parametrize(("change", "message"), [
    (('{kind = "url", value', '{kind = "fax", value'),
     r":9: contacts entry 2: unknown contact kind 'fax'; accepted: email, url, postal, dpo, request_portal"),
    (('"privacy@shop.example"', '"privacy-at-shop.example"'),
     r":8: contacts entry 1: contact of kind 'email' must be an e-mail address, got 'privacy-at-shop\.example'"),
    (('"https://shop.example/contact"', '"shop.example/contact"'),
     r":9: contacts entry 2: contact of kind 'url' must be an http\(s\) URL, got 'shop\.example/contact'"),
    ((URL_ROUTE, '{kind = "request_portal", value = "ftp://shop.example"}'),
     r":9: contacts entry 2: contact of kind 'request_portal' must be an http\(s\) URL"),
    ((URL_ROUTE, '{kind = "dpo", value = "Jan Jansen"}'),
     r":9: contacts entry 2: contact of kind 'dpo' must be an e-mail address or an http\(s\) URL, got 'Jan Jansen'"),
    ((URL_ROUTE, '{kind = "postal", value = " "}'), r":9: contacts entry 2: contact of kind 'postal' has an empty value"),
    (('{kind = "url", value', '{kind = "url", phone = "1", value'),
     r":9: unknown field 'phone' in contacts entry 2; accepted: kind, value, label"),
    ((URL_ROUTE, '{kind = "url", value = 42}'), r":9: contacts entry 2: field 'value' must be a string, got 42"),
    ((URL_ROUTE, '{kind = "email", value = "privacy@shop.example"}'),
     r":9: contacts entry 2: email 'privacy@shop\.example' is listed twice"),
    ((CONTACTS[CONTACTS.index("contacts = ["):CONTACTS.index("]\naliases") + 1], 'contacts = "privacy@shop.example"'),
     r":7: field 'contacts' must be a list of tables"),
])
def test_invalid_contact_route_is_named_with_its_line(tmp_path, change, message):
    path = make_company(tmp_path, CONTACTS.replace(*change))
    with pytest.raises(IngestError, match=message):
        load_manifest(path)


def test_the_readme_example_manifest_loads(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(block for block in readme.split("```toml\n")[1:] if "contacts = [" in block).split("```")[0]
    path = make_company(tmp_path, example, company="print-app", files=("policy.txt", "cookies.txt"))
    manifest = load_manifest(path)
    assert manifest.controller == "Print Holding NV" and len(manifest.contacts) == 5
    assert [(d.kind, d.effective, d.version) for d in manifest.documents] == [
        ("policy", "2025-01-15", ""), ("cookie_policy", "2024-03-01", "v3.2")]
