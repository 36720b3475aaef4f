"""The records of an evaluation run, shared by the runner (`eval.run`), the report writer (`eval.report`) and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.types import Answer
from eval.gold import GoldItem
from eval.metrics import ItemScore, Metrics

__all__ = ["CompanyCoverage", "ConceptCitation", "ConceptConsistency", "Consistency", "EvalResult", "ItemCoverage",
           "ItemRecord", "ReportFiles", "SkippedItem"]


@dataclass(frozen=True)
class ConceptCitation:
    """What one language version of a concept got: its status and the first citation (None when it has none)."""

    lang: str
    item_id: str
    status: str
    document: str | None
    section: str | None

    def as_dict(self) -> dict:
        return {"lang": self.lang, "item": self.item_id, "status": self.status, "document": self.document,
                "section": self.section}


@dataclass(frozen=True)
class ConceptConsistency:
    """One concept of the evaluated items: what each language cited first and whether they agree.

    `consistent` is None when the concept is not counted (fewer than two of its items were answered with a
    citation); `cited` lists its items in language order.
    """

    concept: str
    category: str
    company: str | None
    cited: tuple[ConceptCitation, ...]
    consistent: bool | None

    @property
    def counted(self) -> bool:
        return self.consistent is not None

    def as_dict(self) -> dict:
        return {"concept": self.concept, "category": self.category, "company": self.company,
                "counted": self.counted, "consistent": self.consistent,
                "cited": [citation.as_dict() for citation in self.cited]}


@dataclass(frozen=True)
class Consistency:
    """The cross-lingual consistency of a run: the share, the concepts it was computed on and every concept seen.

    `value` is None (not 1.0) when no concept could be counted.
    """

    value: float | None = None
    counted: int = 0
    consistent: int = 0
    concepts: tuple[ConceptConsistency, ...] = ()

    def as_dict(self) -> dict:
        return {"value": None if self.value is None else round(self.value, 4), "counted": self.counted,
                "consistent": self.consistent, "concepts": [concept.as_dict() for concept in self.concepts]}


@dataclass(frozen=True)
class ItemCoverage:
    """One comparison item: the companies its gold names (`expected`) and those of them its answer cites (`cited`)."""

    item_id: str
    lang: str
    status: str
    expected: tuple[str, ...]
    cited: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The expected companies the answer does not cite, in gold order."""
        return tuple(company for company in self.expected if company not in self.cited)

    def as_dict(self) -> dict:
        return {"item": self.item_id, "lang": self.lang, "status": self.status, "expected": list(self.expected),
                "cited": list(self.cited), "missing": list(self.missing)}


@dataclass(frozen=True)
class CompanyCoverage:
    """The company coverage of a run: the share of the comparison items' gold companies that their answers cite.

    `value` is None (not 1.0) when no comparison item was scored; `expected` and `cited` are the totals over `items`.
    """

    value: float | None = None
    expected: int = 0
    cited: int = 0
    items: tuple[ItemCoverage, ...] = ()

    def as_dict(self) -> dict:
        return {"value": None if self.value is None else round(self.value, 4), "expected": self.expected,
                "cited": self.cited, "items": [item.as_dict() for item in self.items]}


@dataclass(frozen=True)
class ItemRecord:
    """One scored gold item: what was expected, what the pipeline returned, and the score.

    `company_passed` is the company handed to the pipeline (None when the question names it, so that
    company detection is exercised); `text_language` is the language detected in the answer text.
    """

    item: GoldItem
    company_passed: str | None
    answer: Answer
    text_language: str | None
    score: ItemScore


@dataclass(frozen=True)
class SkippedItem:
    """A gold item that was not scored: the validator rejected it, or the pipeline raised on it."""

    id: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class ReportFiles:
    """Where the report of a run was written."""

    markdown: Path
    json: Path
    chart: Path


@dataclass(frozen=True)
class EvalResult:
    """Everything one evaluation run produced: per-item records, skipped items and the metrics.

    `overall` holds the item metrics of every record plus `cross_lingual_consistency` (its support is the
    number of concepts counted); `consistency` gives that metric's per-concept detail.
    """

    gold_path: Path
    split: str
    records: tuple[ItemRecord, ...]
    skipped: tuple[SkippedItem, ...]
    overall: Metrics
    by: dict[str, dict[str, Metrics]]
    settings: dict
    started: str
    seconds: float
    consistency: Consistency
    coverage: CompanyCoverage = field(default_factory=CompanyCoverage)
    files: ReportFiles | None = None

    @property
    def failed(self) -> tuple[ItemRecord, ...]:
        """The scored items that failed at least one check."""
        return tuple(record for record in self.records if not record.score.passed)
