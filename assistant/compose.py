"""Grounded extractive answers: pick the sentences that answer, state the key facts, quote them verbatim.

Usage::

    composer = ExtractiveComposer(names={"pixeljet": "Pixeljet"})
    composition = composer.run(question="Wie lange speichert Pixeljet meine Daten?", language="de",
                               company="pixeljet", hits=retrieval.hits, categories=("retention",),
                               contact="info@pixeljet.nl")
    verify_quotes(composition.citations)   # assistant.quotes: raises QuoteMismatch if a quote is not in its passage

The composer never writes policy content in its own words: the answer is a localized lead-in from
`assistant.templates`, the lines `assistant.stated_facts` states from the quoted units (the direct answer, key facts
lifted by pattern) and the verbatim quotes with their `[n]` markers; a rights question also quotes the paragraph of
its GDPR article (`assistant.gdpr_quote`). Text in a policy that reads like an instruction is therefore only ever
quoted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant import templates
from assistant.answer_line import asked_actions, gist, gist_of, lead_key, words_action
from assistant.citing import CitationPicker
from assistant.evidence import EvidencePick, EvidenceScorer, cut_at_clause, display_of
from assistant.facts import NAMED_CHANNELS, extract_facts
from assistant.gdpr_quote import gdpr_pick
from assistant.intent import Intent, IntentClassifier, QuestionIntent
from assistant.question_asks import gdpr_reference, wanted_facts
from assistant.question_words import question_names, question_terms
from assistant.quotes import locate_quote
from assistant.stated_facts import right_sections, stated_lines, supported
from assistant.types import Citation, Hit
from assistant.vendors import PolicyVendors
from core.errors import ConfigError
from core.evidence_units import passage_units
from core.text import words

__all__ = ["REFERENCE_COMPANY", "Composition", "ExtractiveComposer"]

REFERENCE_COMPANY = "gdpr"
# Intents whose answer has a type of its own: no cited unit of that type, no answer.
_TYPED_INTENTS = frozenset({Intent.DURATION, Intent.RESPONSE_TIME, Intent.TRANSFER, Intent.LEGAL_BASIS, Intent.CONTACT})


def _answering(picks: Sequence[EvidencePick]) -> str:
    """The display text of the first pick's best unit, when the quote holds all of it."""
    best = picks[0].best if picks else None
    return best.display if best is not None and best.end <= picks[0].end else ""


# ---------------------------------------------------------------------------------------------- composer


@dataclass(frozen=True)
class Composition:
    """A composed answer: the text shown to the customer, its numbered citations and the facts it states."""

    text: str
    citations: tuple[Citation, ...]
    facts: tuple[str, ...] = ()
    direct: tuple[str, ...] = ()
    """The direct answer lines among `facts`: a yes or no, periods with what they apply to, parties, rights."""
    answering: str = ""
    """The first citation's unit that answers best, as a reader sees it ("" when not known)."""
    fit: float | None = None
    """The best cosine of the question and a cited unit; None without unit vectors."""
    supported: bool | None = None
    """Whether a cited unit words what the question asks about (its data object, right, action or intent); None
    when the question names nothing the policy lexicon knows."""
    answer_type: bool | None = None
    """For a typed intent (how long, where to, on what basis, how fast, how to reach): whether a cited unit holds
    that kind of answer (a period, a destination, a basis, a channel); None for other questions."""
    topic: bool = False
    """The question names a topic of its own (`TOPIC_LABELS`: a breach, health data, an app, ...), which only a unit
    wording it answers, however close retrieval reads."""


