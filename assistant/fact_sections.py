"""Sections that hold the fact a question asks for by its form: a date the policy applies from, a phone number.

The sentence that dates a policy ("These rules enter into force on 02/07/2025.", "De ingangsdatum ... is 1 januari
2021") or gives a phone number ("+31 (0)20 261 4883") often sits in a contact or introduction section that retrieval
does not rank for "since when does the policy apply?" or "which number can I call?". A question that wants a date
(`wanted_facts` kind `dates`), or a contact question that wants a phone number (kind `phones`), gets the company's
passages holding such a sentence appended to its hits; the evidence ranking then quotes it.

Usage::

    hits = with_fact_sections(hits, chunks=snapshot.chunks, company="m3d-print", language="de",
                              wanted=wanted_facts(question, categories), contact=True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.facts import names_phone, states_effective_date
from assistant.types import Hit
from core.types import Chunk

__all__ = ["FACT_SIGNAL", "with_fact_sections"]

FACT_SIGNAL = "fact_section"
_MAX_SECTIONS = 2


def with_fact_sections(hits: Sequence[Hit], *, chunks: Sequence[Chunk], company: str, language: str,
                       wanted: frozenset[str], contact: bool) -> list[Hit]:
    """`hits` plus up to two of `company`'s passages holding the date or phone number asked for, each scored as the
    best hit (signal `fact_section`); when the policy has them in `language`, only that version is kept.

    Args:
        hits: the retrieved hits, best first (returned unchanged when empty or nothing is wanted).
        chunks: every passage of the index.
        company: the shop asked about.
        language: the question's language.
        wanted: the fact kinds the question asks for (`assistant.facts.wanted_facts`).
        contact: the question is a contact question (a phone number is sought only then).
    """
    holds: Callable[[str], bool] | None = None
    if "dates" in wanted:
        holds = states_effective_date
    elif "phones" in wanted and contact:
        holds = names_phone
    if not hits or holds is None:
        return list(hits)
    best = hits[0].score
    found = [chunk for chunk in chunks if chunk.company == company and holds(chunk.text)]
    own = [chunk for chunk in found if chunk.language == language]
    if own:  # one language version, the asker's: the other versions of the fact leave the hits
        other = {chunk.id for chunk in found if chunk.language != language}
        hits = [hit for hit in hits if hit.chunk.id not in other]
    seen = {hit.chunk.id for hit in hits}
    added = [chunk for chunk in own or found if chunk.id not in seen][:_MAX_SECTIONS]
    return [*hits, *(Hit(chunk=chunk, score=best, signals={FACT_SIGNAL: 1.0}) for chunk in added)]
