"""The articles of the GDPR reference set by number, in each language, and the article a question names.

Usage::

    articles = GdprArticles.build(snapshot.chunks)
    articles.get("de", 15)                               # the passages of "Artikel 15", in order
    articles.named("Was regelt Artikel 15 DSGVO?", language="de")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.compose import REFERENCE_COMPANY
from core.types import Chunk

__all__ = ["GdprArticles"]

_LABEL = re.compile(r"(?:Article|Artikel)\s+(\d+)")
_NAMED = re.compile(r"\b(?:art(?:ikel|icle)?s?\.?|§)\s*(\d{1,2})\b", re.IGNORECASE)  # "Artikel 15", "art. 6"


@dataclass(frozen=True)
class GdprArticles:
    """The reference set's passages by (language, article number), passages in order."""

    by_number: dict[tuple[str, int], tuple[Chunk, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> GdprArticles:
        """Index the GDPR chunks among `chunks` by their label's article number."""
        out: dict[tuple[str, int], list[Chunk]] = {}
        for chunk in chunks:
            found = _LABEL.match(chunk.label) if chunk.company == REFERENCE_COMPANY else None
            if found:
                out.setdefault((chunk.language, int(found.group(1))), []).append(chunk)
        return cls({key: tuple(sorted(group, key=lambda c: c.passage)) for key, group in out.items()})

    def get(self, language: str, number: int) -> tuple[Chunk, ...]:
        """The passages of article `number` in `language`, else in English, else ()."""
        return self.by_number.get((language, number)) or self.by_number.get(("en", number), ())

    def named(self, question: str, *, language: str) -> tuple[Chunk, ...]:
        """The passages of the article `question` names by number, in `language`; () when it names none."""
        found = _NAMED.search(question)
        return self.by_number.get((language, int(found.group(1))), ()) if found else ()
