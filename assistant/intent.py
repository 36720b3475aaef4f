"""Classify a customer's question: what it asks (intent), about which data and right, and whether it is about privacy.

The classifier is table-driven, without a model: the cues, data objects, rights and actions of
`assistant/intent_lexicon.py` and `assistant/object_lexicon.py` are matched on the question as
`core.categories.normalize` folds it (lower case, accent-free, word boundaries), and each intent adds up the weights
of its cues. A yes/no question is recognised by its shape ("Do you ...", "Verkopen jullie ...", "Speichert X ...",
"partage-t-il ...") and the action it asks about. Ties go to the more specific answer type, in `INTENT_PRIORITY`.

Usage:
    classifier = IntentClassifier()
    classifier.warm_up()
    asked = classifier.run(question="Hoe lang bewaren jullie mijn facturen?", language="nl")
    asked.intent, asked.objects  # Intent.DURATION, ("invoices",)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from assistant.intent_lexicon import (
    FILLER_WORDS,
    INTENT_PHRASINGS,
    INTENT_TERMS,
    OFF_TOPIC_TERMS,
    PRIVACY_TERMS,
    WH_WORDS,
    YES_NO_OPENERS,
)
from assistant.object_lexicon import (
    ACTION_TERMS,
    CHANNEL_OBJECTS,
    GENERIC_ACTIONS,
    NOT_OBJECT_TERMS,
    OBJECT_TERMS,
    POSSESSIVES,
    RIGHT_TERMS,
    TOPIC_ACTIONS,
)
from core.categories import normalize
from core.errors import ConfigError
from core.settings import LANGUAGES
from core.text import name_pattern

__all__ = ["INTENT_PRIORITY", "Intent", "IntentClassifier", "QuestionIntent", "classify_question", "compile_table",
           "table_terms"]


class Intent(str, Enum):
    """What kind of answer a question asks for."""

    YES_NO = "yes_no"
    DURATION = "duration"
    RECIPIENTS = "recipients"
    EXERCISE_RIGHT = "exercise_right"
    CONTACT = "contact"
    LIST = "list"
    LEGAL_BASIS = "legal_basis"
    TRANSFER = "transfer"
    RESPONSE_TIME = "response_time"
    OTHER = "other"

    @classmethod
    def from_str(cls, value: str) -> Intent:
        """The intent named `value`.

        Raises:
            ValueError: `value` names no intent; the message lists the accepted values.
        """
        try:
            return cls(value)
        except ValueError:
            accepted = ", ".join(intent.value for intent in cls)
            raise ValueError(f"unknown intent {value!r}; accepted: {accepted}") from None


INTENT_PRIORITY: tuple[Intent, ...] = (
    Intent.RESPONSE_TIME, Intent.DURATION, Intent.TRANSFER, Intent.LEGAL_BASIS, Intent.CONTACT, Intent.RECIPIENTS,
    Intent.LIST, Intent.EXERCISE_RIGHT, Intent.YES_NO, Intent.OTHER,
)
"""Every intent, most specific first: of two intents with the same score the earlier one wins, so "Do you store my
data outside the EU?" is a transfer question, not a bare yes/no."""

