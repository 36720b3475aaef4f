"""Detect the language of a question or policy text: seeded langdetect restricted to en/nl/de/fr, with fallbacks."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

from core.categories import normalize
from core.errors import ConfigError
from core.settings import LANGUAGES
from core.text import name_pattern

__all__ = ["FUNCTION_WORDS", "LanguageDetector", "LanguageResult", "detect_language"]

logger = logging.getLogger(__name__)

Source = Literal["explicit", "langdetect", "words", "fallback"]

# Short, frequent words (and a few privacy and everyday words: "geoffnet") that give a language away in a few-word
# question, where langdetect guesses wide ("hat samstags geöffnet?" reads as Swedish). Accent-free,
# lower case. Words shared by two languages are listed under both and so do not decide on their own. es/it are
# here only to recognise questions we cannot answer in their language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "what how long do does you your yours my me is are the can who which where why when will would should "
        "keep kept store stored delete remove share sell data about with this that it have has of to and or "
        "am any there their they personal".split()
    ),
    "nl": frozenset(
        "hoe lang wat wie welke welk waar waarom wanneer jullie mijn ik je jij jouw uw u gegevens bewaren bewaart "
        "bewaard verwijderen verwijder delen deelt het een van met kan kunnen worden wordt niet zijn heeft hebben "
        "mag mogen ook nog naar voor over bij als dat deze die hier er gebruiken gebruikt persoonsgegevens "
        "klacht inzage datalek bewaartermijn bewaartermijnen privacybeleid toestemming is gevestigd adres bellen "
        "zit de of dan maar nu uit uitzetten uitschakelen afmelden uitschrijven nieuwsbrief contactpersoon "
        "functionaris gegevensbescherming verwerking avg hoelang blijft blijven staan".split()
    ),
    "de": frozenset(
        "wie lange welche welcher welches was warum wo wer wann meine meiner meinen mein ich sie ihr ihre ihren "
        "daten speichern speichert gespeichert loschen geloscht der die das und ist mit nicht werden wird konnen "
        "kann darf durfen auch noch nach fur uber bei wenn dass diese hier es personenbezogenen auskunft "
        "beschwerde datenpanne datenschutz loschung speicherdauer einwilligung datenschutzerklarung nutzt nutzen "
        "verwendet verwenden benutzt teilt verkauft gibt gebt ansassig sitzt adresse anrufen lang aus ausschalten "
        "abschalten deaktivieren abmelden verarbeitung ansprechpartner datenschutzbeauftragter dsgvo steht setzt "
        "setzen hat habt haben geoffnet offnungszeiten bleibt bleiben braucht brauchen benotigt benotigen".split()
    ),
    "fr": frozenset(
        "quelles quelle quels quel combien comment pourquoi ou qui que quoi est mes mon ma vos votre vous je les "
        "des donnees supprimer supprimez conservez conserver conservees temps avec pour sont sur une le la du au "
        "ce cette ces et pas peut pouvez faire personnelles suppression reclamation confidentialite "
        "consentement utilise utilisez utilisent partagez vendez il adresse appeler trouve de desactiver "
        "desinscrire traitement responsable rgpd".split()
    ),
    "es": frozenset(
        "cuanto cuantos cuanta tiempo mis datos como que por para los las guardan guardais eliminar borrar usted "
        "ustedes el y es son con del mi pueden puedo donde quien cual cuales personales".split()
    ),
    "it": frozenset(
        "quanto quanti tempo miei dati come cosa perche gli il sono conservate conservati cancellare voi vostri "
        "della dei delle che posso potete dove chi quale quali personali".split()
    ),
}

# Word shapes only one of the languages has, for the content words no table can list: Dutch "ij" and the participles
# and verbs in "-eerd"/"-eert" ("gecertificeerd"), German nouns in "-ung"/"-keit"/"-heit" and participles in "-iert".
# They only break a tie of function words (`_word_scores`).
WORD_SHAPES: dict[str, re.Pattern[str]] = {
    "nl": re.compile(r"\w*ij\w*|\w{3,}ee(?:rd|rt)"),
    "de": re.compile(r"\w{3,}(?:ung|ungen|keit|heit|iert)"),
}

# Text that says nothing about the language and misleads langdetect: e-mail addresses and URLs, and the English
# product names and loanwords every language uses ("setzt ihr Google Analytics Cookies?" is German).
_ADDRESSES = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)
_LOANWORDS = re.compile(r"\b(?:google(?: analytics| ads| tag manager| fonts| maps)?|analytics|facebook|instagram|meta"
                        r"|hotjar|paypal|cookies?|tracking|newsletter)\b", re.IGNORECASE)
# langdetect is trusted over a disagreeing function-word table only from this probability on; below it, a question
# with function words of one language and none of langdetect's pick is decided by the words.
_LANGDETECT_SURE = 0.95


@dataclass(frozen=True)
class LanguageResult:
    """The language to answer in, and how it was found.

    `language` is always one of en/nl/de/fr; `detected` is the raw code found (may be unsupported, e.g. `es`),
    and `supported` is False when the text is in a language we cannot answer in.
    """

    language: str
    confident: bool
    source: Source
    detected: str
    supported: bool


class LanguageDetector:
    """Detect the language of a text, restricted to en/nl/de/fr, deterministically.

    Usage:
        detector = LanguageDetector(fallback="nl")
        detector.warm_up()
        detector.run(text="Hoe lang bewaren jullie mijn gegevens?").language  # "nl"

    Args:
        fallback: the language used when the text is too short or mixed to decide (usually the UI language).
        min_langdetect_words: texts with fewer words are decided by the function-word table first.
        names: company names and aliases to remove before detecting ("Pixeljet" reads as French to langdetect).
    """

    def __init__(self, *, fallback: str = "en", min_langdetect_words: int = 4, names: Sequence[str] = ()) -> None:
        if fallback not in LANGUAGES:
            raise ConfigError(f"language fallback must be one of {', '.join(LANGUAGES)}, got {fallback!r}")
        if type(min_langdetect_words) is not int or min_langdetect_words < 1:
            raise ConfigError(f"min_langdetect_words must be at least 1, got {min_langdetect_words!r}")
        self.fallback = fallback
        self.min_langdetect_words = min_langdetect_words
        self.names = tuple(name for name in names if name.strip())
        self._names = _names_pattern(self.names)
        self._factory: DetectorFactory | None = None

    def warm_up(self) -> None:
        """Load the langdetect profiles into a private, seeded factory; safe to call twice."""
        if self._factory is None:
            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(0)
            self._factory = factory

    def run(self, *, text: str, hint: str | None = None) -> LanguageResult:
        """Detect the language of `text`.

        Args:
            text: a question or a policy text.
            hint: an explicit language choice (e.g. from the UI); when given it wins.

        Returns:
            The detected language, how confident the detection is and where it came from.

        Raises:
            ConfigError: `hint` is not one of en/nl/de/fr.
        """
        if hint:
            if hint not in LANGUAGES:
                raise ConfigError(f"language hint must be one of {', '.join(LANGUAGES)}, got {hint!r}")
            return LanguageResult(hint, True, "explicit", hint, True)
        text = _LOANWORDS.sub(" ", _ADDRESSES.sub(" ", text))
        if self._names is not None:
            text = self._names.sub(" ", text)
        words = [word for word in normalize(text).split() if not word.isdigit()]
        if not words:
            return self._fallback()
        scores = _word_scores(words)
        probabilities = self._langdetect(text) if len(" ".join(words)) >= 3 else {}
        top, top_p = max(probabilities.items(), key=lambda item: item[1], default=("", 0.0))

        word_best = _unique_best(scores)
        words_disagree = (word_best is not None and word_best != top and not scores.get(top, 0)
                          and top_p < _LANGDETECT_SURE)
        if len(words) >= self.min_langdetect_words and top_p >= 0.8 and not words_disagree:
            if top in LANGUAGES and (word_best is None or word_best == top or scores[word_best] < 2):
                return LanguageResult(top, True, "langdetect", top, True)
            if top not in LANGUAGES and (word_best is None or word_best not in LANGUAGES):
                return LanguageResult(self.fallback, True, "langdetect", top, False)
        if word_best is not None:
            supported = word_best in LANGUAGES
            confident = scores[word_best] >= 2
            return LanguageResult(word_best if supported else self.fallback, confident, "words", word_best, supported)
        restricted = {code: p for code, p in probabilities.items() if code in LANGUAGES}
        tied = [code for code, score in scores.items() if score and score == max(scores.values())]
        if tied:
            restricted = {code: restricted.get(code, 0.0) for code in tied if code in LANGUAGES}
        best, best_p = max(restricted.items(), key=lambda item: item[1], default=("", 0.0))
        if best and best_p >= 0.5 and len(words) >= 2:
            return LanguageResult(best, False, "langdetect", top or best, True)
        return self._fallback()

    def _fallback(self) -> LanguageResult:
        return LanguageResult(self.fallback, False, "fallback", "", True)

    def _langdetect(self, text: str) -> dict[str, float]:
        self.warm_up()
        assert self._factory is not None
        detector = self._factory.create()
        detector.set_max_text_length(5000)
        detector.append(text)
        try:
            return {found.lang: found.prob for found in detector.get_probabilities()}
        except LangDetectException as exc:  # no usable features (digits, symbols only)
            logger.debug("langdetect found no features: %s", exc)
            return {}


def detect_language(text: str, *, fallback: str = "en") -> str:
    """Return the language (en, nl, de or fr) of `text`, for one-off checks; it loads a fresh detector each call.

    Args:
        text: the text to classify.
        fallback: the language returned when `text` gives no clue or is in an unsupported language.

    Raises:
        ConfigError: `fallback` is not one of en/nl/de/fr.
    """
    return LanguageDetector(fallback=fallback).run(text=text).language


def _names_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern matching any of `names` as whole words (spaces and hyphens interchangeable); None for no names."""
    return name_pattern(name.strip() for name in names)


def _word_scores(words: list[str]) -> dict[str, int]:
    """Per language, how many of `words` are its function words; when two languages tie above zero, the words with
    a shape only one language has break the tie ("Is SOC 2 of ISO 27001 gecertificeerd?": "is" and "of" are
    English and Dutch). Shapes alone decide nothing: "Account hijacking?" stays undecided by words."""
    scores = {code: sum(word in table for word in words) for code, table in FUNCTION_WORDS.items()}
    if _unique_best(scores) is None and max(scores.values(), default=0) > 0:
        best = max(scores.values())
        for code, shape in WORD_SHAPES.items():
            if scores[code] == best:
                scores[code] += sum(shape.fullmatch(word) is not None for word in words)
    return scores


def _unique_best(scores: dict[str, int]) -> str | None:
    best = max(scores.values(), default=0)
    if best <= 0:
        return None
    leaders = [code for code, score in scores.items() if score == best]
    return leaders[0] if len(leaders) == 1 else None
