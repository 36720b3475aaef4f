"""Specifications of the web app's helpers: escaping, the policy library, staff login and its rate limit."""

from __future__ import annotations

import re
from pathlib import Path

import gradio as gr
import pytest
from fastapi.testclient import TestClient

from assistant.library import PolicyLibrary
from assistant.types import Answer, Citation, Status
from core.errors import ConfigError
from core.settings import load_settings
from core.types import Chunk, CompanyManifest, slugify
from webapp.auth import LoginRateLimiter, StaffCredentials
from webapp.console import require_staff
from webapp.render import (
    escape_html,
    escape_markdown,
    markdown_with_links,
    render_answer_markdown,
    render_feedback_html,
    render_grid_html,
    render_policy_html,
    render_sources_html,
)
from webapp.server import create_app
from webapp.service import AssistantService
from webapp.texts import EXAMPLE_QUESTIONS, FEEDBACK_REASONS, TEXT_KEYS, text

PROJECT = Path(__file__).resolve().parents[2]
SEED_NL = PROJECT / "policies_corpus" / "online-3d-printen" / "002_31825930765d3a6a.txt"
ATTACK = '<img src=x onerror=alert(1)><script>alert("x")</script>'


def _artikel_chunks(company: str = "online-3d-printen", path: Path = SEED_NL,
                    heading: str = r"^Artikel (\d+): (.*)$") -> list[Chunk]:
    """Chunks of the 'Artikel N' sections of a Dutch text, each cut into two overlapping passages."""
    source = path.read_text(encoding="utf-8")
    heads = [m for m in re.finditer(heading, source, flags=re.M)]
    chunks = []
    for head, nxt in zip(heads, heads[1:], strict=False):
        start, end = head.start(), nxt.start()
        text = source[start:end].rstrip()
        end = start + len(text)
        label = f"Artikel {head.group(1)}"
        section_id = f"{company}/{path.name}/nl/{slugify(label)}"
        middle = start + len(text) // 2
        parts = [(start, min(end, middle + 20)), (middle, end)]
        category = "retention" if "Bewaartermijn" in head.group(2) else "general"
        for n, (a, b) in enumerate(parts):
            chunks.append(Chunk(
                id=f"{section_id}#{n}", section_id=section_id, company=company, document=path.name,
                language="nl", label=label, title=head.group(2), path=(label,), text=source[a:b], start=a, end=b,
                line_start=source.count("\n", 0, a) + 1, line_end=source.count("\n", 0, b) + 1, passage=n,
                passages=2, categories=(category,),
            ))
    return chunks


def _manifest() -> CompanyManifest:
    return CompanyManifest(id="online-3d-printen", name="online-3d-printen.nl", country="NL",
                           website="https://online-3d-printen.nl", contact_email="privacy@example.nl",
                           supervisory_authority="AP", effective_date="2020-01-01", aliases=(), documents=(),
                           manifest_path=Path("manifest.toml"))


@pytest.fixture(scope="module")
def library() -> PolicyLibrary:
    return PolicyLibrary(chunks=_artikel_chunks(), manifests=[_manifest()])


def _answer(text: str, *, status: Status = Status.ANSWERED, quote: str = "", section_text: str = "",
            contact: str = "", chunk_id: str = "") -> Answer:
    citation = Citation(n=1, company="online-3d-printen", document=SEED_NL.name, section="Artikel 6",
                        language="nl", quote=quote, text=section_text, score=1.0, chunk_id=chunk_id)
    return Answer(id="t", question="q", language="nl", company="online-3d-printen", status=status, answer=text,
                  citations=(citation,) if quote else (), contact=contact)


# ---------------------------------------------------------------- texts


@pytest.mark.parametrize("key", TEXT_KEYS)
def test_every_interface_string_exists_in_all_four_languages(key):
    values = {"limit": 10, "days": 30, "company": "Pixeljet", "other": "Materialise", "value": "x", "known": "a, b",
              "date": "2025-07-02", "version": "3"}
    versions = {language: text(key, language, **values) for language in ("en", "nl", "de", "fr")}
    assert all(versions.values())
    assert versions["nl"] != versions["en"] and versions["de"] != versions["en"]


def test_example_questions_cover_the_four_languages():
    from core.language import detect_language

    assert sorted(detect_language(q, fallback="en") for q in EXAMPLE_QUESTIONS) == ["de", "en", "fr", "nl"]


def test_feedback_reasons_are_the_ones_the_feedback_store_accepts():
    from assistant.feedback import REASONS

    assert set(FEEDBACK_REASONS) <= set(REASONS)


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("escape", [escape_html, escape_markdown])
def test_escaping_leaves_no_html_tag(escape):
    out = escape(ATTACK)
    assert "<" not in out and ">" not in out
    assert "&lt;img" in out


