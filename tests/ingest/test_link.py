"""Specification of linking a policy's language versions: four files of one policy (the Filamentum fixture), the
two halves of J3D's bilingual file, and the GDPR's four files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.manifest import load_manifest
from core.types import Section
from ingest.link import LinkResult, SectionLinker, numbering_key
from ingest.parse import Parser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"
FILAMENTUM = ROOT / "tests" / "fixtures" / "language_versions" / "filamentum"


def parse(parser: Parser, folder: Path) -> tuple[list[Section], dict[str, str]]:
    manifest = load_manifest(folder / "manifest.toml")
    sections = [s for doc in manifest.documents for s in parser.run(spec=doc, company=manifest.id).sections]
    return sections, {doc.file: doc.policy_id for doc in manifest.documents}


def by_label(result: LinkResult) -> dict[tuple[str, str], Section]:
    return {(s.language, s.label): s for s in result.sections}


def partners(result: LinkResult, section: Section) -> dict[str, str]:
    """Language -> label of the sections linked to `section`."""
    ids = {s.id: s for s in result.sections}
    return {ids[i].language: ids[i].label for i in section.linked}


@pytest.fixture(scope="module")
def j3d(policy_parser: Parser) -> LinkResult:
    sections, policies = parse(policy_parser, CORPUS / "j3d-prints")
    return SectionLinker().run(sections=sections, policy_of=policies)


@pytest.mark.parametrize(("label", "key"), [
    ("Artikel 6", "6"), ("8.3 RIGHT TO ERASURE", "8.3"), ("1. Who we are", "1"), ("Article 15", "15"),
    ("Artikel 10 – Wijzigingen van dit beleid", "10"), ("II - Données", "II"), ("§ 4 Rechte", "4"),
    ("3D printing files", None), ("Retention periods", None), ("Civil liability", None),
])
def test_numbering_key_reads_the_number_a_heading_starts_with(label, key):
    assert numbering_key(label) == key


@pytest.mark.parametrize(("english", "dutch"), [
    ("Retention periods", "Bewaartermijnen"),
    ("Neostrada", "Neostrada"),
    ("Mollie", "Mollie"),
    ("PostNL", "PostNL"),
    ("Right of inspection", "Inzagerecht"),
    ("Data storage", "Lokale opslag"),
    ("Changes to the privacy policy", "Wijzigingen in het privacybeleid"),
])
def test_the_halves_of_a_bilingual_file_link_both_ways(j3d, english, dutch):
    sections = by_label(j3d)
    en, nl = sections[("en", english)], sections[("nl", dutch)]
    assert en.linked == (nl.id,)
    assert nl.linked == (en.id,)


def test_links_are_monotone_and_one_to_one(j3d):
    english = sorted((s for s in j3d.sections if s.language == "en"), key=lambda s: s.start)
    order = {s.id: s.start for s in j3d.sections}
    targets = [order[s.linked[0]] for s in english if s.linked]
    assert len(targets) == len(english)
    assert targets == sorted(targets)
    assert len(targets) == len(set(targets))
    assert j3d.warnings == ()


def test_single_language_documents_are_returned_unchanged(policy_parser):
    sections, policies = parse(policy_parser, CORPUS / "pixeljet")
    result = SectionLinker().run(sections=sections, policy_of=policies)
    assert result.sections == tuple(sections)
    assert result.warnings == ()


def test_order_of_the_input_is_kept(policy_parser):
    sections, policies = parse(policy_parser, CORPUS / "j3d-prints")
    assert [s.id for s in SectionLinker().run(sections=sections, policy_of=policies).sections] == [
        s.id for s in sections]


def test_the_gdpr_files_link_article_by_article(policy_parser):
    sections, policies = parse(policy_parser, CORPUS / "gdpr")
    result = SectionLinker().run(sections=sections, policy_of=policies)
    article_15 = by_label(result)[("en", "Article 15")]
    assert partners(result, article_15) == {"de": "Artikel 15", "fr": "Article 15", "nl": "Artikel 15"}
    assert result.warnings == ()


def test_files_of_different_policies_are_not_linked(policy_parser):
    sections, policies = parse(policy_parser, FILAMENTUM)
    result = SectionLinker().run(sections=sections, policy_of={file: file for file in policies})
    assert all(not s.linked for s in result.sections)


def test_numbered_versions_link_by_number_although_headings_differ(policy_parser):
    sections, policies = parse(policy_parser, FILAMENTUM)
    numbered = [s for s in sections if s.language != "fr"]
    result = SectionLinker().run(sections=numbered, policy_of=policies)
    retention = by_label(result)[("en", "6. How long we keep your data")]
    assert partners(result, retention) == {"de": "6. Wie lange wir Ihre Daten speichern",
                                           "nl": "Artikel 6 – Hoe lang wij uw gegevens bewaren"}
    assert result.warnings == ()


def test_versions_of_equal_length_without_numbers_link_by_position(policy_parser):
    sections, policies = parse(policy_parser, FILAMENTUM)
    french = [s for s in sections if s.language == "fr" and s.label != "Vente de données"]
    english = [replace(s, label=s.label.split(". ", 1)[1]) for s in sections if s.language == "en"]  # no numbers
    assert [numbering_key(s.label) for s in english] == [None] * len(english)
    result = SectionLinker().run(sections=[*english, *french], policy_of=policies)
    linked = [partners(result, s).get("fr") for s in result.sections if s.language == "en"]
    assert linked == [s.label for s in french]


@pytest.mark.slow
def test_versions_that_differ_in_length_are_aligned_by_embeddings(policy_parser, seed_settings):
    from index.unit_vectors import LINK_NAMESPACE, UnitVectors

    sections, policies = parse(policy_parser, FILAMENTUM)
    vectors = UnitVectors(settings=seed_settings, namespace=LINK_NAMESPACE)
    try:
        result = SectionLinker(embed=vectors.embed_texts).run(sections=sections, policy_of=policies)
    finally:
        vectors.close()
    english = [s for s in result.sections if s.language == "en"]
    assert len(english) == 10
    expected_fr = ["Qui sommes-nous ?", "Les données que nous collectons", "Pourquoi nous utilisons vos données",
                   "Base juridique", "Qui reçoit vos données", "Combien de temps nous conservons vos données",
                   "Vos droits", "Sécurité", "Réclamations", "Modifications de cette politique"]
    assert [partners(result, s)["fr"] for s in english] == expected_fr
    assert [str(w) for w in result.warnings] == [
        f"filamentum/privacy-fr.md:18: section 'Vente de données' (fr) has no linked section in {language}"
        for language in ("de", "en", "nl")]


@pytest.mark.slow
def test_embedding_alignment_skips_a_section_missing_from_one_version(policy_parser, seed_settings):
    from index.unit_vectors import LINK_NAMESPACE, UnitVectors

    sections, policies = parse(policy_parser, CORPUS / "j3d-prints")
    dropped = ("nl", "Neostrada")
    kept = [s for s in sections if (s.language, s.label) != dropped]
    vectors = UnitVectors(settings=seed_settings, namespace=LINK_NAMESPACE)
    try:
        result = SectionLinker(embed=vectors.embed_texts).run(sections=kept, policy_of=policies)
    finally:
        vectors.close()
    sections_by_label = by_label(result)
    assert partners(result, sections_by_label[("en", "Retention periods")]) == {"nl": "Bewaartermijnen"}
    assert partners(result, sections_by_label[("en", "Mollie")]) == {"nl": "Mollie"}
    assert [str(w) for w in result.warnings] == [
        f"j3d-prints/001_ee5694b89859d272.txt:{sections_by_label[('en', 'Neostrada')].line_start}: "
        "section 'Neostrada' (en) has no linked section in nl"]


def test_a_policy_in_language_folders_is_ingested_with_its_versions_linked(make_index, tmp_path):
    """`file = "en/privacy.md"`: one folder per language, as many sites publish them; the fast hash embedder, so
    the French version (no numbers, one more section) is aligned by names, numbers and categories."""
    from index.store import ChunkStore

    company = tmp_path / "corpus" / "filamentum"
    manifest = (FILAMENTUM / "manifest.toml").read_text(encoding="utf-8")
    for language in ("en", "nl", "de", "fr"):
        (company / language).mkdir(parents=True)
        (company / language / "privacy.md").write_bytes((FILAMENTUM / f"privacy-{language}.md").read_bytes())
        manifest = manifest.replace(f'file = "privacy-{language}.md"', f'file = "{language}/privacy.md"')
    (company / "manifest.toml").write_text(manifest, encoding="utf-8")
    settings = make_index(tmp_path, corpus_dir=tmp_path / "corpus", embedders=("hash",))
    store = ChunkStore(store_dir=settings.store_dir, chroma_url=settings.chroma_url, embedders=settings.embedders)
    try:
        chunks = store.chunks()
    finally:
        store.close()
    sections = {chunk.section_id: chunk for chunk in chunks}
    retention = next(c for c in chunks if c.document == "nl/privacy.md" and c.label.startswith("Artikel 6"))
    assert sorted((sections[i].document, sections[i].label) for i in retention.linked) == [
        ("de/privacy.md", "6. Wie lange wir Ihre Daten speichern"),
        ("en/privacy.md", "6. How long we keep your data"),
        ("fr/privacy.md", "Combien de temps nous conservons vos données")]
