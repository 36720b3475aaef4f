"""Lexical retrieval: one BM25 index per policy and language, and the component that ranks the scoped policies.

Usage::

    indexes = build_lexical_indexes(chunks)
    ranking = LexicalRetriever().run(query="Hoe lang bewaren jullie mijn gegevens?", companies=("pixeljet",),
                                     indexes=indexes)
    ranking.scored[0]  # ('pixeljet/004_d70c89b0774abc04.txt/en/retention-periods#0', 3.2)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import bm25s
import numpy as np
import Stemmer

from assistant.retrieval.ranking import BM25_SIGNAL, Ranking, Scored
from core.errors import ConfigError
from core.text import index_tokens, make_stemmer
from core.types import Chunk

__all__ = ["LanguageIndexes", "LexicalRetriever", "PolicyIndex", "build_lexical_indexes", "title_and_text"]


@dataclass(frozen=True)
class PolicyIndex:
    """A BM25 index over one company's chunks in one language.

    Each policy keeps its own statistics (IDF, mean length), so adding other shops' policies never changes how
    a shop's own sections score.
    """

    bm25: bm25s.BM25
    chunk_ids: tuple[str, ...]


@dataclass(frozen=True)
class LanguageIndexes:
    """The BM25 indexes of one language's policies, by company, analysed with that language's stemmer."""

    language: str
    stemmer: Stemmer.Stemmer
    by_company: Mapping[str, PolicyIndex]


def title_and_text(chunk: Chunk) -> str:
    """What the retrieval BM25 index reads of a chunk: its title, then its text."""
    return f"{chunk.title}\n{chunk.text}"


def build_lexical_indexes(chunks: Sequence[Chunk], *,
                          field: Callable[[Chunk], str] = title_and_text) -> Mapping[str, LanguageIndexes]:
    """One `LanguageIndexes` per language of `chunks`, in language-code order.

    Each chunk is indexed as `field(chunk)` (by default its title and text), with its language's stemmer and stop
    words (`core.text`); the ranker's features index the title and the text as separate fields.
    """
    return MappingProxyType({
        language: _language_indexes(language, [chunk for chunk in chunks if chunk.language == language], field)
        for language in sorted({chunk.language for chunk in chunks})
    })


def _language_indexes(language: str, chunks: list[Chunk], field: Callable[[Chunk], str]) -> LanguageIndexes:
    """One BM25 index per company over `chunks` (all in `language`); a company without any token gets none."""
    stemmer = make_stemmer(language)
    tokens = index_tokens([field(chunk) for chunk in chunks], language=language, stemmer=stemmer)
    grouped: dict[str, list[int]] = {}
    for row, chunk in enumerate(chunks):
        grouped.setdefault(chunk.company, []).append(row)
    by_company: dict[str, PolicyIndex] = {}
    for company, rows in grouped.items():
        if not any(tokens[row] for row in rows):
            continue
        bm25 = bm25s.BM25()
        bm25.index([tokens[row] for row in rows], show_progress=False)
        by_company[company] = PolicyIndex(bm25=bm25, chunk_ids=tuple(chunks[row].id for row in rows))
    return LanguageIndexes(language=language, stemmer=stemmer, by_company=MappingProxyType(by_company))


class LexicalRetriever:
    """Rank the scoped companies' chunks by BM25, in every indexed language, best first.

    Each policy is scored with its own statistics. The query is analysed with each index's own stemmer and stop
    words: a word shared across languages (a brand, `cookies`, `Google Analytics`) can only match when it is stemmed
    the way the index was.

    Args:
        top_k: length of the ranking, unless `run()` says otherwise.

    Raises:
        ConfigError: `top_k` is not an integer >= 1.
    """

    def __init__(self, *, top_k: int = 50) -> None:
        _check_depth("top_k", top_k)
        self.top_k = top_k

    def warm_up(self) -> None:
        """Nothing to load: the indexes come with each call; present for the component contract."""

    def run(self, *, query: str, companies: tuple[str, ...], indexes: Mapping[str, LanguageIndexes],
            top_k: int | None = None) -> Ranking:
        """BM25 ranking of the chunks of `companies` for `query`.

        Args:
            query: the question (company names already masked, if wanted).
            companies: the company ids to search, in a stable order.
            indexes: the BM25 indexes by language (`IndexSnapshot.lexical`).
            top_k: length of the ranking; defaults to the constructor's.

        Returns:
            A `Ranking` of signal `bm25` with the stage time `bm25`.

        Raises:
            ConfigError: `top_k` is not an integer >= 1.
        """
        if top_k is None:
            top_k = self.top_k
        _check_depth("top_k", top_k)
        started = time.perf_counter()
        scored: list[Scored] = []
        for language_indexes in indexes.values():
            policies = [language_indexes.by_company[company] for company in companies
                        if company in language_indexes.by_company]
            if not policies:
                continue
            tokens = index_tokens([query], language=language_indexes.language, stemmer=language_indexes.stemmer)[0]
            for policy in policies:
                ids = policy.bm25.get_tokens_ids(tokens)
                if not ids:
                    continue
                scores = policy.bm25.get_scores_from_ids(ids)
                top = np.argsort(-scores, kind="stable")[:top_k]
                scored.extend((policy.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0)
        scored.sort(key=lambda item: -item[1])
        return Ranking(signal=BM25_SIGNAL, scored=tuple(scored[:top_k]),
                       timing_ms={"bm25": 1000 * (time.perf_counter() - started)})


def _check_depth(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"retriever {name} must be an integer >= 1, got {value!r}")
