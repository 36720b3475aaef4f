"""Train the learned ranker on the dev splits, cross-validated by policy, and write its model file and ablation.

    python -m eval train-ranker --policyqa ../shared/policyqa/dev [--out assistant/retrieval/ranker_model.json]
                                [--gold eval/gold] [--depth 30] [--cache FILE] [--ablation FILE] [--json]

The model is a linear score on standardised features, one row per (question, candidate) pair, label 1 for a
candidate that answers, fitted listwise (a softmax over each question's candidates; `eval/ranker_fit.py`,
deterministic) and calibrated to a probability on out-of-fold scores. Gold questions are weighted so that they
weigh as much as the PolicyQA ones. The L2 penalty and the gold weight are chosen by `GroupKFold` cross-validation
over companies/policies (5 folds) on the dev data; the reported numbers are those held-out predictions.

The `match` features come from the learned question-passage matches (`eval/ranker_match.py`). The ranker is trained
and cross-validated on out-of-fold match scores, the match's L2 penalty and gold weight are chosen on the
same cross-validation (`MATCH_GRID`) as the ranker's penalty, and the matches written to the model file are fitted
on all dev questions.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler

from assistant.companies import read_manifests
from assistant.engine import open_store
from assistant.retrieval import DEFAULT_RANKER_MODEL, FEATURE_GROUPS, IndexSnapshot, RankerModel, feature_groups
from core.cli_runner import Invocation
from eval.metrics import hit_at, reciprocal_rank
from eval.ranker_data import FOLDS, GOLD, POLICYQA, RankerData, collect, policy_folds, rank_of, training_data_hash
from eval.ranker_fit import calibrate, fit_listwise
from eval.ranker_match import COSINE_SCALE, RANK, fit_matches, with_match_features

__all__ = ["Fitted", "Setting", "ablation", "build_parser", "cross_validate", "fit", "out_of_fold_calibration",
           "train_command"]

logger = logging.getLogger("eval")

MATCH_GRID = ((1e-5, 0.0), (1e-6, 0.0), (1e-5, 1.0))
"""(L2 penalty, gold weight) pairs tried for the match; gold weight 0 trains it on PolicyQA alone, 1 weighs a gold
question like a PolicyQA one."""
GRID = ((1e-4, 1.0), (1e-3, 1.0), (1e-2, 1.0), (1e-3, 0.5), (1e-3, 2.0))
"""(L2 penalty, gold weight factor) pairs tried; the factor scales the weight that balances gold against PolicyQA."""


@dataclass(frozen=True)
class Setting:
    """Training options: the L2 penalty, the gold weight factor, and the feature columns used."""

    penalty: float = 1e-3
    gold_factor: float = 1.0
    columns: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Fitted:
    """A fitted ranker: the feature scaler, the listwise weights, and their calibration to log-odds of relevance."""

    scaler: StandardScaler
    weights: np.ndarray
    scale: float
    intercept: float

    @property
    def coef(self) -> np.ndarray:
        """The coefficients of the calibrated score on standardised features (what the model file stores)."""
        return self.scale * self.weights

    def raw(self, matrix: np.ndarray) -> np.ndarray:
        """The listwise score of each row of `matrix` (raw features), before calibration."""
        return np.asarray(self.scaler.transform(matrix) @ self.weights, dtype=np.float64)

    def decision(self, matrix: np.ndarray) -> np.ndarray:
        """The calibrated log-odds of relevance of each row of `matrix` (raw features)."""
        return self.scale * self.raw(matrix) + self.intercept


def _question_weights(data: RankerData, factor: float) -> np.ndarray:
    """Per-question weights: each source weighs in proportion to its number of questions, gold scaled to
    PolicyQA's."""
    gold = sum(1 for query in data.queries if query.source == GOLD)
    policyqa = len(data.queries) - gold
    boost = factor * (policyqa / gold if gold and policyqa else 1.0)
    return np.array([boost if query.source == GOLD else 1.0 for query in data.queries])


def _rows(data: RankerData, queries: Sequence[int]) -> np.ndarray:
    return np.concatenate([np.arange(data.queries[q].start, data.queries[q].end) for q in queries]
                          or [np.zeros(0, dtype=np.int64)])


