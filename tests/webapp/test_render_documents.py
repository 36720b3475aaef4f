"""Specification of how sources and policies show their manifest: the document's kind and effective date or version
next to each citation and clause, and the staff console's company card (controller, contact routes, authority)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.library import PolicyLibrary
from assistant.types import Answer, Citation, Status
from core.contacts import Contact
from core.types import Chunk, CompanyManifest, DocumentSpec
from webapp.render import document_note, render_company_html, render_policy_html, render_sources_html

TEXT = "Cookies\n\nWe place analytics cookies for thirteen months."


def _chunk(document: str) -> Chunk:
    section_id = f"shop/{document}/en/cookies"
    return Chunk(id=f"{section_id}#0", section_id=section_id, company="shop", document=document, language="en",
                 label="Cookies", title="Cookies", path=("Cookies",), text=TEXT, start=0, end=len(TEXT),
                 line_start=1, line_end=3, passage=0, passages=1, categories=("cookies",))


def _manifest(*, authority: str = "", controller: str = "") -> CompanyManifest:
    folder = Path("policies_corpus/shop")
    documents = (
        DocumentSpec(file="cookies.txt", path=folder / "cookies.txt", kind="cookie_policy", effective="2025-07-02"),
        DocumentSpec(file="policy.txt", path=folder / "policy.txt", version="v3.2"),
    )
    return CompanyManifest(
        id="shop", name="Print App", country="BE", website="https://printapp.example", contact_email="",
        supervisory_authority=authority, effective_date="", aliases=(), documents=documents,
        manifest_path=folder / "manifest.toml", controller=controller,
        contacts=(Contact(kind="email", value="privacy@printapp.example"),
                  Contact(kind="dpo", value="dpo@printapp.example", label="Data protection officer")),
    )


@pytest.fixture
def library() -> PolicyLibrary:
    return PolicyLibrary(chunks=[_chunk("cookies.txt"), _chunk("policy.txt")], manifests=[_manifest()])


@pytest.mark.parametrize(("document", "language", "note"), [
    ("cookies.txt", "en", "cookie policy, effective 2025-07-02"),
    ("cookies.txt", "nl", "cookiebeleid, geldig vanaf 2025-07-02"),
    ("policy.txt", "de", "Datenschutzerklärung, Version v3.2"),
    ("policy.txt", "fr", "politique de confidentialité, version v3.2"),
    ("unknown.txt", "en", ""),
])
def test_a_document_is_named_by_its_kind_and_date_or_version(library, document, language, note):
    assert document_note(library, "shop", document, language) == note


def test_the_sources_panel_says_which_kind_of_document_each_quote_comes_from(library):
    citation = Citation(n=1, company="shop", document="cookies.txt", section="Cookies", language="en",
                        quote="thirteen months", text=TEXT, score=1.0, chunk_id=_chunk("cookies.txt").id)
    answer = Answer(id="t", question="q", language="en", company="shop", status=Status.ANSWERED, answer="a [1]",
                    citations=(citation,))
    html = render_sources_html(answer, library=library)
    assert '<span class="pa-document">cookie policy, effective 2025-07-02</span>' in html


def test_a_policy_in_the_console_shows_its_kind_and_the_company_card(library):
    html = render_policy_html(library.sections_of("shop", "policy.txt"), library=library)
    assert "policy.txt (privacy policy, version v3.2)" in html
    assert "dpo (Data protection officer): dpo@printapp.example" in html


def test_the_company_card_leaves_out_an_absent_authority_and_a_controller_equal_to_the_name():
    bare = render_company_html(_manifest(controller="Print App"))
    assert "Supervisory authority" not in bare and "Controller" not in bare
    assert "email: privacy@printapp.example" in bare
    full = render_company_html(_manifest(authority="Gegevensbeschermingsautoriteit", controller="Print Holding <NV>"))
    assert "<strong>Controller:</strong> Print Holding &lt;NV&gt;" in full
    assert "<strong>Supervisory authority:</strong> Gegevensbeschermingsautoriteit" in full
