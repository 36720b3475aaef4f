"""The ranker's training data: the retriever's top-N candidates with features and labels, on the dev splits only.

Two sources, each question a group of candidates:

- the answerable gold dev items that name gold sections (`eval/gold`), on the product index; a candidate is
  relevant when it cites a gold reference (`eval.metrics.citation_matches`); the group is the item's company;
- the PolicyQA dev queries, on a temporary index of their segments (`eval.policyqa`); a candidate is relevant when
  its segment answers the query; the group is the policy.

Usage::

    data = collect(settings, gold_path=Path("eval/gold"), policyqa_dir=Path("../shared/policyqa/dev"))
    data.features.shape, data.labels.mean()
    training_data_hash(Path("eval/gold"), Path("../shared/policyqa/dev"))   # recorded in the model file
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from assistant.engine import build_engine
from assistant.retrieval import Candidates, IndexSnapshot, Retriever, prefer_language
from assistant.types import Citation, Hit
from core.settings import Settings
from eval.gold import load_gold
from eval.gold_items import GoldRef
from eval.metrics import citation_matches, first_relevant_rank
from eval.policyqa import LANGUAGE, load_policyqa, policyqa_retriever

__all__ = ["FOLDS", "POLICYQA_FILES", "Query", "RankerData", "collect", "policy_folds", "rank_of",
           "training_data_hash"]

logger = logging.getLogger(__name__)

POLICYQA_FILES = ("corpus.jsonl", "queries.jsonl", "qrels.tsv")
GOLD = "gold"
POLICYQA = "policyqa"
FOLDS = 5


@dataclass(frozen=True, eq=False)
class Query:
    """One training question: its candidates (rows `start:end` of the data), labels and how a ranking is scored.

    `refs` are the gold references (gold items) and `relevant` the answering segment ids (PolicyQA);
    `query_vectors` and `passage_vectors` are the question's and the candidates' vectors per embedder.
    """

    id: str
    source: str
    group: str
    language: str
    start: int
    end: int
    hits: tuple[Hit, ...]
    refs: tuple[GoldRef, ...] = ()
    relevant: frozenset[str] = frozenset()
    query_vectors: Mapping[str, np.ndarray] = field(default_factory=dict)
    passage_vectors: Mapping[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class RankerData:
    """Every candidate's features and label, the questions they belong to, and the gold snapshot (for the swap)."""

    names: tuple[str, ...]
    features: np.ndarray
    labels: np.ndarray
    queries: tuple[Query, ...]
    snapshot: IndexSnapshot
    data_hash: str


def policy_folds(data: RankerData) -> list[tuple[np.ndarray, np.ndarray]]:
    """The cross-validation folds, as (training, held-out) question indexes: `GroupKFold` over companies/policies."""
    groups = [query.group for query in data.queries]
    return list(GroupKFold(n_splits=FOLDS).split(np.zeros(len(groups)), groups=groups))


def training_data_hash(gold_path: Path, policyqa_dir: Path) -> str:
    """SHA-256 of the training data: every dev item of the gold files (file name and line), then the PolicyQA files.

    Raises:
        OSError: a file cannot be read.
    """
    digest = hashlib.sha256()
    files = sorted(gold_path.glob("*.jsonl")) if gold_path.is_dir() else [gold_path]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("split") == "dev":
                digest.update(path.name.encode() + b"\0" + line.encode() + b"\n")
    for name in POLICYQA_FILES:
        digest.update(name.encode() + b"\0" + (policyqa_dir / name).read_bytes())
    return digest.hexdigest()


def _citation(hit: Hit) -> Citation:
    chunk = hit.chunk
    return Citation(n=1, company=chunk.company, document=chunk.document, section=chunk.label,
                    language=chunk.language, quote="", text=chunk.text, score=hit.score)


def _relevant(query: Query, hit: Hit) -> bool:
    if query.source == POLICYQA:
        return hit.chunk.label in query.relevant
    citation = _citation(hit)
    return any(citation_matches(citation, ref) for ref in query.refs)


