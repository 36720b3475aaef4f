"""Specifications of the cross-lingual consistency metric, on scored records of hand-made concept items and answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.types import Answer, Citation, CitationVersion, Status
from eval.consistency import CONSISTENCY_METRIC, cross_lingual_consistency, first_citation, same_section
from eval.gold import GoldItem, GoldRef
from eval.metrics import score_item
from eval.report import write_report
from eval.run import overall_metrics
from eval.types import EvalResult, ItemRecord

J3D = "001_ee5694b89859d272.txt"  # one file: the English policy, then the Dutch one
RETENTION_EN = "Retention periods"
RETENTION_NL = "Bewaartermijnen"
RIGHTS_EN = "Your rights"
QUESTIONS = {"en": "How long does J3D keep my invoices?", "nl": "hoe lang bewaart J3D mijn facturen?",
             "de": "Wie lange bewahrt J3D meine Rechnungen auf?", "fr": "Combien de temps J3D garde mes factures ?"}


def cite(n: int, section: str, *, alternates: tuple[CitationVersion, ...] = (), language: str = "en") -> Citation:
    text = f"{section}\nWe must keep invoices with your data for seven years."
    return Citation(n=n, company="j3d-prints", document=J3D, section=section, language=language,
                    quote="keep invoices", text=text, score=1.0 / n, alternates=alternates)


def dutch_version(section: str = RETENTION_NL) -> CitationVersion:
    return CitationVersion(document=J3D, section=section, language="nl", chunk_id="j3d-nl-7")


def record(lang: str, *citations: Citation, concept: str | None = "retention-j3d-invoices",
           status: Status = Status.ANSWERED) -> ItemRecord:
    """A scored record of the harness: the concept item in `lang` and the answer it got."""
    item = GoldItem(id=f"{lang}-retention-j3d-{20 if concept else 90}", lang=lang, question=QUESTIONS[lang],
                    company="j3d-prints", answerable=True,
                    gold=(GoldRef(doc=J3D, section=RETENTION_EN, quote="keep invoices"),),
                    facts=(("seven years",),), category="retention", split="dev", concept=concept)
    answer = Answer(id=item.id, question=item.question, language=lang, company="j3d-prints", status=status,
                    answer="seven years" if status is Status.ANSWERED else "The policy does not say.",
                    citations=citations, timing_ms={"total": 10.0})
    return ItemRecord(item=item, company_passed=None, answer=answer, text_language=lang,
                      score=score_item(item, answer, text_language=lang))


# ---------------------------------------------------------------- same section


def test_items_citing_the_same_section_first_are_consistent() -> None:
    result = cross_lingual_consistency([record("en", cite(1, RETENTION_EN)), record("de", cite(1, RETENTION_EN))])
    assert (result.value, result.counted, result.consistent) == (1.0, 1, 1)
    (concept,) = result.concepts
    assert concept.concept == "retention-j3d-invoices" and concept.consistent is True
    assert [(c.lang, c.document, c.section) for c in concept.cited] == [("en", J3D, RETENTION_EN),
                                                                         ("de", J3D, RETENTION_EN)]


@pytest.mark.parametrize("alternates_on", ["en", "nl"])
def test_the_same_section_in_another_language_version_is_consistent_through_alternates(alternates_on: str) -> None:
    english = cite(1, RETENTION_EN, alternates=(dutch_version(),) if alternates_on == "en" else ())
    dutch = cite(1, RETENTION_NL, language="nl",
                 alternates=(CitationVersion(document=J3D, section=RETENTION_EN, language="en"),)
                 if alternates_on == "nl" else ())
    assert same_section(english, dutch) and same_section(dutch, english)
    result = cross_lingual_consistency([record("en", english), record("nl", dutch)])
    assert (result.value, result.counted) == (1.0, 1)


def test_without_alternates_two_language_versions_are_different_sections() -> None:
    result = cross_lingual_consistency([record("en", cite(1, RETENTION_EN)),
                                        record("nl", cite(1, RETENTION_NL, language="nl"))])
    assert (result.value, result.counted, result.consistent) == (0.0, 1, 0)


# ---------------------------------------------------------------- different sections


def test_one_language_citing_another_section_first_makes_the_concept_inconsistent() -> None:
    alternates = (dutch_version(),)
    records = [record("en", cite(1, RETENTION_EN, alternates=alternates)),
               record("nl", cite(1, RETENTION_NL, language="nl")),
               record("fr", cite(1, RIGHTS_EN, alternates=(dutch_version("Uw rechten"),)))]
    result = cross_lingual_consistency(records)
    assert (result.value, result.counted, result.consistent) == (0.0, 1, 0)
    assert result.concepts[0].consistent is False
    assert [c.section for c in result.concepts[0].cited] == [RETENTION_EN, RETENTION_NL, RIGHTS_EN]


def test_only_the_first_citation_counts_by_its_number() -> None:
    later_same = record("de", cite(2, RETENTION_EN), cite(1, RIGHTS_EN))
    assert first_citation(later_same) == later_same.answer.citations[1]
    result = cross_lingual_consistency([record("en", cite(1, RETENTION_EN), cite(2, RIGHTS_EN)), later_same])
    assert result.value == 0.0


def test_the_share_is_over_counted_concepts() -> None:
    consistent = [record("en", cite(1, RETENTION_EN)), record("de", cite(1, RETENTION_EN))]
    inconsistent = [record("en", cite(1, RETENTION_EN), concept="retention-j3d-other"),
                    record("fr", cite(1, RIGHTS_EN), concept="retention-j3d-other")]
    alone = [record("nl", cite(1, RETENTION_NL), concept=None)]
    result = cross_lingual_consistency([*inconsistent, *alone, *consistent])
    assert (result.value, result.counted, result.consistent) == (0.5, 2, 1)
    assert [c.concept for c in result.concepts] == ["retention-j3d-invoices", "retention-j3d-other"]


# ---------------------------------------------------------------- what is not counted


def test_a_concept_with_only_one_answered_item_is_listed_but_not_counted() -> None:
    records = [record("en", cite(1, RETENTION_EN)), record("nl", status=Status.NOT_IN_POLICY),
               record("de", status=Status.ANSWERED)]  # answered without a citation
    result = cross_lingual_consistency(records)
    assert (result.value, result.counted, result.consistent) == (None, 0, 0)
    (concept,) = result.concepts
    assert concept.consistent is None and not concept.counted
    assert [(c.lang, c.status, c.section) for c in concept.cited] == [
        ("en", "answered", RETENTION_EN), ("nl", "not_in_policy", None), ("de", "answered", None)]


def test_an_abstention_that_carries_a_citation_is_not_an_answer() -> None:
    records = [record("en", cite(1, RETENTION_EN)), record("fr", cite(1, RIGHTS_EN), status=Status.NOT_IN_POLICY)]
    assert cross_lingual_consistency(records).value is None


@pytest.mark.parametrize("records", [[], [record("en", cite(1, RETENTION_EN), concept=None)]], ids=["none", "no-concept"])
def test_the_metric_is_none_not_one_when_no_concept_is_countable(records: list[ItemRecord]) -> None:
    result = cross_lingual_consistency(records)
    assert result.value is None and result.counted == 0 and result.concepts == ()
    overall, _ = overall_metrics(records)
    assert overall.values[CONSISTENCY_METRIC] is None and overall.support[CONSISTENCY_METRIC] == 0


# ---------------------------------------------------------------- report


def test_the_report_gives_the_share_the_count_and_what_each_language_cited(tmp_path: Path) -> None:
    records = [record("en", cite(1, RETENTION_EN, alternates=(dutch_version(),))),
               record("nl", cite(1, RETENTION_NL, language="nl")),
               record("fr", status=Status.NOT_IN_POLICY),
               record("en", cite(1, RETENTION_EN), concept="retention-j3d-other"),
               record("de", cite(1, RIGHTS_EN), concept="retention-j3d-other")]
    overall, consistency = overall_metrics(records)
    result = EvalResult(gold_path=Path("eval/gold"), split="dev", records=tuple(records), skipped=(), overall=overall,
                        by={}, settings={}, started="2026-12-05T00:00:00+00:00", seconds=1.0, consistency=consistency)
    files = write_report(result, out_dir=tmp_path)

    report = json.loads(files.json.read_text(encoding="utf-8"))
    assert report["overall"]["values"][CONSISTENCY_METRIC] == 0.5
    assert report["overall"]["support"][CONSISTENCY_METRIC] == 2
    cross = report["cross_lingual"]
    assert (cross["value"], cross["counted"], cross["consistent"]) == (0.5, 2, 1)
    first = cross["concepts"][0]
    assert (first["concept"], first["consistent"]) == ("retention-j3d-invoices", True)
    assert first["cited"] == [
        {"lang": "en", "item": "en-retention-j3d-20", "status": "answered", "document": J3D, "section": RETENTION_EN},
        {"lang": "nl", "item": "nl-retention-j3d-20", "status": "answered", "document": J3D, "section": RETENTION_NL},
        {"lang": "fr", "item": "fr-retention-j3d-20", "status": "not_in_policy", "document": None, "section": None},
    ]
    cited_alternates = report["items"][0]["returned"]["citations"][0]["alternates"]
    assert cited_alternates == [{"document": J3D, "section": RETENTION_NL, "language": "nl", "chunk_id": "j3d-nl-7"}]

    markdown = files.markdown.read_text(encoding="utf-8")
    assert f"| {CONSISTENCY_METRIC} | 0.500 | 2 |" in markdown
    assert "## Cross-lingual consistency" in markdown
    assert "1 of 2 counted concepts cite the same section first" in markdown
    assert (f"| retention-j3d-invoices | j3d-prints | yes | {J3D} § {RETENTION_EN} | {J3D} § {RETENTION_NL} | "
            f"- | (not_in_policy) |") in markdown
    assert f"| retention-j3d-other | j3d-prints | **no** | {J3D} § {RETENTION_EN} | - | {J3D} § {RIGHTS_EN} | - |" \
        in markdown
