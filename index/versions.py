"""Index versions: the pointer to the live version, and publishing a new version beside it with an atomic swap.

Every publish writes collections `pa_<embedder>_<version>` (cosine space) beside the live ones, then swaps the
pointer and deletes older versions. The pointer records the embedders (name -> key, dim), the chunk ids with
their content hashes, the documents, the counts and the creation time. With the embedded `PersistentClient` it
is the JSON file `<store_dir>/index.json`, replaced atomically; with a `chroma run` server it is the one record
of the collection `pa_pointer`. A run killed before the swap leaves the previous version serving; its
half-built collections are removed by the next successful publish.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from core.errors import StoreError
from core.types import Chunk
from index.chroma_connection import BACKEND_ERRORS, REBUILD_HINT, ChromaConnection
from index.records import (
    POINTER_FILE,
    EmbedderInfo,
    IndexInfo,
    chunk_metadata,
    chunks_fingerprint,
    collection_name,
    document_key,
)

__all__ = ["POINTER_COLLECTION", "IndexVersions"]

logger = logging.getLogger(__name__)

POINTER_COLLECTION = "pa_pointer"
_BATCH = 1000
_SEGMENT_FOLDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _new_version() -> str:
    return datetime.now(UTC).strftime("v%Y%m%d%H%M%S") + secrets.token_hex(3)


class IndexVersions:
    """Read the pointer to the live version; publish a new version and swap the pointer to it.

    Args:
        connection: the Chroma connection of the store.
        embedders: the embedder names whose collections a version holds.
    """

    def __init__(self, *, connection: ChromaConnection, embedders: tuple[str, ...]) -> None:
        self.connection = connection
        self.embedders = embedders
        self._pointer_stamp: tuple[int, int] | None = None
        self._info: IndexInfo | None = None

    @property
    def pointer_path(self) -> Path:
        """The pointer file (persistent mode)."""
        return self.connection.store_dir / POINTER_FILE

    def forget(self) -> None:
        """Drop the cached pointer; the next read goes to the file or the server."""
        self._pointer_stamp = None
        self._info = None

    # ------------------------------------------------------------------ pointer

    def live(self) -> IndexInfo | None:
        """The live version, or None when no index has been published.

        Raises:
            StoreError: the pointer cannot be read or is corrupt.
        """
        self.connection.warm_up()
        if self.connection.server is None:
            return self._read_pointer_file()
        if self._info is None:
            self._info = self._read_pointer_record()
        return self._info

    def info(self) -> IndexInfo:
        """The live version.

        Raises:
            StoreError: there is no index yet, or it cannot be read.
        """
        info = self.live()
        if info is None:
            raise StoreError(f"no index in {self.connection.where}", hint="run `python -m ingest` to build it")
        return info

    def _read_pointer_file(self) -> IndexInfo | None:
        path = self.pointer_path
        try:
            stat = path.stat()
        except FileNotFoundError:
            self.forget()
            return None
        except OSError as exc:
            raise self.connection.error("read the index pointer", exc) from exc
        stamp = (stat.st_mtime_ns, stat.st_size)
        if self._info is not None and self._pointer_stamp == stamp:
            return self._info
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            info = IndexInfo.from_dict(raw)
        except OSError as exc:
            raise self.connection.error("read the index pointer", exc) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"{path}: the index pointer is corrupt ({exc})", hint=f"{REBUILD_HINT}") from exc
        self._info, self._pointer_stamp = info, stamp
        return info

    def _read_pointer_record(self) -> IndexInfo | None:
        client = self.connection.client
        with self.connection.mapped("read the index pointer"):
            names = {collection.name for collection in client.list_collections()}
            if POINTER_COLLECTION not in names:
                return None
            record = client.get_collection(POINTER_COLLECTION, embedding_function=None).get(
                ids=["live"], include=["documents"])
        if not record["ids"]:
            return None
        try:
            return IndexInfo.from_dict(json.loads(record["documents"][0]))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the index pointer in {self.connection.where} is corrupt ({exc})",
                             hint=REBUILD_HINT) from exc

    def _write_pointer(self, info: IndexInfo) -> None:
        payload = json.dumps(info.as_dict(), ensure_ascii=False, indent=1)
        if self.connection.server is not None:
            with self.connection.mapped("write the index pointer"):
                pointer = self.connection.client.get_or_create_collection(POINTER_COLLECTION, embedding_function=None)
                pointer.upsert(ids=["live"], embeddings=[[1.0]], documents=[payload],
                               metadatas=[{"version": info.version}])
            self.forget()
            self._info = info
            return
        store_dir = self.connection.store_dir
        tmp = self.pointer_path.with_name(f".{POINTER_FILE}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.pointer_path)
            directory = os.open(store_dir, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise self.connection.error("write the index pointer", exc) from exc
        self.forget()
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
        existing = self.connection.collection_names(action="open the index")
        missing = [info.collection(name) for name in wanted if info.collection(name) not in existing]
        if missing:
            raise StoreError(f"the index in {self.connection.where} is incomplete: collection {missing[0]} is missing",
                             hint=f"{REBUILD_HINT} to build it afresh")
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
        self.connection.warm_up()
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
            self._drop_stale(keep=set(written))
        logger.info("published index version %s: %d chunks", version, len(chunks))
        return info

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        if self.connection.server is not None:
            yield
            return
        try:
            handle = open(self.connection.store_dir / ".publish.lock", "a+")
        except OSError as exc:
            raise self.connection.error("lock the index", exc) from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreError(f"another ingest is writing {self.connection.where}",
                                 hint="wait for it to finish, then run again") from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_collection(self, name: str, chunks: Sequence[Chunk], matrix: np.ndarray, *, key: str) -> None:
        logger.info("writing %d chunks to collection %s", len(chunks), name)
        with self.connection.mapped(f"write collection {name}"):
            collection = self.connection.client.create_collection(
                name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None,
                metadata={"embedder_key": key},
            )
            store = ChromaVectorStore(chroma_collection=collection)
            for start in range(0, len(chunks), _BATCH):
                nodes: list[BaseNode] = [
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
                self.connection.client.delete_collection(name)
            except BACKEND_ERRORS as exc:
                logger.warning("could not delete collection %s: %s", name, exc)

    def _drop_stale(self, *, keep: set[str]) -> None:
        try:
            names = [collection.name for collection in self.connection.client.list_collections()]
        except BACKEND_ERRORS as exc:
            logger.warning("could not list collections to delete old versions: %s", exc)
            return
        stale = [name for name in names if name.startswith("pa_") and name != POINTER_COLLECTION
                 and name not in keep]
        self._drop(stale)
        if self.connection.server is None:
            self._sweep_segment_folders()

    def _sweep_segment_folders(self) -> None:
        """Delete the vector-index folders Chroma leaves behind for deleted collections (they would pile up)."""
        folder = self.connection.store_dir / "chroma"
        try:
            with contextlib.closing(sqlite3.connect(f"file:{folder / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
                in_use = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error as exc:
            logger.warning("could not list Chroma's segments to delete unused folders: %s", exc)
            return
        for path in folder.iterdir():
            if path.is_dir() and _SEGMENT_FOLDER.fullmatch(path.name) and path.name not in in_use:
                shutil.rmtree(path, ignore_errors=True)
