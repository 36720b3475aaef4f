"""Quotes are verbatim: locating a quote in its passage and checking every citation's quote against it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Citation
from core.errors import QuoteMismatch
from core.text import QUOTE_MARKS, normalize_quotes


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `text` that reads as `quote` up to white space and typographic apostrophes, or None."""
    parts = normalize_quotes(quote).split()
    if not parts:
        return None
    pattern = r"\s+".join(re.escape(part).replace("'", f"[{QUOTE_MARKS}]") for part in parts)
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def verify_quotes(citations: Sequence[Citation]) -> None:
    """Check that every citation's quote is a non-empty verbatim substring of the passage it cites.

    Raises:
        QuoteMismatch: naming the citation number, company and section of the first bad quote.
    """
    for citation in citations:
        if not citation.quote.strip() or citation.quote not in citation.text:
            raise QuoteMismatch(
                f"citation [{citation.n}] ({citation.company}, {citation.section}): quote is not a verbatim "
                f"substring of the cited passage: {citation.quote[:80]!r}"
            )
