"""Specification of grounding: when a composed answer may be given, and when the policy counts as silent."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.compose import Composition
from assistant.grounding import grounded
from assistant.types import Hit
from core.types import Chunk

THRESHOLD = 0.79


def _hits(*categories: tuple[str, ...]) -> list[Hit]:
    chunk = Chunk(id="shop/p.txt/en/s#0", section_id="shop/p.txt/en/s", company="shop", document="p.txt",
                  language="en", label="s", title="s", path=("s",), text="We keep your data.", start=0, end=18,
                  line_start=1, line_end=1, passage=0, passages=1, categories=())
    return [Hit(chunk=dataclasses.replace(chunk, categories=found), score=1.0) for found in categories]


ANSWER = Composition(text="...", citations=())


@pytest.mark.parametrize("relevance", [0.80, 0.88, 0.99])
def test_a_typed_question_without_its_kind_of_answer_is_never_given_however_sure_retrieval_is(relevance) -> None:
    answer = dataclasses.replace(ANSWER, supported=False, answer_type=False)
    assert not grounded(answer, ("retention",), _hits(("retention",)), relevance, threshold=THRESHOLD)


def test_a_unit_that_words_what_is_asked_grounds_the_answer() -> None:
    answer = dataclasses.replace(ANSWER, supported=True, answer_type=True)
    assert grounded(answer, ("retention",), _hits(("retention",)), 0.80, threshold=THRESHOLD)


def test_a_very_sure_retrieval_overrules_a_lexicon_miss_but_a_less_sure_one_does_not() -> None:
    answer = dataclasses.replace(ANSWER, supported=False)
    assert grounded(answer, ("sharing",), _hits(("sharing",)), 0.88, threshold=THRESHOLD)
    assert not grounded(answer, ("sharing",), _hits(("sharing",)), 0.85, threshold=THRESHOLD)


def test_a_topic_of_its_own_is_never_overruled_by_a_sure_retrieval() -> None:
    answer = dataclasses.replace(ANSWER, supported=False, topic=True)
    assert not grounded(answer, ("sharing",), _hits(("sharing",)), 0.95, threshold=THRESHOLD)
    assert grounded(dataclasses.replace(answer, topic=False), ("sharing",), _hits(("sharing",)), 0.95,
                    threshold=THRESHOLD)
    assert grounded(dataclasses.replace(answer, supported=True), ("sharing",), _hits(("sharing",)), 0.80,
                    threshold=THRESHOLD)


def test_without_known_labels_relevance_and_a_top_section_of_the_category_decide() -> None:
    assert grounded(ANSWER, ("retention",), _hits(("security",), ("retention",)), 0.80, threshold=THRESHOLD)
    assert not grounded(ANSWER, ("retention",), _hits(("security",), ("rights",), ("cookies",)), 0.80,
                        threshold=THRESHOLD)
    assert not grounded(ANSWER, ("retention",), _hits(("retention",)), 0.78, threshold=THRESHOLD)
