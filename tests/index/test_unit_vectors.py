"""Specification of the evidence-unit vectors: which texts are embedded, and where the cache files them."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.evidence_units import passage_units
from core.settings import load_settings
from core.types import Chunk
from index.embed import Embedder
from index.unit_vectors import UNIT_EMBEDDER, UnitVectors, unit_texts

POLICY = Path(__file__).resolve().parents[2] / "policies_corpus" / "m3d-print" / "000_48002a1284e2571b.txt"
RECIPIENTS = POLICY.read_text(encoding="utf-8").split("Recipients and processors")[1].split("Your rights")[0].strip()


def _chunk(company: str, text: str, n: int = 0) -> Chunk:
    return Chunk(id=f"{company}/doc.txt/en/s{n}#0", section_id=f"{company}/doc.txt/en/s{n}", company=company,
                 document="doc.txt", language="en", label=f"S{n}", title="", path=(), text=text, start=0,
                 end=len(text), line_start=1, line_end=1, passage=0, passages=1)


def test_unit_texts_are_the_distinct_display_texts_of_the_shops_units_only() -> None:
    chunks = [_chunk("m3d-print", RECIPIENTS), _chunk("m3d-print", RECIPIENTS, 1), _chunk("gdpr", "Article text.")]
    texts = unit_texts(chunks, skip_companies=("gdpr",))
    assert texts == [unit.display for unit in passage_units(RECIPIENTS)]
    assert "Shipping providers such as BPost or Mondial Relay." in texts
    assert "Article text." not in texts


def test_texts_are_cached_under_their_own_namespace_and_only_for_the_named_embedders(tmp_path: Path) -> None:
    settings = load_settings({}, store_dir=str(tmp_path / "store"), embedders="hash")
    embedder = Embedder(names=("hash",), settings=settings)
    key = embedder.keys["hash"]
    result = embedder.run_texts(texts=["We keep invoices for 7 years.", "We never sell your data."], namespace="units")
    assert result.vectors["hash"].shape == (2, 256) and result.embedded == 2
    assert embedder.cache.count(key) == 0  # the chunks' count is untouched
    assert embedder.cache.count(f"{key}#units") == 2
    again = embedder.run_texts(texts=["We never sell your data."], namespace="units")
    assert (again.embedded, again.cached) == (0, 1)
    assert embedder.run_texts(texts=["x"], namespace="units", names=()).vectors == {}
    embedder.close()


@pytest.mark.slow
def test_unit_vectors_are_the_embedders_passage_vectors_and_come_from_the_cache_the_second_time(tmp_path: Path) -> None:
    settings = load_settings({}, store_dir=str(tmp_path / "store"), embedders=UNIT_EMBEDDER)
    chunks = [_chunk("m3d-print", RECIPIENTS)]
    vectors = UnitVectors(settings=settings)
    found = vectors.run(chunks=chunks)
    assert set(found) == set(unit_texts(chunks))
    text = "Shipping providers such as BPost or Mondial Relay."
    fresh = vectors.embedder.models[UNIT_EMBEDDER].embed_passages([text])[0]
    assert float(found[text] @ fresh) > 0.999
    again = vectors.embedder.run_texts(texts=list(found), namespace="units")
    assert (again.embedded, again.cached) == (0, len(found))
    vectors.close()
