"""Evidence ranking inside a retrieved passage: rank its units against the question and pick the quote that answers.

A passage is split into evidence units (`core.evidence_units`): sentences, list items with their lead-in, table
rows. Each unit's score (`assistant.unit_scoring`) is adjusted in its passage: its semantic fit (the cosine with the
question), an item's share of its lead-in's score, a heading that names what is asked.

The quote is one verbatim slice of the passage: the best unit, the units next to it that also answer, and for a list
its lead-in ("Main processors and partners include:") with the items that answer.

Usage::

    scorer = EvidenceScorer()
    pick = scorer.run(hit=hit, asked=asked, terms=terms, categories=("sharing",), wanted=frozenset())
    pick.hit.chunk.text[pick.start:pick.end]   # the verbatim quote
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.evidence_lexicon import COOKIE_KIND_LABELS, POLICY_TERMS, Table
from assistant.facts import extract_facts, states_controller
from assistant.intent import Intent, QuestionIntent
from assistant.question_asks import GdprReference
from assistant.types import Hit
from assistant.unit_scoring import TITLE_CHARS, UnitScorer, is_title_line
from core.categories import categorize
from core.evidence_units import EvidenceUnit, passage_units

__all__ = ["EvidencePick", "EvidenceScorer", "cut_at_clause", "display_of"]

# The company's own "no" right after the quoted unit, which answers a yes or no question the unit only frames.
_OWN_DENIAL = re.compile(r"(?:we|wij|wir|nous)\b[^.;]{0,120}?\b(?:not|never|niet|nooit|nicht|nie|keine?n?|ne|n')\b",
                         re.IGNORECASE)
DENSE_FLOOR = 0.80
DENSE_WEIGHT = 0.5
_MAX_UNITS_APART = 4
SHORT_SECTION_CHARS = 450  # a section this short is quoted whole: its other sentences carry the context


@dataclass(frozen=True)
class EvidencePick:
    """A quote chosen from one hit: its span in the chunk text, the units it covers and how well it answers."""

    hit: Hit
    start: int
    end: int
    score: float
    units: tuple[EvidenceUnit, ...] = ()
    best: EvidenceUnit | None = None
    """The unit that answers best, one of `units` (None for a pick made without unit scores)."""

    @property
    def display(self) -> str:
        """The quote for people: its units' display text (no markdown), or the whitespace-collapsed quote."""
        return display_of(self.hit.chunk.text, self.start, self.end)


def display_of(text: str, start: int, end: int) -> str:
    """What a reader sees of `text[start:end]`: the display text of the units inside it, else the collapsed slice."""
    inside = [unit for unit in passage_units(text) if unit.start >= start and unit.end <= end]
    if not inside:
        return " ".join(text[start:end].split())
    return " ".join(unit.display for unit in inside)


