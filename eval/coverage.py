"""Company coverage: the share of the companies a comparison item's gold names that its answer cites.

A comparison item (category `comparison`) lists one gold entry per company that answers it. Its gold companies are
the distinct owners of those entries' documents; the answer covers a company when any of its citations is of one of
that company's gold documents (any section: the line for a company cites that company's own best section). The
metric pools the companies of all comparison items among the records. Pure functions over the runner's
`ItemRecord`s; no I/O.

Usage::

    coverage = company_coverage(records, owners=corpus.owners)    # owners: document file name -> company id
    coverage.value, [(item.item_id, item.missing) for item in coverage.items if item.missing]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from assistant.types import Citation
from eval.gold import GoldItem, GoldRef
from eval.metrics import Metrics
from eval.types import CompanyCoverage, ItemCoverage, ItemRecord

__all__ = ["COMPARISON_CATEGORY", "COVERAGE_DESCRIPTION", "COVERAGE_METRIC", "company_coverage", "gold_companies",
           "with_coverage"]

COVERAGE_METRIC = "company_coverage"
COVERAGE_DESCRIPTION = ("companies named by the gold of comparison items that the answer cites (a citation of that"
                        " company's gold document); n = gold companies")
COMPARISON_CATEGORY = "comparison"


def _owner(ref: GoldRef, owners: Mapping[str, str]) -> str:
    """The company of a gold entry's document: from `owners`, from a `company/file` doc, else the doc itself."""
    doc = ref.doc.strip()
    if doc in owners:
        return owners[doc]
    company, slash, _ = doc.partition("/")
    return company if slash else doc


def gold_companies(item: GoldItem, *, owners: Mapping[str, str]) -> dict[str, tuple[GoldRef, ...]]:
    """The distinct companies of `item`'s gold entries, in gold order, each with its entries."""
    grouped: dict[str, list[GoldRef]] = {}
    for ref in item.gold:
        grouped.setdefault(_owner(ref, owners), []).append(ref)
    return {company: tuple(refs) for company, refs in grouped.items()}


def _cites(citation: Citation, refs: Sequence[GoldRef]) -> bool:
    return any(ref.doc.strip() in {citation.document, f"{citation.company}/{citation.document}"} for ref in refs)


def company_coverage(records: Sequence[ItemRecord], *, owners: Mapping[str, str]) -> CompanyCoverage:
    """Score the comparison items among `records` (other items are ignored).

    Args:
        records: the scored items of a run (any split).
        owners: the company id of each corpus document, by file name (`GoldCorpus.owners`).

    Returns:
        The share of gold companies cited, pooled over the comparison items (None when there is none), the totals,
        and one `ItemCoverage` per comparison item, in record order.
    """
    items: list[ItemCoverage] = []
    for record in records:
        if record.item.category != COMPARISON_CATEGORY:
            continue
        expected = gold_companies(record.item, owners=owners)
        cited = tuple(company for company, refs in expected.items()
                      if any(_cites(citation, refs) for citation in record.answer.citations))
        items.append(ItemCoverage(item_id=record.item.id, lang=record.item.lang, status=record.answer.status.value,
                                  expected=tuple(expected), cited=cited))
    expected_total = sum(len(item.expected) for item in items)
    cited_total = sum(len(item.cited) for item in items)
    return CompanyCoverage(value=cited_total / expected_total if expected_total else None, expected=expected_total,
                           cited=cited_total, items=tuple(items))


def with_coverage(metrics: Metrics, coverage: CompanyCoverage) -> Metrics:
    """`metrics` with `company_coverage` added to its values (support: the gold companies of comparison items)."""
    return dataclasses.replace(metrics, values={**metrics.values, COVERAGE_METRIC: coverage.value},
                               support={**metrics.support, COVERAGE_METRIC: coverage.expected})
