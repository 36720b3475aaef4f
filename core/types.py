"""Records passed between the ingest steps: manifests, sections, chunks, warnings and reports."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.contacts import Contact, legacy_contact

__all__ = [
    "CATEGORIES",
    "DOCUMENT_KINDS",
    "Chunk",
    "ChunkResult",
    "CompanyManifest",
    "DocumentSpec",
    "IngestReport",
    "IngestWarning",
    "ParseResult",
    "Section",
    "content_hash",
    "slugify",
]

CATEGORIES = (
    "collection", "purpose", "legal_basis", "sharing", "retention", "rights", "security",
    "cookies", "contact", "transfer", "changes", "breach", "general",
)

DOCUMENT_KINDS: tuple[str, ...] = ("policy", "cookie_policy", "terms", "regulation")
"""Every accepted `kind` of a manifest document: a privacy policy, a separate cookie policy, terms and conditions
that carry privacy clauses, and a regulation (the GDPR reference set). The display names the kind of each source."""


def slugify(text: str) -> str:
    """Lower-case ASCII-ish slug used in stable ids (`Artikel 6` -> `artikel-6`)."""
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug or "section"


def content_hash(text: str) -> str:
    """SHA-256 of the text, the key of the embedding cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IngestWarning:
    """A recoverable problem in an input file, printed as `path:line: reason`."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class DocumentSpec:
    """One source file named in a company manifest, with its parsing hints.

    `languages` is empty for auto-detection; two codes with `language_split` mark a bilingual file
    whose second half starts at the line equal to `language_split`. `starts_after` / `ends_before`
    cut scraped site navigation: the body starts after the first line equal to `starts_after` and
    ends before the first later line equal to `ends_before`. Files of one company that name the same
    `policy` are language versions of one policy (`en/privacy.md`, `de/datenschutz.md`, ...). `kind` is one of
    `DOCUMENT_KINDS`. `effective` is the ISO date (YYYY-MM-DD) from which the text applies (the company's
    `effective_date` when the document names none) and `version` a free-text version; either may be empty.
    None of these display fields changes a section or chunk.
    """

    file: str
    path: Path
    languages: tuple[str, ...] = ()
    language_split: str = ""
    starts_after: str = ""
    ends_before: str = ""
    kind: str = "policy"
    policy: str = ""
    effective: str = ""
    version: str = ""

    @property
    def policy_id(self) -> str:
        """The policy this file is a version of: `policy`, or the file name when none is declared."""
        return self.policy or self.file


@dataclass(frozen=True)
class CompanyManifest:
    """The `manifest.toml` of one company folder in the corpus.

    `contacts` are the company's privacy contact routes, in manifest order; the single `contact_email` (kept as
    written, may be empty) is folded in as one more route unless a route already has its value. `controller` is the
    legal entity responsible for the data when it differs from the display `name` ("Materialise NV"); empty when
    not given. `supervisory_authority` and `effective_date` may be empty.
    """

    id: str
    name: str
    country: str
    website: str
    contact_email: str
    supervisory_authority: str
    effective_date: str
    aliases: tuple[str, ...]
    documents: tuple[DocumentSpec, ...]
    manifest_path: Path
    reference: bool = False
    contacts: tuple[Contact, ...] = ()
    controller: str = ""

    def __post_init__(self) -> None:
        routes = tuple(dict.fromkeys(self.contacts))
        if self.contact_email and all(route.value != self.contact_email for route in routes):
            routes += (legacy_contact(self.contact_email),)
        object.__setattr__(self, "contacts", routes)

    @property
    def responsible(self) -> str:
        """Who is responsible for the data: the `controller`, else the display `name`."""
        return self.controller or self.name


@dataclass(frozen=True)
class Section:
    """One article or section of one language version of one document.

    `text` is exactly `source[start:end]` of the decoded file, heading included, so every quote
    taken from it can be checked as a substring of the file.
    """

    company: str
    document: str
    language: str
    label: str
    title: str
    path: tuple[str, ...]
    text: str
    start: int
    end: int
    line_start: int
    line_end: int
    categories: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.company}/{self.document}/{self.language}/{slugify(self.label)}"

    @property
    def category(self) -> str:
        return self.categories[0] if self.categories else "general"


@dataclass(frozen=True)
class Chunk:
    """A passage of one section: the unit that is embedded, stored, retrieved and cited."""

    id: str
    section_id: str
    company: str
    document: str
    language: str
    label: str
    title: str
    path: tuple[str, ...]
    text: str
    start: int
    end: int
    line_start: int
    line_end: int
    passage: int
    passages: int
    categories: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        return self.categories[0] if self.categories else "general"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class ParseResult:
    """Sections parsed from one document, with the warnings raised on the way."""

    sections: tuple[Section, ...]
    warnings: tuple[IngestWarning, ...] = ()


@dataclass(frozen=True)
class ChunkResult:
    """Chunks cut from a list of sections."""

    chunks: tuple[Chunk, ...]
    warnings: tuple[IngestWarning, ...] = ()


@dataclass
class IngestReport:
    """What one ingest run did; `python -m ingest --json` prints `as_dict()`."""

    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    unchanged: int = 0
    deleted: int = 0
    by_company: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    warnings: list[IngestWarning] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    index_version: str = ""
    embedders: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "documents": self.documents,
            "chunks": self.chunks,
            "embedded": self.embedded,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "by_company": dict(sorted(self.by_company.items())),
            "by_language": dict(sorted(self.by_language.items())),
            "warnings": [str(w) for w in self.warnings],
            "errors": list(self.errors),
            "index_version": self.index_version,
            "embedders": list(self.embedders),
            "seconds": round(self.seconds, 3),
        }
