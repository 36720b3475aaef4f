"""Specification of the learned question-passage match: what it learns, how it is stored, and how the ranker's
training gets out-of-fold match features."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval import RankerModel
from assistant.retrieval.match import BilinearMatch
from core.errors import ConfigError
from eval.ranker_data import POLICYQA, Query, RankerData
from eval.ranker_match import COSINE_SCALE, fit_match, with_match_features

DIM = 12
TOPICS = 4
NAMES = ("toy_match", "toy_match_rel")


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def _toy_data(questions_per_policy: int = 6, policies: int = 10, seed: int = 0) -> RankerData:
    """Questions about topic t (direction t) whose answer lies in direction TOPICS + t, among candidates where a
    distractor shares the question's own direction, so that the cosine ranks the distractor first."""
    random = np.random.default_rng(seed)
    queries: list[Query] = []
    labels: list[int] = []
    start = 0
    for number in range(policies * questions_per_policy):
        topic = number % TOPICS
        question = _unit(np.eye(DIM)[topic] + 0.05 * random.normal(size=DIM))
        answer = _unit(np.eye(DIM)[TOPICS + topic] + 0.3 * np.eye(DIM)[topic] + 0.05 * random.normal(size=DIM))
        distractor = _unit(np.eye(DIM)[topic] + 0.05 * random.normal(size=DIM))
        noise = [_unit(random.normal(size=DIM)) for _ in range(3)]
        passages = np.stack([distractor, answer, *noise]).astype(np.float32)
        queries.append(Query(id=f"q{number}", source=POLICYQA, group=f"policy{number // questions_per_policy}",
                             language="en", start=start, end=start + len(passages), hits=(),
                             query_vectors={"toy": question.astype(np.float32)},
                             passage_vectors={"toy": passages}))
        labels += [0, 1, 0, 0, 0]
        start += len(passages)
    return RankerData(names=NAMES, features=np.zeros((start, len(NAMES)), dtype=np.float32),
                      labels=np.array(labels, dtype=np.int8), queries=tuple(queries), snapshot=None,  # type: ignore[arg-type]
                      data_hash="toy")


def _answer_first(data: RankerData, query: int, scores: np.ndarray) -> bool:
    entry = data.queries[query]
    return int(np.argmax(scores)) == int(np.argmax(data.labels[entry.start:entry.end]))


def test_the_cosine_alone_puts_the_distractor_first_in_the_toy_data() -> None:
    data = _toy_data()
    cosine_first = [_answer_first(data, q, query.passage_vectors["toy"] @ query.query_vectors["toy"])
                    for q, query in enumerate(data.queries)]
    assert cosine_first and not any(cosine_first)


def test_the_match_learns_which_passage_direction_answers_a_question_direction() -> None:
    data = _toy_data()
    train = [q for q, query in enumerate(data.queries) if query.group != "policy0"]
    held = [q for q, query in enumerate(data.queries) if query.group == "policy0"]
    match = fit_match(data, train, embedder="toy", lam=1e-4, rank=8)
    assert match is not None and match.left.shape == (DIM, 8)
    ranked = [_answer_first(data, q, match.score(data.queries[q].query_vectors["toy"],
                                                  data.queries[q].passage_vectors["toy"])) for q in held]
    assert ranked and all(ranked)


def test_when_lapacks_fast_svd_does_not_converge_the_match_is_cut_with_the_qr_svd(monkeypatch) -> None:
    data = _toy_data()
    expected = fit_match(data, range(len(data.queries)), embedder="toy", lam=1e-4, rank=8)

    def not_converging(*args, **kwargs):
        raise np.linalg.LinAlgError("SVD did not converge")

    monkeypatch.setattr(np.linalg, "svd", not_converging)
    match = fit_match(data, range(len(data.queries)), embedder="toy", lam=1e-4, rank=8)
    assert match is not None and expected is not None
    probe = data.queries[0]
    assert np.allclose(match.score(probe.query_vectors["toy"], probe.passage_vectors["toy"]),
                       expected.score(probe.query_vectors["toy"], probe.passage_vectors["toy"]), atol=1e-4)


def test_without_vectors_for_the_embedder_there_is_no_match() -> None:
    assert fit_match(_toy_data(), range(10), embedder="other", lam=1e-4) is None


def test_the_training_features_are_out_of_fold_and_rank_the_answer_first_next_to_the_cosine() -> None:
    data = _toy_data()
    stacked = with_match_features(data, lam=1e-4)
    assert not data.features.any(), "the input stays as it was"
    matched, relative = stacked.features[:, 0], stacked.features[:, 1]
    assert matched.any()
    for query in stacked.queries:
        assert relative[query.start:query.end].max() == pytest.approx(0.0)
    held_out = [_answer_first(stacked, q, COSINE_SCALE * query.passage_vectors["toy"] @ query.query_vectors["toy"]
                              + matched[query.start:query.end]) for q, query in enumerate(stacked.queries)]
    assert held_out and all(held_out)


def test_the_matches_travel_in_the_ranker_model_file(tmp_path) -> None:
    random = np.random.default_rng(1)
    match = BilinearMatch(left=random.normal(size=(DIM, 3)), right=random.normal(size=(DIM, 3)))
    model = RankerModel(features=NAMES, mean=np.zeros(2), scale=np.ones(2), coef=np.ones(2), intercept=0.0,
                        matches={"toy": match})
    path = tmp_path / "model.json"
    model.save(path)
    loaded = RankerModel.load(path, features=NAMES).matches["toy"]
    query, passages = random.normal(size=DIM), random.normal(size=(4, DIM))
    assert loaded.score(query, passages) == pytest.approx(match.score(query, passages), rel=1e-5)


def test_a_match_scores_zero_for_a_missing_or_foreign_vector() -> None:
    match = BilinearMatch(left=np.ones((DIM, 2)), right=np.ones((DIM, 2)))
    passages = np.ones((3, DIM))
    assert not match.score(None, passages).any()
    assert not match.score(np.ones(DIM + 1), passages).any()


@pytest.mark.parametrize(("document", "reason"), [
    ({"shape": [2, 2], "left": "AAAAAA==", "right": "AAAAAA=="}, "do not fill the shape"),
    ({"shape": [2, 2], "left": "not base64!"}, "malformed"),
    ({"left": ""}, "malformed"),
])
def test_a_malformed_match_is_refused_with_the_reason(document: dict, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        BilinearMatch.from_dict(document)
