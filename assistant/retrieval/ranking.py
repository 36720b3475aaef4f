"""The record one retrieval signal returns (a ranking of chunk ids), and the names of the signals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

__all__ = ["BM25_SIGNAL", "CATEGORY_SIGNAL", "LINKED_SIGNAL", "RANKER_SIGNAL", "Ranking", "Scored"]

BM25_SIGNAL = "bm25"
CATEGORY_SIGNAL = "category"  # the category boost a fused hit received
LINKED_SIGNAL = "linked"  # the hit was swapped for its linked section in the question's language
RANKER_SIGNAL = "ranker"  # the learned ranker's probability of relevance

Scored = tuple[str, float]  # (chunk id, the signal's score)


@dataclass(frozen=True)
class Ranking:
    """One signal's ranking: chunk ids with that signal's score, best first, and the milliseconds of its stages.

    `signal` is an embedder name or `BM25_SIGNAL`; `timing_ms` uses the stage names of `Retrieval.timing_ms`
    (`embed_<embedder>`, `dense_<embedder>`, `bm25`).
    """

    signal: str
    scored: tuple[Scored, ...]
    timing_ms: Mapping[str, float] = field(default_factory=dict)
    query_vector: np.ndarray | None = None  # a dense signal's query embedding (unit length)

    @property
    def best(self) -> float:
        """The best score of the ranking; 0.0 when it is empty."""
        return max((score for _, score in self.scored), default=0.0)
