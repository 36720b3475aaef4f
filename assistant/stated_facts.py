"""What a grounded answer states from its quotes, and whether the quotes support it.

Nothing is written in the composer's own words: the direct lines (a yes or no, periods with what they apply to,
parties, the rights the retrieved headings name) come from the cited units (`assistant.answer_line`), the key facts
are lifted from the answering quote by pattern (`assistant.facts`: durations, e-mail addresses, authority names) and
rendered with the localized templates of `assistant.templates`; a provider asked for is named only when a quote
names it. `supported` tells whether a cited unit holds the answer type or words what the question asks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant import templates
from assistant.answer_line import answer_lines, asked_actions, words_action
from assistant.citing import CitationPicker
from assistant.evidence import EvidencePick, EvidenceScorer
from assistant.facts import NAMED_CHANNELS, KeyFacts, extract_facts, states_effective_date
from assistant.intent import Intent, QuestionIntent
from assistant.object_lexicon import RIGHT_TERMS
from assistant.types import Citation, Hit
from assistant.vendors import vendors_in

__all__ = ["right_sections", "stated_lines", "supported"]

_GENERIC_AUTHORITIES = frozenset({"supervisory authority", "toezichthoudende autoriteit", "aufsichtsbehörde",
                                  "autorité de contrôle"})
# A heading asked as a question names a right only with the word itself: "Quels droits avez-vous ?", but not
# "Qui va avoir accès à ces données ?".
_RIGHT_WORD = re.compile(r"\b(?:rights?|recht(?:en)?|rechte|droits?)\b", re.IGNORECASE)


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


def stated_lines(picks: Sequence[EvidencePick], citations: Sequence[Citation], *, scorer: EvidenceScorer,
                 asked: QuestionIntent, language: str, company_name: str, wanted: frozenset[str],
                 sections: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """The direct answer lines and all the fact lines the answer states, from the chosen quotes."""
    facts = _facts(citations)
    direct = answer_lines(asked=asked, picks=picks, language=language, company=company_name, scorer=scorer,
                          sections=sections, wanted=wanted)
    if (direct and asked.intent in (Intent.DURATION, Intent.YES_NO)) or (
            asked.intent is Intent.YES_NO and "durations" not in wanted):
        # the periods are stated with what they apply to, so "no fixed period is named" would be false; a yes or
        # no is the answer, and the periods of its quote would read as a second one; a yes/no question that asks
        # no period ("can I order without an account") is not answered by the periods its quote happens to name
        facts = replace(facts, durations=(), as_needed=False, legal_period=False)
    if asked.intent is Intent.RESPONSE_TIME:  # "as long as necessary" is said of keeping data, not of answering
        facts = replace(facts, as_needed=False, legal_period=False)
    if asked.intent not in (Intent.CONTACT, Intent.EXERCISE_RIGHT) and "complaint_route" not in wanted:
        facts = replace(facts, authorities=())  # "see the CNIL's guide on cookies" is no answer to a cookie question
    if "provider_name" in wanted and not direct:
        vendors = _named_providers(picks, asked, scorer=scorer)  # "which payment provider": those the quotes name
        if vendors:
            direct = [templates.render("fact.named", language, items=templates.join_list(vendors, language))]
    return direct, direct + _fact_lines(facts, language=language, wanted=wanted)


def _named_providers(picks: Sequence[EvidencePick], asked: QuestionIntent, *, scorer: EvidenceScorer) -> list[str]:
    """The vendors the quotes name; for a kind of provider asked about (a courier, a payment or hosting
    provider), only in units about that kind ("PostNL" for a courier, not "Google Analytics"); else those in
    units about the data asked about ("who sends the newsletter": the newsletter's row) or, failing that, in the
    answering quote ("who does the yearly pentest": not the payment providers another quote names)."""
    def named(about: tuple[str, ...], chosen: Sequence[EvidencePick]) -> list[str]:
        return vendors_in(unit.display for pick in chosen for unit in pick.units
                          if not about or any(scorer.matches(unit.display, pick.hit.chunk.language, label)
                                              for label in about))

    kinds = scorer.provider_kinds(asked)
    if kinds:
        return named(kinds, picks)
    return (named(asked.objects, picks) if asked.objects else []) or named((), picks[:1])


def _facts(citations: Sequence[Citation]) -> KeyFacts:
    """Key facts of the answering (first) quote: periods, e-mail addresses, authorities; parties are named by the
    answer line from list items, not guessed from capitalised words."""
    return extract_facts(citations[0].quote if citations else "", recipients=False)


def right_sections(hits: Sequence[Hit], picks: Sequence[EvidencePick], *, scorer: EvidenceScorer,
                   asked: QuestionIntent, categories: Sequence[str]) -> list[str]:
    """For "which rights do I have": the headings of the retrieved sections that name a right, in the language
    of the answering quote ("Inzagerecht", "Rectificatierecht", ...)."""
    if not picks or asked.intent is not Intent.LIST or asked.right is not None or "rights" not in categories:
        return []
    first = picks[0].hit.chunk
    chunks = sorted((hit.chunk for hit in hits), key=lambda chunk: (chunk.document, chunk.line_start))
    titles = [chunk.title.strip() for chunk in chunks
              if chunk.company == first.company and chunk.language == first.language
              and any(scorer.matches(chunk.title, first.language, right) for right in RIGHT_TERMS)
              and (not chunk.title.rstrip().endswith("?") or _RIGHT_WORD.search(chunk.title))]
    return list(dict.fromkeys(title for title in titles if title))


def supported(picks: Sequence[EvidencePick], asked: QuestionIntent, wanted: frozenset[str], *,
              scorer: EvidenceScorer, picker: CitationPicker, holds_answer_type: bool | None,
              names: Sequence[str] = ()) -> bool | None:
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
    if "provider_name" in wanted and not _named_providers(picks, asked, scorer=scorer):
        return False  # "which payment provider": "payment partners" names none
    labels = scorer.key_labels(asked)
    if not labels:
        quoted = " ".join(unit.display for _, unit in units)
        named = any(re.search(rf"\b{re.escape(name)}\b", quoted) for name in names)
        return True if holds_answer_type or named else None
    if holds_answer_type and asked.intent is Intent.RESPONSE_TIME and set(labels) <= RIGHT_TERMS.keys():
        return True  # "we answer within one month of your request" holds for a request under any right
    if asked.intent is Intent.YES_NO and asked.action == "sell" and labels == ("sell", "share"):
        return words_action(picks, asked_actions(asked.action))  # a verb, not "third parties" alone
    return any(picker.words_any(pick, labels) for pick in picks)
