"""Link the matching sections of the language versions of one document (J3D's English and Dutch halves)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from core.types import Section

__all__ = ["link_language_versions", "section_similarity"]

_NAME = re.compile(r"(?<![\w])(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z]\w*|\d+(?:[.,/]\d+)*)")
_WORD = re.compile(r"[A-Z][a-z]{2,}")
_MIN_SCORE = 0.45
_GAP_SCORE = 0.2
_WEIGHTS = {"categories": 1.0, "names": 2.0, "position": 1.0}


def _names(section: Section) -> set[str]:
    """Proper names and numbers that survive translation: `Neostrada`, `PostNL`, `J3D`, `30`, `01/01/2021`."""
    found = set(_NAME.findall(section.text))
    # Capitalised words in mid-sentence are names in both languages (`Mollie`, `Google`, `Microsoft`).
    for match in _WORD.finditer(section.text):
        before = section.text[:match.start()].rstrip()
        if before and before[-1] not in ".!?:\n" and not before.endswith(("•", "-")):
            found.add(match.group())
    return found


def section_similarity(a: Section, b: Section, *, position_a: float, position_b: float) -> float:
    """How likely `a` and `b` are the same section in two languages, between 0 and 1.

    Args:
        a, b: sections of two language versions of one document.
        position_a, position_b: the relative position (0..1) of each section in its version.

    Returns:
        A weighted mean of the category overlap, the overlap of proper names and numbers, and the closeness of
        the positions.
    """
    cats_a, cats_b = set(a.categories), set(b.categories)
    categories = len(cats_a & cats_b) / len(cats_a | cats_b) if cats_a | cats_b else 0.5
    names_a, names_b = _names(a), _names(b)
    names = len(names_a & names_b) / len(names_a | names_b) if names_a | names_b else 0.0
    position = 1.0 - abs(position_a - position_b)
    total = (_WEIGHTS["categories"] * categories + _WEIGHTS["names"] * names + _WEIGHTS["position"] * position)
    return total / sum(_WEIGHTS.values())


def _align(left: Sequence[Section], right: Sequence[Section]) -> list[tuple[int, int]]:
    """A monotone one-to-one alignment of two versions of a document.

    Dynamic programming links the pairs that maximise the summed similarity (only pairs scoring at least
    `_MIN_SCORE`); then gaps of equal length between two links (or the ends) are linked in order when each pair
    still scores at least `_GAP_SCORE`, since a translation keeps the order of its sections.
    """
    n, m = len(left), len(right)
    sim = [[section_similarity(left[i], right[j],
                               position_a=i / max(n - 1, 1), position_b=j / max(m - 1, 1))
            for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            pair = sim[i - 1][j - 1]
            linked = best[i - 1][j - 1] + pair if pair >= _MIN_SCORE else float("-inf")
            best[i][j] = max(best[i - 1][j], best[i][j - 1], linked)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        pair = sim[i - 1][j - 1]
        if pair >= _MIN_SCORE and best[i][j] == best[i - 1][j - 1] + pair:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    filled = []
    for (i0, j0), (i1, j1) in zip([(-1, -1), *pairs], [*pairs, (n, m)], strict=True):
        gap = [(i0 + k, j0 + k) for k in range(1, i1 - i0)]
        if i1 - i0 == j1 - j0 and all(sim[a][b] >= _GAP_SCORE for a, b in gap):
            filled.extend(gap)
        if (i1, j1) != (n, m):
            filled.append((i1, j1))
    return filled


def link_language_versions(sections: Sequence[Section]) -> tuple[Section, ...]:
    """Fill `linked` of sections whose document exists in several languages with the ids of their translations.

    Sections are grouped by company and document; within a group each pair of languages is aligned in order
    (a section is linked to at most one section per other language, and links never cross). Sections of
    single-language documents come back unchanged.

    Args:
        sections: parsed sections of any number of documents.

    Returns:
        The same sections in the same order, with `linked` filled where a match was found.
    """
    groups: dict[tuple[str, str], dict[str, list[int]]] = {}
    for index, section in enumerate(sections):
        groups.setdefault((section.company, section.document), {}).setdefault(section.language, []).append(index)
    links: dict[int, list[str]] = {}
    for by_language in groups.values():
        for lang_a, lang_b in combinations(by_language, 2):
            left = [sections[i] for i in by_language[lang_a]]
            right = [sections[i] for i in by_language[lang_b]]
            for i, j in _align(left, right):
                a, b = by_language[lang_a][i], by_language[lang_b][j]
                links.setdefault(a, []).append(sections[b].id)
                links.setdefault(b, []).append(sections[a].id)
    return tuple(
        replace(section, linked=tuple(dict.fromkeys((*section.linked, *links[index])))) if index in links else section
        for index, section in enumerate(sections)
    )
