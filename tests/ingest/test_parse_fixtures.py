"""Specification of the parser on real policies of other organisations (EN/NL/DE/FR, differing heading styles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.types import DocumentSpec, ParseResult
from ingest.parse import Parser, read_policy_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extra_policies"
FILES = sorted(FIXTURES.glob("*/*.md"))


@pytest.fixture(scope="module")
def parsed(policy_parser: Parser) -> dict[str, ParseResult]:
    """Every fixture parsed once, with its language left to detection: file name -> result."""
    return {path.name: policy_parser.run(spec=DocumentSpec(file=path.name, path=path), company="fixture")
            for path in FILES}


def test_all_seven_fixtures_are_present():
    assert len(FILES) == 7
    assert {path.parent.name for path in FILES} == {"de", "en", "fr", "nl"}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_language_is_detected_from_the_text(parsed, path):
    assert {s.language for s in parsed[path.name].sections} == {path.parent.name}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_sections_are_exact_slices_and_cover_the_text(parsed, path):
    text = read_policy_text(path)
    sections = parsed[path.name].sections
    assert len(sections) >= 5
    for section in sections:
        assert text[section.start:section.end] == section.text
    covered = "\n".join(s.text for s in sections)
    assert len(covered.split()) == len(text.split())  # no word left outside a section


@pytest.mark.parametrize(("name", "label"), [
    ("neosearch-urteile-gesetze-datenschutzerklaerung.md", "1. Verantwortlicher i.S.d. Art. 4 Abs. 7 DSGVO"),
    ("neosearch-urteile-gesetze-datenschutzerklaerung.md", "9. Beschwerderecht bei der Aufsichtsbehörde gem. Art. 77 I DSGVO"),
    ("octoprint-org-datenschutzerklaerung-2018.md", "SSL- bzw. TLS-Verschlüsselung"),
    ("3dhubs-privacy-policy-2014-en.md", "1. General"),
    ("3dhubs-privacy-policy-2014-en.md", "2.2. Private messages"),
    ("shapeways-privacy-statement-2015-en.md", "Information We Share"),
    ("demarches-simplifiees-dinum-politique-confidentialite.md", "3. Combien de temps vos données sont-elles conservées ?"),
    ("ecobalyse-ademe-cgdd-politique-confidentialite.md", "V - Pendant combien de temps conservons-nous ces données ?"),
    ("coronacheck-privacyverklaring-nl.md", "6. Hoelang bewaren we jouw gegevens?"),
])
def test_headings_of_each_style_become_labels(parsed, name, label):
    assert label in [s.label for s in parsed[name].sections]


@pytest.mark.parametrize(("name", "label", "parent"), [
    ("neosearch-urteile-gesetze-datenschutzerklaerung.md", "Dauer der Speicherung", "2. Bereitstellung der Website und Erstellung von Logfiles"),
    ("octoprint-org-datenschutzerklaerung-2018.md", "IP Anonymisierung", "Google Analytics"),
    ("3dhubs-privacy-policy-2014-en.md", "2.2. Private messages", "2. What we collect"),
    ("demarches-simplifiees-dinum-politique-confidentialite.md", "2.2. Sécurisation de la plateforme", "2. Quelle est la base légale des traitements ?"),
])
def test_sub_headings_nest_under_their_parent(parsed, name, label, parent):
    section = next(s for s in parsed[name].sections if s.label == label)
    assert parent in section.path[:-1]


@pytest.mark.parametrize(("name", "label"), [
    ("3dhubs-privacy-policy-2014-en.md", "3.3. Our webservers collect information for the sole purpose of improving the Website and our Services."),
    ("coronacheck-privacyverklaring-nl.md", "Verwerkers van de minister:"),
])
def test_sentences_are_not_headings(parsed, name, label):
    assert label not in [s.label for s in parsed[name].sections]


@pytest.mark.parametrize(("name", "label", "category"), [
    ("demarches-simplifiees-dinum-politique-confidentialite.md", "3. Combien de temps vos données sont-elles conservées ?", "retention"),
    ("ecobalyse-ademe-cgdd-politique-confidentialite.md", "VI - Quels droits avez-vous ?", "rights"),
    ("coronacheck-privacyverklaring-nl.md", "11. Beveiliging van je persoonsgegevens", "security"),
    ("octoprint-org-datenschutzerklaerung-2018.md", "Cookies", "cookies"),
    ("3dhubs-privacy-policy-2014-en.md", "4. Third-Parties", "sharing"),
])
def test_fixture_sections_are_categorised_in_their_language(parsed, name, label, category):
    section = next(s for s in parsed[name].sections if s.label == label)
    assert section.categories[0] == category
