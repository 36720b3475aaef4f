"""Specifications of the evaluation metrics, on hand-made gold items and answers."""

from __future__ import annotations

import pytest

from assistant.types import Answer, Citation, Status
from eval.gold import GoldItem, GoldRef
from eval.metrics import (
    GATE_METRICS,
    METRICS,
    aggregate,
    breakdown,
    citation_matches,
    facts_found,
    first_relevant_rank,
    hit_at,
    percentile,
    recall_at,
    reciprocal_rank,
    score_item,
)

DOC = "004_d70c89b0774abc04.txt"
RETENTION = "Data retention period"
RETENTION_TEXT = "Data retention period\nWe keep your order data for seven years,\nas required by tax law."


def make_item(**changes: object) -> GoldItem:
    fields: dict[str, object] = {
        "id": "pixeljet-retention-en",
        "lang": "en",
        "question": "How long does Pixeljet keep my order data?",
        "company": "pixeljet",
        "answerable": True,
        "gold": (GoldRef(doc=DOC, section=RETENTION, quote="seven years"),),
        "facts": (("seven years", "7 years"),),
        "category": "retention",
        "split": "dev",
    }
    fields.update(changes)
    return GoldItem(**fields)  # type: ignore[arg-type]


def cite(n: int, *, section: str = RETENTION, text: str = RETENTION_TEXT, quote: str = "seven years",
         document: str = DOC, company: str = "pixeljet") -> Citation:
    return Citation(n=n, company=company, document=document, section=section, language="en", quote=quote,
                    text=text, score=1.0 / n)


def make_answer(*citations: Citation, status: Status = Status.ANSWERED, language: str = "en",
                text: str = "We keep your order data for seven years.", total_ms: float | None = 100.0) -> Answer:
    return Answer(id="x", question="q", language=language, company="pixeljet", status=status, answer=text,
                  citations=citations, timing_ms={} if total_ms is None else {"total": total_ms})


def abstention(status: Status = Status.NOT_IN_POLICY, language: str = "en") -> Answer:
    return make_answer(status=status, language=language, text="The policy does not say.")


# ---------------------------------------------------------------- citation match


def test_citation_matches_gold_section_label_of_the_same_document() -> None:
    ref = GoldRef(doc=DOC, section=RETENTION, quote="")
    assert citation_matches(cite(1, text="other words", quote="other"), ref)


def test_citation_label_match_ignores_case_and_extra_spaces() -> None:
    ref = GoldRef(doc=DOC, section="data  retention PERIOD", quote="")
    assert citation_matches(cite(1), ref)


def test_citation_of_another_document_never_matches() -> None:
    ref = GoldRef(doc="000_48002a1284e2571b.txt", section=RETENTION, quote="seven years")
    assert not citation_matches(cite(1), ref)


def test_citation_matches_by_quote_after_whitespace_normalisation() -> None:
    ref = GoldRef(doc=DOC, section="Some other heading", quote="order data for seven years, as required")
    assert citation_matches(cite(1, section="Retention"), ref)


def test_citation_of_another_section_without_the_quote_does_not_match() -> None:
    ref = GoldRef(doc=DOC, section=RETENTION, quote="seven years")
    assert not citation_matches(cite(1, section="Cookies", text="Cookies\nWe use analytics cookies."), ref)


def test_citation_with_an_empty_gold_quote_matches_only_by_label() -> None:
    ref = GoldRef(doc=DOC, section="Cookies", quote="")
    assert not citation_matches(cite(1), ref)


# ---------------------------------------------------------------- ranking


def test_hit_and_mrr_follow_the_rank_of_the_first_gold_citation() -> None:
    other = cite(1, section="Cookies", text="Cookies\nWe use cookies.", quote="We use cookies.")
    score = score_item(make_item(), make_answer(other, cite(2)))
    assert score.rank == 2
    metrics = aggregate([score])
    assert metrics.values["hit@1"] == 0.0
    assert metrics.values["hit@3"] == 1.0
    assert metrics.values["mrr"] == 0.5


def test_citations_are_ranked_by_their_number_not_their_order_in_the_answer() -> None:
    other = cite(2, section="Cookies", text="Cookies\nWe use cookies.", quote="We use cookies.")
    assert score_item(make_item(), make_answer(other, cite(1))).rank == 1


