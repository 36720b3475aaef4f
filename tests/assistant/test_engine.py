"""Specification of the composition root: one store and one snapshot for every component, and a re-ingest swap."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import build_engine
from assistant.pipeline import AskPipeline
from assistant.types import Status
from ingest.pipeline import run_ingest

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
