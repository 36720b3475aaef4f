"""Pure metric functions that score the assistant's answers against gold items (no I/O, no models).

Scoring happens in two steps: `score_item()` turns one gold item and the `Answer` it got into an
`ItemScore` (rank of the first gold citation, facts found, abstention, language, verified quotes,
latency and the reasons it failed), and `aggregate()` turns any list of item scores into `Metrics`.
`breakdown()` aggregates per language, category or company. The ranked-list helpers at the end
(`first_relevant_rank`, `hit_at`, `reciprocal_rank`, `recall_at`) also serve the PolicyQA benchmark.

Usage::

    scores = [score_item(item, answer, text_language=detect(answer.answer)) for item, answer in pairs]
    overall = aggregate(scores)
    overall.values["hit@1"], breakdown(scores, by="language")["nl"].values["fact_recall"]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.types import Answer, Citation, Status

if TYPE_CHECKING:
    from eval.gold import GoldItem, GoldRef

__all__ = [
    "ABSTAIN_STATUSES",
    "BREAKDOWNS",
    "GATE_METRICS",
    "METRICS",
    "ItemScore",
    "Metrics",
    "aggregate",
    "breakdown",
    "citation_matches",
    "facts_found",
    "first_relevant_rank",
    "hit_at",
    "normalize_space",
    "percentile",
    "recall_at",
    "reciprocal_rank",
    "score_item",
]

ABSTAIN_STATUSES = frozenset({Status.NOT_IN_POLICY, Status.OUT_OF_SCOPE, Status.UNKNOWN_COMPANY})
"""Statuses that count as the assistant abstaining."""

METRICS: dict[str, str] = {
    "hit@1": "answerable items with gold sections whose first citation is a gold section",
    "hit@3": "answerable items with gold sections with a gold section among the first 3 citations",
    "mrr": "mean reciprocal rank of the first gold citation (0 when none), same items as hit@1",
    "fact_recall": "mean share of an item's facts found in the answer text or its cited quotes",
    "abstention_precision": "abstentions that were on unanswerable items",
    "abstention_recall": "unanswerable items the assistant abstained on",
    "abstention_f1": "harmonic mean of abstention precision and recall",
    "language_accuracy": "items answered in the question's language (declared, and detected in the answer text)",
    "quote_verified": "citations whose quote is a verbatim substring of the cited passage",
    "latency_p50_ms": "median of timing_ms.total",
    "latency_p95_ms": "95th percentile of timing_ms.total",
}
"""Every metric `aggregate()` reports, with what it measures."""

GATE_METRICS = (
    "hit@1", "hit@3", "mrr", "fact_recall", "abstention_f1", "language_accuracy", "quote_verified",
)
"""Metrics a quality gate (`--fail-under`) may name: shares in [0, 1] where higher is better."""

BREAKDOWNS = ("language", "category", "company", "intent")
"""Item attributes `breakdown()` groups by; `intent` is the answer type the assistant read in the question."""

NO_GROUP = "(none)"

_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including newlines and non-breaking spaces) to one space and strip."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def _same_document(citation: Citation, ref: GoldRef) -> bool:
    doc = ref.doc.strip()
    return doc in {citation.document, f"{citation.company}/{citation.document}"}


def citation_matches(citation: Citation, ref: GoldRef) -> bool:
    """Whether `citation` cites the gold reference `ref`.

    It does when it is from the same document and either its section label equals the gold section
    (ignoring case and whitespace) or its passage text contains the gold quote (whitespace normalised).

    Args:
        citation: a citation of an answer.
        ref: one gold reference (document, section label, optional quote).
    Returns:
        True when the citation counts as citing the reference.
    """
    if not _same_document(citation, ref):
        return False
    if ref.section and normalize_space(citation.section).casefold() == normalize_space(ref.section).casefold():
        return True
    quote = normalize_space(ref.quote or "")
    return bool(quote) and quote in normalize_space(citation.text)


def facts_found(facts: Sequence[Sequence[str]], text: str) -> tuple[bool, ...]:
    """For each fact (a list of alternative phrasings), whether any alternative occurs in `text`.

    Matching is a case-insensitive substring test after whitespace normalisation.

    Args:
        facts: the item's facts, each a sequence of alternatives.
        text: the text searched (the answer plus its cited quotes).
    Returns:
        One flag per fact, in order.
    """
    haystack = normalize_space(text).casefold()
    return tuple(
        any(normalize_space(alt).casefold() in haystack for alt in fact if normalize_space(alt))
        for fact in facts
    )


def first_relevant_rank(flags: Iterable[bool]) -> int | None:
    """1-based position of the first true flag in a ranked list, or None when there is none."""
    for rank, flag in enumerate(flags, start=1):
        if flag:
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    """1.0 when the first relevant result is within the top `k`, else 0.0."""
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None, *, cutoff: int | None = None) -> float:
    """1/rank of the first relevant result; 0.0 when there is none or it ranks below `cutoff`."""
    if rank is None or (cutoff is not None and rank > cutoff):
        return 0.0
    return 1.0 / rank


def recall_at(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the `relevant` ids found among the first `k` of `ranked` (0.0 when nothing is relevant)."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    return len(wanted.intersection(ranked[:k])) / len(wanted)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The `q`-th percentile (0-100) with linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class ItemScore:
    """How one gold item fared: everything `aggregate()` needs, plus the reasons it failed.

    `rank` is the 1-based position of the first citation matching a gold reference (None when no
    citation matches or the item has no gold references). `language_ok` is None when the item has no
    expected language. `failures` is empty for an item that passed.
    """

    id: str
    language: str
    category: str
    company: str
    intent: str
    answerable: bool
    has_gold: bool
    rank: int | None
    facts: tuple[bool, ...]
    abstained: bool
    language_ok: bool
    quotes_verified: int
    quotes_total: int
    latency_ms: float | None
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def fact_recall(self) -> float | None:
        return sum(self.facts) / len(self.facts) if self.facts else None

    def group(self, by: str) -> str:
        """The value of attribute `by` (language, category, company or intent) used to group this item."""
        if by not in BREAKDOWNS:
            raise ValueError(f"unknown breakdown {by!r}; accepted: {', '.join(BREAKDOWNS)}")
        return getattr(self, by) or NO_GROUP


def score_item(item: GoldItem, answer: Answer, *, text_language: str | None = None) -> ItemScore:
    """Score one gold item against the answer it got.

    Args:
        item: the gold item.
        answer: what the pipeline returned for the item's question.
        text_language: the language detected in the answer text (None when not detected); for answered
            items it must equal the item's language, as must `answer.language`.
    Returns:
        The item's score, with a human-readable reason for each way it failed.
    """
    citations = sorted(answer.citations, key=lambda c: c.n)
    refs = tuple(item.gold)
    rank = first_relevant_rank(any(citation_matches(c, ref) for ref in refs) for c in citations) if refs else None
    search_text = "\n".join([answer.answer, *(c.quote for c in citations)])
    found = facts_found(item.facts, search_text)
    abstained = answer.status in ABSTAIN_STATUSES
    answered = answer.status is Status.ANSWERED
    language_ok = answer.language == item.lang and (
        not answered or text_language is None or text_language == item.lang
    )
    verified = sum(1 for c in citations if c.quote and c.quote in c.text)
    total = answer.timing_ms.get("total")

    failures: list[str] = []
    if item.answerable and not answered:
        failures.append(f"status {answer.status.value}, expected an answer")
    if not item.answerable and not abstained:
        failures.append(f"status {answer.status.value}, expected an abstention")
    if refs and rank != 1:
        failures.append("no gold section cited" if rank is None else f"first gold section cited at rank {rank}")
    missing = [" | ".join(fact) for fact, ok in zip(item.facts, found, strict=True) if not ok]
    if missing:
        failures.append("missing facts: " + "; ".join(missing))
    if not language_ok:
        failures.append(
            f"answer language {answer.language} (text detected as {text_language or '?'}), expected {item.lang}"
        )
    if verified < len(citations):
        failures.append(f"{len(citations) - verified} of {len(citations)} quotes not verbatim in their passage")

    return ItemScore(
        id=item.id,
        language=item.lang,
        category=item.category or "",
        company=item.company or "",
        intent=answer.intent,
        answerable=item.answerable,
        has_gold=bool(refs),
        rank=rank,
        facts=found,
        abstained=abstained,
        language_ok=language_ok,
        quotes_verified=verified,
        quotes_total=len(citations),
        latency_ms=float(total) if total is not None else None,
        failures=tuple(failures),
    )


@dataclass(frozen=True)
class Metrics:
    """Aggregated metrics of a set of items.

    `values` maps every name in `METRICS` to its value, None when the metric does not apply (no item
    it could be computed on); `support` gives the number of items (or citations, for quote_verified)
    each value was computed on.
    """

    items: int
    passed: int
    values: dict[str, float | None]
    support: dict[str, int]

    def as_dict(self) -> dict:
        return {
            "items": self.items,
            "passed": self.passed,
            "values": {name: (None if v is None else round(v, 4)) for name, v in self.values.items()},
            "support": dict(self.support),
        }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(scores: Sequence[ItemScore]) -> Metrics:
    """Aggregate item scores into every metric of `METRICS`.

    Hit@1, Hit@3 and MRR are over answerable items with gold references; fact recall is the mean of
    per-item recall over items with facts; abstention precision is over items the assistant abstained
    on, recall over unanswerable items; quote_verified is over all citations; latency over items that
    report timing_ms.total.

    Args:
        scores: item scores, possibly empty.
    Returns:
        The metrics; a metric with nothing to compute on is None.
    """
    ranked = [s for s in scores if s.answerable and s.has_gold]
    with_facts = [s.fact_recall for s in scores if s.fact_recall is not None]
    abstained = [s for s in scores if s.abstained]
    unanswerable = [s for s in scores if not s.answerable]
    true_abstentions = sum(1 for s in abstained if not s.answerable)
    precision = true_abstentions / len(abstained) if abstained else None
    recall = true_abstentions / len(unanswerable) if unanswerable else None
    if recall is None:
        f1 = None
    elif not true_abstentions:
        f1 = 0.0
    else:
        assert precision is not None
        f1 = 2 * precision * recall / (precision + recall)
    quotes_total = sum(s.quotes_total for s in scores)
    latencies = [s.latency_ms for s in scores if s.latency_ms is not None]

    values: dict[str, float | None] = {
        "hit@1": _mean([hit_at(s.rank, 1) for s in ranked]),
        "hit@3": _mean([hit_at(s.rank, 3) for s in ranked]),
        "mrr": _mean([reciprocal_rank(s.rank) for s in ranked]),
        "fact_recall": _mean(with_facts),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "abstention_f1": f1,
        "language_accuracy": _mean([1.0 if s.language_ok else 0.0 for s in scores]),
        "quote_verified": sum(s.quotes_verified for s in scores) / quotes_total if quotes_total else None,
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
    support = {
        "hit@1": len(ranked), "hit@3": len(ranked), "mrr": len(ranked), "fact_recall": len(with_facts),
        "abstention_precision": len(abstained), "abstention_recall": len(unanswerable),
        "abstention_f1": len(unanswerable), "language_accuracy": len(scores), "quote_verified": quotes_total,
        "latency_p50_ms": len(latencies), "latency_p95_ms": len(latencies),
    }
    return Metrics(items=len(scores), passed=sum(1 for s in scores if s.passed), values=values, support=support)


def breakdown(scores: Sequence[ItemScore], *, by: str | Callable[[ItemScore], str]) -> dict[str, Metrics]:
    """Aggregate per group of items, groups sorted by name.

    Args:
        scores: item scores.
        by: "language", "category", "company" or "intent", or a function giving an item's group.
    Returns:
        Group name -> metrics of the items in that group (items without a value go to "(none)").
    Raises:
        ValueError: `by` is an unknown attribute name.
    """
    key = by if callable(by) else (lambda s, name=by: s.group(name))
    if isinstance(by, str) and by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; accepted: {', '.join(BREAKDOWNS)}")
    groups: dict[str, list[ItemScore]] = {}
    for score in scores:
        groups.setdefault(key(score), []).append(score)
    return {name: aggregate(groups[name]) for name in sorted(groups)}
