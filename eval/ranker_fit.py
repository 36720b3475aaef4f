"""Fit the ranker's linear score: a listwise softmax per question, then a probability calibration.

A candidate's score is `w @ x` on its standardised features. `w` maximises, for each training question, the share
of the softmax over its candidates' scores that falls on the candidates that answer (a conditional logit), each
question weighted (gold against PolicyQA), with an L2 penalty; L-BFGS from w = 0, convex, so deterministic.
Questions without an answering candidate carry no information for it and are skipped.

The score is then mapped to a probability of relevance by a one-feature logistic regression on the same rows
(Platt scaling). The order stays that of `w @ x`; the probability is what `assistant.citing` compares with its
thresholds, as it did when the ranker was a pointwise logistic regression.

Usage::

    weights = fit_listwise(matrix, labels, spans=[(0, 30), (30, 55)], question_weights=[1.0, 2.5], penalty=1e-3)
    scale, intercept = calibrate(matrix @ weights, labels, row_weights)
    probability = 1 / (1 + exp(-(scale * matrix @ weights + intercept)))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

__all__ = ["calibrate", "fit_listwise"]

MAX_ITERATIONS = 500


def fit_listwise(matrix: np.ndarray, labels: np.ndarray, *, spans: Sequence[tuple[int, int]],
                 question_weights: Sequence[float], penalty: float) -> np.ndarray:
    """The weights `w` of the listwise fit on the rows `start:end` of each span (one span per question).

    Args:
        matrix: standardised features, one row per (question, candidate).
        labels: 1 for a candidate that answers, else 0, per row.
        spans: each question's rows; spans without a positive label are skipped.
        question_weights: one weight per span.
        penalty: the L2 penalty on `w`.

    Raises:
        ValueError: no span has a candidate that answers, or L-BFGS stopped without converging (its message named).
    """
    used = [(start, end, weight) for (start, end), weight in zip(spans, question_weights, strict=True)
            if end > start and labels[start:end].any()]
    if not used:
        raise ValueError("fit_listwise needs at least one question with an answering candidate")
    rows = np.concatenate([np.arange(start, end) for start, end, _ in used])
    features = matrix[rows].astype(np.float64)
    positive = labels[rows].astype(np.float64)
    sizes = np.array([end - start for start, end, _ in used])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    question_of_row = np.repeat(np.arange(len(used)), sizes)
    weight = np.array([w for _, _, w in used], dtype=np.float64)
    total = float(weight.sum())

    def loss_and_gradient(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = features @ w
        # log-sum-exp over all candidates and over the answering ones, each shifted by its own maximum
        top = np.maximum.reduceat(scores, offsets)[question_of_row]
        top_answering = np.maximum.reduceat(np.where(positive > 0, scores, -np.inf), offsets)[question_of_row]
        exp = np.exp(scores - top)
        exp_answering = np.where(positive > 0, np.exp(np.minimum(scores - top_answering, 0.0)), 0.0)
        mass = np.add.reduceat(exp, offsets)
        answering = np.add.reduceat(exp_answering, offsets)
        log_share = (np.log(answering) + top_answering[offsets]) - (np.log(mass) + top[offsets])
        loss = -float(weight @ log_share) / total + penalty * float(w @ w)
        per_row = weight[question_of_row] * (exp / mass[question_of_row] - exp_answering / answering[question_of_row])
        return loss, features.T @ per_row / total + 2 * penalty * w

    result = minimize(loss_and_gradient, np.zeros(features.shape[1]), jac=True, method="L-BFGS-B",
                      options={"maxiter": MAX_ITERATIONS})
    if not result.success:
        raise ValueError(f"the listwise fit did not converge: {result.message}")
    return np.asarray(result.x, dtype=np.float64)


def calibrate(scores: np.ndarray, labels: np.ndarray, sample_weight: np.ndarray) -> tuple[float, float]:
    """(scale, intercept) of the logistic regression of `labels` on `scores` (Platt scaling), fitted on the training
    rows themselves.

    Raises:
        ValueError: the scale is not positive, so the probability would reverse the order of the scores.
    """
    model = LogisticRegression(C=1e6, max_iter=1000)
    model.fit(scores.reshape(-1, 1), labels, sample_weight=sample_weight)
    scale = float(model.coef_[0, 0])
    if scale <= 0:
        raise ValueError(f"calibration scale {scale:g} is not positive: the scores do not rank answering candidates"
                         " higher")
    return scale, float(model.intercept_[0])
