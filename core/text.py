"""Text analysis shared by retrieval and answering: word tokens, Snowball stemmers, stop words, name patterns, quotes.

Two stop-word tables live here on purpose. BM25 drops bm25s's long English list (`en_plus`, 300+ words) so that
question words never outweigh content words; the composer drops bm25s's short English list (33 words) when it
compares a question's terms with a quote's, where "how", "long" or "keep" still tell sentences apart. Dutch, German
and French use the same list in both. Merging the two English lists would change rankings or answers.

Usage::

    stemmer = make_stemmer("nl")
    index_tokens(["Hoe lang bewaren jullie mijn gegevens?"], language="nl", stemmer=stemmer)  # [['lang', 'bewar', ...]]
    names = name_pattern(["Pixel Jet", "pixeljet"])
    names.sub(" ", "Does pixel-jet keep my data?")  # 'Does   keep my data?'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

import Stemmer

__all__ = [
    "INDEX_TOKEN_PATTERN",
    "NAME_GAP",
    "QUOTE_MARKS",
    "SNOWBALL_STEMMERS",
    "WORD",
    "index_stopwords",
    "index_tokens",
    "make_stemmer",
    "name_pattern",
    "normalize_quotes",
    "quote_insensitive",
    "term_stopwords",
    "unaccented",
    "words",
]

# Snowball stemmer per answer language; any other language is stemmed with Porter's English stemmer.
SNOWBALL_STEMMERS: Mapping[str, str] = MappingProxyType({"en": "english", "nl": "dutch", "de": "german",
                                                         "fr": "french"})
_DEFAULT_STEMMER = "porter"
# Tokens BM25 indexes: runs of two or more word characters (bm25s's default pattern, stated here on purpose).
INDEX_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
# Words the composer compares: runs of word characters (it drops words of two letters or fewer itself).
WORD = re.compile(r"\w+", re.UNICODE)
# What separates the words of a company name in a question: "pixel jet", "pixel-jet".
NAME_GAP = r"[\s\-]+"
# Apostrophes and single quotes a policy may type for "'".
QUOTE_MARKS = "'’‘"


def make_stemmer(language: str) -> Stemmer.Stemmer:
    """A new Snowball stemmer for `language` (en, nl, de, fr); Porter's English stemmer for any other language.

    PyStemmer's stemmers keep a cache; a component that stems often holds its own.
    """
    return Stemmer.Stemmer(SNOWBALL_STEMMERS.get(language, _DEFAULT_STEMMER))


@cache
def _stopword_tables() -> tuple[Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    """(index table, term table); bm25s is imported on first use only, as it loads numpy and scipy."""
    from bm25s import stopwords as lists

    shared = {"nl": frozenset(lists.STOPWORDS_DUTCH), "de": frozenset(lists.STOPWORDS_GERMAN),
              "fr": frozenset(lists.STOPWORDS_FRENCH)}
    index = MappingProxyType({"en": frozenset(lists.STOPWORDS_EN_PLUS), **shared})
    terms = MappingProxyType({"en": frozenset(lists.STOPWORDS_EN), **shared})
    return index, terms


def index_stopwords(language: str) -> frozenset[str]:
    """The stop words BM25 leaves out of `language`'s index and queries (bm25s `en_plus` for English); none for
    a language other than en, nl, de, fr."""
    return _stopword_tables()[0].get(language, frozenset())


def term_stopwords(language: str) -> frozenset[str]:
    """The stop words the composer leaves out of question and sentence terms (bm25s `en` for English); none for a
    language other than en, nl, de, fr."""
    return _stopword_tables()[1].get(language, frozenset())


def index_tokens(texts: Sequence[str], *, language: str, stemmer: Stemmer.Stemmer) -> list[list[str]]:
    """BM25 tokens of each text: lower-cased `INDEX_TOKEN_PATTERN` tokens without `index_stopwords`, stemmed.

    Args:
        texts: the texts (chunks, or one question).
        language: the language whose stop words are dropped.
        stemmer: the stemmer of that language (see `make_stemmer`).

    Returns:
        One token list per text, in order.
    """
    import bm25s

    return bm25s.tokenize(list(texts), token_pattern=INDEX_TOKEN_PATTERN, stopwords=index_stopwords(language),
                          stemmer=stemmer, return_ids=False, show_progress=False)


def unaccented(text: str) -> str:
    """`text` without its accents ("numéro" -> "numero"), case and everything else kept."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The lower-cased `WORD` tokens of `text`, in order."""
    return [word.lower() for word in WORD.findall(text)]


def name_pattern(
    names: Iterable[str],
    *,
    gap: str | None = NAME_GAP,
    joiner: str | None = None,
    before: str = r"(?<!\w)",
    after: str = r"(?!\w)",
    flags: int = re.IGNORECASE,
) -> re.Pattern[str] | None:
    """One pattern matching any of `names` as a whole word, longest name first (so "j3d prints nl" wins over "j3d").

    Args:
        names: company ids, names and aliases; blank ones are skipped.
        gap: a pattern splitting a name into its words; each run of it in the name matches `joiner` in the text.
            None matches every name literally.
        joiner: what may stand between two words of a name in the text; by default `gap` itself.
        before: look-behind that keeps a match from starting inside a word.
        after: look-ahead that keeps a match from ending inside a word.
        flags: `re` flags of the pattern (case-insensitive by default).

    Returns:
        The compiled pattern, or None when no name is left.
    """
    alternatives = []
    for name in sorted(set(names), key=len, reverse=True):
        if not name.strip():
            continue
        if gap is None:
            alternatives.append(re.escape(name))
        else:
            alternatives.append((gap if joiner is None else joiner).join(
                re.escape(part) for part in re.split(gap, name)))
    if not alternatives:
        return None
    return re.compile(before + "(?:" + "|".join(alternatives) + ")" + after, flags)


def normalize_quotes(text: str) -> str:
    """`text` with typographic single quotes (’ ‘) written as the ASCII apostrophe."""
    return text.replace("’", "'").replace("‘", "'")


def quote_insensitive(text: str) -> str:
    """`text` for comparing quotes: typographic single quotes as `'`, every run of white space as one space."""
    return " ".join(normalize_quotes(text).split())