def test_markdown_escape_neutralises_links_emphasis_and_latex():
    out = escape_markdown("[click](javascript:alert(1)) **bold** $x$ `code`")
    for raw in ("[click]", "](", "**", "$x$", "`code`"):
        assert raw not in out


def test_answer_markdown_keeps_markers_and_escapes_policy_text():
    out = render_answer_markdown(_answer(f"Wij bewaren gegevens {ATTACK} [1]", quote="x", section_text="x"))
    assert "\\[1\\]" in out
    assert "<img" not in out and "<script" not in out


@pytest.mark.parametrize("status", [Status.NOT_IN_POLICY, Status.OUT_OF_SCOPE, Status.UNKNOWN_COMPANY])
def test_abstention_markdown_names_the_privacy_contact_in_the_answer_language(status):
    out = render_answer_markdown(_answer("Het beleid zegt hier niets over.", status=status,
                                         contact="privacy@example.nl"))
    assert "Privacycontact" in out
    assert "[privacy@example.nl](mailto:privacy@example.nl)" in out


@pytest.mark.parametrize("address, link", [
    ("https://www.materialise.com/en/legal/privacy-notice",
     "[https://www.materialise.com/en/legal/privacy-notice](https://www.materialise.com/en/legal/privacy-notice)"),
    ("info@pixeljet.nl", "[info@pixeljet.nl](mailto:info@pixeljet.nl)"),
    ("www.j3dprints.nl/contact", "[www.j3dprints.nl/contact](https://www.j3dprints.nl/contact)"),
])
def test_links_and_e_mail_addresses_in_an_answer_are_working_links_without_visible_escapes(address, link):
    out = render_answer_markdown(_answer(f"Kontakt: {address}. Fragen? [1]", quote="x", section_text="x"))
    assert link in out
    assert out.startswith("Kontakt: [")  # the address itself carries no backslash


def test_only_web_and_mail_addresses_become_links():
    out = markdown_with_links("[click](javascript:alert(1)) ftp://example.org")
    assert "](" not in out

def test_sources_panel_shows_quote_and_whole_section_escaped(library):
    section = library.find_label("Artikel 6")[0]
    quote = [line for line in section.text.splitlines()[1:] if line.strip()][0][:40]
    answer = _answer("antwoord [1]", quote=quote, section_text=quote + ATTACK, chunk_id=section.chunk_ids[0])
    html = render_sources_html(answer, library=library)
    assert "online-3d-printen.nl" in html and "Artikel 6" in html and "Nederlands" in html
    assert f"<mark>{escape_html(quote)}</mark>" in html
    assert escape_html(section.text.splitlines()[-1]) in html  # the whole section, not only the passage
    assert "Toon artikel in context" in html


def test_sources_panel_escapes_a_cited_passage_with_markup():
    answer = _answer("x [1]", quote=ATTACK, section_text=ATTACK)
    html = render_sources_html(answer, library=None)
    assert "<img" not in html and "<script" not in html


def test_feedback_table_escapes_every_field():
    html = render_feedback_html([{"ts": "2026-01-01", "rating": "dislike", "question": ATTACK, "comment": ATTACK,
                                  "chunk_ids": ["a#0", "b#1"]}])
    assert "<img" not in html and "<script" not in html
    assert "a#0, b#1" in html


# ---------------------------------------------------------------- library


def test_library_stitches_overlapping_passages_back_into_the_section(library):
    source = SEED_NL.read_text(encoding="utf-8")
    section = library.find_label("Artikel 6")[0]
    assert section.text == source[section.start:section.start + len(section.text)]
    assert section.text.startswith("Artikel 6: Bewaartermijn van Gegevens")


@pytest.mark.parametrize("query, expected", [
    ("Artikel 6", ["Artikel 6"]),
    ("artikel  6", ["Artikel 6"]),
    ("Artikel 1", []),
    ("Artikel 13", ["Artikel 13"]),
    ("Artikel 99", []),
])
def test_find_label_matches_whole_labels_only(library, query, expected):
    assert [s.label for s in library.find_label(query)] == expected


def test_find_label_lists_the_shops_before_the_gdpr():
    gdpr = _artikel_chunks("gdpr", PROJECT / "policies_corpus" / "gdpr" / "gdpr-nl.txt",
                           r"^## Artikel (\d+)\n(.*)$")
    reference = CompanyManifest(id="gdpr", name="GDPR", country="EU", website="", contact_email="",
                                supervisory_authority="", effective_date="", aliases=(), documents=(),
                                manifest_path=Path("manifest.toml"), reference=True)
    library = PolicyLibrary(chunks=gdpr + _artikel_chunks(), manifests=[_manifest(), reference])
    assert [s.company for s in library.find_label("Artikel 6")] == ["online-3d-printen", "gdpr"]