def rank_of(query: Query, scores: Sequence[float], *, snapshot: IndexSnapshot) -> int | None:
    """1-based rank of the first relevant result when the candidates are ordered by `scores`.

    Gold questions are ranked as the retriever returns them: swapped to the question's language version, then
    collapsed to sections. PolicyQA questions are ranked by segment.
    """
    order = sorted(range(len(query.hits)), key=lambda i: (-scores[i], i))
    hits = [Hit(chunk=query.hits[i].chunk, score=float(scores[i]), signals=query.hits[i].signals) for i in order]
    if query.source == GOLD:
        hits = prefer_language(hits, language=query.language, snapshot=snapshot)
    flags: list[bool] = []
    seen: dict[str, int] = {}
    for hit in hits:
        key = hit.chunk.section_id if query.source == GOLD else hit.chunk.label
        relevant = _relevant(query, hit)
        index = seen.get(key)
        if index is None:
            seen[key] = len(flags)
            flags.append(relevant)
        elif relevant:
            flags[index] = True
    return first_relevant_rank(flags)


class _Collector:
    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.rows: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []
        self.queries: list[Query] = []
        self.count = 0
        self.names: tuple[str, ...] = ()

    def add(self, candidates: Candidates, *, id: str, source: str, group: str, refs: tuple[GoldRef, ...] = (),
            relevant: frozenset[str] = frozenset()) -> None:
        query = Query(id=id, source=source, group=group, language=candidates.language, start=self.count,
                      end=self.count + len(candidates.hits), hits=candidates.hits, refs=refs, relevant=relevant,
                      query_vectors={name: np.asarray(vector, dtype=np.float32)
                                     for name, vector in candidates.retrieval.query_vectors.items()},
                      passage_vectors={name: matrix.astype(np.float32)
                                       for name, matrix in candidates.passage_vectors.items()})
        self.names = candidates.names
        self.rows.append(candidates.features)
        self.labels.append(np.array([_relevant(query, hit) for hit in candidates.hits], dtype=np.int8))
        self.queries.append(query)
        self.count = query.end


def collect(settings: Settings, *, gold_path: Path, policyqa_dir: Path, depth: int = 30,
            policyqa_limit: int | None = None) -> RankerData:
    """Run the retriever (weighted RRF, no ranker) on the dev questions and compute every candidate's features.

    Args:
        settings: validated settings; the gold questions are searched on its index.
        gold_path: the gold file or folder; only its dev split is read.
        policyqa_dir: the PolicyQA dev folder (corpus.jsonl, queries.jsonl, qrels.tsv).
        depth: candidates per question (the retriever's top-N fused hits).
        policyqa_limit: keep only the first N PolicyQA policies (for tests).

    Raises:
        GoldSetError: a gold or PolicyQA file is unreadable.
        ModelUnavailable, StoreError: the models or the index cannot be used.
    """
    data_hash = training_data_hash(gold_path, policyqa_dir)
    out = _Collector(depth)
    engine = build_engine(settings)
    retriever = Retriever(settings=settings, store=engine.store, dense=engine.retriever.dense,
                          snapshot=engine.snapshot, detector=engine.retriever.detector, ranker_model=None)
    reader = engine.pipeline.reader
    assert reader is not None  # warm
    owners = {chunk.document: chunk.company for chunk in engine.snapshot.chunks}
    for item in load_gold(gold_path, split="dev", strict=False).items:
        refs = tuple(ref for ref in item.gold if ref.section or ref.quote)
        if not item.answerable or not refs:
            continue
        companies = (item.company,) if item.company else tuple(dict.fromkeys(
            owners[ref.doc.split("/")[-1]] for ref in refs if ref.doc.split("/")[-1] in owners))
        asked = reader.classifier.run(question=item.question, language=item.lang)
        asked = reader.scorer.with_extra_objects(asked, question=item.question, language=item.lang)
        candidates = retriever.candidate_pool(question=item.question, companies=companies, language=item.lang,
                                          depth=depth, asked=asked)
        out.add(candidates, id=item.id, source=GOLD, group=item.company or "comparison", refs=refs)
    logger.info("ranker data: %d gold dev questions", len(out.queries))
    data = load_policyqa(policyqa_dir, limit=policyqa_limit)
    with policyqa_retriever(settings, data=data, ranker_model=None) as (pqa, _):
        for number, query in enumerate(data.queries, start=1):
            candidates = pqa.candidate_pool(question=query.text, companies=(query.policy,), language=LANGUAGE,
                                        depth=depth)
            out.add(candidates, id=query.id, source=POLICYQA, group=query.policy, relevant=query.relevant)
            if number % 200 == 0:
                logger.info("ranker data: %d/%d PolicyQA queries", number, len(data.queries))
    return RankerData(names=out.names, features=np.concatenate(out.rows).astype(np.float32),
                      labels=np.concatenate(out.labels), queries=tuple(out.queries), snapshot=engine.snapshot,
                      data_hash=data_hash)
