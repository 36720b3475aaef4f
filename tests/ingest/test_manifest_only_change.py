"""A change to a manifest's display fields (contact routes, controller, authority, document kind, effective date or
version) changes no section or chunk, so the ingest finds the index up to date and embeds nothing."""

from __future__ import annotations

from pathlib import Path

from core.manifest import load_manifest
from core.settings import load_settings
from ingest.pipeline import run_ingest


def test_editing_only_display_fields_keeps_the_index_and_embeds_nothing(small_corpus: Path, tmp_path: Path) -> None:
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"), embedders="hash")
    first = run_ingest(settings)
    assert first.ok and first.chunks > 0

    path = small_corpus / "pixeljet" / "manifest.toml"
    text = path.read_text(encoding="utf-8")
    edited = (text.replace('{kind = "email", value = "info@pixeljet.nl"}',
                           '{kind = "request_portal", value = "https://pixeljet.nl/privacy-request"}')
              .replace('supervisory_authority = "Autoriteit Persoonsgegevens (Dutch Personal Data Protection '
                       'Authority)"\n', 'controller = "Pixeljet B.V."\n')
              .replace('kind = "policy"', 'kind = "terms"\neffective = "2024-05-01"\nversion = "2.1"'))
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    manifest = load_manifest(path)
    assert (manifest.controller, manifest.supervisory_authority) == ("Pixeljet B.V.", "")
    assert (manifest.documents[0].kind, manifest.documents[0].version) == ("terms", "2.1")

    second = run_ingest(settings)
    assert second.ok
    assert (second.index_version, second.embedded, second.unchanged) == (first.index_version, 0, first.chunks)
