"""Specification of the app's start-up on an index of another corpus: a failed start that names the fix, and the
staff console's re-ingest that repairs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import StoreError
from webapp.service import AssistantService

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"


def test_an_index_of_another_corpus_is_the_start_up_failure_until_a_re_ingest(make_index, small_corpus: Path,
                                                                               tmp_path: Path) -> None:
    """The app ingests on start only into an empty store, so a two-shop index meets the full corpus's manifests."""
    small = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    settings = small.replace(corpus_dir=CORPUS, data_dir=tmp_path / "data", embed_cache=small.embed_cache)
    service = AssistantService(settings=settings)

    with pytest.raises(StoreError, match="only in the corpus: gdpr, "):
        service.warm_up()
    assert service.state == "failed" and not service.wait_ready(timeout=0)
    assert "holds m3d-print, pixeljet; corpus " in service.detail
    assert "python -m ingest --corpus " in service.detail

    report = service.reingest()  # the staff console's button
    assert report.ok and service.ready
    assert set(service.engine.info.by_company) == {manifest.id for manifest in service.manifests}
