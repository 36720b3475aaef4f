"""The heading a passage is retrieved by: its section's title after the title of the section it sits in.

Policies repeat sub-headings under different parents: a German policy has a "Dauer der Speicherung" under
"2. Bereitstellung der Website und Erstellung von Logfiles" and another under "4. Statistische Auswertung". The
title alone cannot tell them apart; the parent heading can. A heading above most of a document's sections (the
document's own title) is left out, since it tells no section apart.

Usage::

    headings = section_headings(chunks)
    headings[chunk.id]   # "2. Bereitstellung der Website und Erstellung von Logfiles / Dauer der Speicherung"
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from core.types import Chunk

__all__ = ["DOCUMENT_WIDE", "section_headings"]

DOCUMENT_WIDE = 0.8
"""Share of a document's sections a heading must be above to count as the document's own title."""


def section_headings(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Chunk id -> the chunk's title, after its parent heading unless the parent spans most of the document.

    The parent is the heading right above the section in its path (`Chunk.path`). A heading above at least
    `DOCUMENT_WIDE` of the document's sections is the document's own title ("Datenschutzerklärung"): it tells
    no section apart, so a chunk under it alone keeps its title alone.
    """
    sections: dict[tuple[str, str, str], dict[str, tuple[str, ...]]] = {}
    for chunk in chunks:
        sections.setdefault(_document(chunk), {})[chunk.section_id] = chunk.path
    wide: dict[tuple[str, str, str], set[tuple[int, str]]] = {}
    for document, paths in sections.items():
        above = Counter((depth, heading) for path in paths.values() for depth, heading in enumerate(path[:-1]))
        wide[document] = {place for place, count in above.items() if count >= DOCUMENT_WIDE * len(paths)}
    headings = {}
    for chunk in chunks:
        parents = [heading for depth, heading in enumerate(chunk.path[:-1])
                   if (depth, heading) not in wide[_document(chunk)]]
        parent = parents[-1] if parents else ""
        headings[chunk.id] = f"{parent} / {chunk.title}" if parent and chunk.title not in parent else chunk.title
    return headings


def _document(chunk: Chunk) -> tuple[str, str, str]:
    return chunk.company, chunk.document, chunk.language