def fit(data: RankerData, setting: Setting, queries: Sequence[int] | None = None, *,
        calibration: tuple[float, float] | None = None) -> Fitted:
    """Fit the scaler and the listwise weights on the candidates of `queries` (default all), with the given
    (scale, intercept) `calibration`, or one fitted on the same candidates when None."""
    chosen = list(range(len(data.queries)) if queries is None else queries)
    rows = _rows(data, chosen)
    columns = np.array(setting.columns if setting.columns is not None else range(len(data.names)), dtype=np.int64)
    matrix = data.features[np.ix_(rows, columns)].astype(np.float64)
    scaler = StandardScaler().fit(matrix)
    scaler.scale_ = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    scaled = scaler.transform(matrix)
    sizes = [data.queries[q].end - data.queries[q].start for q in chosen]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int) if sizes else np.zeros(0, dtype=int)
    spans = [(int(start), int(start) + size) for start, size in zip(starts, sizes, strict=True)]
    question_weights = _question_weights(data, setting.gold_factor)[chosen]
    labels = data.labels[rows]
    weights = fit_listwise(scaled, labels, spans=spans, question_weights=question_weights.tolist(),
                           penalty=setting.penalty)
    scale, intercept = calibration or calibrate(scaled @ weights, labels, np.repeat(question_weights, sizes))
    return Fitted(scaler=scaler, weights=weights, scale=scale, intercept=intercept)


def out_of_fold_calibration(data: RankerData, setting: Setting) -> tuple[float, float]:
    """(scale, intercept) of the calibration fitted on held-out scores: each fold's candidates scored by the weights
    fitted on the other folds, so that the probability the answering code compares with its thresholds is that of
    unseen questions, not of the training rows."""
    scores, labels, weights = [], [], []
    question_weights = _question_weights(data, setting.gold_factor)
    for train, held in policy_folds(data):
        fitted = fit(data, setting, train.tolist())
        for q in held:
            query = data.queries[q]
            if query.end > query.start:
                scores.append(fitted.raw(data.features[query.start:query.end].astype(np.float64)))
                labels.append(data.labels[query.start:query.end])
                weights.append(np.full(query.end - query.start, question_weights[q]))
    return calibrate(np.concatenate(scores), np.concatenate(labels), np.concatenate(weights))


def _metrics(data: RankerData, ranks: dict[int, int | None]) -> dict[str, dict[str, float]]:
    gold = [rank for q, rank in ranks.items() if data.queries[q].source == GOLD]
    policyqa = [rank for q, rank in ranks.items() if data.queries[q].source == POLICYQA]
    out: dict[str, dict[str, float]] = {}
    if gold:
        out[GOLD] = {"hit@1": statistics.fmean(hit_at(r, 1) for r in gold),
                     "hit@3": statistics.fmean(hit_at(r, 3) for r in gold), "n": len(gold)}
    if policyqa:
        out[POLICYQA] = {"hit@1": statistics.fmean(hit_at(r, 1) for r in policyqa),
                         "hit@5": statistics.fmean(hit_at(r, 5) for r in policyqa),
                         "mrr@10": statistics.fmean(reciprocal_rank(r, cutoff=10) for r in policyqa),
                         "n": len(policyqa)}
    return out


def rrf_metrics(data: RankerData) -> dict[str, dict[str, float]]:
    """The metrics of the weighted-RRF order of the same candidates (the baseline)."""
    return _metrics(data, {q: rank_of(query, [hit.score for hit in query.hits], snapshot=data.snapshot)
                           for q, query in enumerate(data.queries)})


def cross_validate(data: RankerData, setting: Setting) -> dict[str, dict[str, float]]:
    """Held-out metrics: `GroupKFold` over companies/policies, each fold scored by a model trained on the others."""
    ranks: dict[int, int | None] = {}
    columns = list(setting.columns) if setting.columns is not None else list(range(len(data.names)))
    for train, held in policy_folds(data):
        fitted = fit(data, setting, train.tolist())
        for q in held:
            query = data.queries[q]
            matrix = data.features[query.start:query.end][:, columns].astype(np.float64)
            scores = fitted.decision(matrix) if len(matrix) else np.zeros(0)
            ranks[int(q)] = rank_of(query, scores.tolist(), snapshot=data.snapshot)
    return _metrics(data, ranks)


