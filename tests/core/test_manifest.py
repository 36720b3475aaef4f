"""Specification of company manifests: the shipped corpus loads, and each kind of bad manifest is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import IngestError
from core.manifest import MANIFEST_NAME, CorpusListing, load_corpus, load_manifest

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
def test_every_shop_has_contact_authority_aliases_and_an_existing_document(company):
    manifest = load_corpus(CORPUS).get(company)
    assert manifest is not None and not manifest.reference
    assert manifest.contact_email and manifest.supervisory_authority and manifest.aliases
    assert all(doc.path.is_file() for doc in manifest.documents)


@pytest.mark.parametrize(("company", "alias"), [
    ("pixeljet", "pixel jet"), ("m3d-print", "m3dprint"), ("online-3d-printen", "online 3d printen"),
    ("online-3d-printen", "online-3d-printen.nl"), ("j3d-prints", "j3dprints.nl"), ("j3d-prints", "j3d"),
    ("materialise", "materialise"),
])
def test_customers_names_for_a_shop_are_aliases(company, alias):
    assert alias in load_corpus(CORPUS).get(company).aliases


def test_contact_details_come_from_the_policy_texts():
    listing = load_corpus(CORPUS)
    assert listing.get("m3d-print").contact_email == "info@m3dprint.be"
    assert "Belgian Data Protection Authority" in listing.get("m3d-print").supervisory_authority
    assert listing.get("online-3d-printen").contact_email == "info@online-3d-printen.nl"
    assert listing.get("pixeljet").contact_email == "info@pixeljet.nl"
    assert listing.get("m3d-print").effective_date == "2025-07-02"


def test_bilingual_and_scraped_documents_carry_their_parsing_hints():
    listing = load_corpus(CORPUS)
    j3d = listing.get("j3d-prints").documents[0]
    assert j3d.languages == ("en", "nl") and j3d.language_split == "Privacy beleid"
    materialise = listing.get("materialise").documents[0]
    assert (materialise.starts_after, materialise.ends_before) == ("Data Privacy Notice.", "Footer.")


def test_gdpr_is_the_reference_set_in_four_languages():
    gdpr = load_corpus(CORPUS).get("gdpr")
    assert gdpr.reference
    assert {doc.languages for doc in gdpr.documents} == {("en",), ("nl",), ("de",), ("fr",)}


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
    (('file = "policy.txt"', 'file = "../policy.txt"'), r":11: documents entry 1: 'file' must be a file name"),
])
def test_invalid_field_is_named_with_its_line(tmp_path, change, message):
    path = make_company(tmp_path, VALID.replace(*change))
    with pytest.raises(IngestError, match=message):
        load_manifest(path)


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
