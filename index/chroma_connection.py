"""One Chroma client (embedded `PersistentClient` or a `chroma run` server) and the mapping of its errors to ours."""

from __future__ import annotations

import contextlib
import errno
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
import chromadb.config
import httpx
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.errors import ChromaError

from core.errors import ConfigError, StoreError
from index.records import POINTER_FILE

__all__ = ["BACKEND_ERRORS", "REBUILD_HINT", "ChromaConnection"]

logger = logging.getLogger(__name__)

REBUILD_HINT = "run `python -m ingest --rebuild`"
# What chromadb, its Rust bindings, its HTTP client and SQLite raise; every one becomes a StoreError.
# (AttributeError: chromadb 1.5 raises it while cleaning up after failing to open a corrupt database.)
BACKEND_ERRORS: tuple[type[BaseException], ...] = (
    ChromaError, ValueError, TypeError, KeyError, IndexError, RuntimeError, OSError, sqlite3.Error, httpx.HTTPError,
    AttributeError,
)


class ChromaConnection:
    """A lazily opened Chroma client for one store, with every backend error translated to `StoreError`.

    Args:
        store_dir: folder of the embedded Chroma data (`store_dir/chroma`) and of the pointer file.
        chroma_url: URL of a `chroma run` server; empty uses the embedded PersistentClient.

    Raises:
        ConfigError: a malformed URL or port.
    """

    def __init__(self, *, store_dir: Path, chroma_url: str = "") -> None:
        self.store_dir = Path(store_dir)
        self.chroma_url = chroma_url
        self.server: tuple[str, int, bool] | None = None
        if chroma_url:
            parts = urlsplit(chroma_url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise ConfigError(f"setting chroma_url (env PA_CHROMA_URL) is not an http(s) URL: {chroma_url!r}")
            try:
                port = parts.port or (443 if parts.scheme == "https" else 8000)
            except ValueError as exc:
                raise ConfigError(f"setting chroma_url (env PA_CHROMA_URL) has a bad port: {chroma_url!r}") from exc
            self.server = (parts.hostname, port, parts.scheme == "https")
        self._client: Any = None

    @property
    def where(self) -> str:
        """Human-readable location of the index, for messages."""
        return f"Chroma at {self.chroma_url}" if self.chroma_url else str(self.store_dir)

    @property
    def client(self) -> Any:
        """The open Chroma client (opened on first use).

        Raises:
            StoreError: the server cannot be reached, or the local store cannot be opened or created.
        """
        self.warm_up()
        return self._client

    def warm_up(self) -> None:
        """Connect to Chroma (idempotent).

        Raises:
            StoreError: the server cannot be reached, or the local store cannot be opened or created.
        """
        if self._client is not None:
            return
        settings = chromadb.config.Settings(anonymized_telemetry=False)
        with self.mapped("open the index"):
            if self.server is not None:
                host, port, ssl = self.server
                self._client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
                self._client.heartbeat()
            else:
                (self.store_dir / "chroma").mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.store_dir / "chroma"), settings=settings)

    def close(self) -> None:
        """Release the Chroma client (the connection can be warmed up again)."""
        client, self._client = self._client, None
        if client is not None:
            try:
                client.close()
            except BACKEND_ERRORS as exc:
                logger.warning("could not close the Chroma client of %s: %s", self.where, exc)

    def reset(self) -> None:
        """Set a local store that cannot be opened aside (`chroma.broken-<time>`) so a rebuild starts afresh.

        Raises:
            StoreError: in server mode (reset the server's data yourself), or the folder cannot be renamed.
        """
        if self.server is not None:
            raise StoreError(f"cannot reset {self.where}", hint="delete its collections pa_* or its data folder")
        self.close()
        # chromadb keeps one open system per folder and process; drop it so the new folder is opened afresh.
        identifier = str(self.store_dir / "chroma")
        system = SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
        if system is not None:
            try:
                system.stop()
            except BACKEND_ERRORS as exc:
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

    def collection_names(self, *, action: str = "list the collections") -> set[str]:
        """Names of every collection in this Chroma, ours and others'.

        Raises:
            StoreError: Chroma fails; the message names `action`.
        """
        with self.mapped(action):
            return {collection.name for collection in self.client.list_collections()}

    @contextlib.contextmanager
    def mapped(self, action: str) -> Iterator[None]:
        """Run a block that calls Chroma; its backend errors leave as `StoreError` naming `action`."""
        try:
            yield
        except StoreError:
            raise
        except BACKEND_ERRORS as exc:
            raise self.error(action, exc) from exc

    def error(self, action: str, exc: BaseException) -> StoreError:
        """The `StoreError` for a backend error `exc` raised while trying to `action`, with a hint that fits."""
        while isinstance(exc, AttributeError) and exc.__context__ is not None:
            exc = exc.__context__  # the error chromadb hit before its clean-up failed
        while exc.__context__ is not None and isinstance(exc.__context__, ChromaError) and isinstance(exc, ValueError):
            exc = exc.__context__  # chromadb wraps the database error in a vague ValueError
        text = f"{type(exc).__name__}: {exc}"
        low = text.lower()
        if self.server is not None and (
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
                          hint=f"{REBUILD_HINT} to build it afresh")