def _objective(metrics: dict[str, dict[str, float]]) -> float:
    """What the grid maximises: the mean of gold Hit@1 and Hit@3 and PolicyQA Hit@1 and Hit@5."""
    gold, policyqa = metrics.get(GOLD, {}), metrics.get(POLICYQA, {})
    return statistics.fmean([gold.get("hit@1", 0.0), gold.get("hit@3", 0.0), policyqa.get("hit@1", 0.0),
                             policyqa.get("hit@5", 0.0)])


def ablation(data: RankerData, setting: Setting) -> list[tuple[str, dict[str, dict[str, float]]]]:
    """Cross-validated metrics of every feature group switched off, and of the fusion score with one group on."""
    groups = feature_groups(_embedders(data.names))
    index = {name: i for i, name in enumerate(data.names)}
    rows: list[tuple[str, dict[str, dict[str, float]]]] = [("weighted RRF (no ranker)", rrf_metrics(data)),
                                                           ("all features", cross_validate(data, setting))]
    for group in FEATURE_GROUPS:
        kept = tuple(index[name] for other, names in groups.items() if other != group for name in names)
        rows.append((f"without {group}", cross_validate(data, Setting(setting.penalty, setting.gold_factor, kept))))
    for group in FEATURE_GROUPS[1:]:
        kept = tuple(index[name] for name in (*groups["fusion"], *groups[group]))
        rows.append((f"fusion + {group} only",
                     cross_validate(data, Setting(setting.penalty, setting.gold_factor, kept))))
    return rows


def _embedders(names: Sequence[str]) -> tuple[str, ...]:
    """The embedders of a feature list: the prefixes of the dense `<embedder>_passage_rel` features."""
    return tuple(name.removesuffix("_passage_rel") for name in names if name.endswith("_passage_rel"))