# French subject inversion ("partage-t-il", "sont-elles", "vendez-vous"), a yes/no shape unless a wh-word opens.
_INVERSION = re.compile(r"\w-(?:t-)?(?:il|elle|on|ils|elles|vous|je|nous)\b", re.IGNORECASE)
# Intents whose answer depends on the right asked about ("how fast do you answer an access request").
_RIGHT_INTENTS = (Intent.EXERCISE_RIGHT, Intent.RESPONSE_TIME, Intent.CONTACT)
# A sentence and its end marks; a full stop ends one only before white space or the end ("online-3d-printen.nl" is
# one word, "z.B. meine" two sentences).
# A French statement asked with "?" has a subject first, not an article or a preposition ("les cookies utilisés ?").
_FR_NOT_SUBJECT = frozenset("le la les l un une des du de d mes mon ma ses son sa au aux a en pour par avec sur".split())
_SENTENCE = re.compile(r"(.+?)([.?!;]+(?=\s|\Z)|\Z)", re.DOTALL)
# Specific verbs that outrank "use" or "process" before them (not "protect": "how do you protect my data in
# transmission" asks about security): "use Google to track me" asks about tracking, but "use my history to give me
# recommendations" is no passing on.
_OUTRANK_ANY_USE = frozenset({"track", "sell"})
# A condition opening a question, up to its comma: in Dutch and German the main clause then opens like a yes/no
# question ("als X mijn gegevens geeft, moet die ze wissen?"); "when"/"wanneer" may ask a time, so they are not here.
_LEADING_CONDITION = re.compile(r"\s*(?:(?:and|but|so|en|maar|und|aber|hallo|hi|ok)\W+)?(?:if|als|indien|wenn|falls|sobald)"
                                r"\b[^,?]{3,80},\s*", re.IGNORECASE)
# "which data do you process when I contact support": contacting, in a condition, is the occasion, not the ask.
_CONTACT_IN_CONDITION = re.compile(r"\b(?:when|if|als|wanneer|indien|wenn|falls|sobald|si|quand|lorsque?) "
                                   r"(?:i|ik|ich|je|j|u|you|man|vous|sie)(?: \w+){0,3}? (?:contact|kontaktier)\w*")
# "nach der DSGVO", "d'après le RGPD": according to a law, not a moment after which ("nach der Bestellung") a cue
# phrasing reads; masked before the phrasings are matched.
_PER_THE_LAW = re.compile(r"\b(?:according to|under|volgens|onder|nach|gemass|laut|selon|d apres)"
                          r"(?: (?:the|de|het|der|dem|die|le|la|l))?(?: art(?:ikel|icle)?s? \d+(?: \w)?)?"
                          r" (?:gdpr|avg|dsgvo|ds gvo|rgpd|law|wet|gesetz|loi|general data protection regulation"
                          r"|algemene verordening gegevensbescherming|datenschutz grundverordnung"
                          r"|reglement general sur la protection des donnees)\b")
# "my data" in so many words: a question about the customer's data in general.
_MY_DATA = re.compile(r"\b(?:my|mijn|mn|meine[nr]?|mes|mon)(?: (?:personal|persoonlijke|personlichen|personnelles))?"
                      r" (?:data|gegevens|daten|donnees|info|infos|information|informatie|informationen)\b")
_MASK = "#"


@dataclass(frozen=True)
class QuestionIntent:
    """What a question asks, as the classifier read it.

    `intent` is the kind of answer asked for. `objects` are the data objects the question names (`invoices`,
    `ip_address`, `uploaded_files`, ...), in order of first mention; in a contact question the shop's own channels
    (an e-mail or postal address, a phone number) are left out unless the customer says "my". `right` is the data
    subject right named (`erasure`, `access`, `rectification`, `objection`, `portability`, `restriction`,
    `withdraw_consent`, `complaint`); it is what an `exercise_right` question is about, and is also set for a
    response-time or contact question ("how fast do you answer an access request") or a right named in so many
    words, but not for an everyday verb elsewhere ("who has access" names no right). `action` is what a yes/no question asks the shop to
    confirm (`sell`, `share`, `use`, `store`, ...), set whenever one is named. `is_privacy` is False for questions
    that are not about privacy (prices, shipping, the weather). `terms` are the lexicon terms that matched the
    winning intent, the objects, the right and the action, as written in the tables (markers and question
    phrasings dropped): lexical evidence for scoring passages, in the question's language (in another one only when
    the classifier fell back on the other languages). `scores` gives every intent's score, best first.
    """

    intent: Intent
    objects: tuple[str, ...] = ()
    right: str | None = None
    action: str | None = None
    is_privacy: bool = False
    terms: tuple[str, ...] = ()
    scores: tuple[tuple[Intent, int], ...] = ()


