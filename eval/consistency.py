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
from itertools import combinations

from assistant.types import Citation, Status
from core.settings import LANGUAGES
from eval.metrics import normalize_space
from eval.types import ConceptCitation, ConceptConsistency, Consistency, ItemRecord

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
