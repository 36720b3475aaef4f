"""Sections that state since when a policy applies: added to the hits of a question that asks for that date.

The sentence that dates a policy ("These rules enter into force on 02/07/2025.", "De ingangsdatum ... is 1 januari
2021") often closes a contact or introduction section that retrieval does not rank for "since when does the policy
apply?". A question that wants a date (`wanted_facts` kind `dates`) gets the company's sections with such a sentence
appended to its hits; the evidence ranking then quotes the dated sentence.

Usage::

    hits = with_dated_sections(hits, chunks=snapshot.chunks, company="m3d-print", language="de")
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.facts import states_effective_date
from assistant.types import Hit
from core.types import Chunk

__all__ = ["DATED_SIGNAL", "with_dated_sections"]

DATED_SIGNAL = "dated"
_MAX_SECTIONS = 2


def with_dated_sections(hits: Sequence[Hit], *, chunks: Sequence[Chunk], company: str, language: str) -> list[Hit]:
    """`hits` plus up to two of `company`'s passages stating an effective date, in `language` when the policy has
    that version, each scored as the best hit (signal `dated`)."""
    if not hits:
        return list(hits)
    seen = {hit.chunk.id for hit in hits}
    dated = [chunk for chunk in chunks if chunk.company == company and states_effective_date(chunk.text)]
    own = [chunk for chunk in dated if chunk.language == language] or dated  # one language version, the asker's
    return [*hits, *(Hit(chunk=chunk, score=hits[0].score, signals={DATED_SIGNAL: 1.0})
                     for chunk in own[:_MAX_SECTIONS] if chunk.id not in seen)]
