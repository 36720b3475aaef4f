"""How well one evidence unit answers a question, on its own: the unit's words, its policy wording and its answer type.

An evidence unit (`core.evidence_units`) is a sentence, a list item with its lead-in or a table row. It is scored on
three signals:

- lexical overlap with the question's own content words (same language only; `assistant.question_words`);
- the policy wording of what the question asks (`assistant/evidence_lexicon.py`): its intent, data objects, right
  and action, matched in the unit's language, which bridges a German question and an English policy;
- whether the unit holds the intent's answer type: a duration, a named party, an e-mail address or URL, a negation.

`has_exception` tells a sentence that makes an exception ("except", "behalve"), which the answer line reads.
`assistant.evidence` ranks the units of a passage by these scores and picks the quote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from assistant.evidence_lexicon import (
    ACTION_VERBS,
    COOKIE_KIND_LABELS,
    EXTRA_QUESTION_TERMS,
    PARTY_LABELS,
    POLICY_TERMS,
    PRIVACY_TOPIC_LABELS,
    PROVIDER_KINDS,
    SENSITIVE_LABELS,
    TOPIC_LABELS,
    Table,
)
from assistant.fact_sections import states_response_period
from assistant.facts import (
    NAMED_CHANNELS,
    TERMINATORS,
    extract_facts,
    named_channel,
    names_complaint,
    names_email_address,
    names_phone,
    names_transfer_safeguard,
    states_controller,
    states_effective_date,
)
from assistant.intent import Intent, QuestionIntent, compile_table, table_terms
from assistant.object_lexicon import RIGHT_TERMS
from assistant.question_asks import GdprReference
from assistant.question_words import question_terms
from assistant.vendors import vendors_in
from core.categories import categorize, normalize
from core.evidence_units import EvidenceUnit, passage_units
from core.types import Chunk

__all__ = ["TITLE_CHARS", "UnitScorer", "has_exception", "is_title_line"]

_EXCEPTION = re.compile(r"\b(?:except|unless|other than|behalve|tenzij|außer|ausgenommen|es sei denn|sauf|hormis)\b",
                        re.IGNORECASE)
# An address a customer can use: e-mail, URL, Dutch postcode, international phone number.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|\bwww\.\S+|\b\d{4}\s?[A-Z]{2}\b|\+\d{2}[\d ()]{6,}")
# Topics that narrow another: a question naming the first asks about it, not about the second in general.
_NARROWS = {"human_review": "profile"}
_CONTACT_FORM = re.compile(r"contact ?form|contactformulier|kontaktformular|formulaire de contact", re.IGNORECASE)
# Any way to reach the company: an address, a contact form, a registered office.
_CHANNEL = re.compile(
    _ADDRESS.pattern + "|" + _CONTACT_FORM.pattern + r"|registered (?:office|in)|gevestigd"
    r"|\bsitz\b|siège|based in", re.IGNORECASE)
# A period given as a condition: "as long as you are our client", "zolang u klant bent", "until you unsubscribe".
_UNTIL = re.compile(r"\b(?:as long as|until|zolang|totdat|solange|bis (?:zu|sie)|tant que|jusqu)", re.IGNORECASE)
_PARTY = re.compile(r"\b[A-Z][\w&.-]*[A-Za-z](?:\s+[A-Z][\w&.-]*[A-Za-z])*")
# Capitalised words that name the policy, the site or the law, never a recipient ("this Privacy Statement").
_NOT_A_PARTY = re.compile(r"(?:(?:Privacy|Cookie|Data Protection) (?:Statement|Policy|Notice)|Privacy|Website|Site"
                          r"|Services?|Terms(?: of (?:Use|Service))?|GDPR|AVG|DSGVO|RGPD|EU|EEA|EER|EWR|EEE)",
                          re.IGNORECASE)
# A sentence that enumerates: "the following types of personal data", "such as your name, surname, email address".
_ENUMERATION = re.compile(r"\b(?:the following|such as|including|zoals|de volgende|onder andere|wie z\.\s?b\.|folgende"
                          r"|beispielsweise|suivant|suivantes|tels? que|notamment)\b|(?:[^,]+,){3}", re.IGNORECASE)
# A sentence giving examples: "third-party recipients who have a need to know (e.g. financial institutions".
_EXAMPLES = re.compile(r"\b(?:such as|including|zoals|onder andere|beispielsweise|tels? que|notamment)\b"
                       r"|\b(?:e\.\s?g|z\.\s?b|bijv|par ex)\.", re.IGNORECASE)
# A company's legal name: "3D Hubs B.V., located in Amsterdam", "neoSearch UG (haftungsbeschränkt)".
_LEGAL_ENTITY = re.compile(r"\b(?:B\.V\.|N\.V\.|BV|NV|GmbH|UG|AG|Inc\.|Ltd\.?|S\.A\.S?\.?|SAS|SARL|SRL|BVBA)(?!\w)")
_ANSWER_TYPE_WEIGHT = 0.8
_LABEL_WEIGHT = 0.5
_KEY_FACTOR = 3  # a key label (what the answer must word) outweighs the category and intent words every unit shares
_COOKIE_LABELS = frozenset({"cookies", *COOKIE_KIND_LABELS})
# Tracking tools a question may name instead of cookies (the names among `OBJECT_TERMS["cookies"]`); a period
# asked of one is the tool's own. Not "analytics" alone: "analytics data" names no tool.
_TOOL_NAMES = ("google analytics", "hotjar", "tag manager")
_COOKIE_WORDS = ("cookie", "track", "pixel", "temoin", "traceur")
TITLE_CHARS = 40  # a line without a full stop shorter than this is a title


class UnitScorer:
    """Score one evidence unit against a question: the lexicon labels the question asks about, whether the unit
    words them and whether it holds the intent's answer type.

    Args:
        unit_vectors: display text -> unit vector of the evidence units (`index.unit_vectors`); a unit without one
            is scored on words alone.
        terms: the policy wording per label (`assistant/evidence_lexicon.py`).
    """

    def __init__(self, *, unit_vectors: Mapping[str, np.ndarray] | None = None, terms: Table = POLICY_TERMS) -> None:
        self.unit_vectors: Mapping[str, np.ndarray] = unit_vectors or {}
        self._table = compile_table(terms)
        self._extra = compile_table(EXTRA_QUESTION_TERMS)
        self._verbs = compile_table(ACTION_VERBS)

    def warm_up(self) -> None:
        """Nothing heavy to load; the policy terms are compiled on construction."""

    def with_extra_objects(self, asked: QuestionIntent, *, question: str, language: str) -> QuestionIntent:
        """`asked` with what the question names beyond the classifier's data objects (a kind of recipient such as
        "the courier", sensitive processing such as facial recognition, a shop feature such as an app) added to its
        objects. Sensitive data (`PRIVACY_TOPIC_LABELS`) or a kind of recipient makes a privacy question; other topics
        (a Facebook page, a child, an app) count only in a question already about privacy."""
        folded = normalize(question)
        named = [term.label for term in table_terms(self._extra, (language,))
                 if term.label not in asked.objects and term.pattern.search(folded)]
        if not named:
            return asked
        privacy = asked.is_privacy or any(label in PRIVACY_TOPIC_LABELS or label not in SENSITIVE_LABELS
                                          for label in named)
        return replace(asked, objects=(*asked.objects, *dict.fromkeys(named)), is_privacy=privacy)

    def key_labels(self, asked: QuestionIntent) -> tuple[str, ...]:
        """The labels a cited unit must word for the answer to count: the right and data objects asked about, else
        the action, else the intent; () when the lexicon knows none of them. A topic named (`TOPIC_LABELS`: a
        breach, call recording, automated decisions, sensitive data) is the only key label; else a kind of cookie
        named (`COOKIE_KIND_LABELS`) is; else a kind of party named (`PARTY_LABELS`: the courier) and sharing are,
        since a policy that lists whom it shares with answers "which courier" even when it names none."""
        topics = tuple(label for label in (*asked.objects, asked.action) if label in TOPIC_LABELS)
        # a topic that narrows the action's replaces it: "if you decide automatically, can I ask for a human review"
        topics = tuple(label for label in topics if not any(_NARROWS.get(other) == label for other in topics))
        if topics:
            return topics
        kinds = tuple(label for label in asked.objects if label in COOKIE_KIND_LABELS)
        if kinds:  # "what are the functional cookies for": that kind's section, not cookies in general
            return kinds
        parties = tuple(label for label in asked.objects if label in PARTY_LABELS)
        if parties:  # "which courier gets my address": the courier or sharing itself, not the address alone
            return (*parties, "share") if "share" in self._table else parties
        if asked.intent is Intent.TRANSFER and Intent.TRANSFER.value in self._table:
            return (Intent.TRANSFER.value,)  # a transfer abroad concerns all data, whatever object is named
        for group in ((asked.right, *asked.objects), ("sell", "share") if asked.action == "sell" else (asked.action,),
                      (asked.intent.value,)):
            known = tuple(label for label in group if label and label in self._table)
            if known:
                return known
        return ()

    def asks_topic(self, asked: QuestionIntent) -> bool:
        """Whether the question names a topic of its own (`TOPIC_LABELS`), which then is its only key label."""
        return any(label in TOPIC_LABELS for label in (*asked.objects, asked.action))

    def labels(self, asked: QuestionIntent) -> tuple[str, ...]:
        """The lexicon labels a question asks about: its data objects, right and action, then its intent."""
        action = ("sell", "share") if asked.action == "sell" else (asked.action or "",)  # no sharing, no selling
        named = [*asked.objects, asked.right or "", *action, asked.intent.value]
        return tuple(label for label in dict.fromkeys(named) if label in self._table)

    def matches(self, text: str, language: str, label: str) -> bool:
        """Whether `text` words `label` (an intent, object, right or action) as policies in `language` do."""
        folded = normalize(text)
        return any(term.pattern.search(folded) for term in table_terms(self._table, (language,), label))

    @staticmethod
    def provider_kinds(asked: QuestionIntent) -> tuple[str, ...]:
        """The kinds of provider the question names (`PROVIDER_KINDS`: "which courier", "who hosts"), sorted."""
        return tuple(sorted(PROVIDER_KINDS.intersection(asked.objects)))

    def names_provider(self, chunk: Chunk, *, kinds: Sequence[str]) -> bool:
        """Whether a unit of `chunk` names a vendor and words one of the provider `kinds` ("Scalingo ... Hébergeur"
        for `hosting_provider`)."""
        return any(vendors_in((unit.display,)) and any(self.matches(unit.display, chunk.language, kind)
                                                       for kind in kinds)
                   for unit in passage_units(chunk.text))

    def names_party(self, unit: EvidenceUnit, text: str, *, language: str, parties: Sequence[str]) -> bool:
        """Whether `unit` is a list item naming one of `parties` under a lead-in about recipients ("Main processors
        and partners include:" / "Shipping providers such as BPost")."""
        if unit.kind != "item" or unit.lead_in is None or not parties:
            return False
        lead = passage_units(text)[unit.lead_in].display
        return (any(self.matches(unit.display, language, party) for party in parties)
                and (self.matches(lead, language, "share") or self.matches(lead, language, "recipients")))

    def similarity(self, unit: EvidenceUnit, query_vector: np.ndarray | None) -> float | None:
        """The cosine of the question and the unit, or None without vectors."""
        vector = self.unit_vectors.get(unit.display) if query_vector is not None else None
        return None if vector is None else float(vector @ query_vector)


    def score(self, unit: EvidenceUnit, *, text: str, language: str, asked: QuestionIntent, terms: frozenset[str],
              categories: Sequence[str], wanted: frozenset[str], reference: GdprReference | None,
              sharing: bool) -> float:
        """How well one unit answers: shared terms, shared category, the asked labels and the answer type."""
        shown = unit.display
        score = len(terms & question_terms(shown, language)) / max(len(terms), 1)
        if categories and set(categories).intersection(categorize(shown, language=language)):
            score += 0.6
        key = self.key_labels(asked)
        if asked.intent is Intent.RESPONSE_TIME:  # "how fast do you answer an access request": the time, which
            key = tuple(label for label in key if label not in RIGHT_TERMS)  # seldom names the right again
        score += sum(_LABEL_WEIGHT * (_KEY_FACTOR if label in key else 1) for label in self.labels(asked)
                     if self.matches(shown, language, label))
        facts = extract_facts(shown, recipients=False)
        if facts.durations and "durations" in wanted:
            score += 1.0
        unbounded = (facts.as_needed or facts.legal_period) and not facts.durations  # a number answers first
        if unbounded and "durations" in wanted and (reference is None or reference.right != "response_time"):
            score += 0.6
        if facts.authorities and reference is not None and reference.right == "complaint":
            score += 1.0
        if asked.intent is Intent.CONTACT and any(kind in wanted and holds(shown) for kind, holds in NAMED_CHANNELS.items()):
            score += 2.0  # "which number can I call", "where can I send a letter": the unit with it
        if "cookie_kinds" in wanted and any(self.matches(shown, language, kind) for kind in COOKIE_KIND_LABELS):
            score += 1.0  # "which cookies do you use": "We use so-called functional cookies", not what a cookie is
        if (asked.intent is Intent.RECIPIENTS or asked.action == "share") and _EXAMPLES.search(shown):
            score += 0.5  # "do you share my data": the sentence giving examples of who gets it
        if asked.intent is Intent.TRANSFER and names_transfer_safeguard(shown):
            score += 1.0  # "is it safeguarded": "such as Standard Contractual Clauses"
        if "controller" in wanted and (states_controller(shown) or _LEGAL_ENTITY.search(shown)):
            score += 2.0  # "who is responsible for my data": the unit naming the controller or the company behind
        if "provider_name" in wanted and vendors_in([shown]):
            score += 2.0  # "who hosts the website": the unit naming a provider ("Hetzner Online GmbH")
        if "dates" in wanted and states_effective_date(shown):
            score += 2.0  # the date asked for outweighs a clause about changes in general
        if self.answer_type(unit, text=text, language=language, asked=asked, sharing=sharing, wanted=wanted):
            score += _ANSWER_TYPE_WEIGHT
            if asked.intent is Intent.CONTACT and _ADDRESS.search(shown):
                score += _ANSWER_TYPE_WEIGHT  # an address answers "how do I reach you" better than "use the form"
        if len(shown) < TITLE_CHARS and is_title_line(unit):
            score *= 0.3  # a title line names the topic but answers nothing
        return score

    def answer_type(self, unit: EvidenceUnit, *, text: str, language: str, asked: QuestionIntent,
                    sharing: bool, wanted: frozenset[str] = frozenset()) -> bool:
        """Whether the unit holds what the intent asks for: a period, a party, a channel (the one named in
        `wanted`: a postal or e-mail address), a yes or a no."""
        shown = unit.display
        intent = asked.intent
        if intent is Intent.RESPONSE_TIME:
            if "breach" in asked.objects:  # "how fast is a breach reported": the notice period
                return bool(extract_facts(shown, recipients=False).durations)
            return states_response_period(shown)  # a time to answer a request, not a retention period
        if intent is Intent.DURATION:
            tools = _tools_asked(asked)
            if tools:  # "how long does Google Analytics keep my data": a period the policy gives that tool
                if not any(tool in normalize(shown) for tool in tools):
                    return False
            elif _COOKIE_LABELS.intersection(asked.objects) and not self.matches(shown, language, "cookies"):
                return False  # how long a cookie lasts is not how long data is kept
            facts = extract_facts(shown, recipients=False)
            return bool(facts.durations or facts.as_needed or facts.legal_period or _UNTIL.search(shown))
        parties = [label for label in asked.objects if label in PARTY_LABELS]
        if parties and intent in (Intent.RECIPIENTS, Intent.YES_NO):
            # the courier named, or what the sharing section says of sharing when it names none
            folded = normalize(shown)  # "we share with", not "Third parties: ..."
            return (self.names_party(unit, text, language=language, parties=parties)
                    or (sharing and any(term.pattern.search(folded)
                                        for term in table_terms(self._verbs, (language,), "share"))))
        if intent is Intent.RECIPIENTS:  # a list item, a name, or recipients by example ("e.g. financial institutions")
            return (unit.kind == "item" and sharing) or bool(_EXAMPLES.search(shown)) or any(
                not _NOT_A_PARTY.fullmatch(found.group()) for found in _PARTY.finditer(shown, 1))
        if intent is Intent.CONTACT and "controller" in wanted and "postal" not in wanted and states_controller(shown):
            return True  # "who is responsible, where are they based": naming the controller answers
        channel = named_channel(wanted)
        if intent is Intent.CONTACT and channel is not None:  # "how do I reach you, by e-mail?": a contact form answers
            return channel(shown) or ("reach" in wanted and channel is names_email_address
                                      and bool(_CONTACT_FORM.search(shown)))
        if intent is Intent.CONTACT and "complaint_route" in wanted:  # where to complain, not an authority named
            return names_complaint(shown)
        if intent is Intent.CONTACT:
            return bool(_CHANNEL.search(shown) or unit.links or names_phone(shown)
                        or extract_facts(shown, recipients=False).authorities)
        if intent is Intent.YES_NO and asked.action:
            return self.matches(shown, language, asked.action)
        if intent is Intent.LIST:
            return unit.kind in ("item", "lead_in", "table_row") or bool(_ENUMERATION.search(shown))
        if intent in (Intent.TRANSFER, Intent.LEGAL_BASIS):
            return self.matches(shown, language, intent.value)
        return False


def is_title_line(unit: EvidenceUnit) -> bool:
    """Whether a sentence unit is a line without a full stop: a title, not a statement."""
    return unit.kind == "sentence" and not unit.display.rstrip().endswith(tuple(TERMINATORS))


def has_exception(text: str) -> bool:
    """Whether a sentence makes an exception ("except", "behalve", "außer", "sauf")."""
    return bool(_EXCEPTION.search(text))


def _tools_asked(asked: QuestionIntent) -> tuple[str, ...]:
    """The tracking tools a question names when it asks about one by name only, not about cookies or tracking."""
    if "cookies" not in asked.objects or any(word in term for term in asked.terms for word in _COOKIE_WORDS):
        return ()
    return tuple(term for term in asked.terms if term in _TOOL_NAMES)