def test_items_without_gold_or_unanswerable_are_left_out_of_hit_and_mrr() -> None:
    scores = [
        score_item(make_item(id="no-gold", gold=()), make_answer(cite(1))),
        score_item(make_item(id="silent", answerable=False, gold=(), facts=()), abstention()),
    ]
    metrics = aggregate(scores)
    assert metrics.values["hit@1"] is None
    assert metrics.values["mrr"] is None
    assert metrics.support["hit@1"] == 0


def test_abstaining_on_an_answerable_item_is_a_miss() -> None:
    score = score_item(make_item(), abstention())
    assert score.rank is None
    assert not score.passed
    assert "expected an answer" in score.failures[0]
    assert aggregate([score]).values["hit@3"] == 0.0


@pytest.mark.parametrize(
    ("flags", "rank"), [([], None), ([False, False], None), ([True], 1), ([False, False, True, True], 3)]
)
def test_first_relevant_rank(flags: list[bool], rank: int | None) -> None:
    assert first_relevant_rank(flags) == rank


def test_reciprocal_rank_respects_the_cutoff() -> None:
    assert reciprocal_rank(4) == 0.25
    assert reciprocal_rank(11, cutoff=10) == 0.0
    assert reciprocal_rank(None) == 0.0
    assert hit_at(3, 3) == 1.0 and hit_at(4, 3) == 0.0 and hit_at(None, 10) == 0.0


def test_recall_at_counts_relevant_ids_in_the_top_k() -> None:
    assert recall_at(["a", "b", "c"], {"b", "z"}, 2) == 0.5
    assert recall_at(["a", "b", "c"], {"c"}, 2) == 0.0
    assert recall_at(["a"], set(), 10) == 0.0


# ---------------------------------------------------------------- facts


def test_a_fact_is_found_when_any_alternative_occurs_case_insensitively() -> None:
    assert facts_found([("7 years", "SEVEN years"), ("tax law",)], "We keep it Seven  Years.") == (True, False)


def test_fact_recall_searches_the_answer_and_the_cited_quotes() -> None:
    item = make_item(facts=(("seven years",), ("tax law",)))
    answer = make_answer(cite(1, quote="as required by tax law."), text="Pixeljet keeps it for seven years [1].")
    score = score_item(item, answer)
    assert score.facts == (True, True)
    assert aggregate([score]).values["fact_recall"] == 1.0


def test_fact_recall_is_the_mean_of_per_item_recall() -> None:
    one = score_item(make_item(id="a", facts=(("seven years",), ("absent",))), make_answer(cite(1)))
    two = score_item(make_item(id="b", facts=(("seven years",),)), make_answer(cite(1)))
    no_facts = score_item(make_item(id="c", facts=()), make_answer(cite(1)))
    metrics = aggregate([one, two, no_facts])
    assert metrics.values["fact_recall"] == pytest.approx(0.75)
    assert metrics.support["fact_recall"] == 2
    assert "missing facts: absent" in one.failures


# ---------------------------------------------------------------- abstention


def test_abstention_precision_recall_f1() -> None:
    scores = [
        score_item(make_item(id="s1", **_silent()), abstention(Status.NOT_IN_POLICY)),
        score_item(make_item(id="s2", **_silent()), abstention(Status.OUT_OF_SCOPE)),
        score_item(make_item(id="s3", **_silent()), make_answer(cite(1))),  # answered although silent
        score_item(make_item(id="a1"), abstention(Status.UNKNOWN_COMPANY)),  # abstained although answerable
        score_item(make_item(id="a2"), make_answer(cite(1))),
    ]
    metrics = aggregate(scores)
    assert metrics.values["abstention_precision"] == pytest.approx(2 / 3)
    assert metrics.values["abstention_recall"] == pytest.approx(2 / 3)
    assert metrics.values["abstention_f1"] == pytest.approx(2 / 3)
    assert "expected an abstention" in scores[2].failures[0]


def _silent() -> dict[str, object]:
    return {"answerable": False, "gold": (), "facts": ()}


