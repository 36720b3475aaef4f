"""Comparison answers: one retrieval per company, each company's own answer, one line and one citation per company.

Searching all compared shops at once lets the shops whose policies word the topic most like the question fill the
top hits, so the others get no passage and read as silent. Here every company is retrieved on its own (the
retriever's `companies=(company,)`), composed as a single-company answer (the same evidence ranking and answer line,
`ExtractiveComposer.run`) and held to the same grounding as a single answer; the answers are then joined by
`ExtractiveComposer.compare`. A company whose policy does not answer gets a line saying so, without citation.

Usage::

    comparer = Comparer(retriever=retriever, composer=composer, grounded=is_grounded, floor=0.78, top_k=5)
    compared = comparer.run(question="Which shops keep my data longest?", language="en",
                            companies=("j3d-prints", "pixeljet"), categories=("retention",), asked=intent)
    compared.composition.text, compared.answered, compared.timing_ms["compare.retrieve"]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.compose import Composition, ExtractiveComposer
from assistant.intent import QuestionIntent
from assistant.retrieval import Retriever
from assistant.types import Hit
from core.errors import ConfigError
from index.unit_vectors import UNIT_EMBEDDER

__all__ = ["Compared", "Comparer", "Grounded"]

Grounded = Callable[[Composition, Sequence[str], Sequence[Hit], float], bool]
"""Whether one company's composed answer may be given: (composition, categories, its hits, its relevance)."""


@dataclass(frozen=True)
class Compared:
    """A comparison: the joined answer, the companies that got a cited line and the best relevance of any company.

    `timing_ms` holds `compare.retrieve` and `compare.compose`, each summed over the companies.
    """

    composition: Composition
    answered: tuple[str, ...]
    relevance: float
    timing_ms: dict[str, float] = field(default_factory=dict)


class Comparer:
    """Answer a comparison of shops company by company.

    Args:
        retriever: the pipeline's retriever (warmed up by the pipeline).
        composer: the pipeline's grounded composer.
        grounded: the pipeline's grounding rule for an answer, applied to each company's answer.
        floor: least relevance (best cosine in the company's policy) for a company to be composed at all.
        top_k: passages retrieved per company.

    Raises:
        ConfigError: `top_k` < 1.
    """

    def __init__(self, *, retriever: Retriever, composer: ExtractiveComposer, grounded: Grounded, floor: float,
                 top_k: int) -> None:
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ConfigError(f"comparison top_k must be an integer >= 1, got {top_k!r}")
        self.retriever = retriever
        self.composer = composer
        self.grounded = grounded
        self.floor = float(floor)
        self.top_k = top_k

    def run(self, *, question: str, language: str, companies: Sequence[str], categories: Sequence[str],
            asked: QuestionIntent) -> Compared:
        """Retrieve, compose and ground each company's answer, then join them in the order of `companies`.

        Args:
            question: the question (the retriever masks the shops' names).
            language: the answer language.
            companies: the shops compared, in the order their lines are shown.
            categories: the question's privacy categories.
            asked: the question's intent.

        Returns:
            The joined answer (no citation at all when no company's policy answers), the companies answered and
            the best relevance over all companies.
        """
        answers: list[tuple[str, Composition | None]] = []
        relevance = 0.0
        timing = {"compare.retrieve": 0.0, "compare.compose": 0.0}
        for company in companies:
            started = time.perf_counter()
            retrieval = self.retriever.run(question=question, companies=(company,), language=language,
                                           categories=tuple(categories), top_k=self.top_k)
            composed = time.perf_counter()
            timing["compare.retrieve"] += 1000 * (composed - started)
            relevance = max(relevance, retrieval.relevance)
            answer: Composition | None = None
            if retrieval.hits and retrieval.relevance >= self.floor:
                answer = self.composer.run(question=question, language=language, company=company,
                                           hits=retrieval.hits, categories=categories, asked=asked,
                                           query_vector=retrieval.query_vectors.get(UNIT_EMBEDDER))
                if not (answer.citations and self.grounded(answer, categories, retrieval.hits, retrieval.relevance)):
                    answer = None
            timing["compare.compose"] += 1000 * (time.perf_counter() - composed)
            answers.append((company, answer))
        composition = self.composer.compare(language=language, answers=answers, asked=asked)
        return Compared(composition=composition, answered=tuple(c for c, answer in answers if answer is not None),
                        relevance=relevance, timing_ms=timing)
