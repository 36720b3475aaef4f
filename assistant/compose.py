"""Grounded extractive answers: pick the sentences that answer, state the key facts, quote them verbatim.

Usage::

    composer = ExtractiveComposer(names={"pixeljet": "Pixeljet"})
    composition = composer.run(question="Wie lange speichert Pixeljet meine Daten?", language="de",
                               company="pixeljet", hits=retrieval.hits, categories=("retention",),
                               contact="info@pixeljet.nl")
    verify_quotes(composition.citations)   # assistant.quotes: raises QuoteMismatch if a quote is not in its passage

The composer never writes policy content in its own words: the answer is a localized lead-in from
`assistant.templates`, key facts lifted from the quoted sentences by pattern (durations, e-mail addresses,
authority names, recipient names) and the verbatim quotes with their `[n]` markers. Text in a policy that reads
like an instruction is therefore only ever quoted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant import templates
from assistant.answer_line import answer_lines, asked_actions, gist, gist_of, lead_key, words_action
from assistant.citing import CitationPicker
from assistant.evidence import (
    EvidencePick,
    EvidenceScorer,
    cut_at_clause,
    display_of,
    question_names,
    question_terms,
)
from assistant.facts import NAMED_CHANNELS, KeyFacts, extract_facts, states_effective_date
from assistant.intent import Intent, IntentClassifier, QuestionIntent
from assistant.object_lexicon import RIGHT_TERMS
from assistant.question_asks import GdprReference, gdpr_reference, wanted_facts
from assistant.quotes import locate_quote
from assistant.types import Citation, Hit
from assistant.vendors import PolicyVendors, vendors_in
from core.errors import ConfigError
from core.evidence_units import passage_units
from core.text import words

__all__ = ["REFERENCE_COMPANY", "Composition", "ExtractiveComposer"]

REFERENCE_COMPANY = "gdpr"
_GENERIC_AUTHORITIES = frozenset({"supervisory authority", "toezichthoudende autoriteit", "aufsichtsbehörde",
                                  "autorité de contrôle"})
# A heading asked as a question names a right only with the word itself: "Quels droits avez-vous ?", but not
# "Qui va avoir accès à ces données ?".
_RIGHT_WORD = re.compile(r"\b(?:rights?|recht(?:en)?|rechte|droits?)\b", re.IGNORECASE)
# Intents whose answer has a type of its own: no cited unit of that type, no answer.
_TYPED_INTENTS = frozenset({Intent.DURATION, Intent.RESPONSE_TIME, Intent.TRANSFER, Intent.LEGAL_BASIS, Intent.CONTACT})


def _fact_lines(facts: KeyFacts, *, language: str, wanted: frozenset[str]) -> list[str]:
    """The key facts as localized sentences, in the order a customer reads them.

    Durations, authorities and e-mail addresses are always stated; an "as long as necessary" retention or one bound
    by the legal periods only when the question asks how long. Named parties come from cited list items
    (`assistant.answer_line`).
    """
    lines: list[str] = []
    if facts.durations:
        items = [templates.duration(amount, unit, language) for amount, unit in facts.durations]
        lines.append(templates.render("fact.durations", language, items=templates.join_list(items, language)))
    elif facts.as_needed and "durations" in wanted:
        lines.append(templates.render("fact.as_needed", language))
    elif facts.legal_period and "durations" in wanted:
        lines.append(templates.render("fact.legal_period", language))
    named = [name for name in facts.authorities if name.lower() not in _GENERIC_AUTHORITIES]
    if named:  # "the supervisory authority" names none: stated only with a name ("Dutch Data Protection Authority")
        lines.append(templates.render("fact.authorities", language, items=templates.join_list(named, language)))
    if facts.emails:
        lines.append(templates.render("fact.emails", language, items=templates.join_list(list(facts.emails), language)))
    return lines


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
        direct, fact_lines = self._stated(picks, citations, asked=asked, language=language, company_name=name,
                                          wanted=wanted,
                                          sections=self._right_sections(policy_hits, picks, asked=asked,
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
        article = self._gdpr_pick(gdpr_hits, reference=reference, language=language, terms=terms)
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
                           supported=self._supported(picks, asked, wanted, holds_answer_type=holds,
                                                     names=question_names(question, self._name_words(company),
                                                                          language))
                           if policy else None,
                           answer_type=holds if policy and "dates" not in wanted else None,
                           topic=self.scorer.asks_topic(asked),
                           fit=self._fit(picks, query_vector))

    def _fit(self, picks: Sequence[EvidencePick], query_vector: np.ndarray | None) -> float | None:
        cosines = [self.scorer.similarity(unit, query_vector) for pick in picks for unit in pick.units]
        known = [cosine for cosine in cosines if cosine is not None]
        return max(known) if known else None

    def _right_sections(self, hits: Sequence[Hit], picks: Sequence[EvidencePick], *, asked: QuestionIntent,
                        categories: Sequence[str]) -> list[str]:
        """For "which rights do I have": the headings of the retrieved sections that name a right, in the language
        of the answering quote ("Inzagerecht", "Rectificatierecht", ...)."""
        if not picks or asked.intent is not Intent.LIST or asked.right is not None or "rights" not in categories:
            return []
        first = picks[0].hit.chunk
        chunks = sorted((hit.chunk for hit in hits), key=lambda chunk: (chunk.document, chunk.line_start))
        titles = [chunk.title.strip() for chunk in chunks
                  if chunk.company == first.company and chunk.language == first.language
                  and any(self.scorer.matches(chunk.title, first.language, right) for right in RIGHT_TERMS)
                  and (not chunk.title.rstrip().endswith("?") or _RIGHT_WORD.search(chunk.title))]
        return list(dict.fromkeys(title for title in titles if title))

    def _supported(self, picks: Sequence[EvidencePick], asked: QuestionIntent, wanted: frozenset[str], *,
                   holds_answer_type: bool | None, names: Sequence[str] = ()) -> bool | None:
        """Whether a cited unit holds the answer type of a typed intent (`holds_answer_type`, None for an untyped
        one: a period, a channel, a destination, a legal basis) or the date a policy applies from when that is
        asked, or else words one of the asked labels; when the question asks nothing the lexicons know, whether a
        cited unit names one of the question's proper `names` ("Wer ist Milan Blairon?"), else None."""
        units = [(pick, unit) for pick in picks for unit in pick.units]
        if "dates" in wanted:
            return any(states_effective_date(unit.display) for _, unit in units)
        if holds_answer_type is False:
            return False
        if holds_answer_type and asked.intent is Intent.CONTACT and NAMED_CHANNELS.keys() & wanted:
            return True  # the address or number asked for is quoted
        if "provider_name" in wanted and not self._named_providers(picks, asked):
            return False  # "which payment provider": "payment partners" names none
        labels = self.scorer.key_labels(asked)
        if not labels:
            quoted = " ".join(unit.display for _, unit in units)
            named = any(re.search(rf"\b{re.escape(name)}\b", quoted) for name in names)
            return True if holds_answer_type or named else None
        if holds_answer_type and asked.intent is Intent.RESPONSE_TIME and set(labels) <= RIGHT_TERMS.keys():
            return True  # "we answer within one month of your request" holds for a request under any right
        if asked.intent is Intent.YES_NO and asked.action == "sell" and labels == ("sell", "share"):
            return words_action(picks, asked_actions(asked.action))  # a verb, not "third parties" alone
        return any(self.picker.words_any(pick, labels) for pick in picks)

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

    def _gdpr_pick(self, hits: Sequence[Hit], *, reference: GdprReference | None, language: str,
                   terms: frozenset[str]) -> EvidencePick | None:
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
            if end - start > self.max_quote_chars:
                end = cut_at_clause(text, start, start + self.max_quote_chars)
            return EvidencePick(hit=hit, start=start, end=end, score=1.0)
        return None

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

    def _stated(self, picks: Sequence[EvidencePick], citations: Sequence[Citation], *, asked: QuestionIntent,
                language: str, company_name: str, wanted: frozenset[str],
                sections: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        """The direct answer lines and all the fact lines the answer states, from the chosen quotes."""
        facts = self._facts(citations)
        direct = answer_lines(asked=asked, picks=picks, language=language, company=company_name, scorer=self.scorer,
                              sections=sections, wanted=wanted)
        if direct and asked.intent in (Intent.DURATION, Intent.YES_NO):
            # the periods are stated with what they apply to, so "no fixed period is named" would be false; a yes or
            # no is the answer, and the periods of its quote would read as a second one
            facts = replace(facts, durations=(), as_needed=False, legal_period=False)
        if asked.intent is Intent.RESPONSE_TIME:  # "as long as necessary" is said of keeping data, not of answering
            facts = replace(facts, as_needed=False, legal_period=False)
        if asked.intent not in (Intent.CONTACT, Intent.EXERCISE_RIGHT) and "complaint_route" not in wanted:
            facts = replace(facts, authorities=())  # "see the CNIL's guide on cookies" is no answer to a cookie question
        if "provider_name" in wanted and not direct:
            vendors = self._named_providers(picks, asked)  # "which payment provider": those the quotes name
            if vendors:
                direct = [templates.render("fact.named", language, items=templates.join_list(vendors, language))]
        return direct, direct + _fact_lines(facts, language=language, wanted=wanted)

    def _named_providers(self, picks: Sequence[EvidencePick], asked: QuestionIntent) -> list[str]:
        """The vendors the quotes name; for a kind of provider asked about (a courier, a payment or hosting
        provider), only in units about that kind ("PostNL" for a courier, not "Google Analytics"); else those in
        units about the data asked about ("who sends the newsletter": the newsletter's row) or, failing that, in the
        answering quote ("who does the yearly pentest": not the payment providers another quote names)."""
        def named(about: tuple[str, ...], chosen: Sequence[EvidencePick]) -> list[str]:
            return vendors_in(unit.display for pick in chosen for unit in pick.units
                              if not about or any(self.scorer.matches(unit.display, pick.hit.chunk.language, label)
                                                  for label in about))

        kinds = self.scorer.provider_kinds(asked)
        if kinds:
            return named(kinds, picks)
        return (named(asked.objects, picks) if asked.objects else []) or named((), picks[:1])

    def _facts(self, citations: Sequence[Citation]) -> KeyFacts:
        """Key facts of the answering (first) quote: periods, e-mail addresses, authorities; parties are named by the
        answer line from list items, not guessed from capitalised words."""
        return extract_facts(citations[0].quote if citations else "", recipients=False)

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


# ---------------------------------------------------------------------------------------------- scoring


def _article_number(label: str) -> int | None:
    match = re.match(r"(?:Article|Artikel|Art\.?)\s+(\d+)", label)
    return int(match.group(1)) if match else None
