"""Typing errors in questions: a word that no dictionary knows is read as the policy word one edit away.

Customers type fast: "who gets my adress", "hoe beveilgen jullie", "comment suprimer mon compte". A word is
corrected only when all of these hold:

- it has at least `min_length` letters and is not part of an e-mail address or a link;
- neither the pyspellchecker dictionary of English, Dutch, German or French nor the policies know it, so a word of
  another supported language, a shop name and a vendor name named in a policy stay as typed;
- a word of the policies (the shops' texts and the GDPR) is one edit away inside the word: a letter left out, added
  or changed, or two letters swapped, with the first and last letters kept (an edit at either end is more often a
  compound or an inflection, "emailadres", "Datenschutzrechte", than a slip). The most frequent such word wins.

A word that any of the four dictionaries or the policies know is never replaced, and nothing is corrected towards a
word the policies do not use: the dictionaries miss many compounds and inflections ("gehostet", "betaalbedrijf"),
whose nearest dictionary word would change the question.

Usage::

    speller = QuestionSpeller(texts=["We share your address with PostNL.", ...])
    speller.warm_up()
    speller.run(text="who gets my adress", language="en").text        # "who gets my address"
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spellchecker import SpellChecker

from core.errors import ConfigError
from core.settings import LANGUAGES

__all__ = ["QuestionSpeller", "Spelled"]

_WORD = re.compile(r"\w+")
_ADDRESS_OR_LINK = re.compile(r"(\S*(?:@|://|www\.)\S*)", re.IGNORECASE)  # kept by re.split


@dataclass(frozen=True)
class Spelled:
    """A question as read: `text` with each correction applied, and the `(typed, read)` pairs, in order."""

    text: str
    corrections: tuple[tuple[str, str], ...] = ()


class QuestionSpeller:
    """Corrects the typing errors of a question towards the policies' own words.

    Args:
        texts: the policy texts whose words are the corrections (all companies, all languages).
        min_length: the shortest word that is corrected; shorter words have too many neighbours.

    Raises:
        ConfigError: `min_length` is below 4.
    """

    def __init__(self, *, texts: Iterable[str], min_length: int = 6) -> None:
        if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 4:
            raise ConfigError(f"speller min_length must be an integer >= 4, got {min_length!r}")
        self.min_length = min_length
        self._counts = Counter(word.lower() for text in texts for word in _WORD.findall(text))
        self._dictionaries: dict[str, SpellChecker] = {}

    def warm_up(self) -> None:
        """Load the four languages' dictionaries (about a second); safe to call twice."""
        if not self._dictionaries:
            self._dictionaries = {language: SpellChecker(language=language, distance=1) for language in LANGUAGES}

    def run(self, *, text: str, language: str) -> Spelled:
        """Read `text`, a question in `language` (en, nl, de or fr), with its typing errors corrected."""
        self.warm_up()
        corrections: list[tuple[str, str]] = []

        def correct(word: re.Match[str]) -> str:
            typed = word.group()
            read = self._correction(typed.lower(), language)
            if read is None:
                return typed
            corrections.append((typed, read))
            return read

        parts = [_WORD.sub(correct, part) if index % 2 == 0 else part
                 for index, part in enumerate(_ADDRESS_OR_LINK.split(text))]
        return Spelled(text="".join(parts), corrections=tuple(corrections))

    def _correction(self, word: str, language: str) -> str | None:
        if len(word) < self.min_length or not word.isalpha() or word in self._counts:
            return None
        if any(word in dictionary for dictionary in self._dictionaries.values()):
            return None
        nearby = [candidate for candidate in self._dictionaries[language].edit_distance_1(word)
                  if candidate in self._counts and candidate[0] == word[0] and candidate[-1] == word[-1]]
        return max(nearby, key=lambda candidate: (self._counts[candidate], candidate), default=None)

