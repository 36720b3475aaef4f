"""Language versions at answer time: prefer the customer's language version of a hit, and list the other versions
of each cited section.

A policy published in several languages (four files that name one `policy`, or J3D's two halves) has its sections
linked by ingest; a question in Dutch then cites the Dutch section even when the English one ranked first, and each
citation names the same section in the other versions.

Usage::

    hits = prefer_language(hits, language="nl", snapshot=snapshot)
    citations = with_alternates(citations, snapshot=snapshot)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.retrieval.ranking import LINKED_SIGNAL
from assistant.retrieval.snapshot import IndexSnapshot
from assistant.types import Citation, CitationVersion, Hit
from core.types import Chunk

__all__ = ["linked_chunk", "prefer_language", "with_alternates"]

_POOLED_SHARE = 0.25
"""How much of the score of a section's other language versions adds to its best one (dev split)."""


def prefer_language(hits: Sequence[Hit], *, language: str, snapshot: IndexSnapshot,
                    reference_companies: Sequence[str] = ("gdpr",)) -> list[Hit]:
    """Replace each hit in another language by its linked section in `language`, and pool the versions' scores.

    A swapped hit is marked with the `linked` signal; a hit that repeats an earlier one after the swap, or is
    another version of it when the policy has no version in `language` (a French question, J3D's English and
    Dutch halves), adds a share of its score to it, so a section found in several language versions ranks a little higher (which makes the
    choice depend less on the question's language) without burying a section that only one version has.
    A reference-set hit in another language is dropped: the reference set has a version in every language, so the
    question's own version is among the candidates on its own merit (pooling the definitions article of four
    languages would put it first for any question).

    Args:
        hits: fused hits, best first.
        language: the question's language.
        snapshot: the index the hits come from (sections and the languages of each company).
        reference_companies: the reference sets (the GDPR).

    Returns:
        The hits in `language` wherever the policy has that language, best pooled score first.
    """
    pooled: dict[str, Hit] = {}
    version_of: dict[tuple[str, int], str] = {}  # (section id, passage) of every version -> the kept hit's chunk id
    for hit in hits:
        chunk = hit.chunk
        if chunk.language != language and language in snapshot.company_languages.get(chunk.company, ()):
            if chunk.company in reference_companies:
                continue  # the reference set exists in every language and is searched in each: keep the question's
            twin = linked_chunk(chunk, language, snapshot=snapshot)
            if twin is not None:
                hit = Hit(chunk=twin, score=hit.score, signals={**hit.signals, LINKED_SIGNAL: 1.0})
        versions = [(section_id, hit.chunk.passage) for section_id in (hit.chunk.section_id, *hit.chunk.linked)]
        kept = next((version_of[version] for version in versions if version in version_of), None)
        if kept is None:
            pooled[hit.chunk.id] = hit
            version_of.update(dict.fromkeys(versions, hit.chunk.id))
        else:  # another version of a section already found (with no version in `language`): one section, pooled
            first = pooled[kept]
            pooled[kept] = Hit(chunk=first.chunk, score=first.score + _POOLED_SHARE * hit.score,
                               signals={**hit.signals, **first.signals})
    return sorted(pooled.values(), key=lambda hit: -hit.score)


def linked_chunk(chunk: Chunk, language: str, *, snapshot: IndexSnapshot) -> Chunk | None:
    """The passage of the section linked to `chunk`'s section in `language`, aligned by passage number, or None."""
    for section_id in chunk.linked:
        twins = snapshot.by_section.get(section_id)
        if twins and twins[0].language == language:
            return twins[min(chunk.passage, len(twins) - 1)]
    return None


def with_alternates(citations: Sequence[Citation], *, snapshot: IndexSnapshot) -> tuple[Citation, ...]:
    """Fill `alternates` of each citation with its section in the policy's other language versions.

    Args:
        citations: the answer's citations; one whose chunk is not in `snapshot` comes back unchanged.
        snapshot: the index the citations come from.

    Returns:
        The citations in order, each with one `CitationVersion` per other language, sorted by language code.
    """
    out = []
    for citation in citations:
        chunk = snapshot.by_id.get(citation.chunk_id)
        if chunk is None:
            out.append(citation)
            continue
        versions = []
        for section_id in chunk.linked:
            twins = snapshot.by_section.get(section_id)
            if twins:
                twin = twins[min(chunk.passage, len(twins) - 1)]
                versions.append(CitationVersion(document=twin.document, section=twin.label, language=twin.language,
                                                chunk_id=twin.id))
        out.append(replace(citation, alternates=tuple(sorted(versions, key=lambda version: version.language))))
    return tuple(out)