@dataclass(frozen=True)
class _Term:
    """One compiled table term; `text` is the term without its markers, `phrasing` a question phrasing."""

    label: str
    language: str
    text: str
    weight: int
    gated: bool
    phrasing: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Hit:
    term: _Term
    start: int
    end: int


@dataclass(frozen=True)
class _Object:
    name: str
    possessed: bool
    terms: tuple[_Term, ...]
    spans: tuple[tuple[int, int], ...]  # every mention, (start, end) in the normalised question, in order

    @property
    def start(self) -> int:
        """Where the object is first mentioned."""
        return self.spans[0][0]


_Compiled = dict[str, dict[str, tuple[_Term, ...]]]


def _compile_term(label: str, language: str, term: str, *, phrasing: bool = False) -> _Term:
    """Compile `term` in the syntax of `assistant/intent_lexicon.py` into a pattern over `normalize`d text."""
    body = term.lstrip("!?")
    markers = term[: len(term) - len(body)]
    parts = []
    for word in body.split():
        if word == "*":
            parts.append(r"(?:\w+ ){0,5}")
        elif word.startswith("~"):
            parts.append(rf"\w*{re.escape(word[1:])}\w* ")
        elif word.startswith("=") or len(word) <= 3:
            parts.append(re.escape(word.lstrip("=")) + " ")
        else:
            parts.append(re.escape(word) + r"\w* ")
    if not parts or body.split()[-1] == "*" or body.split()[0] == "*":
        raise ValueError(f"malformed {label}/{language} lexicon term {term!r}")
    text = " ".join(word.lstrip("~=") for word in body.split())
    pattern = re.compile(" " + "".join(parts)[:-1] + "(?= )")
    phrasing = phrasing or "*" in body.split()  # a gap is a phrasing too: "who * share"
    return _Term(label, language, text, 2 if "!" in markers else 1, "?" in markers, phrasing, pattern)


def compile_table(table: Mapping[str, Mapping[str, tuple[str, ...]]], *, phrasing: bool = False) -> _Compiled:
    """Compile every term of a `label -> language -> terms` table; see `assistant/intent_lexicon.py` for the syntax."""
    return {label: {language: tuple(_compile_term(label, language, term, phrasing=phrasing) for term in terms)
                    for language, terms in by_language.items()}
            for label, by_language in table.items()}


def table_terms(table: _Compiled, languages: Sequence[str], label: str | None = None) -> Iterable[_Term]:
    """The terms of `table` (or of one `label`) for `languages` and the shared `*` terms, in table order."""
    for name, by_language in table.items():
        if label is None or name == label:
            for language in ("*", *languages):
                yield from by_language.get(language, ())


def _hits(table: _Compiled, text: str, languages: Sequence[str]) -> list[_Hit]:
    hits = []
    for term in table_terms(table, languages):
        found = term.pattern.search(text)
        if found:
            hits.append(_Hit(term, found.start(), found.end()))
    return hits


