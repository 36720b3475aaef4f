"""The records of a gold set: items, their sources, the set and its problems, and the fixed vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import GoldSetError

__all__ = ["ABSTAIN_CATEGORIES", "CATEGORIES", "QUOTE_WORDS", "SPLITS", "GoldItem", "GoldItemError", "GoldRef",
           "GoldSet"]

CATEGORIES = (
    "collection", "purpose", "legal_basis", "sharing", "retention", "rights", "response_time", "security",
    "cookies", "transfer", "contact", "changes", "breach", "comparison", "unanswerable", "out_of_scope",
)
"""Question categories; the last two mark questions that must be abstained on."""

ABSTAIN_CATEGORIES = ("unanswerable", "out_of_scope")
"""Categories of questions that must be abstained on (answerable false, no gold, no facts)."""
SPLITS = ("dev", "test")
QUOTE_WORDS = (10, 25)
"""Inclusive bounds on the number of whitespace-separated words of a gold quote."""


@dataclass(frozen=True)
class GoldRef:
    """One acceptable source of an answer: a document file name, a section label and a verbatim quote from it."""

    doc: str
    section: str
    quote: str


@dataclass(frozen=True)
class GoldItem:
    """One gold question with its expected sources and facts.

    `gold` lists alternative sources (citing any one counts; a comparison lists one per company) and
    `facts` lists the facts a good answer states, each as a tuple of acceptable phrasings. `concept` is
    shared by the items that ask the same question in other languages (None for a stand-alone item).
    `line` is the item's line in its gold file (0 when the item was built in code).
    """

    id: str
    lang: str
    question: str
    company: str | None
    answerable: bool
    gold: tuple[GoldRef, ...]
    facts: tuple[tuple[str, ...], ...]
    category: str
    split: str
    company_in_question: bool = False
    concept: str | None = None
    line: int = 0


class GoldItemError(GoldSetError):
    """A `GoldSetError` about one item; `item_id` is its id when the line was readable enough to have one."""

    def __init__(self, path: str | Path, line: int | None, reason: str, *, item_id: str = "",
                 hint: str | None = None) -> None:
        super().__init__(path, line, reason, hint=hint)
        self.item_id = item_id


@dataclass(frozen=True)
class GoldSet:
    """The items of one or more gold files that passed validation, and the problems of those that did not."""

    path: Path
    items: tuple[GoldItem, ...]
    problems: tuple[GoldSetError, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[GoldItem]:
        return iter(self.items)

    @property
    def ids(self) -> tuple[str, ...]:
        """The item ids, in file order."""
        return tuple(item.id for item in self.items)

    def get(self, item_id: str) -> GoldItem | None:
        """Return the item with id `item_id`, or None."""
        return next((item for item in self.items if item.id == item_id), None)
