"""The words a question is matched on: its stemmed content terms and the proper names inside it.

Usage::

    terms = question_terms("Wie lange speichert Pixeljet meine Daten?", "de", exclude={"pixeljet"})
    question_names("Wer ist Milan Blairon?", company_words=set(), language="de")   # ["Milan Blairon"]
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from core.text import make_stemmer, term_stopwords, words

__all__ = ["question_names", "question_terms"]


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return make_stemmer(language)


def question_terms(text: str, language: str, *, exclude: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """Stemmed content words of `text` (no stop words, no company names)."""
    stop = term_stopwords(language)
    content = [w for w in words(text) if len(w) > 2 and w not in stop and w not in exclude]
    return frozenset(_stemmer(language).stemWords(content))


# A capitalised word or run of them inside a sentence ("Milan Blairon", "Hotjar"), not its first word.
_INNER_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w&-]*[a-z][\w&-]*(?: [A-Z][\w&-]*)*")
# Capitalised words that are no names: German pronouns and nouns of every question, the regulation's names.
_NOT_NAMES = frozenset({"sie", "ihre", "ihr", "ihnen", "ihren", "ihrer", "meine", "mein", "meinen", "meiner", "daten",
                        "datenschutz", "gdpr", "avg", "dsgvo", "rgpd", "eu"})


def question_names(question: str, company_words: set[str], language: str) -> list[str]:
    """The proper names inside `question` of at least four letters, without the asked company's own name or the
    words of `_NOT_NAMES`; in German, where every noun is capitalised, only names of two words or more ("Milan
    Blairon", not "Daten")."""
    names = []
    for match in _INNER_NAME.finditer(question):
        run: list[str] = []
        for token in [*match.group().split(), ""]:
            if token and token.lower() not in _NOT_NAMES and not set(words(token)) <= company_words:
                run.append(token)
                continue
            name = " ".join(run)
            if len(name) >= 4 and (language != "de" or len(run) >= 2):
                names.append(name)
            run = []
    return names
