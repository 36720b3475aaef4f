"""Link the sections of a policy's language versions: several files (`privacy-en.md`, `privacy-de.md`, ...) that
name the same `policy` in the manifest, or the two halves of one bilingual file (J3D's English and Dutch).

For each pair of languages the sections are linked in three steps, each keeping the order of the sections:
1. by numbering: `1.` <-> `Artikel 1`, `Article 15` <-> `Artikel 15`;
2. between those anchors, by heading position when both sides have as many sections;
3. otherwise by embedding alignment of title plus first sentence (a monotone one-to-one alignment), or, when no
   embedder is available, by the overlap of names, numbers and categories.
A section left without a partner in another language is reported as a warning.

Usage::

    linker = SectionLinker(embed=vectors.embed_texts)     # embed: texts -> unit vectors, or None
    result = linker.run(sections=sections, policy_of={"privacy-en.md": "privacy-notice", ...})
    result.sections      # the same sections, `linked` filled
    result.warnings      # "acme/privacy-fr.md:31: section 'Vente de données' (fr) has no linked section in de"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from core.evidence_units import split_units
from core.types import IngestWarning, Section

__all__ = ["LinkResult", "SectionLinker", "TextEmbedder", "numbering_key", "section_similarity"]

TextEmbedder = Callable[[Sequence[str]], np.ndarray]
"""Texts -> one unit-length vector per row (the multilingual embedder, through the embedding cache)."""

_NUMBERING = re.compile(
    r"\s*(?:(?:artikel|article|art\.?|section|abschnitt|kapitel|chapter|chapitre|hoofdstuk|§)\s*)?"
    r"(?P<key>\d+(?:\.\d+)*|(?-i:[IVXLC]+)(?=[\s.)–—-]))(?:[\s.)–—:-]|\Z)", re.I)
_NAME = re.compile(r"(?<![\w])(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z]\w*|\d+(?:[.,/]\d+)*)")
_WORD = re.compile(r"[A-Z][a-z]{2,}")
_MIN_SCORE = 0.45  # feature similarity a pair needs to be linked without embeddings
_MIN_MARGIN = 0.02  # how far a pair's cosine must rise above its row and column means to be linked
_FIRST_SENTENCE_CHARS = 300
_WEIGHTS = {"categories": 1.0, "names": 2.0, "position": 1.0}


@dataclass(frozen=True)
class LinkResult:
    """Sections with `linked` filled, in input order, and one warning per section left unlinked."""

    sections: tuple[Section, ...]
    warnings: tuple[IngestWarning, ...]


def numbering_key(label: str) -> str | None:
    """The section number a label starts with, comparable across languages: `Artikel 6` -> `6`, `8.3 RIGHT` -> `8.3`,
    `II - Données` -> `II`; None for an unnumbered label."""
    found = _NUMBERING.match(label)
    return found.group("key").upper() if found else None


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
    """How likely `a` and `b` are the same section in two languages, between 0 and 1, without embeddings.

    Args:
        a, b: sections of two language versions of one policy.
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


def _summary(section: Section) -> str:
    """Title plus first sentence: what the embedding alignment compares."""
    body = section.text[len(section.text.split("\n", 1)[0]):]
    units = split_units(body)
    first = units[0].display if units else body.strip()
    return f"{section.title}\n{first[:_FIRST_SENTENCE_CHARS]}"


def _monotone(scores: np.ndarray, *, threshold: float) -> list[tuple[int, int]]:
    """The order-keeping one-to-one pairs whose scores (each at least `threshold`) have the largest sum."""
    n, m = scores.shape
    best = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            pair = scores[i - 1, j - 1]
            linked = best[i - 1, j - 1] + pair if pair >= threshold else -np.inf
            best[i, j] = max(best[i - 1, j], best[i, j - 1], linked)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        pair = scores[i - 1, j - 1]
        if pair >= threshold and best[i, j] == best[i - 1, j - 1] + pair:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


