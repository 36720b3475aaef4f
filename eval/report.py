"""Write the report of an evaluation run: report.md (tables, concepts, comparison coverage and every failed item),
report.json and a chart.

Usage::

    files = write_report(result, out_dir=Path("eval/out/dev"))
    files.markdown.read_text()
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from assistant.types import Status
from core.settings import LANGUAGES
from eval.consistency import CONSISTENCY_DESCRIPTION, CONSISTENCY_METRIC, ConceptCitation, Consistency
from eval.coverage import COVERAGE_DESCRIPTION, COVERAGE_METRIC
from eval.metrics import GATE_METRICS, METRICS, Metrics
from eval.types import CompanyCoverage, EvalResult, ItemRecord, ReportFiles

__all__ = ["CHART_NAME", "JSON_NAME", "MARKDOWN_NAME", "format_value", "report_dict", "status_confusion", "write_report"]

MARKDOWN_NAME = "report.md"
JSON_NAME = "report.json"
CHART_NAME = "hit1_fact_recall_by_language.png"

_TABLE_METRICS = (*GATE_METRICS, "latency_p50_ms", "latency_p95_ms")
_CHART_METRICS = ("hit@1", "fact_recall")


def format_value(name: str, value: float | None) -> str:
    """A metric value for people: shares with three decimals, latencies in whole milliseconds, n/a for None."""
    if value is None:
        return "n/a"
    return f"{value:.0f}" if name.endswith("_ms") else f"{value:.3f}"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _group_table(title: str, groups: dict[str, Metrics]) -> list[str]:
    lines = [f"## {title}", ""]
    if not groups:
        return [*lines, "No items.", ""]
    lines.append("| group | items | passed | " + " | ".join(_TABLE_METRICS) + " |")
    lines.append("|---|---:|---:|" + "---:|" * len(_TABLE_METRICS))
    for name, metrics in groups.items():
        cells = [format_value(metric, metrics.values[metric]) for metric in _TABLE_METRICS]
        lines.append(f"| {_cell(name)} | {metrics.items} | {metrics.passed} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _overall_table(metrics: Metrics) -> list[str]:
    lines = ["## Overall", "", "| metric | value | n | what it measures |", "|---|---:|---:|---|"]
    described = {**METRICS, CONSISTENCY_METRIC: f"{CONSISTENCY_DESCRIPTION}; n = concepts counted",
                 COVERAGE_METRIC: COVERAGE_DESCRIPTION}
    for name, description in described.items():
        if name not in metrics.values:
            continue
        lines.append(f"| {name} | {format_value(name, metrics.values[name])} | {metrics.support[name]} | {description} |")
    return [*lines, ""]


def _citation_label(citation: dict) -> str:
    return f"{citation['company']}/{citation['document']} § {citation['section']}"


def _concept_cell(cited: ConceptCitation | None) -> str:
    if cited is None:
        return "-"
    if cited.document is None:
        return _cell(f"({cited.status})")
    return _cell(f"{cited.document} § {cited.section}")


def _consistency_section(consistency: Consistency) -> list[str]:
    lines = ["## Cross-lingual consistency", ""]
    if not consistency.concepts:
        return [*lines, "No concept items (items sharing a `concept` id) among the scored items.", ""]
    share = format_value(CONSISTENCY_METRIC, consistency.value)
    lines += [
        f"{consistency.consistent} of {consistency.counted} counted concepts cite the same section first in every"
        f" answered language ({CONSISTENCY_METRIC} {share}); {len(consistency.concepts) - consistency.counted} of"
        f" {len(consistency.concepts)} concepts had fewer than two answers with a citation and are not counted."
        " Each cell is the first cited section, the status of an item without one, or - when the concept has no"
        " item in that language.",
        "",
        "| concept | company | consistent | " + " | ".join(LANGUAGES) + " |",
        "|---|---|---|" + "---|" * len(LANGUAGES),
    ]
    for concept in consistency.concepts:
        by_lang = {cited.lang: cited for cited in concept.cited}
        verdict = "not counted" if concept.consistent is None else ("yes" if concept.consistent else "**no**")
        cells = [_concept_cell(by_lang.get(lang)) for lang in LANGUAGES]
        lines.append(f"| {_cell(concept.concept)} | {_cell(concept.company or '-')} | {verdict} | "
                     + " | ".join(cells) + " |")
    return [*lines, ""]


def _coverage_section(coverage: CompanyCoverage) -> list[str]:
    lines = ["## Company coverage", ""]
    if not coverage.items:
        return [*lines, "No comparison items among the scored items.", ""]
    lines += [
        f"The answers to {len(coverage.items)} comparison items cite {coverage.cited} of the {coverage.expected}"
        f" companies their gold names ({COVERAGE_METRIC} {format_value(COVERAGE_METRIC, coverage.value)}).",
        "",
        "| item | status | gold companies | cited | missing |",
        "|---|---|---|---|---|",
    ]
    for item in coverage.items:
        missing = ", ".join(item.missing)
        lines.append(f"| {_cell(item.item_id)} | {item.status} | {_cell(', '.join(item.expected))} | "
                     f"{_cell(', '.join(item.cited) or '-')} | {_cell(f'**{missing}**' if missing else '-')} |")
    return [*lines, ""]


def _failed_item(record: ItemRecord) -> list[str]:
    item, answer, score = record.item, record.answer, record.score
    expected_sections = [f"{ref.doc} § {ref.section}" + (f' ("{ref.quote}")' if ref.quote else "") for ref in item.gold]
    facts = ["[" + " | ".join(fact) + "]" for fact in item.facts]
    returned_sections = [
        f"[{c.n}] {c.company}/{c.document} § {c.section}" for c in sorted(answer.citations, key=lambda c: c.n)
    ]
    lines = [
        f"### {item.id} ({item.lang}, {item.category or '-'}, {item.company or '-'})",
        "",
        f"- question: {_cell(item.question)}",
        f"- company passed: {record.company_passed or 'none (detected from the question)'}",
        "- failed: " + "; ".join(_cell(reason) for reason in score.failures),
        f"- expected: {'answer' if item.answerable else 'abstention'}; sections: "
        + (_cell(", ".join(expected_sections)) or "none") + "; facts: " + (_cell(", ".join(facts)) or "none"),
        f"- returned: status {answer.status.value}, language {answer.language}"
        f" (text {record.text_language or '?'}), company {answer.company or '-'}; sections: "
        + (_cell(", ".join(returned_sections)) or "none"),
        f"- answer: {_cell(answer.answer) or '(empty)'}",
        "",
    ]
    return lines


def _markdown(result: EvalResult) -> str:
    overall = result.overall
    lines = [
        f"# Evaluation report: {result.split} split",
        "",
        f"Gold set `{result.gold_path}`, split `{result.split}`, started {result.started}, {result.seconds:.1f} s.",
        f"Embedders: {result.settings.get('embedders')}; generator settings: llm "
        f"{'on' if result.settings.get('llm_base_url') else 'off'}, top_k {result.settings.get('top_k')}.",
        f"Scored {overall.items} items: {overall.passed} passed, {overall.items - overall.passed} failed; "
        f"{len(result.skipped)} skipped.",
        "",
        *_overall_table(overall),
        *_group_table("Per language", result.by.get("language", {})),
        f"![Hit@1 and fact recall per language]({CHART_NAME})",
        "",
        *_group_table("Per category", result.by.get("category", {})),
        *_group_table("Per company", result.by.get("company", {})),
        *_group_table("Per intent (the answer type the assistant read in the question)", result.by.get("intent", {})),
        *_consistency_section(result.consistency),
        *_coverage_section(result.coverage),
        *_confusion_table(status_confusion(result.records)),
        "## Skipped items",
        "",
        "Items the gold validator rejected (in any split) and items the pipeline raised on; they are not scored.",
        "",
    ]
    if result.skipped:
        lines += ["| item | line | reason |", "|---|---:|---|"]
        lines += [f"| {_cell(s.id)} | {s.line if s.line is not None else ''} | {_cell(s.reason)} |" for s in result.skipped]
    else:
        lines.append("None.")
    lines += ["", f"## Failed items ({len(result.failed)})", ""]
    if not result.failed:
        lines += ["None.", ""]
    for record in result.failed:
        lines += _failed_item(record)
    return "\n".join(lines)


def status_confusion(records: Sequence[ItemRecord]) -> dict[str, dict[str, int]]:
    """How many items of each kind (answerable or not) got each status: expected -> status -> count."""
    table: dict[str, dict[str, int]] = {"answerable": {}, "unanswerable": {}}
    for record in records:
        row = table["answerable" if record.item.answerable else "unanswerable"]
        row[record.answer.status.value] = row.get(record.answer.status.value, 0) + 1
    return table


def _confusion_table(table: dict[str, dict[str, int]]) -> list[str]:
    statuses = [status.value for status in Status]
    lines = ["## Statuses by expected answerability", "", "| expected | " + " | ".join(statuses) + " |",
             "|---|" + "---:|" * len(statuses)]
    for expected, row in table.items():
        lines.append(f"| {expected} | " + " | ".join(str(row.get(status, 0)) for status in statuses) + " |")
    return [*lines, ""]


def _record_dict(record: ItemRecord) -> dict:
    item, score = record.item, record.score
    returned = record.answer.as_dict()
    for citation in returned["citations"]:
        citation.pop("text", None)  # the passage is in the corpus; the quote and section identify it
    return {
        "id": item.id,
        "language": item.lang,
        "category": item.category,
        "company": item.company,
        "company_passed": record.company_passed,
        "question": item.question,
        "expected": {
            "answerable": item.answerable,
            "gold": [{"doc": ref.doc, "section": ref.section, "quote": ref.quote} for ref in item.gold],
            "facts": [list(fact) for fact in item.facts],
        },
        "returned": returned,
        "text_language": record.text_language,
        "score": {
            "passed": score.passed,
            "rank": score.rank,
            "facts_found": list(score.facts),
            "abstained": score.abstained,
            "language_ok": score.language_ok,
            "quotes_verified": score.quotes_verified,
            "quotes_total": score.quotes_total,
            "failures": list(score.failures),
        },
    }


def report_dict(result: EvalResult) -> dict:
    """The whole run as plain JSON values: the content of report.json and of `python -m eval --json`."""
    return {
        "gold": str(result.gold_path),
        "split": result.split,
        "started": result.started,
        "seconds": round(result.seconds, 2),
        "settings": result.settings,
        "overall": result.overall.as_dict(),
        **{f"by_{name}": {group: m.as_dict() for group, m in groups.items()} for name, groups in result.by.items()},
        "status_confusion": status_confusion(result.records),
        "cross_lingual": result.consistency.as_dict(),
        COVERAGE_METRIC: result.coverage.as_dict(),
        "skipped": [{"id": s.id, "line": s.line, "reason": s.reason} for s in result.skipped],
        "failed": [record.item.id for record in result.failed],
        "items": [_record_dict(record) for record in result.records],
    }


def _chart(result: EvalResult, path: Path) -> None:
    by_language = result.by.get("language", {})
    languages = [lang for lang in LANGUAGES if lang in by_language] + sorted(set(by_language) - set(LANGUAGES))
    figure = Figure(figsize=(6.4, 3.6), dpi=100)
    axes = figure.add_subplot()
    width = 0.38
    for offset, metric in enumerate(_CHART_METRICS):
        values = [by_language[lang].values[metric] for lang in languages]
        xs = [i + (offset - 0.5) * width for i in range(len(languages))]
        bars = axes.bar(xs, [v or 0.0 for v in values], width=width, label=metric)
        axes.bar_label(bars, labels=[format_value(metric, v) for v in values], fontsize=8)
    axes.set_xticks(range(len(languages)), languages)
    axes.set_ylim(0, 1.1)
    axes.set_ylabel("share")
    axes.set_title(f"Hit@1 and fact recall per language ({result.split} split)")
    axes.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, format="png")


def write_report(result: EvalResult, *, out_dir: Path) -> ReportFiles:
    """Write report.md, report.json and the per-language chart of `result` into `out_dir`.

    Args:
        result: a finished evaluation run.
        out_dir: target folder, created when missing; existing report files are replaced.

    Returns:
        The paths written.

    Raises:
        OSError: the folder or a file cannot be written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(markdown=out_dir / MARKDOWN_NAME, json=out_dir / JSON_NAME, chart=out_dir / CHART_NAME)
    files.markdown.write_text(_markdown(result), encoding="utf-8")
    files.json.write_text(json.dumps(report_dict(result), ensure_ascii=False, indent=1), encoding="utf-8")
    _chart(result, files.chart)
    return files
