"""Records passed between the answering steps: hits, retrievals, citations and answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum

import numpy as np

from core.types import Chunk

__all__ = ["Answer", "Citation", "CitationVersion", "Hit", "Retrieval", "Status", "Turn"]


class Status(str, Enum):
    """How an answer ended. Abstentions are statuses, not exceptions."""

    ANSWERED = "answered"
    NOT_IN_POLICY = "not_in_policy"
    OUT_OF_SCOPE = "out_of_scope"
    UNKNOWN_COMPANY = "unknown_company"
    ERROR = "error"

    @classmethod
    def from_str(cls, value: str) -> Status:
        try:
            return cls(value)
        except ValueError:
            accepted = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {value!r}; accepted: {accepted}") from None


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its fused score and the score of each signal that found it."""

    chunk: Chunk
    score: float
    signals: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Retrieval:
    """Output of the retriever for one question."""

    hits: tuple[Hit, ...]
    companies: tuple[str, ...]
    categories: tuple[str, ...]
    timing_ms: dict[str, float] = field(default_factory=dict)
    relevance: float = 0.0  # best cosine of the relevance embedder in scope; compared with abstain_threshold
    query_vectors: Mapping[str, np.ndarray] = field(default_factory=dict)  # per embedder, for evidence ranking


@dataclass(frozen=True)
class CitationVersion:
    """The same section of a policy in another language version (another file or another half of one file)."""

    document: str
    section: str
    language: str
    chunk_id: str = ""


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer; `quote` is a verbatim substring of `text`, the cited passage."""

    n: int
    company: str
    document: str
    section: str
    language: str
    quote: str
    text: str
    score: float
    chunk_id: str = ""
    section_path: tuple[str, ...] = ()
    display: str = ""
    """The quote as a reader sees it: markdown links as their text, no emphasis, escapes or list markers."""
    alternates: tuple[CitationVersion, ...] = ()
    """The cited section in the policy's other language versions, in language order."""

    def as_dict(self) -> dict:
        out = asdict(self)
        out["section_path"] = list(self.section_path)
        out["alternates"] = [asdict(version) for version in self.alternates]
        return out


@dataclass(frozen=True)
class Turn:
    """What a conversation remembers of an earlier turn, for follow-ups ("and for Pixeljet?")."""

    question: str
    company: str | None
    categories: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Answer:
    """The result contract of `ask`, shared by the CLI (`--json`), the eval runner and the app."""

    id: str
    question: str
    language: str
    company: str | None
    status: Status
    answer: str
    citations: tuple[Citation, ...] = ()
    timing_ms: dict[str, float] = field(default_factory=dict)
    companies: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    contact: str = ""
    notice: str = ""
    generator: str = "extractive"
    intent: str = ""
    """What the question asks for (`assistant.intent.Intent` value: yes_no, duration, recipients, ...)."""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "language": self.language,
            "company": self.company,
            "status": self.status.value,
            "answer": self.answer,
            "citations": [c.as_dict() for c in self.citations],
            "timing_ms": {k: round(v, 2) for k, v in self.timing_ms.items()},
            "companies": list(self.companies),
            "categories": list(self.categories),
            "contact": self.contact,
            "notice": self.notice,
            "generator": self.generator,
            "intent": self.intent,
        }
