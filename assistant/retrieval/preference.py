"""Language preference: swap a hit in another language for the linked section in the customer's language.

A policy published in two languages (J3D en <-> nl) has its sections linked by ingest; a question in Dutch then
cites the Dutch section even when the English one ranked first.

Usage::

    hits = prefer_language(hits, language="nl", snapshot=snapshot)
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.retrieval.ranking import LINKED_SIGNAL
from assistant.retrieval.snapshot import IndexSnapshot
from assistant.types import Hit
from core.types import Chunk

__all__ = ["linked_chunk", "prefer_language"]


def prefer_language(hits: Sequence[Hit], *, language: str, snapshot: IndexSnapshot,
                    reference_companies: Sequence[str] = ("gdpr",)) -> list[Hit]:
    """Replace each hit in another language by its linked section in `language`, keeping rank and score.

    A swapped hit is marked with the `linked` signal; a hit that repeats an earlier one after the swap is dropped.
    A reference-set hit in another language without a linked twin is dropped too: the reference set has a version
    in every language, so the question's own version is among the candidates.

    Args:
        hits: fused hits, best first.
        language: the question's language.
        snapshot: the index the hits come from (sections and the languages of each company).
        reference_companies: the reference sets (the GDPR).

    Returns:
        The hits in `language` wherever the policy has that language, in the same order.
    """
    out: list[Hit] = []
    seen: set[str] = set()
    for hit in hits:
        chunk = hit.chunk
        if chunk.language != language and language in snapshot.company_languages.get(chunk.company, ()):
            twin = linked_chunk(chunk, language, snapshot=snapshot)
            if twin is not None:
                hit = Hit(chunk=twin, score=hit.score, signals={**hit.signals, LINKED_SIGNAL: 1.0})
            elif chunk.company in reference_companies:
                continue  # the reference set exists in every language: keep only the question's
        if hit.chunk.id in seen:
            continue
        seen.add(hit.chunk.id)
        out.append(hit)
    return out


def linked_chunk(chunk: Chunk, language: str, *, snapshot: IndexSnapshot) -> Chunk | None:
    """The passage of the section linked to `chunk`'s section in `language`, aligned by passage number, or None."""
    for section_id in chunk.linked:
        twins = snapshot.by_section.get(section_id)
        if twins and twins[0].language == language:
            return twins[min(chunk.passage, len(twins) - 1)]
    return None
