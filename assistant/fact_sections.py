"""Sections that hold the fact a question asks for by its form: a date the policy applies from, a phone number, a
postal or e-mail address, the time the shop takes to answer a request, the name of a provider of the kind asked.

The sentence that dates a policy ("These rules enter into force on 02/07/2025.", "De ingangsdatum ... is 1 januari
2021"), gives a phone number ("+31 (0)20 261 4883") or the time to answer ("within one month upon its reception")
often sits in a section that retrieval does not rank for "since when does the policy apply?", "which number can I
call?" or "how long do you have to answer?" (whose "how long" reads as retention). A question that wants a date
(`wanted_facts` kind `dates`), a contact question that wants a phone number, postal address or e-mail address
(kinds `phones`, `postal`, `email_address`) and a response-time
question get the company's passages holding such a sentence appended to its hits, and so does a question asking a
provider's name ("Qui héberge les données ?": the processor table's hosting row, which retrieval ranked too low); the
evidence ranking then quotes it.

Usage::

    hits = with_fact_sections(hits, chunks=snapshot.chunks, company="m3d-print", language="de",
                              wanted=wanted_facts(question, categories), intent=Intent.CONTACT)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.facts import (
    named_channel,
    names_channel,
    sentence_spans,
    states_effective_date,
)
from assistant.intent import Intent
from assistant.types import Hit
from core.types import Chunk

__all__ = ["FACT_SIGNAL", "states_response_period", "with_fact_sections"]

FACT_SIGNAL = "fact_section"
_MAX_SECTIONS = 2
_UNIT = (r"(?:days?|weeks?|months?|dagen|weken|maand(?:en)?|tage[ns]?|wochen?|monate[ns]?|monats?|jours?|semaines?"
         r"|mois)")
_PERIOD = re.compile(
    rf"\b(?:within|binnen|innerhalb|sous|no later than|uiterlijk|sp[äa]testens|au plus tard)\b(?:\W*\w+){{0,3}}?\W+{_UNIT}\b"
    rf"|\bdans un d[ée]lai\b(?:\W*\w+){{0,6}}?\W+{_UNIT}\b",  # "dans un délai raisonnable qui ne saurait dépasser 1 mois"
    re.IGNORECASE)
_AT_ONCE = re.compile(r"without undue delay|zonder onredelijke vertraging|onverwijld|unverz[üu]glich"
                      r"|dans les meilleurs d[ée]lais", re.IGNORECASE)
# "Nach Bearbeitung Ihrer Anfrage werden die Daten unverzüglich gelöscht": at once is a time to delete, not to answer.
_DELETED = re.compile(r"\b(?:deleted|erased|verwijderd|gewist|gel[öo]scht|supprim[ée]e?s?|effac[ée]e?s?)\b",
                      re.IGNORECASE)
_ANSWER_WORD = re.compile(
    r"request|respon|reply|answer|handle|verzoek|reactie|reageer|reageren|antwoord|behandel|antrag|anfrage|antwort"
    r"|bearbeit|demande|répon|repon|trait", re.IGNORECASE)


def states_response_period(text: str) -> bool:
    """Whether a sentence of `text` gives a time to answer a request ("MATERIALISE will handle your request ...
    within one month", "U ontvangt dan binnen 30 dagen een reactie", "Wir antworten innerhalb eines Monats"), not a
    time to return an order or delete an account."""
    sentences = [text[start:end] for start, end in sentence_spans(text)]
    return any(_ANSWER_WORD.search(sentence) and (
        _PERIOD.search(sentence) or (_AT_ONCE.search(sentence) and not _DELETED.search(sentence)))
        for sentence in sentences)


def with_fact_sections(hits: Sequence[Hit], *, chunks: Sequence[Chunk], company: str, language: str,
                       wanted: frozenset[str], intent: Intent,
                       names_provider: Callable[[Chunk], bool] | None = None) -> list[Hit]:
    """`hits` plus up to two of `company`'s passages holding the date, phone number, postal or e-mail address, company
    number, any channel ("how do I reach you"), response time or provider name asked for, each scored as the best hit
    (signal `fact_section`); when the policy has them in `language`, only that version is kept. A response time, a
    channel or a provider already in a hit of the company adds nothing (the GDPR's "without undue delay" is no
    answer from the shop).

    Args:
        hits: the retrieved hits, best first (returned unchanged when empty or nothing is wanted).
        chunks: every passage of the index.
        company: the shop asked about.
        language: the question's language.
        wanted: the fact kinds the question asks for (`assistant.facts.wanted_facts`).
        intent: the question's intent (a phone number is sought only for a contact question, a response time for a
            response-time question).
        names_provider: whether a passage names a provider of the kind asked about ("who hosts": the processor
            table's hosting row); used when the question asks for a provider's name (`provider_name`).
    """
    holds, once = _fact_test(wanted, intent, names_provider)
    if not hits or holds is None:
        return list(hits)
    if once and any(holds(hit.chunk) for hit in hits if hit.chunk.company == company):
        return list(hits)  # rights sections repeat "within 30 days": the retrieved one says it for the right asked
    best = hits[0].score
    found = [chunk for chunk in chunks if chunk.company == company and holds(chunk)]
    own = [chunk for chunk in found if chunk.language == language]
    if own:  # one language version, the asker's: the other versions of the fact leave the hits
        other = {chunk.id for chunk in found if chunk.language != language}
        hits = [hit for hit in hits if hit.chunk.id not in other]
    seen = {hit.chunk.id for hit in hits}
    added = [chunk for chunk in own or found if chunk.id not in seen][:_MAX_SECTIONS]
    return [*hits, *(Hit(chunk=chunk, score=best, signals={FACT_SIGNAL: 1.0}) for chunk in added)]


def _fact_test(wanted: frozenset[str], intent: Intent, names_provider: Callable[[Chunk], bool] | None
               ) -> tuple[Callable[[Chunk], bool] | None, bool]:
    """The test of a passage for the fact asked for (None when none is asked), and whether one retrieved passage
    of the company that passes it is enough (a response time, any channel, a provider), rather than the one
    passage that states it (a date, the phone number or address asked for)."""
    if "dates" in wanted:
        return _on_text(states_effective_date), False
    if intent is Intent.CONTACT:
        named = named_channel(wanted)
        return (_on_text(named), False) if named else (_on_text(names_channel), True)
    if intent is Intent.RESPONSE_TIME:
        return _on_text(states_response_period), True
    if "provider_name" in wanted and names_provider is not None:
        return names_provider, True
    return None, False


def _on_text(test: Callable[[str], bool]) -> Callable[[Chunk], bool]:
    """`test` applied to a passage's text."""
    return lambda chunk: test(chunk.text)