def ablation_markdown(rows: Sequence[tuple[str, dict[str, dict[str, float]]]]) -> str:
    """The ablation as a Markdown table."""
    lines = ["| config | gold H@1 | gold H@3 | PolicyQA H@1 | PolicyQA H@5 | PolicyQA MRR@10 |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, metrics in rows:
        gold, policyqa = metrics.get(GOLD, {}), metrics.get(POLICYQA, {})
        lines.append(f"| {name} | {gold.get('hit@1', 0):.3f} | {gold.get('hit@3', 0):.3f} | "
                     f"{policyqa.get('hit@1', 0):.3f} | {policyqa.get('hit@5', 0):.3f} | "
                     f"{policyqa.get('mrr@10', 0):.3f} |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m eval train-ranker`."""
    parser = argparse.ArgumentParser(
        prog="python -m eval train-ranker",
        description="Train the learned ranker on the gold dev split and PolicyQA dev (cross-validated by policy) and"
                    " write its model file. Never reads the test split.")
    parser.add_argument("--policyqa", metavar="DIR", type=Path, required=True,
                        help="PolicyQA dev folder (corpus.jsonl, queries.jsonl, qrels.tsv)")
    parser.add_argument("--gold", metavar="PATH", type=Path, default=Path(__file__).resolve().parent / "gold",
                        help="gold file or folder; only its dev items are used (default: eval/gold)")
    parser.add_argument("--out", metavar="FILE", type=Path, default=DEFAULT_RANKER_MODEL,
                        help="model file to write (default: assistant/retrieval/ranker_model.json)")
    parser.add_argument("--depth", metavar="N", type=int, default=30, help="candidates per question (default 30)")
    parser.add_argument("--cache", metavar="FILE", type=Path,
                        help="keep the collected candidates and features in FILE (pickle) and reuse them when the"
                             " training data hash matches")
    parser.add_argument("--ablation", metavar="FILE", type=Path, help="also write the feature-group ablation here")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    return parser


def _load(cli: Invocation) -> RankerData:
    """The training data: from `--cache` when it holds this data hash and depth, else collected (and cached).

    The snapshot is not pickled (it holds read-only mappings); it is rebuilt from the index, without any model.
    """
    args = cli.args
    settings = cli.settings()
    if args.cache is not None and args.cache.is_file():
        try:
            with args.cache.open("rb") as handle:
                cached = pickle.load(handle)  # a cache this command wrote
        except (EOFError, pickle.UnpicklingError) as exc:
            logger.warning("ignoring the unreadable cache %s: %s", args.cache, exc)
            cached = {"data_hash": "", "depth": 0}
        if cached["data_hash"] == training_data_hash(args.gold, args.policyqa) and cached["depth"] == args.depth:
            logger.info("ranker data from %s", args.cache)
            store = open_store(settings)
            snapshot = IndexSnapshot.build(chunks=store.chunks(), manifests=read_manifests(settings.corpus_dir))
            return RankerData(names=cached["names"], features=cached["features"], labels=cached["labels"],
                              queries=cached["queries"], snapshot=snapshot, data_hash=cached["data_hash"])
    data = collect(settings, gold_path=args.gold, policyqa_dir=args.policyqa, depth=args.depth)
    if args.cache is not None:
        partial = args.cache.with_name(args.cache.name + ".partial")
        with partial.open("wb") as handle:
            pickle.dump({"names": data.names, "features": data.features, "labels": data.labels,
                         "queries": data.queries, "data_hash": data.data_hash, "depth": args.depth}, handle)
        partial.replace(args.cache)
    return data


def train_command(cli: Invocation) -> int:
    """Collect (or reuse) the data, pick the setting by cross-validation, fit on all dev data, write the model."""
    args, stdout = cli.args, cli.stdout
    collected = _load(cli)
    grid = []
    for lam, gold_weight in MATCH_GRID:
        stacked = with_match_features(collected, lam=lam, gold_weight=gold_weight)
        for penalty, factor in GRID:
            metrics = cross_validate(stacked, Setting(penalty, factor))
            logger.info("match lam=%g gold %g, penalty=%g gold x%g: %s", lam, gold_weight, penalty, factor,
                        json.dumps(metrics))
            grid.append(((lam, gold_weight), stacked, Setting(penalty, factor), metrics))
    (lam, gold_weight), data, best, cv = max(grid, key=lambda entry: _objective(entry[3]))
    fitted = fit(data, best, calibration=out_of_fold_calibration(data, best))
    matches = fit_matches(collected, range(len(collected.queries)), lam=lam, gold_weight=gold_weight)
    baseline = rrf_metrics(data)
    training: dict[str, Any] = {
        "data_sha256": data.data_hash, "script": "python -m eval train-ranker",
        "scikit_learn": sklearn.__version__, "fit": "listwise softmax, Platt-calibrated on out-of-fold scores", "penalty": best.penalty,
        "gold_factor": best.gold_factor, "folds": FOLDS,
        "match": {"lam": lam, "gold_weight": gold_weight, "rank": RANK, "cosine_scale": COSINE_SCALE},
        "questions": {source: sum(1 for q in data.queries if q.source == source) for source in (GOLD, POLICYQA)},
        "candidates": int(len(data.labels)), "positives": int(data.labels.sum()),
        "cv": cv, "rrf": baseline,
    }
    ranker = RankerModel(features=data.names, mean=fitted.scaler.mean_, scale=fitted.scaler.scale_,
                         coef=fitted.coef, intercept=fitted.intercept, depth=args.depth, matches=matches,
                         training=training)
    ranker.save(args.out)
    if args.ablation is not None:
        args.ablation.write_text(ablation_markdown(ablation(data, best)), encoding="utf-8")
    if args.json:
        stdout.write(json.dumps({"ok": True, "model": str(args.out), **training}) + "\n")
    else:
        stdout.write(f"model {args.out}: penalty={best.penalty:g}, gold x{best.gold_factor:g}\n"
                     f"cross-validated: {json.dumps(cv)}\nweighted RRF:    {json.dumps(baseline)}\n")
    return 0
