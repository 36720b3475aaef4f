"""The PolicyQA baseline: BM25 over each policy's segments, in bm25s's standard English configuration.

The configuration is the one the bm25s README shows, with its defaults stated here so that a report can name it:
lower-cased tokens of two or more word characters (`(?u)\\b\\w\\w+\\b`), bm25s's English stop words (`"en"`, the 33
words of Lucene's default English stop set), the English Snowball stemmer (PyStemmer `"english"`), and the Lucene
variant of BM25 with k1 = 1.5 and b = 0.75. It is independent of the product's own BM25 (`core.text`, which drops a
longer stop-word list), so the baseline does not move when the product's analysis changes.

Each policy gets its own index (its own IDF and mean length), and a question is scored against its policy's
segments only. A segment that shares no term with the question scores 0 and is not ranked, as in a Lucene search;
equal scores keep corpus order.

Usage::

    baseline = PolicyBM25.build(data.chunks)
    baseline.rank(question="Do you sell my data?", policy="ticketmaster.com", top_k=10)  # segment ids, best first
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import bm25s
import numpy as np
import Stemmer

from core.types import Chunk

__all__ = ["BM25_B", "BM25_K1", "BM25_METHOD", "BM25_STEMMER", "BM25_STOPWORDS", "BM25_TOKEN_PATTERN",
           "PolicyBM25", "baseline_description"]

BM25_STEMMER = "english"
"""PyStemmer's Snowball stemmer for English."""
BM25_STOPWORDS = "en"
"""bm25s's English stop words: Lucene's default English stop set (33 words)."""
BM25_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
BM25_METHOD = "lucene"
BM25_K1 = 1.5
BM25_B = 0.75


def baseline_description() -> str:
    """One line naming the baseline's library version and every setting, for reports."""
    return (f"bm25s {bm25s.__version__} BM25 ({BM25_METHOD}, k1={BM25_K1}, b={BM25_B}), one index per policy;"
            f" lower-cased tokens {BM25_TOKEN_PATTERN}, bm25s English stop words ({BM25_STOPWORDS!r}, Lucene's 33),"
            f" English Snowball stemmer (PyStemmer {BM25_STEMMER!r}); segments without a query term are not ranked")


def _tokens(texts: Sequence[str], stemmer: Stemmer.Stemmer) -> list[list[str]]:
    return bm25s.tokenize(list(texts), lower=True, token_pattern=BM25_TOKEN_PATTERN, stopwords=BM25_STOPWORDS,
                          stemmer=stemmer, return_ids=False, show_progress=False)


@dataclass(frozen=True)
class _PolicyIndex:
    bm25: bm25s.BM25
    segments: tuple[str, ...]


@dataclass(frozen=True)
class PolicyBM25:
    """Per-policy BM25 indexes over PolicyQA segments; build with `PolicyBM25.build(chunks)`.

    Attributes:
        indexes: the index of each policy (chunk company) that has at least one token.
        stemmer: the English Snowball stemmer shared by segments and questions.
    """

    indexes: Mapping[str, _PolicyIndex]
    stemmer: Stemmer.Stemmer

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> PolicyBM25:
        """Index each policy's segments: the chunk's `company` is the policy, its `label` the segment id.

        Args:
            chunks: the segments, as `load_policyqa()` reads them (the text alone is indexed).

        Returns:
            The indexes; a policy whose segments hold no token after analysis gets none (its questions rank nothing).
        """
        stemmer = Stemmer.Stemmer(BM25_STEMMER)
        tokens = _tokens([chunk.text for chunk in chunks], stemmer)
        grouped: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            grouped.setdefault(chunk.company, []).append(row)
        indexes: dict[str, _PolicyIndex] = {}
        for policy, rows in grouped.items():
            if not any(tokens[row] for row in rows):
                continue
            bm25 = bm25s.BM25(method=BM25_METHOD, k1=BM25_K1, b=BM25_B)
            bm25.index([tokens[row] for row in rows], show_progress=False)
            indexes[policy] = _PolicyIndex(bm25=bm25, segments=tuple(chunks[row].label for row in rows))
        return cls(indexes=MappingProxyType(indexes), stemmer=stemmer)

    def rank(self, *, question: str, policy: str, top_k: int) -> tuple[str, ...]:
        """The ids of `policy`'s segments that share a term with `question`, best BM25 score first, at most `top_k`.

        Raises:
            ValueError: `top_k` is below 1.
        """
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k!r}")
        index = self.indexes.get(policy)
        if index is None:
            return ()
        ids = index.bm25.get_tokens_ids(_tokens([question], self.stemmer)[0])
        if not ids:
            return ()
        scores = index.bm25.get_scores_from_ids(ids)
        order = np.argsort(-scores, kind="stable")[:top_k]
        return tuple(index.segments[i] for i in order if scores[i] > 0)