class SectionLinker:
    """Fill `linked` of every section whose policy exists in several languages with its translations' ids.

    Args:
        embed: texts -> unit vectors, for versions whose sections are neither numbered alike nor equal in count;
            None aligns those by names, numbers and categories.
    """

    def __init__(self, *, embed: TextEmbedder | None = None) -> None:
        self.embed = embed

    def warm_up(self) -> None:
        """Nothing to load: the embedder loads its model only when a text is not in its cache."""

    def run(self, *, sections: Sequence[Section], policy_of: Mapping[str, str] | None = None) -> LinkResult:
        """Link the language versions of each company's policies.

        Args:
            sections: parsed sections of any number of documents and companies.
            policy_of: document file -> policy id (the manifest's `policy`); a file missing here is its own policy,
                so the two halves of a bilingual file are still linked.

        Returns:
            The same sections in the same order with `linked` filled, and a warning for each section of a
            multi-language policy that found no partner in some other language.
        """
        policy_of = policy_of or {}
        groups: dict[tuple[str, str], dict[str, list[int]]] = {}
        for index, section in enumerate(sections):
            policy = policy_of.get(section.document, section.document)
            groups.setdefault((section.company, policy), {}).setdefault(section.language, []).append(index)
        links: dict[int, list[str]] = {}
        warnings: list[IngestWarning] = []
        for by_language in groups.values():
            for lang_a, lang_b in combinations(sorted(by_language), 2):
                left, right = by_language[lang_a], by_language[lang_b]
                pairs = self._align([sections[i] for i in left], [sections[j] for j in right])
                for i, j in pairs:
                    links.setdefault(left[i], []).append(sections[right[j]].id)
                    links.setdefault(right[j], []).append(sections[left[i]].id)
                warnings.extend(_unlinked(sections, left, {i for i, _ in pairs}, lang_b))
                warnings.extend(_unlinked(sections, right, {j for _, j in pairs}, lang_a))
        linked = tuple(
            replace(section, linked=tuple(dict.fromkeys((*section.linked, *links[index]))))
            if index in links else section
            for index, section in enumerate(sections))
        return LinkResult(sections=linked, warnings=tuple(warnings))

    def _align(self, left: Sequence[Section], right: Sequence[Section]) -> list[tuple[int, int]]:
        """Numbered anchors first, then each gap between anchors by position or by similarity."""
        anchors = _numbered_anchors(left, right)
        pairs: list[tuple[int, int]] = []
        for (i0, j0), (i1, j1) in zip([(-1, -1), *anchors], [*anchors, (len(left), len(right))], strict=True):
            gap_left, gap_right = list(range(i0 + 1, i1)), list(range(j0 + 1, j1))
            if gap_left and gap_right:
                if len(gap_left) == len(gap_right):
                    pairs.extend(zip(gap_left, gap_right, strict=True))
                else:
                    found = self._by_similarity([left[i] for i in gap_left], [right[j] for j in gap_right])
                    pairs.extend((gap_left[a], gap_right[b]) for a, b in found)
            if (i1, j1) != (len(left), len(right)):
                pairs.append((i1, j1))
        return pairs

    def _by_similarity(self, left: Sequence[Section], right: Sequence[Section]) -> list[tuple[int, int]]:
        """A monotone one-to-one alignment by embeddings of title plus first sentence, else by shared features."""
        if self.embed is not None:
            vectors = np.asarray(self.embed([_summary(section) for section in (*left, *right)]), dtype=np.float64)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            cosine = vectors[:len(left)] @ vectors[len(left):].T
            # a translation is closer to its original than to the other sections: compare with row and column means
            margin = cosine - (cosine.mean(axis=1, keepdims=True) + cosine.mean(axis=0, keepdims=True)) / 2
            return _monotone(margin, threshold=_MIN_MARGIN)
        n, m = len(left), len(right)
        scores = np.array([[section_similarity(left[i], right[j], position_a=i / max(n - 1, 1),
                                               position_b=j / max(m - 1, 1)) for j in range(m)] for i in range(n)])
        return _monotone(scores, threshold=_MIN_SCORE)


def _numbered_anchors(left: Sequence[Section], right: Sequence[Section]) -> list[tuple[int, int]]:
    """Pairs of sections with the same number on both sides, kept only while they stay in order."""
    right_at: dict[str, int] = {}
    for j, section in enumerate(right):
        key = numbering_key(section.label)
        if key is not None:
            right_at.setdefault(key, j)
    anchors: list[tuple[int, int]] = []
    seen: set[str] = set()
    for i, section in enumerate(left):
        key = numbering_key(section.label)
        if key is None or key in seen or key not in right_at:
            continue
        seen.add(key)
        j = right_at[key]
        if not anchors or j > anchors[-1][1]:
            anchors.append((i, j))
    return anchors


def _unlinked(sections: Sequence[Section], members: Sequence[int], linked: set[int],
              other: str) -> list[IngestWarning]:
    return [IngestWarning(path=f"{sections[index].company}/{sections[index].document}",
                          line=sections[index].line_start,
                          reason=f"section {sections[index].label!r} ({sections[index].language}) has no linked "
                                 f"section in {other}")
            for position, index in enumerate(members) if position not in linked]
