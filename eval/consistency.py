"""Cross-lingual consistency: whether the same question asked in several languages is answered from the same section.

Gold items that ask one question in several languages share a `concept` id. A concept counts when at least two
of its items were answered with at least one citation; it is consistent when the first citations of all those
items are the same section, across the policy's language versions. Two citations cite the same section when
their (document, section) pairs are equal, or when one's pair is among the other's `alternates` (the cited
section in the policy's other language versions). Pure functions over the runner's `ItemRecord`s; no I/O.

Usage::

    consistency = cross_lingual_consistency(records)
    consistency.value, consistency.counted, [c.concept for c in consistency.concepts if c.consistent is False]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from assistant.types import Citation, Status
from core.settings import LANGUAGES
from eval.metrics import normalize_space

if TYPE_CHECKING:
    from eval.types import ItemRecord

__all__ = [
    "CONSISTENCY_DESCRIPTION",
    "CONSISTENCY_METRIC",
    "ConceptCitation",
    "ConceptConsistency",
    "Consistency",
    "cross_lingual_consistency",
    "first_citation",
    "same_section",
]

CONSISTENCY_METRIC = "cross_lingual_consistency"
CONSISTENCY_DESCRIPTION = ("concepts (one question in several languages) whose answered items all cite the same"
                           " section first, across the policy's language versions")


@dataclass(frozen=True)
class ConceptCitation:
    """What one language version of a concept got: its status and the first citation (None when it has none)."""

    lang: str
    item_id: str
    status: str
    document: str | None
    section: str | None

    def as_dict(self) -> dict:
        return {"lang": self.lang, "item": self.item_id, "status": self.status, "document": self.document,
                "section": self.section}


@dataclass(frozen=True)
class ConceptConsistency:
    """One concept of the evaluated items: what each language cited first and whether they agree.

    `consistent` is None when the concept is not counted (fewer than two of its items were answered with a
    citation); `cited` lists its items in language order.
    """

    concept: str
    category: str
    company: str | None
    cited: tuple[ConceptCitation, ...]
    consistent: bool | None

    @property
    def counted(self) -> bool:
        return self.consistent is not None

    def as_dict(self) -> dict:
        return {"concept": self.concept, "category": self.category, "company": self.company,
                "counted": self.counted, "consistent": self.consistent,
                "cited": [citation.as_dict() for citation in self.cited]}


@dataclass(frozen=True)
class Consistency:
    """The cross-lingual consistency of a run: the share, the concepts it was computed on and every concept seen.

    `value` is None (not 1.0) when no concept could be counted.
    """

    value: float | None = None
    counted: int = 0
    consistent: int = 0
    concepts: tuple[ConceptConsistency, ...] = ()

    def as_dict(self) -> dict:
        return {"value": None if self.value is None else round(self.value, 4), "counted": self.counted,
                "consistent": self.consistent, "concepts": [concept.as_dict() for concept in self.concepts]}


def first_citation(record: ItemRecord) -> Citation | None:
    """The first citation (lowest `n`) of an answered item, or None when it abstained or cited nothing."""
    if record.answer.status is not Status.ANSWERED or not record.answer.citations:
        return None
    return min(record.answer.citations, key=lambda citation: citation.n)


def _pair(document: str, section: str) -> tuple[str, str]:
    return document, normalize_space(section).casefold()


def same_section(first: Citation, second: Citation) -> bool:
    """Whether two citations cite the same section of a policy, in the same or in another language version.

    True when their (document, section) pairs are equal (section labels compared ignoring case and
    whitespace), or when one's pair is among the other's `alternates`.
    """
    one, two = _pair(first.document, first.section), _pair(second.document, second.section)
    return (one == two
            or two in {_pair(version.document, version.section) for version in first.alternates}
            or one in {_pair(version.document, version.section) for version in second.alternates})


def _language_order(lang: str) -> tuple[int, str]:
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), lang)


def _concept(concept: str, records: Sequence[ItemRecord]) -> ConceptConsistency:
    ordered = sorted(records, key=lambda record: _language_order(record.item.lang))
    firsts = [first_citation(record) for record in ordered]
    cited = tuple(
        ConceptCitation(lang=record.item.lang, item_id=record.item.id, status=record.answer.status.value,
                        document=None if citation is None else citation.document,
                        section=None if citation is None else citation.section)
        for record, citation in zip(ordered, firsts, strict=True)
    )
    answered = [citation for citation in firsts if citation is not None]
    consistent = None if len(answered) < 2 else all(same_section(a, b) for a, b in combinations(answered, 2))
    first = ordered[0].item
    return ConceptConsistency(concept=concept, category=first.category, company=first.company, cited=cited,
                              consistent=consistent)


def cross_lingual_consistency(records: Sequence[ItemRecord]) -> Consistency:
    """Score every concept among `records` (items without a concept are ignored).

    A concept is counted when at least two of its items were answered (status `answered`) with at least one
    citation, and is consistent when the first citations of all those items cite the same section pairwise
    (`same_section`). Items that abstained or cited nothing are listed in the detail but do not count.

    Args:
        records: the scored items of a run (any split).

    Returns:
        The share of counted concepts that are consistent (None when none is counted), the counts, and one
        `ConceptConsistency` per concept, sorted by concept id.
    """
    groups: dict[str, list[ItemRecord]] = {}
    for record in records:
        if record.item.concept is not None:
            groups.setdefault(record.item.concept, []).append(record)
    concepts = tuple(_concept(concept, groups[concept]) for concept in sorted(groups))
    counted = [concept for concept in concepts if concept.counted]
    consistent = sum(1 for concept in counted if concept.consistent)
    return Consistency(value=consistent / len(counted) if counted else None, counted=len(counted),
                       consistent=consistent, concepts=concepts)
