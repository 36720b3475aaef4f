"""Reading a customer question before retrieval: clean it, then find its language, company, categories and intent.

Usage::

    reader = QuestionReader(directory=directory, detector=detector, speller=speller, classifier=classifier,
                            scorer=composer.scorer)
    read = reader.run(question="hoe lang bewaren jullie mn adress", company="online-3d-printen")
    read.question, read.language, read.categories   # 'hoe lang bewaren jullie mn adres', 'nl', ('retention', ...)
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant import templates
from assistant.companies import CompanyDirectory, CompanyMatch
from assistant.evidence import EvidenceScorer
from assistant.intent import Intent, IntentClassifier, QuestionIntent
from assistant.spelling import QuestionSpeller
from assistant.types import Turn
from core.categories import categorize
from core.language import LanguageDetector
from core.settings import LANGUAGES
from core.text import name_pattern

__all__ = ["QuestionReader", "QuestionRejected", "ReadQuestion", "sanitize_question"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_FOLLOW_UP = re.compile(r"^\s*(?:and|what about|how about|en|und|et|en wat|et pour|und bei|und für)\b", re.IGNORECASE)
_FOLLOW_UP_WORDS = 5
# Shop topics that are not about personal data: a question about one of them, with no privacy concept, is out of scope.
_OFF_TOPIC = re.compile(
    r"\b(?:prices?|pricing|costs?|how much|opening hours|open on|opening times|delivery times?|shipping|ship to"
    r"|discounts?|coupons?|vouchers?|in stock|materials?|filaments?|resins?|order status|refunds?|returns? policy"
    r"|warranty|payment methods?|print(?:ing)? times?|implants?|figurines?|prototypes?|ceo|pdg|founders?"
    r"|oprichters?|gründer|fondateurs?|internships?|jobs?|vacatures?|stageplaats(?:en)?|praktik(?:um|a)"
    r"|stellenangebote?|stages?|stagiaires?|emplois?|deliver(?:s|y)?|livre|livrez|livrent"
    r"|prijs|prijzen|kosten|kost|hoeveel kost|openingstijden|openingsuren|geopend|levertijd|verzendkosten|verzending"
    r"|korting|kortingscode|voorraad|materiaal|bestelstatus|retourneren|terugbetaling|garantie|betaalmethoden?"
    r"|printen|printtijd|implantaten"
    r"|preise?|was kostet|öffnungszeiten|geöffnet|lieferzeit|versandkosten|versand|rabatt|gutschein|lager"
    r"|bestellstatus|rücksendung|rückerstattung|zahlungsmethoden?|drucken|druckzeit|implantate|prototypen?"
    r"|prix|coûts?|combien coûte|horaires|ouvert|délai de livraison|frais de port|frais de livraison|livraison"
    r"|réduction|code promo|matériaux?|statut de (?:ma )?commande|remboursement|moyens? de paiement"
    r"|c'est combien|combien pour|imprimer|temps d'impression)\b",
    re.IGNORECASE,
)


class QuestionRejected(ValueError):
    """A question that cannot be asked at all: empty after cleaning, or longer than `max_question_chars`."""


def sanitize_question(question: str, *, max_chars: int) -> str:
    """Strip control and invisible formatting characters and surrounding white space.

    Raises:
        QuestionRejected: the question is empty after cleaning or longer than `max_chars` characters.
    """
    cleaned = _CONTROL.sub(" ", unicodedata.normalize("NFC", question or ""))
    cleaned = re.sub(r"[ \t]+", " ", cleaned).strip()
    if not cleaned:
        raise QuestionRejected("the question is empty; ask a question about a shop's privacy policy")
    if len(cleaned) > max_chars:
        raise QuestionRejected(f"the question is {len(cleaned)} characters long; the limit is {max_chars} "
                               f"(setting max_question_chars)")
    return cleaned


@dataclass(frozen=True)
class ReadQuestion:
    """What is known of a question before retrieval.

    `question` is the text as read, typing errors corrected; `query` is what retrieval searches (a follow-up without
    a topic of its own carries the previous question); `unnamed` is `question` without the shops' names, which
    categories and shop topics are read from ("online 3d printen" is no printing question); `notice` tells the
    customer their language is not supported.
    """

    question: str
    query: str
    unnamed: str
    language: str
    notice: str
    match: CompanyMatch
    categories: tuple[str, ...]
    intent: QuestionIntent
    timing_ms: dict[str, float] = field(default_factory=dict)

    @property
    def privacy(self) -> bool:
        """Whether the question is about personal data: it names a privacy category or asks a privacy intent."""
        return bool(self.categories) or self.intent.is_privacy

    @property
    def off_topic(self) -> bool:
        """A shop question that is not about personal data ("what are your opening hours"); a job applicant's
        question is about their data ("what happens to my CV when I apply for an internship")."""
        return (not self.privacy and "job_applicants" not in self.intent.objects
                and bool(_OFF_TOPIC.search(self.unnamed)))


class QuestionReader:
    """Read a question: language, company, typing errors, categories and intent; a follow-up borrows from the
    previous turn.

    Args:
        directory: the companies of the corpus.
        detector: the question language detector.
        speller: the reader of typing errors, built on the policies' words.
        classifier: the question intent classifier.
        scorer: the evidence scorer, which adds what a question names beyond the classifier's data objects.
    """

    def __init__(self, *, directory: CompanyDirectory, detector: LanguageDetector, speller: QuestionSpeller,
                 classifier: IntentClassifier, scorer: EvidenceScorer) -> None:
        self.directory = directory
        self.detector = detector
        self.speller = speller
        self.classifier = classifier
        self.scorer = scorer
        self._names = name_pattern(directory.shop_aliases(), gap=None, before=r"(?<![\w-])",
                                   after=r"(?![\w-])") or re.compile(r"(?!)")

    def warm_up(self) -> None:
        """Load the language profiles, the dictionaries and the lexicons; safe to call twice."""
        self.detector.warm_up()
        self.speller.warm_up()
        self.classifier.warm_up()
        self.scorer.warm_up()

    def without_names(self, text: str) -> str:
        """`text` without the shops' names ("Pixeljet" must not read as the tracking pixels of the cookie category)."""
        return " ".join(self._names.sub(" ", text).split())

    def run(self, *, question: str, company: str | None = None, language: str | None = None,
            previous: Turn | None = None) -> ReadQuestion:
        """Read `question`, already cleaned by `sanitize_question`.

        Args:
            question: the customer's question.
            company: the shop chosen in the UI or on the command line, if any.
            language: the answer language chosen by the customer; wins over detection.
            previous: the previous turn of the conversation, for follow-ups.
        """
        timing: dict[str, float] = {}
        stage = time.perf_counter()
        detected = self.detector.run(text=question, hint=language)
        lang, notice = detected.language, ""
        if not detected.supported:
            lang = "en"
            names = templates.join_list([templates.language_name(code, "en") for code in LANGUAGES], "en")
            notice = templates.render("unsupported_language", "en", languages=names)
        timing["language"] = 1000 * (time.perf_counter() - stage)

        stage = time.perf_counter()
        match = self.directory.run(question=question, explicit=company, previous=previous.company if previous else None)
        timing["company"] = 1000 * (time.perf_counter() - stage)
        question = self.speller.run(text=question, language=lang).text  # "adress" is read as "address"

        unnamed = self.without_names(question)
        categories = tuple(categorize(unnamed, language=lang))
        follow_up = previous is not None and _is_follow_up(question, categories)
        intent = self.classifier.run(question=question, language=lang, follow_up=follow_up)
        query = question
        # A follow-up with a topic of its own ("And how long do they keep it?") is retrieved on that topic, for the
        # company of the previous turn; one without ("and for Pixeljet?") borrows the previous question.
        if previous is not None and follow_up and not categories and intent.intent is Intent.OTHER:
            categories = tuple(previous.categories)
            query = f"{previous.question} {question}"
            intent = self.classifier.run(question=query, language=lang)
        intent = self.scorer.with_extra_objects(intent, question=question, language=lang)
        return ReadQuestion(question=question, query=query, unnamed=unnamed, language=lang, notice=notice, match=match,
                            categories=categories, intent=intent, timing_ms=timing)


def _is_follow_up(question: str, categories: Sequence[str]) -> bool:
    """A short question, or one opening with "and ..." / "en ..." / "und ..." / "et ...", continues the last turn."""
    return bool(_FOLLOW_UP.match(question)) or (len(question.split()) <= _FOLLOW_UP_WORDS and not categories)
