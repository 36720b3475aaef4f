"""The direct answer line: the fact a question asks for, stated in the customer's language from the cited units.

Every line is built from the quoted evidence units only: a "no" needs a cited unit that negates the asked action, a
period is one found in a cited unit, a named party is a cited list item. Nothing here is stated without its quote.

Usage::

    lines = answer_lines(asked=asked, picks=picks, language="nl", company="online-3d-printen.nl", scorer=scorer)
    # ["Nee, online-3d-printen.nl verkoopt uw gegevens niet."]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant import templates
from assistant.evidence import EvidencePick, EvidenceScorer
from assistant.evidence_lexicon import ACTION_VERBS, PARTY_LABELS
from assistant.facts import extract_facts, phone_numbers, postal_addresses, registration_numbers, sentence_spans
from assistant.intent import Intent, QuestionIntent
from assistant.question_asks import GdprReference
from assistant.types import Citation
from assistant.unit_scoring import has_exception
from core.evidence_units import EvidenceUnit, passage_units

__all__ = ["answer_lines", "denies_action", "gist", "gist_of", "inline_names", "item_name", "lead_key", "names_in", "plain_link"]

# The lead-in of an answer by the question's intent (`lead_key`).
_INTENT_LEADS = {Intent.CONTACT: "lead.contact", Intent.DURATION: "lead.retention", Intent.RECIPIENTS: "lead.sharing",
                 Intent.EXERCISE_RIGHT: "lead.rights", Intent.LEGAL_BASIS: "lead.legal_basis",
                 Intent.TRANSFER: "lead.transfer"}

# A negation and a mention of third parties (or of anyone at all) in one unit: "We never sell your data to third
# parties", "Wij verkopen uw persoonsgegevens nooit aan wie dan ook".
_NEGATED_THIRD_PARTY = re.compile(
    r"(?=.*\b(?:not|never|no|niet|nooit|geen|nicht|nie|niemals|keine?|ne|n'|jamais|aucun)\b)"
    r"(?=.*(?:third[- ]part|derde|dritte|tiers|\banyone\b|\banybody\b|wie dan ook|\biemand\b|\bniemand|\bjemand"
    r"|qui que ce soit|quiconque))", re.IGNORECASE | re.DOTALL)
# A negated statement ("wordt niet bewaard", "mag ... niet opslaan", "ne sont pas conservées"), and the words that make
# it a limit or a condition instead of a plain no ("not longer than", "nur", "sans votre accord").
_NEGATED = re.compile(r"\b(?:not|never|niet|nooit|geen|nicht|nie|niemals|keine?[nrms]?|jamais|aucune?|pas)\b",
                      re.IGNORECASE)
_LIMITED = re.compile(r"\b(?:longer|more than|beyond|only|without|langer|meer dan|alleen|zonder|länger|mehr als|nur"
                      r"|ohne|plus (?:longtemps|de)|au[- ]delà|seulement|uniquement|sans)\b", re.IGNORECASE)
# Actions whose plain denial in a cited sentence answers a yes/no question ("Slaan jullie mijn BSN op?").
_DENIABLE = ("store", "collect")
_NAME_END = re.compile(r"\s+\(|:\s|\s[-–—]\s|,\s|;|\.\s*$")
_MAX_NAME = 70
_PROPER_NAME = re.compile(r"\b[A-Z][\w&.-]*[A-Za-z](?:\s+[A-Z][\w&.-]*[A-Za-z])*")
_MAX_ITEMS = 8
# A sentence that lists parties after a colon, and the word before its last item, per policy language.
_INLINE_LIST = re.compile(r"(?P<lead>[^:]{3,120}):\s+(?P<items>[^:;()]+?)[.!]?")
_LAST_ITEM = {"en": " and ", "nl": " en ", "de": " und ", "fr": " et "}
_MAX_INLINE_WORDS = 6


# A list item that is a statement, not a name: it opens with a pronoun or has a finite "to be" (in lower case: "Will &
# Co" is a name).
_STATEMENT = re.compile(r"^(?i:we|wij|wir|nous|you|u|sie|vous|i|ik|ich|je|our|onze|unsere|nos)\s"
                        r"|\b(?:is|are|was|were|will|ist|sind|wird|werden|wordt|worden|zijn|est|sont|sera)\b")


def item_name(unit: EvidenceUnit) -> str:
    """The name a list item gives ("Google Analytics (IP-adressen ...)" -> "Google Analytics"), or "" if too long or
    a statement ("We process data provided ...", "Data is used for shipping")."""
    shown = unit.display.strip()
    cut = _NAME_END.search(shown)
    name = (shown[:cut.start()] if cut else shown).strip().rstrip(".")
    return name if 0 < len(name) <= _MAX_NAME and not _STATEMENT.search(name) else ""


def plain_link(target: str) -> str:
    """A link target as a customer can click it: markdown escapes removed, `mailto:` dropped."""
    clean = re.sub(r"\\(.)", r"\1", target)
    return clean[len("mailto:"):] if clean.lower().startswith("mailto:") else clean


def names_in(units: Sequence[EvidenceUnit], *, policy_language: str, language: str) -> list[str]:
    """The names the list items of `units` give, fit to stand in an answer in `language`.

    In a list whose items mostly read "Label: explanation", only such labels count (a line that continues the
    previous item is no name). In another language than the policy's only proper names are kept ("Google Analytics",
    "BPost", "Mondial Relay"), so the answer does not switch language.
    """
    # An item ending in ":" leads in a sub-list ("If you want a certificate based on a test:"); it names nothing.
    items = [unit for unit in units if unit.kind in ("item", "table_row") and not unit.display.rstrip().endswith(":")]
    labelled = [unit for unit in items if ": " in unit.display[:_MAX_NAME]]
    if len(labelled) * 2 >= len(items):
        items = labelled
    names: list[str] = []
    for unit in items:
        name = item_name(unit)
        if not name:
            continue
        if policy_language == language or all(word[:1].isupper() or not word[:1].isalpha() for word in name.split()):
            names.append(name)
        else:
            names += [found.group() for found in _PROPER_NAME.finditer(unit.display, 1)]
    return list(dict.fromkeys(names))[:_MAX_ITEMS]


def inline_names(units: Sequence[EvidenceUnit], *, scorer: EvidenceScorer, policy_language: str,
                 language: str) -> list[str]:
    """The parties one sentence lists after a colon ("It concerns these parties: delivery partners, suppliers and
    payment partners."), in a unit about recipients; [] otherwise. In another language
    than the policy's only capitalised names are kept, as in `names_in`."""
    for unit in units:
        if unit.kind != "sentence" or not scorer.matches(unit.display, policy_language, "recipients"):
            continue
        for start, end in sentence_spans(unit.display):
            found = _INLINE_LIST.fullmatch(unit.display[start:end].strip())
            if found is None:
                continue
            parts = [part.strip() for part in found["items"].split(",")]
            conjunction = _LAST_ITEM.get(policy_language, " and ")
            if conjunction in parts[-1]:
                parts[-1:] = parts[-1].rsplit(conjunction, 1)
            parts = [part.strip() for part in parts if part.strip()]
            if len(parts) < 2 or any(len(part.split()) > _MAX_INLINE_WORDS for part in parts):
                continue
            if policy_language != language:
                parts = [part for part in parts if all(word[:1].isupper() for word in part.split())]
            return parts[:_MAX_ITEMS]
    return []


@lru_cache(maxsize=1)
def _verbs() -> EvidenceScorer:
    """A matcher of the action verbs (`ACTION_VERBS`), with the scorer's term syntax."""
    return EvidenceScorer(terms=ACTION_VERBS)


def asked_actions(action: str | None) -> tuple[str, ...]:
    """The actions whose verbs answer a yes/no question about `action`: the action itself, and for a sale also
    sharing (not sharing with third parties answers whether data is sold); () without an action."""
    if not action:
        return ()
    return (action, "share") if action == "sell" else (action,)


def words_action(picks: Sequence[EvidencePick], actions: Sequence[str]) -> bool:
    """Whether a cited unit words the verb of one of `actions` ("share", "weitergeben"), not just its context
    ("third parties")."""
    verbs = _verbs()
    return any(verbs.matches(unit.display, pick.hit.chunk.language, action)
               for pick in picks for unit in pick.units for action in actions)


def _yes_no(asked: QuestionIntent, picks: Sequence[EvidencePick], *, language: str, company: str,
            scorer: EvidenceScorer) -> list[str]:
    """The yes or no a cited unit states, or [] when none states it.

    "Yes" when a cited list item names the kind of party asked about ("the courier": "Shipping providers such as
    BPost"); "no" when a cited unit negates the asked action towards third parties ("We never sell your data to third
    parties"), with the exceptions it lists ("niet met derden, behalve met: ..."). Not sharing with third parties also
    answers whether data is sold.
    """
    parties = [label for label in asked.objects if label in PARTY_LABELS]
    verbs = _verbs()
    for pick in picks[:1]:
        language_of_policy = pick.hit.chunk.language
        units = pick.units
        named = names_in([unit for unit in units if scorer.names_party(unit, pick.hit.chunk.text,
                                                                       language=language_of_policy, parties=parties)],
                         policy_language=language_of_policy, language=language)
        if named:
            return [templates.render("answer.yes_named", language, company=company,
                                     items=templates.join_list(named[:3], language))]
        for name in asked_actions(asked.action):  # the asked action itself first ("We never sell"), then sharing for a sale
            for index, unit in enumerate(units):
                denial = _denial(unit.display, language_of_policy, name, verbs)
                if denial is None:
                    continue
                if not has_exception(denial):
                    return [templates.render(f"answer.no.{name}", language, company=company)]
                listed = names_in(units[index + 1:], policy_language=language_of_policy, language=language)
                if not listed:
                    return []  # "not ..., unless necessary": a condition, neither a yes nor a no
                return [templates.render("answer.no_except", language, company=company,
                                         items=templates.join_list(listed, language))]
        if asked.action in _DENIABLE and any(
                _plain_denial(unit.display, language_of_policy, asked, scorer, verbs) for unit in units):
            return [templates.render(f"answer.no.{asked.action}", language, company=company)]
    return []


def _faq_line(pick: EvidencePick, *, language: str) -> list[str]:
    """The yes or no with which the quoted answer under a question heading opens, naming that question; [] when the
    pick is no such answer."""
    faq = _faq_answer(pick)
    if faq is None:
        return []
    return [templates.render("answer.faq", language, faq=pick.hit.chunk.title.strip(),
                             answer=_YES_NO_WORDS[faq][language])]


def _faq_answer(pick: EvidencePick) -> bool | None:
    """The plain yes (True) or no (False) that opens the quoted answer under a question heading ("Brauchen Sie den
    Namen des Patienten?" - "Nein. Bitte verwenden Sie ..."), else None."""
    chunk = pick.hit.chunk
    if not chunk.title.rstrip().endswith("?") or not pick.units or chunk.passage != 0:
        return None
    opening = passage_units(chunk.text)[:1]
    if not opening or opening[0].start != pick.units[0].start:
        return None
    found = _FAQ_YES_NO.match(pick.units[0].display)
    return None if found is None else found.group("yes") is not None


# A heading's question answered by its first word: "Nein.", "Ja,", "No -", "Non :".
_FAQ_YES_NO = re.compile(r"\s*(?:(?P<yes>yes|ja|oui)|no|nee|nein|non)(?:\s*[.,:;!]|\s+[–—-])(?!\s*\d)", re.IGNORECASE)
_YES_NO_WORDS = {True: {"en": "Yes", "nl": "Ja", "de": "Ja", "fr": "Oui"},
                 False: {"en": "No", "nl": "Nee", "de": "Nein", "fr": "Non"}}


def _plain_denial(text: str, language: str, asked: QuestionIntent, scorer: EvidenceScorer,
                  verbs: EvidenceScorer) -> bool:
    """Whether a sentence of `text` plainly denies the asked action: a negation and the action's verb, and the data
    object asked about when one is named ("Je BSN wordt niet bewaard"), with no limit, condition or exception."""
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if (_NEGATED.search(sentence) and verbs.matches(sentence, language, asked.action or "")
                and not _LIMITED.search(sentence) and not has_exception(sentence)
                and all(scorer.matches(sentence, language, name) for name in asked.objects[:1])):
            return True
    return False


def denies_action(pick: EvidencePick, action: str) -> bool:
    """Whether a unit of `pick` negates `action` (or, for a sale, sharing) towards third parties in one sentence."""
    language = pick.hit.chunk.language
    return any(_denial(unit.display, language, name, _verbs()) is not None
               for name in asked_actions(action) for unit in pick.units)


def _denial(text: str, language: str, action: str, verbs: EvidenceScorer) -> str | None:
    """The sentence of `text` that negates `action` towards third parties, or None: the negation, the third party
    and the verb in one sentence ("We never sell your data to third parties"), not spread over a paragraph that
    says "no power over third-party websites" and later "you can share information"."""
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _NEGATED_THIRD_PARTY.search(sentence) and verbs.matches(sentence, language, action):
            return sentence
    return None


def _periods(asked: QuestionIntent, picks: Sequence[EvidencePick], *, language: str,
             scorer: EvidenceScorer) -> list[str]:
    """Periods with what they apply to, when a cited unit labels them ("Bestelgegevens ...: 7 jaar")."""
    lines = []
    for pick in picks[:1]:
        chunk_language = pick.hit.chunk.language
        for unit in pick.units:
            facts = extract_facts(unit.display, recipients=False)
            label, colon, rest = unit.display.partition(":")
            if unit.kind == "table_row":  # "Type de données: Données de compte; Durée: 1 an": the first cell names it
                label = rest.partition(";")[0]
            if not (facts.durations and colon and len(label) <= _MAX_NAME):
                continue
            if asked.objects and not any(scorer.matches(label, chunk_language, name) for name in asked.objects):
                continue
            lines.append(_period_line(label.strip(), facts.durations, language))
    return lines[:3] or _object_periods(asked, picks, language=language, scorer=scorer)


def _object_periods(asked: QuestionIntent, picks: Sequence[EvidencePick], *, language: str,
                    scorer: EvidenceScorer) -> list[str]:
    """The periods of the first cited sentence that words the data object asked about ("We keep invoices for 7
    years" -> "Invoices: 7 years"), when no unit labels its periods."""
    for pick in picks[:1]:
        chunk_language = pick.hit.chunk.language
        for unit in pick.units:
            facts = extract_facts(unit.display, recipients=False)
            named = [name for name in asked.objects if templates.object_name(name, language)
                     and scorer.matches(unit.display, chunk_language, name)]
            if facts.durations and named:
                return [_period_line(templates.object_name(named[0], language), facts.durations, language)]
    return []


def _period_line(what: str, durations: Sequence[tuple[int, str]], language: str) -> str:
    """"Invoices: 7 years." in `language`."""
    items = [templates.duration(amount, unit_name, language) for amount, unit_name in durations]
    return templates.render("fact.period_of", language, what=what, items=templates.join_list(items, language))


def answer_lines(*, asked: QuestionIntent, picks: Sequence[EvidencePick], language: str, company: str,
                 scorer: EvidenceScorer, sections: Sequence[str] = (), wanted: frozenset[str] = frozenset()) -> list[str]:
    """The lines that state the asked fact, from the units of `picks` (best first); [] when none states it.

    Args:
        asked: the question's intent, objects, right and action.
        picks: the chosen quotes, the answering one first.
        language: the answer language.
        company: the company's display name.
        scorer: the evidence scorer, whose policy terms tell which unit words the asked action.
        sections: for a list of rights, the headings of the policy's sections on each right.
        wanted: the fact kinds the question asks for (`assistant.facts.wanted_facts`); a company number is stated
            only when asked for.
    """
    if not picks:
        return []
    intent = asked.intent
    if intent is Intent.YES_NO and asked.action:
        lines = _yes_no(asked, picks, language=language, company=company, scorer=scorer)
        if lines:
            return lines
    # a yes/no question answered under a question heading ("Kann ich mein Kundenkonto selbst löschen?" - "Ja, ...")
    faq = _faq_line(picks[0], language=language) if dict(asked.scores).get(Intent.YES_NO, 0) > 0 else []
    if faq and intent in (Intent.YES_NO, Intent.OTHER):
        return faq
    if intent is Intent.DURATION:
        return _periods(asked, picks, language=language, scorer=scorer)
    if intent is Intent.LIST and sections:
        return [templates.render("fact.named", language, items=templates.join_list(list(sections), language))]
    if intent in (Intent.RECIPIENTS, Intent.LIST) or (intent is Intent.YES_NO and asked.action == "share"):
        policy_language = picks[0].hit.chunk.language
        named = names_in(picks[0].units, policy_language=policy_language, language=language)
        if not named and intent is not Intent.YES_NO:  # a yes/no keeps its lead-in; the quote shows the list
            named = inline_names(picks[0].units, scorer=scorer, policy_language=policy_language, language=language)
        if not named:
            return []
        courier_named = any(scorer.names_party(unit, pick.hit.chunk.text, language=pick.hit.chunk.language,
                                               parties=["courier"]) for pick in picks for unit in pick.units)
        key = "answer.courier_not_named" if "courier" in asked.objects and not courier_named else "fact.named"
        return [templates.render(key, language, items=templates.join_list(named, language))]
    if intent in (Intent.CONTACT, Intent.EXERCISE_RIGHT):
        links = [plain_link(link) for pick in picks[:1] for unit in pick.units for link in unit.links]
        links = [link for link in dict.fromkeys(links) if link.startswith(("http", "www"))]
        lines = faq + ([templates.render("fact.links", language, items=", ".join(links[:2]))] if links else [])
        phones = list(dict.fromkeys(number for unit in picks[0].units for number in phone_numbers(unit.display)))
        if intent is Intent.CONTACT and phones:
            lines.append(templates.render("fact.phones", language, items=templates.join_list(phones[:2], language)))
        for key, found_in, asked_for in (("fact.registration", registration_numbers, "registration" in wanted),
                                         ("fact.postal", postal_addresses, True)):
            found = list(dict.fromkeys(value for unit in picks[0].units for value in found_in(unit.display)))
            if intent is Intent.CONTACT and asked_for and found:
                lines.append(templates.render(key, language, items=templates.join_list(found[:2], language)))
        return lines
    return []


def lead_key(company: str | None, categories: Sequence[str], reference: GdprReference | None, wanted: frozenset[str],
             *, asked: QuestionIntent | None = None, stated_action: bool = False, reference_company: str) -> str:
    """The lead-in of the answer: the question's intent first ("where can I complain about how X handles my
    data" is a contact question, whatever its words' categories), else its categories; a yes/no question gets
    a category lead only when a cited unit words the asked action (`stated_action`); `reference_company` is the
    id of the GDPR."""
    if company == reference_company:
        return "lead.gdpr"
    if ((reference is not None and reference.right == "response_time") or (
            asked is not None and asked.intent is Intent.RESPONSE_TIME)) and (
            asked is None or "breach" not in asked.objects):
        return "lead.response_time"  # "your request is handled within", not said of a breach notice
    if "controller" in wanted and asked is not None and asked.intent in (Intent.CONTACT, Intent.OTHER):
        return "lead.controller"  # who is responsible, not how to reach them
    if "registration" in wanted:
        return "lead.general"  # a company number is no way to reach the company
    if "provider_name" in wanted and "sharing" not in categories:
        return "lead.general"  # "who sends the e-mails": the providers named, not how to reach the company
    if asked is not None and asked.intent in _INTENT_LEADS:
        return _INTENT_LEADS[asked.intent]
    if asked is not None and asked.intent is Intent.YES_NO and "dates" not in wanted and not stated_action:
        return "lead.general"  # "your data is shared with" would answer yes where no quote says so
    if "dates" in wanted:
        return "lead.dates"
    implied = [{"recipients": "sharing", "durations": "retention"}[kind] for kind in ("recipients", "durations")
               if kind in wanted]
    if asked is not None and asked.intent is Intent.LIST:  # "which data when I contact support": no way to reach them
        categories = [category for category in categories if category != "contact"]
    for category in (*categories, *implied):
        if f"lead.{category}" in templates.TEXTS:
            return f"lead.{category}"
    return "lead.general"


def gist(citation: Citation, limit: int = 160) -> str:
    """The first sentence of a citation's quote as a reader sees it, in quotation marks, cut at a word near `limit`
    (hard at `limit` without a space); sentences end as in `sentence_spans` (not at "Art." or "z. B.")."""
    return gist_of(citation.display or citation.quote, limit)


def gist_of(shown: str, limit: int = 160) -> str:
    """The first sentence of `shown` text, in quotation marks, cut as `gist` cuts it."""
    spans = sentence_spans(shown)
    sentence = shown[spans[0][0]:spans[0][1]] if spans else shown.strip()
    if len(sentence) > limit:
        space = sentence.rfind(" ", 0, limit)
        sentence = sentence[:space if space > 0 else limit].rstrip(",;: ") + "…"
    return f"“{sentence}”"
