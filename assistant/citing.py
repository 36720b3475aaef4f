"""Which retrieved passages an answer cites, and in which order: each hit's best quote (`EvidenceScorer`), ranked by
its evidence plus its retrieval score, then re-sorted so that the quote holding what is asked comes first.

Usage::

    picker = CitationPicker(scorer=EvidenceScorer(), max_citations=3, second_citation_ratio=0.45)
    picks = picker.run(hits=hits, terms=terms, categories=("retention",), wanted=frozenset({"durations"}),
                       reference=None, language="nl", asked=asked)
    picks[0].units[0].display   # the answering sentence of the first citation
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.answer_line import denies_action
from assistant.evidence import EvidencePick, EvidenceScorer
from assistant.evidence_lexicon import PARTY_LABELS
from assistant.facts import (
    NAMED_CHANNELS,
    extract_facts,
    names_channel,
    names_complaint,
    states_controller,
    states_effective_date,
)
from assistant.intent import Intent, QuestionIntent
from assistant.question_asks import GdprReference
from assistant.retrieval.ranking import RANKER_SIGNAL
from assistant.types import Hit
from assistant.vendors import names_any
from core.categories import normalize
from core.evidence_units import EvidenceUnit

__all__ = ["CitationPicker"]

# A section's rank for citing: its best unit's score, plus its retrieval score relative to the best hit times
# RETRIEVAL_WEIGHT, minus RANK_PENALTY per retrieval rank (dev split; 2 until session 9, when the ranker with its
# match had become the better judge). A further citation's worth counts retrieval at CITING_RETRIEVAL_WEIGHT.
RETRIEVAL_WEIGHT = 4.0
CITING_RETRIEVAL_WEIGHT = 2.0
RANK_PENALTY = 0.05
# The ranker's probability of relevance above which its first passage is quoted though no unit reaches min_support
# (dev split: 0.2-0.5 give the same result).
CONFIDENT_RANKER = 0.3
# A passage the ranker rates this share of its sure first passage or less does not outrank it for citing (dev split).
DOMINANCE = 0.25


def _continues(first: EvidencePick, pick: EvidencePick) -> bool:
    """Whether `pick` quotes the next passage of the section whose list `first` quotes up to its passage's end (the
    kinds of cookie listed over two passages)."""
    chunk, following = first.hit.chunk, pick.hit.chunk
    return (following.section_id == chunk.section_id and following.passage == chunk.passage + 1
            and first.end >= len(chunk.text.rstrip()) and bool(first.units) and first.units[-1].kind == "item")


class CitationPicker:
    """Choose the quotes an answer cites: a component of the composer.

    Args:
        scorer: the evidence scorer that finds each passage's best quote.
        max_citations: company passages cited at most.
        second_citation_ratio: a further passage is cited only when it scores at least this share of the best.
    """

    def __init__(self, *, scorer: EvidenceScorer, max_citations: int, second_citation_ratio: float) -> None:
        self.scorer = scorer
        self.max_citations = max_citations
        self.second_citation_ratio = second_citation_ratio

    def warm_up(self) -> None:
        """Nothing to load: the scorer's lexicons are compiled on construction."""

    def run(self, *, hits: Sequence[Hit], terms: frozenset[str], categories: Sequence[str], wanted: frozenset[str],
            reference: GdprReference | None, language: str, asked: QuestionIntent,
            query_vector: np.ndarray | None = None, vendors: Sequence[str] = ()) -> list[EvidencePick]:
        """The picks to cite, first the one that answers.

        Args:
            hits: the company's retrieved passages, best first (ranker probabilities in `signals`).
            terms: the question's stemmed terms; categories: its privacy categories; wanted: the fact kinds it asks
                for; reference: the GDPR right it names; language: its language; asked: its intent and labels.
            query_vector: the question's vector of the evidence-unit embedder, for the units' semantic fit.
            vendors: vendors the question names, folded ("google analytics"): a quote naming one comes first.

        Returns:
            At most `max_citations` picks from different sections; [] when no unit answers.
        """
        if not hits:
            return []
        top = max(hit.score for hit in hits) or 1.0
        scored: list[tuple[float, EvidencePick]] = []
        for rank, hit in enumerate(hits):
            pick = self.scorer.run(hit=hit, asked=asked, terms=terms, categories=categories, wanted=wanted,
                                   reference=reference, query_vector=query_vector)
            if pick is None:
                continue
            scored.append((pick.score + RETRIEVAL_WEIGHT * hit.score / top - RANK_PENALTY * rank, pick))
        scored.sort(key=lambda item: -item[0])

        def closest() -> EvidencePick | None:  # the first passage's closest unit, however few words it shares
            return self.scorer.run(hit=hits[0], asked=asked, terms=terms, categories=categories, wanted=wanted,
                                   reference=reference, query_vector=query_vector, min_support=0.0)

        if scored and self._dominant_unpicked(hits[0], scored):
            pick = closest()
            if pick is not None:  # the ranker's clear first passage, though no unit shares enough words
                scored.insert(0, (scored[0][0], pick))
        if asked.intent is Intent.CONTACT and asked.right != "complaint" and "controller" not in wanted:
            # "which address do I write to": the shop's own contact before a clause on complaining to an authority
            # (a tie-break: the sorts below keep this order among equals)
            scored.sort(key=lambda item: any(names_complaint(unit.display)
                                             and extract_facts(unit.display, recipients=False).authorities
                                             for unit in item[1].units))
        if vendors:  # "do you use Google Analytics": the unit naming it (then the sorts below), before a section on analytics in general
            scored.sort(key=lambda item: not any(names_any(normalize(unit.display), vendors) for unit in item[1].units))
        if (asked.intent is Intent.RESPONSE_TIME or (asked.intent is Intent.CONTACT and NAMED_CHANNELS.keys() & wanted)
                or (asked.intent in (Intent.RECIPIENTS, Intent.YES_NO) and PARTY_LABELS.intersection(asked.objects))):
            # sentences with a time to answer, the channel or the kind of party asked for come first, in their order
            scored.sort(key=lambda item: not self.holds_answer_type([item[1]], asked, wanted))
        elif asked.intent is Intent.YES_NO and asked.action == "sell":  # the sentence that says "never" first
            scored.sort(key=lambda item: not denies_action(item[1], "sell"))
        elif "dates" in wanted:  # "since when does it apply": the dating sentence, not a clause on changes
            scored.sort(key=lambda item: not any(states_effective_date(unit.display) for unit in item[1].units))
        elif asked.intent is Intent.CONTACT and asked.right is None:  # "how do I reach you": an address, not a heading
            topics = self.scorer.key_labels(asked) if self.scorer.asks_topic(asked) else ()  # "have you a DPO": that clause
            scored.sort(key=lambda item: (not self.words_any(item[1], topics) if topics else False,
                                          not any(names_channel(unit.display) for unit in item[1].units)))
        elif self.scorer.asks_topic(asked):  # "do I have to prove who I am": the unit that words the check
            topics = self.scorer.key_labels(asked)
            scored.sort(key=lambda item: not self.words_any(item[1], topics))
        elif asked.intent is Intent.DURATION and asked.objects and scored:
            topics = self.scorer.key_labels(asked)
            if not self.words_any(scored[0][1], topics):  # "how long are logs kept", the best quote not about logs
                scored.sort(key=lambda item: not (self.words_any(item[1], topics)
                                                  and self.holds_answer_type([item[1]], asked, wanted)))
            elif not self.holds_answer_type([scored[0][1]], asked, wanted):
                # about logs but without a period: a unit with a number of days or months that words logs, with
                # its heading and the one above ("Dauer der Speicherung" in "2. ... Erstellung von Logfiles")
                scored.sort(key=lambda item: not any(
                    extract_facts(unit.display, recipients=False).durations
                    and self._unit_words(item[1], unit, topics, parent=True) for unit in item[1].units))
        if "controller" in wanted:  # "who is responsible": the clause naming them, first under a heading saying so
            scored.sort(key=lambda item: (not any(states_controller(f"{item[1].hit.chunk.title} {unit.display}")
                                                  for unit in item[1].units),
                                          not states_controller(item[1].hit.chunk.title)))
        if not scored:
            # No unit reaches `min_support`. When retrieval is sure of its first passage, or terms cannot match across
            # languages, that passage's closest unit is quoted; in the question's own language and with an unsure
            # ranker, nothing answers.
            confident = hits[0].signals.get(RANKER_SIGNAL, 0.0) >= CONFIDENT_RANKER
            if not (confident or hits[0].chunk.language != language):
                return []
            pick = closest()
            return [pick] if pick is not None else []
        chosen = [scored[0][1]]
        if asked.intent in (Intent.LIST, Intent.RECIPIENTS):  # the rest of the list, right after its start
            chosen += [pick for _, pick in scored[1:] if _continues(chosen[0], pick)][:1]

        def worth(pick: EvidencePick) -> float:  # a further citation's worth: its evidence, retrieval at the weight of 2
            return pick.score + CITING_RETRIEVAL_WEIGHT * pick.hit.score / top

        # The ratio is to the best pick, which a re-sort above may have moved from the first place.
        best_value = max(worth(pick) for _, pick in scored)
        best_score = max(pick.score for _, pick in scored)
        for _, pick in scored[1:]:
            if len(chosen) >= self.max_citations:
                break
            cited = {section for c in chosen for section in (c.hit.chunk.section_id, *c.hit.chunk.linked)}
            if (worth(pick) >= self.second_citation_ratio * best_value
                    and pick.score >= self.second_citation_ratio * best_score
                    and pick.hit.chunk.section_id not in cited):  # nor another language version of a cited section
                chosen.append(pick)
        return chosen

    def words_any(self, pick: EvidencePick, labels: Sequence[str]) -> bool:
        """Whether a unit of `pick`, read with its section title, words one of the lexicon `labels`."""
        return any(self._unit_words(pick, unit, labels) for unit in pick.units)

    def _unit_words(self, pick: EvidencePick, unit: EvidenceUnit, labels: Sequence[str], *,
                    parent: bool = False) -> bool:
        """Whether `unit` of `pick`, read with its section title (and with `parent`, the heading above it), words
        one of the lexicon `labels`."""
        path = pick.hit.chunk.path
        above = path[-2] if parent and len(path) > 1 else ""
        heading = f"{above} {pick.hit.chunk.title}".strip()
        return any(self.scorer.matches(f"{heading} {unit.display}", pick.hit.chunk.language, label)
                   for label in labels)

    @staticmethod
    def _dominant_unpicked(first: Hit, scored: Sequence[tuple[float, EvidencePick]]) -> bool:
        """Whether the ranker is sure of `first`, no unit of which reached `min_support`, and rates every passage
        that has a pick at most `DOMINANCE` times as likely ("hoe laat u weten dat het beleid is aangepast": the
        section on changes says "wijzigingen", "melding"). A passage added for the facts it holds (a rights section,
        a phone number) has no rating and is never outranked this way."""
        probability = first.signals.get(RANKER_SIGNAL, 0.0)
        rated = [pick.hit.signals.get(RANKER_SIGNAL) for _, pick in scored]  # None: added for its facts, not ranked
        return (probability >= CONFIDENT_RANKER and all(pick.hit is not first for _, pick in scored)
                and all(other is not None and other <= DOMINANCE * probability for other in rated))

    def holds_answer_type(self, picks: Sequence[EvidencePick], asked: QuestionIntent, wanted: frozenset[str]) -> bool:
        """Whether a unit of `picks` holds what the intent asks for (`EvidenceScorer.answer_type`)."""
        return any(self.scorer.answer_type(unit, text=pick.hit.chunk.text, language=pick.hit.chunk.language,
                                           asked=asked, sharing="sharing" in pick.hit.chunk.categories,
                                           wanted=wanted)
                   for pick in picks for unit in pick.units)
