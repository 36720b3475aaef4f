"""Is the local index already up to date? Answered from its pointer file alone, without loading Chroma or a model.

A re-run of the ingest on an unchanged corpus is the common case (a scheduled job, every app start). Opening
Chroma and llama-index costs more than parsing the whole corpus, so this check reads the pointer (`index.json`),
the model keys, and the collection names in Chroma's SQLite catalogue (read-only). Any doubt (server mode, a
missing or unreadable file, another layout of the catalogue) answers None, and the full ingest runs.

Usage::

    live = unchanged_local_index(settings, chunks)
    if live is not None:
        ...  # nothing to do: `live.version` is current
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence

from core.errors import AssistantError
from core.settings import Settings
from core.types import Chunk
from index.embed_keys import model_key
from index.records import POINTER_FILE, IndexInfo, chunks_fingerprint

__all__ = ["unchanged_local_index"]

logger = logging.getLogger(__name__)


def unchanged_local_index(settings: Settings, chunks: Sequence[Chunk]) -> IndexInfo | None:
    """The live version of the local index when it holds exactly `chunks`, built by the configured models.

    Returns None when a full ingest must decide: server mode, no or unreadable pointer, other chunks or models,
    or a collection the pointer names that Chroma's catalogue does not list.
    """
    if settings.chroma_url:
        return None
    try:
        info = IndexInfo.from_dict(json.loads((settings.store_dir / POINTER_FILE).read_text(encoding="utf-8")))
        keys = {name: model_key(name, st_model=settings.st_model) for name in settings.embedders}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, AssistantError):
        return None
    if {name: embedder.key for name, embedder in info.embedders.items()} != keys:
        return None
    if info.chunks != {chunk.id: chunk.content_hash for chunk in chunks}:
        return None
    if info.fingerprint != chunks_fingerprint(chunks):
        return None
    catalogue = settings.store_dir / "chroma" / "chroma.sqlite3"
    try:
        db = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
        try:
            names = {row[0] for row in db.execute("SELECT name FROM collections")}
        finally:
            db.close()
    except sqlite3.Error as exc:
        logger.debug("Chroma catalogue %s not readable (%s); running the full ingest", catalogue, exc)
        return None
    if any(info.collection(name) not in names for name in keys):
        return None
    return info
