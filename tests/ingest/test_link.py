"""Specification of linking the language versions of one document (J3D's English and Dutch halves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.manifest import load_manifest
from core.types import Section
from ingest.link import link_language_versions
from ingest.parse import Parser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"


def parse(parser: Parser, company: str) -> list[Section]:
    manifest = load_manifest(CORPUS / company / "manifest.toml")
    return [s for doc in manifest.documents for s in parser.run(spec=doc, company=company).sections]


@pytest.fixture(scope="module")
def j3d(policy_parser: Parser) -> dict[tuple[str, str], Section]:
    linked = link_language_versions(parse(policy_parser, "j3d-prints"))
    return {(s.language, s.label): s for s in linked}


@pytest.mark.parametrize(("english", "dutch"), [
    ("Retention periods", "Bewaartermijnen"),
    ("Neostrada", "Neostrada"),
    ("Mollie", "Mollie"),
    ("PostNL", "PostNL"),
    ("Right of inspection", "Inzagerecht"),
    ("Data storage", "Lokale opslag"),
    ("Changes to the privacy policy", "Wijzigingen in het privacybeleid"),
])
def test_matching_sections_link_both_ways(j3d, english, dutch):
    en, nl = j3d[("en", english)], j3d[("nl", dutch)]
    assert en.linked == (nl.id,)
    assert nl.linked == (en.id,)


def test_links_are_monotone_and_one_to_one(j3d):
    english = sorted((s for s in j3d.values() if s.language == "en"), key=lambda s: s.start)
    order = {s.id: s.start for s in j3d.values()}
    targets = [order[s.linked[0]] for s in english if s.linked]
    assert targets == sorted(targets)
    assert len(targets) == len(set(targets))


def test_single_language_documents_are_returned_unchanged(policy_parser):
    sections = parse(policy_parser, "pixeljet")
    assert link_language_versions(sections) == tuple(sections)


def test_order_of_the_input_is_kept(policy_parser):
    sections = parse(policy_parser, "j3d-prints")
    assert [s.id for s in link_language_versions(sections)] == [s.id for s in sections]