def test_best_clause_prefers_the_section_whose_main_category_matches(library):
    assert library.best_clause("retention", "online-3d-printen").label == "Artikel 6"
    assert library.best_clause("cookies", "online-3d-printen") is None


def test_grid_links_each_cell_to_the_clause_anchor(library):
    html = render_grid_html(["retention"], ["online-3d-printen"], library=library)
    anchor = re.search(r'href="#([^"]+)"', html).group(1)
    assert f'id="{anchor}"' in html


def test_policy_viewer_has_a_table_of_contents_with_anchors(library):
    sections = library.sections_of("online-3d-printen", SEED_NL.name, "nl")
    html = render_policy_html(sections, library=library)
    assert html.count("<li>") == len(sections)
    assert [s.label for s in sections][:2] == ["Artikel 2", "Artikel 6"]


# ---------------------------------------------------------------- login


def test_staff_credentials_need_both_values():
    with pytest.raises(ConfigError, match="staff_password"):
        StaffCredentials(user="staff", password="")


def test_staff_credentials_check_user_and_password_and_hide_them():
    check = StaffCredentials(user="staff", password="s3cret!")
    assert check("staff", "s3cret!")
    assert not check("staff", "wrong")
    assert not check("other", "s3cret!")
    assert "s3cret" not in repr(check)


def test_rate_limiter_refuses_after_five_failures_within_a_minute_then_recovers():
    now = [1000.0]
    limiter = LoginRateLimiter(max_failures=5, window_seconds=60, clock=lambda: now[0])
    for _ in range(5):
        assert limiter.allowed("10.0.0.1")
        limiter.record_failure("10.0.0.1")
    assert not limiter.allowed("10.0.0.1")
    assert limiter.allowed("10.0.0.2")  # per client
    assert 0 < limiter.retry_after("10.0.0.1") <= 60
    now[0] += 60
    assert limiter.allowed("10.0.0.1")


def test_rate_limiter_forgets_failures_after_a_success():
    limiter = LoginRateLimiter(max_failures=2, window_seconds=60)
    limiter.record_failure("c")
    limiter.reset("c")
    limiter.record_failure("c")
    assert limiter.allowed("c")


@pytest.mark.parametrize("bad", [0, -1, True])
def test_rate_limiter_rejects_a_bad_limit(bad):
    with pytest.raises(ConfigError, match="max_failures"):
        LoginRateLimiter(max_failures=bad)


def test_console_handlers_refuse_a_session_without_login():
    with pytest.raises(gr.Error):
        require_staff(None)


def _client(tmp_path: Path, **overrides) -> TestClient:
    settings = load_settings({}, store_dir=str(tmp_path / "store"), data_dir=str(tmp_path / "data"),
                             corpus_dir=str(PROJECT / "policies_corpus"), **overrides)
    service = AssistantService(settings=settings)  # not warmed: these tests only touch the login wall
    return TestClient(create_app(settings=settings, service=service), client=("203.0.113.7", 50000))


def test_console_refuses_access_without_login_and_with_a_wrong_password(tmp_path):
    client = _client(tmp_path, staff_user="staff", staff_password="correct horse")
    assert client.get("/staff/config").status_code == 401
    assert client.post("/staff/gradio_api/queue/join", json={}).status_code == 401
    assert client.post("/staff/login", data={"username": "staff", "password": "wrong"}).status_code == 400
    assert client.get("/staff/config").status_code == 401
    assert client.post("/staff/login", data={"username": "staff", "password": "correct horse"}).status_code == 200
    assert client.get("/staff/config").status_code == 200


def test_console_login_is_refused_after_five_failures_even_with_the_right_password(tmp_path):
    client = _client(tmp_path, staff_user="staff", staff_password="correct horse")
    codes = [client.post("/staff/login", data={"username": "staff", "password": f"guess{i}"}).status_code
             for i in range(6)]
    assert codes == [400] * 5 + [429]
    response = client.post("/staff/login", data={"username": "staff", "password": "correct horse"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_console_is_disabled_with_a_message_when_no_credentials_are_set(tmp_path):
    client = _client(tmp_path)
    config = client.get("/staff/config")
    assert config.status_code == 200
    assert "Staff console disabled" in config.text
    assert "Re-ingest" not in config.text


def test_customer_page_carries_no_staff_action(tmp_path):
    client = _client(tmp_path, staff_user="staff", staff_password="correct horse")
    config = client.get("/config")
    assert config.status_code == 200
    assert "Privacy assistant" in config.text
    for staff_only in ("Re-ingest", "Clause search", "Staff console"):
        assert staff_only not in config.text