class ExtractiveComposer:
    """Compose a short, localized answer from the retrieved passages, with verbatim numbered quotes.

    Args:
        names: display name per company id (from the manifests); the id is shown when missing.
        kinds: the kind of each source document by (company id, file name), from the manifests; a document not
            listed is a privacy policy. A quote from a cookie policy or terms names that kind after the company.
        max_quote_chars: longest quote; a longer run of answering sentences is cut back to the best ones.
        max_citations: company passages cited for a single-company answer (the GDPR article comes on top).
        second_citation_ratio: a further passage is cited only when it scores at least this share of the best.
        min_support: least sentence score that counts as answering (half the question's terms, or a shared
            category or wanted fact); one shared word such as "use" does not.
        neighbour_ratio: a sentence next to the quote joins it (while the quote fits `max_quote_chars`) when it
            scores at least this share of the best sentence.

    Raises:
        ConfigError: a limit is out of range.
    """

    def __init__(
        self,
        *,
        names: Mapping[str, str] | None = None,
        kinds: Mapping[tuple[str, str], str] | None = None,
        max_quote_chars: int = 600,
        max_citations: int = 3,
        second_citation_ratio: float = 0.45,
        min_support: float = 0.5,
        neighbour_ratio: float = 0.25,
    ) -> None:
        if max_quote_chars < 80:
            raise ConfigError(f"composer max_quote_chars must be at least 80, got {max_quote_chars!r}")
        if max_citations < 1:
            raise ConfigError(f"composer max_citations must be at least 1, got {max_citations!r}")
        if not 0.0 <= second_citation_ratio <= 1.0:
            raise ConfigError(f"composer second_citation_ratio must be within [0, 1], got {second_citation_ratio!r}")
        self.names = dict(names or {})
        self.kinds = dict(kinds or {})
        self.max_quote_chars = max_quote_chars
        if not 0.0 <= neighbour_ratio <= 1.0:
            raise ConfigError(f"composer neighbour_ratio must be within [0, 1], got {neighbour_ratio!r}")
        self.scorer = EvidenceScorer(max_quote_chars=max_quote_chars, min_support=min_support,
                                     neighbour_ratio=neighbour_ratio)
        self.classifier = IntentClassifier(names=tuple(self.names.values()))
        self.picker = CitationPicker(scorer=self.scorer, max_citations=max_citations,
                                     second_citation_ratio=second_citation_ratio)

    def warm_up(self) -> None:
        """Compile the intent and evidence lexicons."""
        self.classifier.warm_up()
        self.scorer.warm_up()

    def run(
        self,
        *,
        question: str,
        language: str,
        company: str | None,
        hits: Sequence[Hit],
        categories: Sequence[str],
        contact: str = "",
        asked: QuestionIntent | None = None,
        query_vector: np.ndarray | None = None,
    ) -> Composition:
        """Answer `question` in `language` from `hits`.

        Args:
            question: the customer's question.
            language: the answer language (the question's, or English for an unsupported one).
            company: the company asked about, or `gdpr` for a question about the regulation itself (a comparison
                composes one answer per company and joins them with `compare`).
            hits: retrieved passages, best first; hits of the `gdpr` reference set are used for the article
                that governs a rights question.
            categories: the question's privacy categories.
            contact: the company's privacy contact, named when none of its passages answers.
            asked: the question's intent; classified here when not given.
            query_vector: the question's embedding by the evidence-unit embedder, for the semantic fit of units.

        Returns:
            The answer text, its citations (numbered from 1) and the key-fact lines it states.
        """
        reference = gdpr_reference(question, categories)
        wanted = wanted_facts(question, categories)
        if reference is not None and reference.right == "response_time":
            wanted |= {"durations"}
        asked = self.scorer.with_extra_objects(asked or self.classifier.run(question=question, language=language),
                                         question=question, language=language)
        if (reference is not None and reference.right == "response_time"
                and asked.intent in (Intent.EXERCISE_RIGHT, Intent.OTHER)):
            asked = replace(asked, intent=Intent.RESPONSE_TIME)  # "wie schnell antwortet ihr auf meinen Antrag"
        terms = question_terms(question, language, exclude=self._name_words(company))
        gdpr_hits = [hit for hit in hits if hit.chunk.company == REFERENCE_COMPANY]
        policy_hits = [hit for hit in hits if hit.chunk.company != REFERENCE_COMPANY]
        if company == REFERENCE_COMPANY:
            policy_hits, gdpr_hits = gdpr_hits, []
        picks = self.picker.run(hits=policy_hits, terms=terms, categories=categories, wanted=wanted,
                                reference=reference, language=language, asked=asked, query_vector=query_vector,
                                vendors=PolicyVendors.named(question))
        citations: list[Citation] = [self._citation(n, pick) for n, pick in enumerate(picks, start=1)]
        name = self.name(company) if company else ""
        direct, fact_lines = stated_lines(picks, citations, scorer=self.scorer, asked=asked, language=language,
                                          company_name=name, wanted=wanted,
                                          sections=right_sections(policy_hits, picks, scorer=self.scorer, asked=asked,
                                                                  categories=categories))
        # "Is there a DPO?" is answered by the clause on one; "the DPO's e-mail address?" needs the address too.
        topical_contact = (asked.intent is Intent.CONTACT and self.scorer.asks_topic(asked)
                           and not NAMED_CHANNELS.keys() & wanted)
        # A yes or no names the company itself; any other answer opens with where it comes from.
        lead = "" if direct and asked.intent is Intent.YES_NO else templates.render(
            lead_key(company, categories, reference, wanted, asked=replace(asked, intent=Intent.OTHER)
                     if topical_contact else asked, reference_company=REFERENCE_COMPANY,
                           stated_action=words_action(picks, asked_actions(asked.action))), language, company=name)
        if citations:
            markers = "".join(f"[{c.n}]" for c in citations)
            summary = [f"{lead} {' '.join(fact_lines)}".strip() + f" {markers}"]
        else:
            summary = [templates.render("not_in_policy", language, company=name, contact=contact)]
        article = gdpr_pick(gdpr_hits, reference=reference, language=language, max_quote_chars=self.max_quote_chars)
        if article is not None:
            citation = self._citation(len(citations) + 1, article)
            citations.append(citation)
            article_name = citation.section + (f"({reference.paragraph})" if reference and reference.paragraph else "")
            summary.append(templates.render("gdpr.lead", language, article=article_name) + f" [{citation.n}]")
        text = "\n".join(summary) + "\n\n" + self._quote_block(citations, language)
        holds = (self.picker.holds_answer_type(picks, asked, wanted)
                 if asked.intent in _TYPED_INTENTS and not topical_contact else None)
        if holds and "period_number" in wanted and not any(extract_facts(unit.display, recipients=False).durations
                                                           for pick in picks for unit in pick.units):
            holds = False  # "how many years": "as long as necessary" states no number
        policy = company != REFERENCE_COMPANY
        return Composition(text=text.strip(), citations=tuple(citations), facts=tuple(fact_lines), direct=tuple(direct),
                           answering=_answering(picks),
                           supported=supported(picks, asked, wanted, scorer=self.scorer, picker=self.picker,
                                               holds_answer_type=holds,
                                               names=question_names(question, self._name_words(company), language))
                           if policy else None,
                           answer_type=holds if policy and "dates" not in wanted else None,
                           topic=self.scorer.asks_topic(asked),
                           fit=self._fit(picks, query_vector))

    def _fit(self, picks: Sequence[EvidencePick], query_vector: np.ndarray | None) -> float | None:
        cosines = [self.scorer.similarity(unit, query_vector) for pick in picks for unit in pick.units]
        known = [cosine for cosine in cosines if cosine is not None]
        return max(known) if known else None

    def name(self, company: str | None) -> str:
        """The display name of a company id."""
        return self.names.get(company or "", company or "")

    def cite(self, *, n: int, hit: Hit, question: str, language: str, categories: Sequence[str],
             quote: str = "") -> Citation:
        """A citation of `hit` numbered `n`: `quote` located verbatim in the passage (white space may differ),
        else the passage's best answering sentences.

        Used for the citations of an LLM answer, whose quotes are checked only up to white space.
        """
        span = locate_quote(hit.chunk.text, quote) if quote else None
        if span is not None:
            return self._citation(n, EvidencePick(hit=hit, start=span[0], end=span[1], score=1.0))
        pick = self.scorer.run(hit=hit, asked=self.classifier.run(question=question, language=language),
                               terms=question_terms(question, language), categories=categories,
                               wanted=wanted_facts(question, categories), reference=gdpr_reference(question, categories))
        return self._citation(n, pick or self._opening(hit) or EvidencePick(
            hit=hit, start=0, end=cut_at_clause(hit.chunk.text, 0, min(len(hit.chunk.text), self.max_quote_chars)),
            score=0.0))

    def article(self, *, hit: Hit, question: str, language: str, categories: Sequence[str]) -> Composition:
        """The answer to a question that names a GDPR article ("was regelt Artikel 15 DSGVO"): its best answering
        sentences, else its opening, cited from `hit` (the article's passage in the answer language)."""
        citation = self.cite(n=1, hit=hit, question=question, language=language, categories=categories)
        lead = templates.render("lead.gdpr", language, company=self.name(REFERENCE_COMPANY))
        return Composition(text=f"{lead} [1]\n\n{self._quote_block([citation], language)}", citations=(citation,),
                           facts=())

    def _opening(self, hit: Hit) -> EvidencePick | None:
        """The first two units of a passage (headings are never units), within `max_quote_chars`."""
        text = hit.chunk.text
        units = passage_units(text)[:2]
        if not units:
            return None
        start, end = units[0].start, units[-1].end
        if end - start > self.max_quote_chars:
            end = units[0].end if units[0].end - start <= self.max_quote_chars else cut_at_clause(
                text, start, start + self.max_quote_chars)
        return EvidencePick(hit=hit, start=start, end=end, score=0.0)

    def compare(self, *, language: str, answers: Sequence[tuple[str, Composition | None]],
                asked: QuestionIntent) -> Composition:
        """Join the answers of several companies: one line per company, each with its own citation.

        Args:
            language: the answer language.
            answers: (company id, its own composed answer) per company, in the order to show; None, or an answer
                without citations, when the company's policy does not answer (its line says so, without citation).
            asked: the question's intent. A line states the company's direct answer; its other key facts (periods,
                e-mail addresses, authorities) only for an intent that asks for such a fact (how long, how to
                reach, ...): "which shops delete my data" is not answered with a shop's supervisory authority.

        Returns:
            The lead, one line per company ("- Name: the facts stated [n]", the quote's first sentence when no
            fact is stated) and the quote block; each company's first citation only, renumbered from 1.
        """
        lines = [templates.render("comparison.lead", language)]
        citations: list[Citation] = []
        all_facts: list[str] = []
        for company, answer in answers:
            name = self.name(company)
            if answer is None or not answer.citations:
                lines.append("- " + templates.render("comparison.silent", language, company=name))
                continue
            citation = replace(min(answer.citations, key=lambda c: c.n), n=len(citations) + 1)
            citations.append(citation)
            all_facts.extend(answer.facts)
            stated = answer.facts if asked.intent in _TYPED_INTENTS else answer.direct
            detail = " ".join(stated) or (gist_of(answer.answering) if answer.answering else gist(citation))
            lines.append(f"- {name}: {detail} [{citation.n}]")
        text = "\n".join(lines) + "\n\n" + self._quote_block(citations, language)
        return Composition(text=text.strip(), citations=tuple(citations), facts=tuple(all_facts))

    # ------------------------------------------------------------------ rendering

    def _citation(self, n: int, pick: EvidencePick) -> Citation:
        chunk = pick.hit.chunk
        return Citation(n=n, company=chunk.company, document=chunk.document, section=chunk.label,
                        language=chunk.language, quote=chunk.text[pick.start:pick.end], text=chunk.text,
                        display=display_of(chunk.text, pick.start, pick.end),
                        score=float(pick.hit.score), chunk_id=chunk.id, section_path=tuple(chunk.path))

    def _quote_block(self, citations: Sequence[Citation], language: str) -> str:
        """The verbatim quotes, one per line, with their marker, source (company, the document's kind when it is
        not a privacy policy, section) and (when it differs) language."""
        lines = []
        for citation in citations:
            kind = self.kinds.get((citation.company, citation.document), "policy")
            name = self._source_name(citation.company, language)
            if kind not in ("policy", "regulation"):  # the GDPR is named as such; a policy is the default
                name += " " + templates.render(f"kind.{kind}", language)
            source = f"{name}, {citation.section}"
            if citation.language != language:
                source += f", {templates.language_name(citation.language, language)}"
            quote = citation.display or " ".join(citation.quote.split())
            lines.append(f"[{citation.n}] \u201c{quote}\u201d ({source})")
        return "\n".join(lines)

    def _source_name(self, company: str, language: str) -> str:
        if company == REFERENCE_COMPANY:
            return templates.render("gdpr.short", language)
        return self.name(company)

    def _name_words(self, company: str | None) -> set[str]:
        return set(words(f"{company or ''} {self.name(company)}"))
