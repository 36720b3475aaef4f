"""Specifications of the company coverage metric, on scored records of hand-made comparison items and answers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from assistant.types import Answer, Citation, Status
from eval.cli import parse_gate
from eval.coverage import COVERAGE_METRIC, company_coverage, gold_companies, with_coverage
from eval.gold import GoldItem, GoldRef
from eval.metrics import aggregate, score_item
from eval.report import write_report
from eval.run import overall_metrics
from eval.types import EvalResult, ItemRecord

M3D, J3D, PIXELJET = "000_48002a1284e2571b.txt", "001_ee5694b89859d272.txt", "004_d70c89b0774abc04.txt"
OWNERS = {M3D: "m3d-print", J3D: "j3d-prints", PIXELJET: "pixeljet"}
REFS = {
    "m3d-print": (GoldRef(doc=M3D, section="Data retention period", quote="seven years for invoices"),),
    # J3D's one file holds the English and the Dutch policy: two gold entries, one company.
    "j3d-prints": (GoldRef(doc=J3D, section="Retention periods", quote="seven years for invoices"),
                   GoldRef(doc=J3D, section="Bewaartermijnen", quote="zeven jaar voor facturen")),
    "pixeljet": (GoldRef(doc=PIXELJET, section="Retention", quote="two years after your last order"),),
}


def cite(n: int, company: str, document: str, section: str = "Some other section") -> Citation:
    return Citation(n=n, company=company, document=document, section=section, language="en", quote="keep",
                    text=f"{section}\nWe keep it.", score=1.0 / n)


def record(item_id: str, companies: tuple[str, ...], *citations: Citation, category: str = "comparison",
           status: Status = Status.ANSWERED) -> ItemRecord:
    """A scored record: an item whose gold names `companies`, and an answer with `citations`."""
    item = GoldItem(id=item_id, lang="en", question="Which shops keep my invoices longest?",
                    company=None if category == "comparison" else companies[0], answerable=True,
                    gold=tuple(ref for company in companies for ref in REFS[company]), facts=(),
                    category=category, split="dev")
    answer = Answer(id=item_id, question=item.question, language="en", company=None, status=status,
                    answer="What each privacy policy says:", citations=citations, timing_ms={"total": 10.0})
    return ItemRecord(item=item, company_passed=None, answer=answer, text_language="en",
                      score=score_item(item, answer, text_language="en"))


def test_the_gold_companies_are_the_distinct_owners_of_the_gold_documents_in_gold_order() -> None:
    [item] = [record("en-comparison-multi-90", ("pixeljet", "j3d-prints")).item]
    companies = gold_companies(item, owners=OWNERS)
    assert list(companies) == ["pixeljet", "j3d-prints"]
    assert companies["j3d-prints"] == REFS["j3d-prints"]
    assert list(gold_companies(item, owners={})) == [PIXELJET, J3D]  # unknown documents stand for themselves


def test_a_company_counts_as_cited_by_any_citation_of_its_gold_document_whatever_the_section() -> None:
    records = [
        record("en-comparison-multi-90", ("m3d-print", "j3d-prints", "pixeljet"),
               cite(1, "m3d-print", M3D), cite(2, "j3d-prints", J3D, "Bewaartermijnen")),
        record("en-comparison-multi-91", ("j3d-prints", "pixeljet"), cite(1, "pixeljet", PIXELJET)),
    ]
    coverage = company_coverage(records, owners=OWNERS)
    assert (coverage.value, coverage.expected, coverage.cited) == (pytest.approx(3 / 5), 5, 3)
    first, second = coverage.items
    assert (first.expected, first.cited, first.missing) == (("m3d-print", "j3d-prints", "pixeljet"),
                                                            ("m3d-print", "j3d-prints"), ("pixeljet",))
    assert (second.cited, second.missing) == (("pixeljet",), ("j3d-prints",))


def test_an_abstention_covers_nothing_and_other_categories_are_not_counted() -> None:
    records = [record("en-comparison-multi-90", ("m3d-print", "pixeljet"), status=Status.NOT_IN_POLICY),
               record("en-retention-m3d-90", ("m3d-print",), cite(1, "m3d-print", M3D), category="retention")]
    coverage = company_coverage(records, owners=OWNERS)
    [item] = coverage.items
    assert (item.item_id, item.status, item.cited) == ("en-comparison-multi-90", "not_in_policy", ())
    assert (coverage.value, coverage.expected, coverage.cited) == (0.0, 2, 0)


def test_without_comparison_items_the_metric_is_none_not_one() -> None:
    records = [record("en-retention-m3d-90", ("m3d-print",), cite(1, "m3d-print", M3D), category="retention")]
    coverage = company_coverage(records, owners=OWNERS)
    assert (coverage.value, coverage.expected, coverage.items) == (None, 0, ())
    metrics = with_coverage(aggregate([r.score for r in records]), coverage)
    assert metrics.values[COVERAGE_METRIC] is None and metrics.support[COVERAGE_METRIC] == 0


def test_the_report_gives_the_share_and_each_items_missing_companies(tmp_path: Path) -> None:
    records = [record("en-comparison-multi-90", ("m3d-print", "pixeljet"), cite(1, "m3d-print", M3D)),
               record("en-comparison-multi-91", ("j3d-prints",), cite(1, "j3d-prints", J3D))]
    overall, consistency = overall_metrics(records)
    coverage = company_coverage(records, owners=OWNERS)
    result = EvalResult(gold_path=Path("eval/gold"), split="dev", records=tuple(records), skipped=(),
                        overall=with_coverage(overall, coverage), by={}, settings={},
                        started="2026-12-05T00:00:00+00:00", seconds=1.0, consistency=consistency, coverage=coverage)
    files = write_report(result, out_dir=tmp_path)

    report = json.loads(files.json.read_text(encoding="utf-8"))
    assert report["overall"]["values"][COVERAGE_METRIC] == pytest.approx(0.6667)
    assert report["overall"]["support"][COVERAGE_METRIC] == 3
    assert report[COVERAGE_METRIC]["items"] == [
        {"item": "en-comparison-multi-90", "lang": "en", "status": "answered", "expected": ["m3d-print", "pixeljet"],
         "cited": ["m3d-print"], "missing": ["pixeljet"]},
        {"item": "en-comparison-multi-91", "lang": "en", "status": "answered", "expected": ["j3d-prints"],
         "cited": ["j3d-prints"], "missing": []},
    ]
    markdown = files.markdown.read_text(encoding="utf-8")
    assert f"| {COVERAGE_METRIC} | 0.667 | 3 |" in markdown
    assert "The answers to 2 comparison items cite 2 of the 3 companies their gold names" in markdown
    assert "| en-comparison-multi-90 | answered | m3d-print, pixeljet | m3d-print | **pixeljet** |" in markdown


def test_company_coverage_is_a_gate_over_all_languages_only() -> None:
    gate = parse_gate("company_coverage=0.9")
    assert (gate.metric, gate.language, gate.threshold) == (COVERAGE_METRIC, None, 0.9)
    with pytest.raises(argparse.ArgumentTypeError, match="measured across languages; drop ':nl'"):
        parse_gate("company_coverage:nl=0.9")
