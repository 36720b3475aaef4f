"""Specification of the composition root: one store and one snapshot for every component, and a re-ingest swap."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from assistant.engine import build_engine, index_corpus_mismatch
from assistant.pipeline import AskPipeline
from assistant.types import Status
from core.errors import StoreError, relative_path
from ingest.pipeline import run_ingest

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"
QUESTIONS = (
    ("How long does Pixeljet keep my personal data?", None),
    ("Hoe lang bewaren jullie mijn persoonsgegevens?", "online-3d-printen"),
    ("Kann ich meine Daten bei M3D-Print löschen lassen?", None),
    ("Which shops share my data with payment providers?", None),
)


@pytest.fixture(scope="module")
def engine(hash_index):
    return build_engine(hash_index.replace(abstain_threshold=-1.0))


def test_every_component_reads_the_one_store_and_the_one_snapshot(engine) -> None:
    assert engine.pipeline.retriever is engine.retriever
    assert engine.pipeline.directory is engine.directory
    assert engine.retriever.store is engine.store
    assert all(dense.store is engine.store for dense in engine.retriever.dense.values())
    assert engine.snapshot.version == engine.info.version
    assert {chunk_id for section in engine.library.sections for chunk_id in section.chunk_ids} == set(
        engine.snapshot.by_id)
    assert [manifest.id for manifest in engine.manifests] == [manifest.id for manifest in engine.directory.manifests]


@pytest.mark.parametrize(("question", "company"), QUESTIONS)
def test_the_pipeline_alone_answers_exactly_as_the_engines(engine, question, company) -> None:
    alone = AskPipeline(settings=engine.settings)
    ours, theirs = (p.run(question=question, company=company).as_dict() for p in (engine.pipeline, alone))
    del ours["timing_ms"], theirs["timing_ms"]
    assert ours == theirs


def test_a_reloaded_engine_answers_from_the_new_index_and_keeps_the_models(make_index, small_corpus: Path,
                                                                           tmp_path: Path) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",)).replace(abstain_threshold=-1.0)
    old = build_engine(settings)
    question = "How long does Pixeljet keep my personal data?"
    policy = small_corpus / "pixeljet" / "004_d70c89b0774abc04.txt"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "Retention periods\n\n", "Retention periods\n\nRevision 42 of this section. ", 1), encoding="utf-8")
    assert run_ingest(settings).ok

    new = old.reloaded()
    assert new.info.version != old.info.version and new.snapshot.version == new.info.version
    assert new.store is old.store and new.retriever.dense["hash"] is old.retriever.dense["hash"]
    answer = new.pipeline.run(question=question)
    assert answer.status is Status.ANSWERED
    assert any("Revision 42" in citation.text for citation in answer.citations)
    assert any("Revision 42" in section.text for section in new.library.sections)
    assert not any("Revision 42" in chunk.text for chunk in old.snapshot.chunks)  # the old generation is unchanged
    assert old.pipeline.run(question=question).status is Status.ANSWERED


# ---------------------------------------------------------------- the index and the manifests agree


def test_an_index_of_another_corpus_is_refused_naming_both_sides_and_the_command_that_fixes_it(
        make_index, small_corpus: Path, tmp_path: Path) -> None:
    settings = make_index(tmp_path / "built", corpus_dir=small_corpus, embedders=("hash",))
    other = tmp_path / "other corpus"
    shutil.copytree(small_corpus / "m3d-print", other / "m3d-print")
    shutil.copytree(CORPUS / "online-3d-printen", other / "online-3d-printen")
    store, corpus = relative_path(settings.store_dir), relative_path(other)

    with pytest.raises(StoreError) as caught:
        build_engine(settings.replace(corpus_dir=other, embed_cache=settings.embed_cache))

    assert str(caught.value) == (
        f"index {store}/ holds m3d-print, pixeljet; corpus {corpus}/ has m3d-print, online-3d-printen "
        f"(only in the index: pixeljet; only in the corpus: online-3d-printen); "
        f"run `python -m ingest --corpus '{corpus}' --store {store}` to index this corpus, or pass the --corpus and "
        f"--store (PA_CORPUS_DIR, PA_STORE_DIR) that belong together")


def test_a_company_whose_manifest_does_not_load_is_not_a_mismatch(make_index, small_corpus: Path,
                                                                  tmp_path: Path) -> None:
    """Ingest keeps serving the previous chunks of a company whose manifest broke, and says so itself."""
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    (small_corpus / "pixeljet" / "manifest.toml").write_text("id = \n", encoding="utf-8")

    engine = build_engine(settings)

    assert [manifest.id for manifest in engine.manifests] == ["m3d-print"]
    assert set(engine.info.by_company) == {"m3d-print", "pixeljet"}


def test_the_agreement_check_lists_a_long_side_by_count(engine, tmp_path: Path) -> None:
    many = {f"shop-{n:02d}": 1 for n in range(12)}
    empty_corpus = engine.settings.replace(corpus_dir=tmp_path, embed_cache=engine.settings.embed_cache)
    mismatch = index_corpus_mismatch(empty_corpus, dataclasses.replace(engine.info, by_company=many), ())
    assert mismatch is not None
    assert "holds shop-00, shop-01, shop-02, shop-03, shop-04, shop-05, shop-06, shop-07 and 4 more; " in str(mismatch)
    assert "has no companies (only in the index: shop-00" in str(mismatch)
