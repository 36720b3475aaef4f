"""The records of an evaluation run, shared by the runner (`eval.run`), the report writer (`eval.report`) and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.types import Answer
from eval.consistency import Consistency
from eval.gold import GoldItem
from eval.metrics import ItemScore, Metrics

__all__ = ["EvalResult", "ItemRecord", "ReportFiles", "SkippedItem"]


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
    files: ReportFiles | None = None

    @property
    def failed(self) -> tuple[ItemRecord, ...]:
        """The scored items that failed at least one check."""
        return tuple(record for record in self.records if not record.score.passed)
