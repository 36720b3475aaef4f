"""Specification of the ranker's fit: a listwise softmax per question, calibrated to a probability."""

from __future__ import annotations

import numpy as np
import pytest

from eval.ranker_fit import calibrate, fit_listwise


def _questions(count: int = 40, candidates: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray,
                                                                                list[tuple[int, int]]]:
    """Per question one answering candidate, told apart by feature 0 only relative to the other candidates of the
    same question: each question has its own offset on feature 0, so no global cut separates the labels, while
    feature 1 is noise."""
    random = np.random.default_rng(seed)
    rows, labels, spans = [], [], []
    for number in range(count):
        offset = random.normal(scale=5.0)
        answer = int(random.integers(candidates))
        for candidate in range(candidates):
            rows.append([offset + (1.0 if candidate == answer else 0.0) + 0.1 * random.normal(),
                         random.normal()])
            labels.append(1 if candidate == answer else 0)
        spans.append((number * candidates, (number + 1) * candidates))
    return np.array(rows), np.array(labels), spans


def test_the_listwise_weights_rank_the_answering_candidate_first_within_each_question() -> None:
    matrix, labels, spans = _questions()
    weights = fit_listwise(matrix, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1e-4)
    assert weights[0] > 0 and abs(weights[1]) < weights[0] / 5
    firsts = [int(np.argmax(matrix[start:end] @ weights)) for start, end in spans]
    answers = [int(np.argmax(labels[start:end])) for start, end in spans]
    assert len(firsts) == 40
    assert firsts == answers


def test_a_larger_penalty_shrinks_the_weights() -> None:
    matrix, labels, spans = _questions()
    loose = fit_listwise(matrix, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1e-4)
    tight = fit_listwise(matrix, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1.0)
    assert np.linalg.norm(tight) < np.linalg.norm(loose)


def test_questions_without_an_answering_candidate_do_not_move_the_fit() -> None:
    matrix, labels, spans = _questions()
    unanswered = np.random.default_rng(1).normal(size=(6, 2)) * 10
    with_extra = fit_listwise(np.vstack([matrix, unanswered]), np.concatenate([labels, np.zeros(6, dtype=int)]),
                              spans=[*spans, (len(labels), len(labels) + 6)],
                              question_weights=[1.0] * (len(spans) + 1), penalty=1e-3)
    without = fit_listwise(matrix, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1e-3)
    np.testing.assert_allclose(with_extra, without, rtol=1e-6)


def test_a_question_weight_of_zero_ignores_that_question() -> None:
    matrix, labels, spans = _questions()
    flipped = labels.copy()
    start, end = spans[0]
    flipped[start:end] = 1 - labels[start:end]
    weights = [0.0] + [1.0] * (len(spans) - 1)
    np.testing.assert_allclose(fit_listwise(matrix, flipped, spans=spans, question_weights=weights, penalty=1e-3),
                               fit_listwise(matrix, labels, spans=spans, question_weights=weights, penalty=1e-3),
                               rtol=1e-6)


def test_without_any_answering_candidate_the_fit_says_so() -> None:
    matrix, labels, spans = _questions(count=3)
    with pytest.raises(ValueError, match="at least one question with an answering candidate"):
        fit_listwise(matrix, np.zeros_like(labels), spans=spans, question_weights=[1.0] * 3, penalty=1e-3)


def test_the_calibration_keeps_the_order_and_gives_higher_probability_to_higher_scores() -> None:
    scores = np.linspace(-3, 3, 200)
    labels = (np.random.default_rng(2).random(200) < 1 / (1 + np.exp(-2 * scores))).astype(int)
    scale, intercept = calibrate(scores, labels, np.ones(200))
    assert scale > 0
    probability = 1 / (1 + np.exp(-(scale * scores + intercept)))
    assert np.all(np.diff(probability) > 0)
    assert 1.0 < scale < 4.0


def test_the_fit_reaches_the_minimum_its_gradient_describes() -> None:
    """At the returned weights the loss is lowest: any small step in any direction raises it."""
    matrix, labels, spans = _questions(count=20)
    weights = fit_listwise(matrix, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1e-2)

    def loss(w: np.ndarray) -> float:
        total = 0.0
        for start, end in spans:
            scores = matrix[start:end] @ w
            shifted = np.exp(scores - scores.max())
            total -= np.log(shifted[labels[start:end] == 1].sum() / shifted.sum())
        return total / len(spans) + 1e-2 * float(w @ w)

    at_minimum = loss(weights)
    steps = [step * direction for step in (1e-3, -1e-3) for direction in np.eye(2)]
    assert len(steps) == 4
    assert all(loss(weights + step) > at_minimum for step in steps)


def test_extreme_scores_give_a_finite_fit() -> None:
    matrix, labels, spans = _questions(count=10)
    weights = fit_listwise(matrix * 1e3, labels, spans=spans, question_weights=[1.0] * len(spans), penalty=1e-4)
    assert np.all(np.isfinite(weights))


def test_scores_that_rank_answers_lower_are_refused_by_the_calibration() -> None:
    scores = np.linspace(-3, 3, 200)
    with pytest.raises(ValueError, match="not positive"):
        calibrate(scores, (scores < 0).astype(int), np.ones(200))
