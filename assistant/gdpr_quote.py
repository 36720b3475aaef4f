"""The quote of the GDPR article that governs a rights question: the paragraph its `GdprReference` names.

Usage::

    reference = gdpr_reference("Hoe lang heeft u om mijn inzageverzoek te beantwoorden?", ("rights",))
    pick = gdpr_pick(gdpr_hits, reference=reference, language="nl", max_quote_chars=600)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import EvidencePick, cut_at_clause
from assistant.question_asks import GdprReference
from assistant.types import Hit

__all__ = ["gdpr_pick"]


def gdpr_pick(hits: Sequence[Hit], *, reference: GdprReference | None, language: str,
              max_quote_chars: int) -> EvidencePick | None:
    """The paragraph of the GDPR article for `reference`, preferably in the answer language."""
    if reference is None:
        return None
    matching = [hit for hit in hits if _article_number(hit.chunk.label) == reference.article]
    matching.sort(key=lambda hit: (hit.chunk.language != language, hit.chunk.passage))
    for hit in matching:
        text = hit.chunk.text
        number = reference.paragraph or 1
        paragraph = re.search(rf"(?m)^{number}\.\s+(.+?)(?:\n\s*\n|\Z)", text, re.DOTALL)
        if paragraph is None:
            continue
        start = paragraph.start(1)
        end = paragraph.end(1)
        if end - start > max_quote_chars:
            end = cut_at_clause(text, start, start + max_quote_chars)
        return EvidencePick(hit=hit, start=start, end=end, score=1.0)
    return None


def _article_number(label: str) -> int | None:
    match = re.match(r"(?:Article|Artikel|Art\.?)\s+(\d+)", label)
    return int(match.group(1)) if match else None
