"""Records of a published index: the pointer to the live version (`IndexInfo`) and the flat metadata of a chunk.

Chroma metadata values must be scalars, so a chunk's tuples are joined: `path` with " > ", `categories` and
`linked` with ",". `chunk_metadata()` and `chunk_from_metadata()` are exact inverses for chunks whose path
elements contain no " > " and whose categories and linked ids contain no comma (ids and categories never do).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.types import Chunk

__all__ = [
    "POINTER_FILE",
    "EmbedderInfo",
    "IndexInfo",
    "chunk_from_metadata",
    "chunk_metadata",
    "chunks_fingerprint",
    "collection_name",
    "document_key",
]

POINTER_FORMAT = 1
POINTER_FILE = "index.json"
"""The pointer of a local store, next to its `chroma/` folder."""
PATH_SEPARATOR = " > "
LIST_SEPARATOR = ","


@dataclass(frozen=True)
class EmbedderInfo:
    """The model behind one collection of an index version."""

    key: str
    dim: int


@dataclass(frozen=True)
class IndexInfo:
    """The live index version, as recorded by its pointer."""

    version: str
    embedders: dict[str, EmbedderInfo]
    chunks: dict[str, str]
    documents: dict[str, int]
    by_company: dict[str, int]
    by_language: dict[str, int]
    fingerprint: str
    created_at: str

    @property
    def count(self) -> int:
        """Number of chunks in this version."""
        return len(self.chunks)

    def collection(self, embedder: str) -> str:
        """Chroma collection name of `embedder` in this version."""
        return collection_name(embedder, self.version)

    def as_dict(self) -> dict[str, Any]:
        """The pointer as JSON-ready values."""
        return {
            "format": POINTER_FORMAT,
            "version": self.version,
            "created_at": self.created_at,
            "embedders": {name: {"key": info.key, "dim": info.dim} for name, info in self.embedders.items()},
            "documents": dict(self.documents),
            "counts": {"chunks": self.count, "by_company": dict(self.by_company),
                       "by_language": dict(self.by_language)},
            "fingerprint": self.fingerprint,
            "chunks": dict(self.chunks),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> IndexInfo:
        """Read a pointer written by `as_dict()`.

        Raises:
            KeyError, TypeError, ValueError: the pointer is malformed.
        """
        if raw.get("format") != POINTER_FORMAT:
            raise ValueError(f"unknown pointer format {raw.get('format')!r}")
        counts = raw["counts"]
        return cls(
            version=str(raw["version"]),
            embedders={str(name): EmbedderInfo(key=str(info["key"]), dim=int(info["dim"]))
                       for name, info in raw["embedders"].items()},
            chunks={str(k): str(v) for k, v in raw["chunks"].items()},
            documents={str(k): int(v) for k, v in raw["documents"].items()},
            by_company={str(k): int(v) for k, v in counts["by_company"].items()},
            by_language={str(k): int(v) for k, v in counts["by_language"].items()},
            fingerprint=str(raw["fingerprint"]),
            created_at=str(raw["created_at"]),
        )

    def summary(self) -> dict[str, Any]:
        """The pointer without the chunk map, for status pages and logs."""
        out = self.as_dict()
        del out["chunks"]
        return out


def collection_name(embedder: str, version: str) -> str:
    """`pa_<embedder>_<version>`."""
    return f"pa_{embedder}_{version}"


def chunks_fingerprint(chunks: Sequence[Chunk]) -> str:
    """SHA-256 over every chunk's id, text and metadata, in order: equal fingerprints mean identical indexes."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(json.dumps([chunk.id, chunk.text, chunk_metadata(chunk)], ensure_ascii=False,
                                 sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def document_key(chunk: Chunk) -> str:
    """`company/document` of a chunk, the unit an ingest succeeds or fails on."""
    return f"{chunk.company}/{chunk.document}"


def chunk_metadata(chunk: Chunk) -> dict[str, str | int]:
    """The flat Chroma metadata of a chunk."""
    return {
        "company": chunk.company,
        "document": chunk.document,
        "language": chunk.language,
        "label": chunk.label,
        "title": chunk.title,
        "path": PATH_SEPARATOR.join(chunk.path),
        "categories": LIST_SEPARATOR.join(chunk.categories),
        "linked": LIST_SEPARATOR.join(chunk.linked),
        "start": chunk.start,
        "end": chunk.end,
        "line_start": chunk.line_start,
        "line_end": chunk.line_end,
        "passage": chunk.passage,
        "passages": chunk.passages,
        "section_id": chunk.section_id,
        "content_hash": chunk.content_hash,
    }


def _split(value: Any, separator: str) -> tuple[str, ...]:
    text = str(value or "")
    return tuple(text.split(separator)) if text else ()


def chunk_from_metadata(chunk_id: str, text: str, meta: Mapping[str, Any]) -> Chunk:
    """Rebuild a chunk from its Chroma id, document text and `chunk_metadata()`.

    Raises:
        KeyError, TypeError, ValueError: a metadata field is missing or malformed.
    """
    return Chunk(
        id=chunk_id,
        section_id=str(meta["section_id"]),
        company=str(meta["company"]),
        document=str(meta["document"]),
        language=str(meta["language"]),
        label=str(meta["label"]),
        title=str(meta["title"]),
        path=_split(meta.get("path"), PATH_SEPARATOR),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        line_start=int(meta["line_start"]),
        line_end=int(meta["line_end"]),
        passage=int(meta["passage"]),
        passages=int(meta["passages"]),
        categories=_split(meta.get("categories"), LIST_SEPARATOR),
        linked=_split(meta.get("linked"), LIST_SEPARATOR),
    )