class EvidenceScorer(UnitScorer):
    """Rank the evidence units of a passage against a question and pick the verbatim quote that answers.

    Args:
        max_quote_chars: longest quote; a longer run of answering units is cut back to the best ones.
        min_support: least unit score that counts as answering.
        neighbour_ratio: a unit next to the quote joins it when it scores at least this share of the best unit.
        unit_vectors, terms: how each unit is scored (`UnitScorer`).
    """

    def __init__(self, *, max_quote_chars: int = 600, min_support: float = 0.5, neighbour_ratio: float = 0.25,
                 unit_vectors: Mapping[str, np.ndarray] | None = None, terms: Table = POLICY_TERMS) -> None:
        super().__init__(unit_vectors=unit_vectors, terms=terms)
        self.max_quote_chars = max_quote_chars
        self.min_support = min_support
        self.neighbour_ratio = neighbour_ratio

    def run(self, *, hit: Hit, asked: QuestionIntent, terms: frozenset[str], categories: Sequence[str],
            wanted: frozenset[str], reference: GdprReference | None = None,
            query_vector: np.ndarray | None = None, min_support: float | None = None) -> EvidencePick | None:
        """The span of `hit` that best answers, or None when no unit reaches `min_support` (by default the
        scorer's own)."""
        text = hit.chunk.text
        units = passage_units(text)
        if not units:
            return None
        language = hit.chunk.language
        sharing = "sharing" in hit.chunk.categories
        cosines = [self.similarity(unit, query_vector) or 0.0 for unit in units]
        scores = [self.score(unit, text=text, language=language, asked=asked, terms=terms, categories=categories,
                             wanted=wanted, reference=reference, sharing=sharing) + _dense_score(cosine)
                  for unit, cosine in zip(units, cosines, strict=True)]
        if (hit.chunk.passage == 0 and len(units) > 1 and len(units[0].display) >= TITLE_CHARS
                and is_title_line(units[0]) and extract_facts(units[0].display, recipients=False).empty):
            scores[0] *= 0.3  # a subtitle under the heading ("Conditions applicable to child's consent ...")
        for i, unit in enumerate(units):  # an item inherits part of its lead-in's fit: "We collect:" + "Name"
            if unit.lead_in is not None and scores[unit.lead_in] > 0:
                scores[i] += 0.5 * scores[unit.lead_in]
        if categories and set(categories).intersection(categorize(hit.chunk.title, language=language)):
            scores = [score + 0.4 if score > 0 else score for score in scores]  # the section is about the question
        key = self.key_labels(asked)
        if any(self.matches(hit.chunk.title, language, label) for label in key):
            # the heading names what is asked: "8.6 DATA PORTABILITY"; under "Functional cookies" every item is
            # about functional cookies, though none says so
            bonus = 2.0 if COOKIE_KIND_LABELS.intersection(key) else 1.0
            scores = [score + bonus for score in scores]
        if "controller" in wanted and states_controller(hit.chunk.title):
            scores = [score + 1.0 for score in scores]  # "I - Qui est responsable de traitement ?"
        if "cookies" not in asked.objects and asked.action != "track" and "cookie" in hit.chunk.title.lower():
            scores = [0.7 * score for score in scores]  # cookie periods do not answer how long data is kept
        if max(scores) < (self.min_support if min_support is None else min_support):
            return None
        # Ties go to a statement rather than a title line, then to the unit closer to the question.
        best = max(range(len(units)), key=lambda i: (scores[i], not is_title_line(units[i]), cosines[i], -i))
        keep, limit = self._keep(units, scores, best, asked, whole=hit.chunk.passages == 1)
        start, end = units[keep[0]].start, units[keep[-1]].end
        if end - start > limit:
            end = cut_at_clause(text, start, start + limit)
        return EvidencePick(hit=hit, start=start, end=end, score=scores[best],
                            units=tuple(units[keep[0]:keep[-1] + 1]), best=units[best])

    def _keep(self, units: Sequence[EvidenceUnit], scores: Sequence[float], best: int,
              asked: QuestionIntent, *, whole: bool) -> tuple[list[int], int]:
        """The indices of the units to quote, one contiguous run around `best`, and the length it fits: a list asked
        for, and recipients listed after a lead-in, may take twice `max_quote_chars`; a section in one passage
        (`whole`) of at most `SHORT_SECTION_CHARS` is quoted whole."""
        limit = 2 * self.max_quote_chars if asked.intent is Intent.LIST else self.max_quote_chars
        if whole and units[-1].end - units[0].start <= min(SHORT_SECTION_CHARS, limit):
            return list(range(len(units))), limit
        floor = max(0.5 * scores[best], self.min_support)
        keep = {i for i in range(len(units)) if scores[i] >= floor and abs(i - best) <= _MAX_UNITS_APART} | {best}
        lead = units[best].lead_in if units[best].kind == "item" else (best if units[best].kind == "lead_in" else None)
        if lead is not None:
            keep.add(lead)
            items = [i for i, unit in enumerate(units) if unit.lead_in == lead]
            wants_all = units[best].kind == "lead_in" or asked.intent in (Intent.LIST, Intent.RECIPIENTS)
            keep.update(items if wants_all else [i for i in items if scores[i] >= floor])
            if asked.intent is Intent.RECIPIENTS:
                limit = 2 * self.max_quote_chars
        ordered = sorted(keep)
        while units[ordered[-1]].end - units[ordered[0]].start > limit and len(ordered) > 1:
            far = ordered[0] if abs(ordered[0] - best) > abs(ordered[-1] - best) else ordered[-1]
            if far == best:
                break
            ordered.remove(far)
        if units[ordered[-1]].end - units[ordered[0]].start > limit:
            ordered = [best]
        first, last = ordered[0], ordered[-1]
        grown = True  # neighbours that still touch the question join while the quote fits
        while grown:
            grown = False
            for i in (last + 1, first - 1):
                if (0 <= i < len(units) and scores[i] > 0 and scores[i] >= self.neighbour_ratio * scores[best]
                        and max(units[last].end, units[i].end) - min(units[first].start, units[i].start) <= limit):
                    first, last, grown = min(first, i), max(last, i), True
                    break
        after = last + 1  # "... the right not to be subject to profiling." + "We do not process your data in such a way"
        if (asked.intent is Intent.YES_NO and after < len(units) and _OWN_DENIAL.match(units[after].display)
                and units[after].end - units[first].start <= limit):
            last = after
        return list(range(first, last + 1)), limit


def _dense_score(cosine: float | None) -> float:
    """The semantic fit of a unit: 0 at or below `DENSE_FLOOR`, rising by `DENSE_WEIGHT` per 0.1 of cosine above it."""
    if cosine is None:
        return 0.0
    return DENSE_WEIGHT * max(0.0, cosine - DENSE_FLOOR) / 0.1


def cut_at_clause(text: str, start: int, limit: int) -> int:
    """An end offset at or before `limit` on a clause boundary (after `;`, `:` or `,`), else at a word boundary."""
    window = text[start:limit]
    for mark in (";", ":", ","):
        position = window.rfind(mark)
        if position > len(window) // 3:
            return start + position + 1
    position = window.rfind(" ")
    return start + (position if position > 0 else len(window))
