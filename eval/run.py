"""Run every gold question through the app's own pipeline (`build_engine`), score the answers and write the report.

Usage::

    settings = load_settings(os.environ)
    result = run_eval(settings, gold_path=Path("eval/gold"), split="dev", out_dir=Path("eval/out/dev"))
    result.overall.values["hit@1"], result.files.markdown
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from assistant.engine import build_engine
from assistant.types import Answer, Status
from core.errors import AssistantError, GoldSetError, relative_path
from core.language import LanguageDetector
from core.settings import Settings
from eval.consistency import CONSISTENCY_METRIC, Consistency, cross_lingual_consistency
from eval.coverage import company_coverage, with_coverage
from eval.gold import SPLITS as GOLD_SPLITS
from eval.gold import GoldItem, load_gold
from eval.gold_corpus import GoldCorpus
from eval.metrics import BREAKDOWNS, Metrics, aggregate, breakdown, normalize_space, score_item
from eval.report import write_report
from eval.types import EvalResult, ItemRecord, SkippedItem

__all__ = ["SPLITS", "answer_text_language", "company_to_pass", "overall_metrics", "run_eval"]

logger = logging.getLogger(__name__)

SPLITS = (*GOLD_SPLITS, "all")
_QUOTED = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")


def company_to_pass(item: GoldItem) -> str | None:
    """The company given to the pipeline: None when the question itself names it (so detection is exercised)."""
    return None if item.company_in_question else item.company


def answer_text_language(answer: Answer, detector: LanguageDetector) -> str | None:
    """Detect the language of an answered item's own wording, without the text it takes from the policy.

    Quotes (verbatim and as displayed) and section labels are policy text, often in another language than the
    answer (an English policy cited in a Dutch answer), so they are taken out, as is anything between quotation
    marks, before the rest is judged.

    Returns:
        The detected language code (possibly unsupported, e.g. "es"), or None when the answer is not
        `answered` or the remaining text is too short to decide.
    """
    if answer.status is not Status.ANSWERED:
        return None
    text = normalize_space(answer.answer)
    borrowed = {normalize_space(piece) for citation in answer.citations
                for piece in (citation.quote, citation.display, citation.section, *citation.section_path)
                if piece.strip()}
    for piece in sorted(borrowed, key=len, reverse=True):
        text = text.replace(piece, " ")
    result = detector.run(text=_QUOTED.sub(" ", text))
    if result.source == "fallback":
        return None
    return result.detected or result.language


def overall_metrics(records: Sequence[ItemRecord]) -> tuple[Metrics, Consistency]:
    """The overall metrics of scored items and their cross-lingual consistency.

    Returns:
        Every item metric of `aggregate()` plus `cross_lingual_consistency` (its support: the concepts
        counted), and the consistency with its per-concept detail.
    """
    metrics = aggregate([record.score for record in records])
    consistency = cross_lingual_consistency(records)
    return dataclasses.replace(metrics, values={**metrics.values, CONSISTENCY_METRIC: consistency.value},
                               support={**metrics.support, CONSISTENCY_METRIC: consistency.counted}), consistency


def run_eval(settings: Settings, *, gold_path: Path, split: str, out_dir: Path) -> EvalResult:
    """Answer every gold question of `split` with the app's pipeline, score it and write the report to `out_dir`.

    Items the gold validator rejects (unknown company, a section missing from the corpus, ...) and items
    on which the pipeline raises are listed as skipped with their reason; the run goes on.

    Args:
        settings: validated settings; the same ones the app would use.
        gold_path: a gold file or a folder of them.
        split: "dev", "test" or "all".
        out_dir: folder for report.md, report.json and the chart (created if needed).

    Returns:
        The records, skipped items, metrics (overall and per language, category, company and intent), the
        cross-lingual consistency of the concepts among the items, the company coverage of the comparison items,
        and the report paths.

    Raises:
        ConfigError: `split` is not one of dev, test, all.
        GoldSetError: the gold file cannot be read at all.
        AssistantError: the pipeline cannot start (no index, model unavailable).
    """
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    corpus = GoldCorpus.from_dir(settings.corpus_dir)
    gold = load_gold(gold_path, corpus=corpus, split=split, strict=False)
    skipped = [_rejected(problem) for problem in gold.problems]
    logger.info("evaluating %d gold items (%s split, %d rejected)", len(gold.items), split, len(skipped))

    records: list[ItemRecord] = []
    if gold.items:  # an empty selection needs no index and no models
        records, failed = _answer_all(settings, gold.items)
        skipped += failed
    scores = [record.score for record in records]
    overall, consistency = overall_metrics(records)
    coverage = company_coverage(records, owners=corpus.owners)
    result = EvalResult(
        gold_path=Path(relative_path(gold_path)),
        split=split,
        records=tuple(records),
        skipped=tuple(skipped),
        overall=with_coverage(overall, coverage),
        by={name: breakdown(scores, by=name) for name in BREAKDOWNS},
        settings=settings.public_dict(),
        started=started,
        seconds=time.perf_counter() - clock,
        consistency=consistency,
        coverage=coverage,
    )
    return dataclasses.replace(result, files=write_report(result, out_dir=out_dir))


def _answer_all(settings: Settings, items: Sequence[GoldItem]) -> tuple[list[ItemRecord], list[SkippedItem]]:
    """Answer and score every item; the items the pipeline raises on come back as skipped."""
    pipeline = build_engine(settings).pipeline
    detector = LanguageDetector(fallback=settings.ui_language)
    detector.warm_up()
    records: list[ItemRecord] = []
    skipped: list[SkippedItem] = []
    for number, item in enumerate(items, start=1):
        company = company_to_pass(item)
        try:
            answer = pipeline.run(question=item.question, company=company, id=item.id)
        except AssistantError as exc:
            logger.warning("gold item %s: the pipeline raised %s", item.id, type(exc).__name__)
            skipped.append(SkippedItem(id=item.id, reason=f"pipeline raised {type(exc).__name__}: {exc}",
                                       line=item.line or None))
            continue
        text_language = answer_text_language(answer, detector)
        score = score_item(item, answer, text_language=text_language)
        records.append(ItemRecord(item=item, company_passed=company, answer=answer,
                                  text_language=text_language, score=score))
        if number % 10 == 0:
            logger.info("%d/%d gold items answered", number, len(items))
    return records, skipped


def _rejected(problem: GoldSetError) -> SkippedItem:
    reason = f"{problem.reason}; {problem.hint}" if problem.hint else problem.reason
    return SkippedItem(id=getattr(problem, "item_id", "") or "(no id)", reason=reason, line=problem.line)