def _counted(hits: Iterable[_Hit]) -> list[_Hit]:
    """The hits that count: of hits on overlapping stretches of the question, only the heaviest, then longest."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda hit: (-hit.term.weight, hit.start - hit.end)):
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    return kept


class IntentClassifier:
    """Classify a question's intent, data objects, right and action, and tell privacy questions from others.

    Usage:
        classifier = IntentClassifier(names=("Materialise", "online-3d-printen"))
        classifier.warm_up()
        asked = classifier.run(question="Verkopen jullie mijn gegevens?", language="nl")
        asked.intent, asked.action  # Intent.YES_NO, "sell"

    Args:
        names: company names and aliases, removed from the question before matching, so that "Pixeljet" is not
            read as a tracking pixel and "3D Prints" not as an uploaded file.
        cross_language: when nothing in the question matches a term of its language, try the other three
            languages' terms (the language may have been mis-detected on a short question).

    Raises:
        ConfigError: `cross_language` is not a bool or `names` is a bare string.
    """

    def __init__(self, *, names: Sequence[str] = (), cross_language: bool = True) -> None:
        if not isinstance(cross_language, bool):
            raise ConfigError(f"cross_language must be True or False, got {cross_language!r}")
        if isinstance(names, str):
            raise ConfigError(f"names must be a sequence of names, not the string {names!r}")
        self.names = tuple(name for name in names if name.strip())
        self.cross_language = cross_language
        self._tables: dict[str, _Compiled] | None = None
        self._names: re.Pattern[str] | None = None

    def warm_up(self) -> None:
        """Compile the lexicon tables and the company-name pattern; calling it twice is safe."""
        if self._tables is None:
            self._names = name_pattern(self.names)
            self._tables = {
                "intent": compile_table(INTENT_TERMS), "phrasing": compile_table(INTENT_PHRASINGS, phrasing=True),
                "object": compile_table(OBJECT_TERMS), "not_object": compile_table({"idiom": NOT_OBJECT_TERMS}),
                "right": compile_table(RIGHT_TERMS), "action": compile_table(ACTION_TERMS),
                "privacy": compile_table({"privacy": PRIVACY_TERMS}),
                "off_topic": compile_table({"off_topic": OFF_TOPIC_TERMS}),
                "opener": compile_table({"opener": YES_NO_OPENERS}), "wh": compile_table({"wh": WH_WORDS}),
            }

    def run(self, *, question: str, language: str, follow_up: bool = False) -> QuestionIntent:
        """Classify `question`.

        Args:
            question: the customer's question, as typed (informal, typos at word ends are fine).
            language: its language, one of en, nl, de, fr; the terms of that language are matched.
            follow_up: the question follows a privacy question in the same conversation, so a bare phrasing
                ("And how long do they keep it?") is read as privacy too; a shop word still vetoes.

        Returns:
            The intent, objects, right, action, privacy flag and matched terms of the question.

        Raises:
            ConfigError: `language` is not one of en, nl, de, fr.
        """
        if language not in LANGUAGES:
            raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        self.warm_up()
        if self._names is not None:
            question = self._names.sub(" ", question)
        result = self._classify(question, (language,), follow_up=follow_up)
        if result is None and self.cross_language:
            others = tuple(code for code in LANGUAGES if code != language)
            result = self._classify(question, others, follow_up=follow_up)
        return result or QuestionIntent(Intent.OTHER)

    def _classify(self, question: str, languages: tuple[str, ...], *, follow_up: bool) -> QuestionIntent | None:
        """Classify with the terms of `languages`; None when no term of any table matches."""
        assert self._tables is not None  # warm
        tables = self._tables
        text = normalize(question)
        objects = self._objects(text, languages)
        privacy = _hits(tables["privacy"], text, languages)
        rights = _hits(tables["right"], text, languages)
        cues = _hits(tables["intent"], text, languages) + _hits(tables["phrasing"], _masked(_PER_THE_LAW, text),
                                                                 languages)
        actions = _hits(tables["action"], text, languages)
        off_topic = _hits(tables["off_topic"], text, languages)
        if not (objects or privacy or rights or cues or actions or off_topic):
            return None
        # A `?` term counts only in context: a question naming personal data, an object or a right in so many words,
        # or carrying a cue without `?`, or following a privacy question. A shop word vetoes a question that names
        # no personal data at all.
        about_data = bool(objects or privacy) or any(not hit.term.gated for hit in rights)
        # "Ich hab ein Kundenkonto. Wie lange speichert ihr meine Daten?": the asked sentence names the data in
        # general, so an object of the sentence before it is the occasion, not what is asked about.
        asking = _asking_start(question, text)
        if (asking and _questions_asked(question) == 1 and _MY_DATA.search(text, asking)
                and not any(start >= asking for found in objects for start, _ in found.spans)):
            objects = []
        in_context = about_data or follow_up or any(not hit.term.gated for hit in cues)
        if not in_context or (off_topic and not about_data):
            return QuestionIntent(Intent.OTHER)

        # An action that is a topic of its own ("profilering") outranks a generic verb before it ("gebruikt ...
        # voor"), and tracking or selling outranks "use" or "process" (`_OUTRANK_ANY_USE`); a specific verb is not
        # outranked ("sell my data for profiling" asks about selling).
        action = min(actions, key=lambda hit: hit.start, default=None)
        if action is not None and action.term.label in GENERIC_ACTIONS:
            topic = next((hit for hit in actions if hit.term.label in TOPIC_ACTIONS), None)
            outranking = min((hit for hit in actions if hit.term.label in _OUTRANK_ANY_USE), key=lambda hit: hit.start,
                             default=None)
            if topic is not None:
                action = topic
            elif outranking is not None and action.term.label != "protect":
                action = outranking
        if not rights:  # "how do I" asks how to exercise a right only when it names one
            cues = [hit for hit in cues if not (hit.term.phrasing and hit.term.label == Intent.EXERCISE_RIGHT)]
        # "my phone number" is the customer's data, not a number to call: no contact cue on its words
        mine = [span for found in objects if found.name in CHANNEL_OBJECTS and found.possessed for span in found.spans]
        cues = [hit for hit in cues if not (hit.term.label == Intent.CONTACT
                                            and any(hit.start < end and start < hit.end for start, end in mine))]
        if any(hit.term.label == Intent.LIST for hit in cues):
            occasions = [found.span() for found in _CONTACT_IN_CONDITION.finditer(text)]
            cues = [hit for hit in cues if not (hit.term.label == Intent.CONTACT
                                                and any(start <= hit.start < end for start, end in occasions))]
        cues = [hit for intent in INTENT_PRIORITY for hit in _counted(cue for cue in cues if cue.term.label == intent)]
        scores = dict.fromkeys(INTENT_PRIORITY, 0)
        for hit in cues:
            scores[Intent(hit.term.label)] += hit.term.weight
        scores[Intent.EXERCISE_RIGHT] += len({hit.term.label for hit in rights})
        if self._yes_no_shape(question, languages):
            scores[Intent.YES_NO] += 1 + (action is not None)
        ranked = tuple(sorted(scores.items(), key=lambda item: (-item[1], INTENT_PRIORITY.index(item[0]))))
        intent = ranked[0][0] if ranked[0][1] > 0 else Intent.OTHER

        if intent is Intent.CONTACT:
            objects = [found for found in objects if found.name not in CHANNEL_OBJECTS or found.possessed]
        # An everyday verb names a right only where a right is asked about: "who has access" is not the right of access.
        named = any(not hit.term.gated for hit in rights)
        right = _best_right(rights, asking=asking) if named or intent in _RIGHT_INTENTS else None
        matched = [_Hit(term, found.start, found.start) for found in objects for term in found.terms]
        matched += _counted(hit for hit in rights if hit.term.label == right) + ([action] if action else [])
        matched += [hit for hit in cues if hit.term.label == intent]
        matched = [hit for hit in matched if not hit.term.phrasing]
        terms = tuple(dict.fromkeys(hit.term.text for hit in sorted(matched, key=lambda hit: hit.start)))
        return QuestionIntent(intent=intent, objects=tuple(found.name for found in objects), right=right,
                              action=action.term.label if action else None, is_privacy=True, terms=terms,
                              scores=ranked)

    def _objects(self, text: str, languages: tuple[str, ...]) -> list[_Object]:
        """The data objects named in `text`, in order of first mention; each match is masked for the next objects."""
        assert self._tables is not None  # warm
        possessives = frozenset().union(*(POSSESSIVES.get(language, frozenset()) for language in languages))
        for term in table_terms(self._tables["not_object"], languages):
            text = _masked(term.pattern, text)
        found = []
        for name in OBJECT_TERMS:
            spans, terms, possessed = [], [], False
            # longest term first, so "ip adres" is masked before "ip" would leave "adres" for the postal address
            for term in sorted(table_terms(self._tables["object"], languages, name), key=lambda term: -len(term.text)):
                for match in term.pattern.finditer(text):
                    before = text[:match.start()].split()
                    possessed = possessed or bool(before and before[-1] in possessives)
                    spans.append((match.start(), match.end()))
                    terms.append(term)
                text = _masked(term.pattern, text)
            if spans:
                found.append(_Object(name, possessed, tuple(dict.fromkeys(terms)), tuple(sorted(spans))))
        return sorted(found, key=lambda item: item.start)

    def _yes_no_shape(self, question: str, languages: tuple[str, ...]) -> bool:
        """Whether a sentence of `question` opens like a yes/no question, or (French) inverts its subject or states
        an action in one clause with a question mark and no question word ("materialise collecte aussi mon
        numéro ?")."""
        assert self._tables is not None  # warm
        openers = list(table_terms(self._tables["opener"], languages))
        openers += [term for term in table_terms(self._tables["action"], languages) if term.language in ("nl", "de")]
        wh_words = list(table_terms(self._tables["wh"], languages))
        for found in _SENTENCE.finditer(question):
            sentence = found.group(1)
            condition = _LEADING_CONDITION.match(sentence) if "?" in found.group(2) else None
            if condition:  # the main clause after the condition
                sentence = sentence[condition.end():]
            words = normalize(sentence).split()
            while words and words[0] in FILLER_WORDS:
                words.pop(0)
            start = " " + " ".join(words) + " "
            if not words or any(term.pattern.match(start) for term in wh_words):
                continue
            if any(term.pattern.match(start) for term in openers):
                return True
            if "fr" in languages and _INVERSION.search(sentence):
                return True
            if ("fr" in languages and "?" in found.group(2) and "," not in sentence and words[0] not in _FR_NOT_SUBJECT
                    and not any(term.pattern.search(start) for term in wh_words)
                    and any(_a_verb(start, term.pattern) for term in table_terms(self._tables["action"], ("fr",)))):
                return True
        return False


def _questions_asked(question: str) -> int:
    """How many sentences of `question` end in a question mark."""
    return sum("?" in found.group(2) for found in _SENTENCE.finditer(question))


def _a_verb(start: str, action: re.Pattern[str]) -> bool:
    """Whether `action` matches in `start` as a verb: not followed by "de" as a noun is ("partage de mes données")."""
    found = action.search(start)
    return found is not None and start[found.end():].split()[:1] not in (["de"], ["d"], ["des"], ["du"])


def _masked(pattern: re.Pattern[str], text: str) -> str:
    """`text` with every match of `pattern` blanked out, its length kept, so later patterns cannot match inside it."""
    return pattern.sub(lambda match: " " + _MASK * (len(match.group()) - 1), text)


def _asking_start(question: str, text: str) -> int:
    """Where, in the normalised `text` of `question`, its last sentence with a question mark starts: "I withdrew my
    consent. Can I have my data deleted?" asks about the second sentence. 0 when no other sentence precedes it."""
    asking = [found.group(1) for found in _SENTENCE.finditer(question) if "?" in found.group(2)]
    if not asking:
        return 0
    words = normalize(asking[-1]).strip()
    return max(text.rfind(f" {words} "), 0) if words else 0


def _best_right(rights: Sequence[_Hit], *, asking: int = 0) -> str | None:
    """The right named in the asking sentence (from offset `asking` on), else any; of several, the one with the most
    matching terms, then the one named first."""
    counts: dict[str, list[int]] = {}
    for hit in rights:
        counts.setdefault(hit.term.label, []).append(hit.start)
    asked = {right: starts for right, starts in counts.items() if max(starts) >= asking}
    counts = asked or counts
    return min(counts, key=lambda right: (-len(counts[right]), min(counts[right])), default=None)


def classify_question(question: str, *, language: str) -> QuestionIntent:
    """Classify one question, for one-off checks; it compiles the tables on each call (use `IntentClassifier`).

    Args:
        question: the customer's question.
        language: its language, one of en, nl, de, fr.

    Raises:
        ConfigError: `language` is not one of en, nl, de, fr.
    """
    return IntentClassifier().run(question=question, language=language)