def test_when_everything_abstains_precision_is_the_share_of_unanswerable_items() -> None:
    scores = [score_item(make_item(id="s", **_silent()), abstention()),
              score_item(make_item(id="a"), abstention())]
    metrics = aggregate(scores)
    assert metrics.values["abstention_precision"] == 0.5
    assert metrics.values["abstention_recall"] == 1.0
    assert metrics.values["abstention_f1"] == pytest.approx(2 / 3)
    assert metrics.values["hit@1"] == 0.0


def test_never_abstaining_gives_f1_zero_and_no_precision() -> None:
    metrics = aggregate([score_item(make_item(id="s", **_silent()), make_answer(cite(1)))])
    assert metrics.values["abstention_precision"] is None
    assert metrics.values["abstention_recall"] == 0.0
    assert metrics.values["abstention_f1"] == 0.0


def test_an_error_status_is_not_an_abstention() -> None:
    score = score_item(make_item(id="s", **_silent()), make_answer(status=Status.ERROR, text="Something failed."))
    assert not score.abstained
    assert not score.passed


# ---------------------------------------------------------------- language, quotes, latency


@pytest.mark.parametrize(
    ("declared", "detected", "ok"),
    [("nl", "nl", True), ("en", "nl", False), ("nl", "en", False), ("nl", None, True)],
)
def test_language_accuracy_checks_declared_and_detected_language(declared: str, detected: str | None,
                                                                 ok: bool) -> None:
    item = make_item(lang="nl", question="Hoe lang bewaart Pixeljet mijn bestelgegevens?")
    score = score_item(item, make_answer(cite(1), language=declared), text_language=detected)
    assert score.language_ok is ok
    assert aggregate([score]).values["language_accuracy"] == (1.0 if ok else 0.0)


def test_abstentions_are_judged_on_the_declared_language_only() -> None:
    item = make_item(lang="de", **_silent())
    assert score_item(item, abstention(language="de"), text_language="en").language_ok


def test_quote_verified_rate_counts_citations_whose_quote_is_verbatim_in_their_passage() -> None:
    good = cite(1)
    bad = cite(2, quote="seven  years")  # doubled space: not verbatim
    score = score_item(make_item(), make_answer(good, bad))
    assert (score.quotes_verified, score.quotes_total) == (1, 2)
    assert aggregate([score]).values["quote_verified"] == 0.5
    assert "1 of 2 quotes not verbatim" in score.failures[-1]


def test_latency_percentiles_interpolate_and_skip_items_without_timing() -> None:
    scores = [score_item(make_item(id=str(ms)), make_answer(cite(1), total_ms=ms)) for ms in (100.0, 200.0, 300.0)]
    scores.append(score_item(make_item(id="untimed"), make_answer(cite(1), total_ms=None)))
    metrics = aggregate(scores)
    assert metrics.values["latency_p50_ms"] == 200.0
    assert metrics.values["latency_p95_ms"] == pytest.approx(290.0)
    assert metrics.support["latency_p95_ms"] == 3
    assert percentile([], 50) is None


# ---------------------------------------------------------------- sets and breakdowns


def test_an_empty_set_has_every_metric_but_no_values() -> None:
    metrics = aggregate([])
    assert set(metrics.values) == set(METRICS)
    assert all(value is None for value in metrics.values.values())
    assert metrics.items == 0


def test_a_perfect_item_passes() -> None:
    score = score_item(make_item(), make_answer(cite(1)), text_language="en")
    assert score.passed, score.failures
    assert aggregate([score]).passed == 1


def test_breakdown_groups_by_language_category_and_company() -> None:
    scores = [
        score_item(make_item(id="en"), make_answer(cite(1))),
        score_item(make_item(id="nl", lang="nl", category="rights", company=None),
                   make_answer(cite(2, section="Cookies", text="x", quote="x"), language="nl")),
    ]
    by_language = breakdown(scores, by="language")
    assert list(by_language) == ["en", "nl"]
    assert by_language["en"].values["hit@1"] == 1.0
    assert by_language["nl"].values["hit@1"] == 0.0
    assert list(breakdown(scores, by="category")) == ["retention", "rights"]
    assert list(breakdown(scores, by="company")) == ["(none)", "pixeljet"]
    with pytest.raises(ValueError, match="unknown breakdown 'colour'"):
        breakdown(scores, by="colour")


def test_gate_metrics_are_reported_metrics() -> None:
    assert set(GATE_METRICS) <= set(METRICS)
