"""Specification of the policy parser on the shipped corpus (five shop policies + the GDPR) and on bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import ParseError
from core.manifest import load_corpus
from core.types import CATEGORIES, DocumentSpec, ParseResult, Section
from ingest.chunk import Chunker
from ingest.parse import Parser, read_policy_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"


@pytest.fixture(scope="module")
def corpus(policy_parser: Parser) -> dict[str, list[ParseResult]]:
    """Every document of the shipped corpus, parsed once: company id -> parse results."""
    listing = load_corpus(CORPUS)
    assert not listing.errors, [str(error) for error in listing.errors]
    return {m.id: [policy_parser.run(spec=doc, company=m.id) for doc in m.documents] for m in listing.manifests}


def sections_of(corpus: dict[str, list[ParseResult]], company: str, language: str | None = None) -> list[Section]:
    return [s for result in corpus[company] for s in result.sections if language in (None, s.language)]


def warnings_of(corpus: dict[str, list[ParseResult]], company: str) -> list[str]:
    return [str(w) for result in corpus[company] for w in result.warnings]


@pytest.mark.parametrize(("company", "language", "label"), [
    ("online-3d-printen", "nl", "Artikel 6"),
    ("online-3d-printen", "nl", "Artikel 20"),
    ("materialise", "en", "8.3 RIGHT TO ERASURE"),
    ("materialise", "en", "7 HOW LONG WE KEEP YOUR PERSONAL DATA"),
    ("materialise", "en", "3.1 PERSONAL DATA WE COLLECT ABOUT YOU"),
    ("materialise", "en", "8.1 RIGHT OF ACCESS"),
    ("j3d-prints", "nl", "Bewaartermijnen"),
    ("j3d-prints", "en", "Retention periods"),
    ("j3d-prints", "en", "Neostrada"),
    ("m3d-print", "en", "Data retention period"),
    ("m3d-print", "en", "Your rights"),
    ("pixeljet", "en", "Retention periods"),
    ("pixeljet", "en", "Cookie statement"),
    ("gdpr", "en", "Article 17"),
    ("gdpr", "fr", "Article 17"),
    ("gdpr", "nl", "Artikel 17"),
    ("gdpr", "de", "Artikel 17"),
])
def test_expected_labels_appear(corpus, company, language, label):
    labels = [s.label for s in sections_of(corpus, company, language)]
    assert label in labels, labels


@pytest.mark.parametrize("company", ["m3d-print", "j3d-prints", "online-3d-printen", "materialise", "pixeljet", "gdpr"])
def test_section_text_is_the_exact_slice_of_the_decoded_file(corpus, company):
    listing = load_corpus(CORPUS)
    manifest = listing.get(company)
    assert manifest.documents
    for doc, result in zip(manifest.documents, corpus[company], strict=True):
        text = read_policy_text(doc.path)
        for section in result.sections:
            assert text[section.start:section.end] == section.text
            assert text[:section.start].count("\n") + 1 == section.line_start
            assert text[:section.end].count("\n") + 1 == section.line_end
            assert section.text == section.text.strip()


@pytest.mark.parametrize("company", ["m3d-print", "j3d-prints", "online-3d-printen", "materialise", "pixeljet", "gdpr"])
def test_sections_do_not_overlap_and_ids_are_unique(corpus, company):
    for result in corpus[company]:
        spans = sorted((s.start, s.end) for s in result.sections)
        assert spans, company
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False))
        ids = [s.id for s in result.sections]
        assert len(ids) == len(set(ids))


@pytest.mark.parametrize("company", ["m3d-print", "j3d-prints", "pixeljet", "gdpr"])
def test_every_word_of_a_policy_is_in_a_section(corpus, company):
    manifest = load_corpus(CORPUS).get(company)
    assert manifest.documents
    for doc, result in zip(manifest.documents, corpus[company], strict=True):
        covered = "\n".join(s.text for s in result.sections)
        assert covered.split() == read_policy_text(doc.path).split()


def test_materialise_body_between_the_markers_is_fully_in_sections(corpus):
    doc = load_corpus(CORPUS).get("materialise").documents[0]
    text = read_policy_text(doc.path)
    body = text.split("\nData Privacy Notice.\n", 1)[1].split("\nFooter.\n", 1)[0]
    covered = "\n".join(s.text for s in sections_of(corpus, "materialise"))
    assert covered.split() == body.split()


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr"])
def test_gdpr_has_99_articles_in_order_per_language(corpus, language):
    labels = [s.label for s in sections_of(corpus, "gdpr", language)]
    word = "Article" if language in ("en", "fr") else "Artikel"
    assert labels == [f"{word} {n}" for n in range(1, 100)]


def test_gdpr_article_title_is_the_next_line_and_chapter_is_in_the_path(corpus):
    article = next(s for s in sections_of(corpus, "gdpr", "en") if s.label == "Article 17")
    assert article.title == "Right to erasure (‘right to be forgotten’)"
    assert article.path[0].startswith("CHAPTER III")
    assert article.path[-1] == "Article 17"
    assert "rights" in article.categories


def test_french_article_premier_is_labelled_article_1(corpus):
    first = sections_of(corpus, "gdpr", "fr")[0]
    assert first.label == "Article 1"
    assert "## Article premier" in first.text


def test_artikel_heading_gives_label_and_title(corpus):
    article = next(s for s in sections_of(corpus, "online-3d-printen") if s.label == "Artikel 6")
    assert article.title == "Bewaartermijn van Gegevens"
    assert article.text.startswith("Artikel 6: Bewaartermijn van Gegevens")
    assert "7 jaar" in article.text
    assert article.categories[0] == "retention"


def test_verbatim_repeated_articles_are_dropped_with_a_warning(corpus):
    labels = [s.label for s in sections_of(corpus, "online-3d-printen")]
    assert labels == [f"Artikel {n}" for n in range(1, 21)]
    repeated = [w for w in warnings_of(corpus, "online-3d-printen") if "repeats" in w]
    assert len(repeated) == 3
    assert all(re.search(r"002_31825930765d3a6a\.txt:\d+: section 'Artikel 1[378]' repeats", w) for w in repeated)


def test_materialise_navigation_is_cut_with_warnings(corpus):
    text = "\n".join(s.text for s in sections_of(corpus, "materialise"))
    assert "Materialise Magics 3D Print Suite" not in text
    assert "Disclaimer menu block" not in text
    assert "Footer." not in text
    warnings = [w for w in warnings_of(corpus, "materialise") if "navigation" in w]
    assert len(warnings) == 2
    assert any("dropped 154 lines" in w for w in warnings)


def test_materialise_split_numbering_gives_numbered_upper_case_labels(corpus):
    sections = sections_of(corpus, "materialise")
    by_label = {s.label: s for s in sections}
    erasure = by_label["8.3 RIGHT TO ERASURE"]
    assert re.match(r"8\.\n3\s+RIGHT TO ERASURETo the extent", erasure.text)
    assert erasure.path == ("8 YOUR RIGHTS AS DATA SUBJECTS", "8.3 RIGHT TO ERASURE")
    assert "3.2 LEGAL GROUNDS FOR PROCESSING" in by_label
    # 3.2.1 stays inside 3.2, and "131." / "254." (a split company number) are not headings.
    assert "Your Personal DataUnder" in by_label["3.2 LEGAL GROUNDS FOR PROCESSING"].text
    assert "131.\n254." in by_label["2 WHO CONTROLS YOUR PERSONAL DATA"].text
    assert not any(label.startswith(("131", "254")) for label in by_label)


def test_bilingual_file_is_split_into_english_and_dutch_versions(corpus):
    english = sections_of(corpus, "j3d-prints", "en")
    dutch = sections_of(corpus, "j3d-prints", "nl")
    assert dutch[0].label == "Privacy beleid"
    assert english[-1].end < dutch[0].start
    assert {s.document for s in english} == {s.document for s in dutch}
    assert not any("Bewaartermijnen" in s.text for s in english)


def test_heading_followed_by_a_heading_goes_into_the_path(corpus):
    neostrada = next(s for s in sections_of(corpus, "j3d-prints", "en") if s.label == "Neostrada")
    assert neostrada.path == ("Web hosting", "Neostrada")
    assert neostrada.text.startswith("Web hosting")


def test_numbered_list_items_that_are_sentences_stay_in_the_body(corpus):
    labels = [s.label for s in sections_of(corpus, "m3d-print")]
    assert not any(label.lstrip().startswith(("1.", "2.")) for label in labels)
    rights = next(s for s in sections_of(corpus, "m3d-print") if s.label == "Your rights")
    assert "Lodge a complaint with the Belgian Data Protection Authority" in rights.text


@pytest.mark.parametrize(("company", "label", "category"), [
    ("j3d-prints", "Retention periods", "retention"),
    ("j3d-prints", "Bewaartermijnen", "retention"),
    ("m3d-print", "Data security", "security"),
    ("pixeljet", "Sharing with third parties", "sharing"),
    ("materialise", "6 INTERNATIONAL TRANSFERS OF YOUR PERSONAL DATA", "transfer"),
    ("online-3d-printen", "Artikel 19", "breach"),
])
def test_sections_are_categorised(corpus, company, label, category):
    section = next(s for s in sections_of(corpus, company) if s.label == label)
    assert section.categories[0] == category
    assert set(section.categories) <= set(CATEGORIES)


@pytest.mark.parametrize("company", ["m3d-print", "j3d-prints", "online-3d-printen", "materialise", "pixeljet"])
def test_no_chunk_crosses_a_section(corpus, company):
    sections = sections_of(corpus, company)
    chunks = Chunker().run(sections=sections).chunks
    by_id = {s.id: s for s in sections}
    for chunk in chunks:
        section = by_id[chunk.section_id]
        assert section.start <= chunk.start < chunk.end <= section.end
        assert chunk.text in section.text


# --- bad input --------------------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError, match=r"empty\.txt: empty file"):
        read_policy_text(write(tmp_path, "empty.txt", b"  \n\n"))


def test_binary_file_is_a_parse_error_naming_the_line(tmp_path):
    with pytest.raises(ParseError, match=r"blob\.txt:2: binary file"):
        read_policy_text(write(tmp_path, "blob.txt", b"Privacy\n\x00\x01\x02"))


def test_undecodable_byte_is_reported_with_line_and_byte(tmp_path):
    data = b"Privacy policy\n\nWe keep data.\nDonn\xe9es personnelles\n"
    with pytest.raises(ParseError, match=r"latin1\.txt:4: not valid UTF-8 \(byte 0xe9\); save the file as UTF-8"):
        read_policy_text(write(tmp_path, "latin1.txt", data))


def test_byte_order_mark_is_stripped_and_crlf_kept(tmp_path):
    text = read_policy_text(write(tmp_path, "bom.txt", b"\xef\xbb\xbfPrivacy\r\n\r\nText.\r\n"))
    assert text == "Privacy\r\n\r\nText.\r\n"


def test_crlf_file_parses_with_exact_offsets(tmp_path, policy_parser):
    body = "Retention periods\r\n\r\nWe keep your data for two years.\r\n\r\nYour rights\r\n\r\nYou may ask for a copy.\r\n"
    path = write(tmp_path, "crlf.txt", body.encode())
    result = policy_parser.run(spec=DocumentSpec(file=path.name, path=path, languages=("en",)), company="shop")
    assert [s.label for s in result.sections] == ["Retention periods", "Your rights"]
    for section in result.sections:
        assert body[section.start:section.end] == section.text


def test_file_without_headings_becomes_one_section_with_a_warning(tmp_path, policy_parser):
    body = ("we only keep your order data for as long as the law requires, and we never sell it to anyone. "
            "you can ask us to delete it at any time by writing to the shop.\n")
    path = write(tmp_path, "notes.txt", body.encode())
    result = policy_parser.run(spec=DocumentSpec(file=path.name, path=path), company="shop")
    assert len(result.sections) == 1
    assert result.sections[0].label == "notes"
    assert result.sections[0].language == "en"
    assert any("no headings" in str(w) for w in result.warnings)


def test_unsupported_language_is_a_parse_error(tmp_path, policy_parser):
    body = ("Política de privacidad\n\nConservamos sus datos personales durante el tiempo necesario para cumplir "
            "con las finalidades para las que fueron recogidos y con las obligaciones legales aplicables.\n")
    path = write(tmp_path, "es.txt", body.encode())
    with pytest.raises(ParseError, match=r"es\.txt:1: unsupported language 'es'"):
        policy_parser.run(spec=DocumentSpec(file=path.name, path=path), company="shop")


def test_missing_marker_line_is_a_parse_error(tmp_path, policy_parser):
    path = write(tmp_path, "page.txt", b"Menu\n\nPrivacy\n\nWe keep data.\n")
    spec = DocumentSpec(file=path.name, path=path, languages=("en",), starts_after="Data Privacy Notice.")
    with pytest.raises(ParseError, match=r"starts_after line 'Data Privacy Notice\.' not found"):
        policy_parser.run(spec=spec, company="shop")


def test_two_different_sections_with_one_label_both_stay_with_unique_ids(tmp_path, policy_parser):
    body = ("Cookies\n\nWe use analytics cookies.\n\nRetention\n\nWe keep data a year.\n\n"
            "Cookies\n\nYou can refuse marketing cookies.\n")
    path = write(tmp_path, "twice.txt", body.encode())
    result = policy_parser.run(spec=DocumentSpec(file=path.name, path=path, languages=("en",)), company="shop")
    labels = [s.label for s in result.sections]
    assert labels == ["Cookies", "Retention", "Cookies (2)"]
    assert len({s.id for s in result.sections}) == 3


LINES = st.sampled_from([
    "", "", "Retention periods", "Artikel 3: Cookies", "## Article 7", "Conditions for consent", "CHAPTER II",
    "8.", "3    RIGHT TO ERASURETo the extent possible.", "131.", "1. Verantwortlicher", "# Title", "### 2.1. Sub",
    "We keep your data for two years.", "  1. Access your personal data.", "- a list item", "English\t2",
    "Koen de Wit", "Footer.", "\r", "   ", "Wij bewaren uw gegevens.",
])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=1, max_size=40))
def test_any_text_parses_into_exact_non_overlapping_slices(tmp_path, policy_parser, lines):
    body = "\n".join(lines)
    if not body.strip():
        return
    path = tmp_path / "random.txt"
    path.write_text(body, encoding="utf-8")
    result = policy_parser.run(spec=DocumentSpec(file=path.name, path=path, languages=("en",)), company="shop")
    assert result.sections
    previous_end = 0
    for section in result.sections:
        assert body[section.start:section.end] == section.text
        assert section.start >= previous_end
        previous_end = section.end
    assert len({s.id for s in result.sections}) == len(result.sections)


def test_a_name_followed_by_its_email_is_contact_text_not_a_heading(corpus):
    officer = sections_of(corpus, "pixeljet")[-1]
    assert officer.label == "Voluntary Data Processing Officer / Privacy Officer"
    assert officer.path == ("Contact Privacy Officer", "Voluntary Data Processing Officer / Privacy Officer")
    assert "Koen de Wit" in officer.text and "k.dewit@karsten.nl" in officer.text
