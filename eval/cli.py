"""Command line of the evaluation: `python -m eval [...]` on the gold set and `python -m eval policyqa [...]`.

    python -m eval [--gold PATH] [--split dev|test|all] [--out DIR] [--fail-under METRIC[:LANG]=VALUE ...]
                   [--corpus DIR] [--store DIR] [--json]
    python -m eval policyqa --data DIR [--limit N] [--cache FILE] [--out DIR] [--json]
    python -m eval train-ranker --policyqa DIR [--out FILE] [--gold PATH] [--depth N] [--cache FILE]
                                [--ablation FILE] [--json]

`--corpus` and `--store` override PA_CORPUS_DIR and PA_STORE_DIR, as on every command; the gold set is checked
against that corpus and answered from that index. `policyqa` builds its own temporary index from `--data` and
takes neither.

Exit codes: 0 done (and every --fail-under gate met); 1 a gate not met, or an error (gold file unreadable,
no index, an index of another corpus, model unavailable); 2 a usage error (unknown option or metric name, bad
--fail-under syntax).
With `--json` stdout holds exactly one JSON object; logs go to stderr. For the gold set its keys are `ok`,
`gates` (metric, language, threshold, value, passed), `files`, `gold`, `split`, `started`, `seconds`,
`settings`, `overall`, `by_language`, `by_category`, `by_company`, `by_intent` (each `items`, `passed`, `values`,
`support`), `status_confusion`, `cross_lingual` (`value`, `counted`, `consistent`, and `concepts`: per concept
`concept`, `category`, `company`, `counted`, `consistent` and `cited`, each language's `lang`, `item`, `status`,
`document`, `section`), `company_coverage` (`value`, `expected`, `cited`, and `items`: per comparison item `item`,
`lang`, `status`, `expected`, `cited`, `missing` companies), `skipped` (id, line, reason) and `failed` (ids);
report.json adds `items`, one record per scored item. `cross_lingual_consistency` and `company_coverage` are in
`overall` only (a concept spans languages; comparison items are few) and take no :LANG. For
PolicyQA they are `ok`, `metrics` (ours), `baseline` (per-policy BM25 on the same data, measured in the same
run), `ratios` (ours / baseline per metric, null where the baseline is 0), `baseline_method`, the counts and
`files`. An error prints `{"ok": false, "error", "path", "line"}`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from core.cli_runner import Invocation, add_location_options, run_cli
from core.errors import AssistantError
from core.settings import LANGUAGES
from eval.consistency import CONSISTENCY_DESCRIPTION, CONSISTENCY_METRIC
from eval.coverage import COVERAGE_DESCRIPTION, COVERAGE_METRIC
from eval.metrics import GATE_METRICS, METRICS, Metrics
from eval.policyqa import load_policyqa, policyqa_markdown, run_policyqa, write_policyqa_report
from eval.report import format_value, report_dict
from eval.run import SPLITS, run_eval
from eval.types import EvalResult

__all__ = ["DEFAULT_GOLD", "GATES", "Gate", "build_parser", "build_policyqa_parser", "check_gates", "main",
           "parse_gate"]

logger = logging.getLogger("eval")

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_GOLD = PACKAGE_DIR / "gold"
DEFAULT_OUT = PACKAGE_DIR / "out"

_OVERALL_ONLY = (CONSISTENCY_METRIC, COVERAGE_METRIC)
GATES = (*GATE_METRICS, *_OVERALL_ONLY)
"""Metrics `--fail-under` accepts; the last two are measured over all languages together, so they take no :LANG."""
_DESCRIPTIONS = {**METRICS, CONSISTENCY_METRIC: CONSISTENCY_DESCRIPTION, COVERAGE_METRIC: COVERAGE_DESCRIPTION}
_GATE_HELP = "; ".join(f"{name}: {_DESCRIPTIONS[name]}" for name in GATES)


@dataclass(frozen=True)
class Gate:
    """A quality gate: `metric` (overall, or for one `language`) must be at least `threshold`."""

    metric: str
    language: str | None
    threshold: float

    def __str__(self) -> str:
        return f"{self.metric}{':' + self.language if self.language else ''}>={self.threshold:g}"


@dataclass(frozen=True)
class GateResult:
    """The outcome of one gate on one run."""

    gate: Gate
    value: float | None
    passed: bool

    def as_dict(self) -> dict:
        return {"metric": self.gate.metric, "language": self.gate.language, "threshold": self.gate.threshold,
                "value": None if self.value is None else round(self.value, 4), "passed": self.passed}

    def __str__(self) -> str:
        verdict = "ok" if self.passed else "FAIL"
        shown = "n/a (no items)" if self.value is None else f"{self.value:.3f}"
        return f"{verdict} {self.gate.metric}{':' + self.gate.language if self.gate.language else ''} = {shown}" \
               f" (needs >= {self.gate.threshold:g})"


def parse_gate(text: str) -> Gate:
    """Parse `METRIC=VALUE` or `METRIC:LANG=VALUE` (e.g. `hit@1=0.6`, `hit@1:nl=0.5`).

    Raises:
        argparse.ArgumentTypeError: bad syntax, an unknown metric or language, a language on a metric measured
            across languages, or a value outside [0, 1]; the message lists what is accepted.
    """
    name, sep, value = text.partition("=")
    metric, _, language_text = name.strip().partition(":")
    metric = metric.strip().lower()
    if not sep or not metric:
        raise argparse.ArgumentTypeError(f"{text!r} is not METRIC=VALUE or METRIC:LANG=VALUE (e.g. hit@1:nl=0.5)")
    if metric not in GATES:
        raise argparse.ArgumentTypeError(f"unknown metric {metric!r} in {text!r}; valid: {', '.join(GATES)}")
    language = language_text.strip().lower() or None
    if language is not None and metric in _OVERALL_ONLY:
        raise argparse.ArgumentTypeError(f"{metric} in {text!r} is measured across languages; drop ':{language}'")
    if language is not None and language not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"unknown language {language!r} in {text!r}; valid: {', '.join(LANGUAGES)}")
    try:
        threshold = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"threshold {value.strip()!r} in {text!r} is not a number") from None
    if not 0.0 <= threshold <= 1.0:
        raise argparse.ArgumentTypeError(f"threshold {threshold:g} in {text!r} is outside [0, 1]")
    return Gate(metric=metric, language=language, threshold=threshold)


def check_gates(gates: Sequence[Gate], *, overall: Metrics, by_language: dict[str, Metrics]) -> list[GateResult]:
    """Check each gate; a metric that does not apply (no items of that language, no concept counted) fails its gate."""
    results: list[GateResult] = []
    for gate in gates:
        metrics = overall if gate.language is None else by_language.get(gate.language)
        value = None if metrics is None else metrics.values.get(gate.metric)
        results.append(GateResult(gate=gate, value=value, passed=value is not None and value >= gate.threshold))
    return results


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m eval` (the gold-set evaluation)."""
    parser = argparse.ArgumentParser(
        prog="python -m eval",
        description="Answer every gold question with the app's pipeline and report retrieval, answer, abstention"
                    " and language metrics. `python -m eval policyqa --help` runs the PolicyQA retrieval benchmark.",
        epilog=f"Gate metrics: {_GATE_HELP}.",
    )
    parser.add_argument("--gold", metavar="PATH", type=Path, default=DEFAULT_GOLD,
                        help="gold file or folder of gold files (default: the shipped set, eval/gold)")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="which items to run (default: dev)")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="report folder (default: eval/out/<split>)")
    parser.add_argument("--fail-under", metavar="METRIC[:LANG]=VALUE", type=parse_gate, action="append",
                        default=[], help="exit 1 when METRIC (overall, or for language LANG) is below VALUE;"
                                         f" repeatable; metrics: {', '.join(GATES)} (the last two without :LANG)")
    add_location_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    return parser


def build_policyqa_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m eval policyqa`."""
    parser = argparse.ArgumentParser(
        prog="python -m eval policyqa",
        description="Score the retriever on PolicyQA (BEIR layout) in a temporary index, next to a per-policy"
                    " BM25 baseline measured in the same run on the same data, with the ratio ours / baseline."
                    " The data never enters the product corpus.",
    )
    parser.add_argument("--data", metavar="DIR", type=Path, required=True,
                        help="folder with corpus.jsonl, queries.jsonl and qrels.tsv (e.g. ../shared/policyqa/dev)")
    parser.add_argument("--limit", metavar="N", type=_positive_int, help="evaluate only the first N policies")
    parser.add_argument("--cache", metavar="FILE", type=Path,
                        help="embedding cache for the benchmark (default: policyqa_embed_cache.sqlite beside the"
                             " product's embed_cache)")
    parser.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT / "policyqa",
                        help="folder for policyqa.json and policyqa.md (default: eval/out/policyqa)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: Sequence[str] | None = None, *, environ: dict[str, str] | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `python -m eval` or `python -m eval policyqa` and return the exit code.

    Args:
        argv: arguments (default: `sys.argv[1:]`).
        environ: environment to read `PA_*` settings from (default: `os.environ`).
        stdout, stderr: streams (default: the process streams).

    Returns:
        0 on success, 1 when a gate is not met or on an error, 2 on a usage error.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    sub = argv[0] if argv and argv[0] in ("policyqa", "train-ranker") else None
    if sub == "train-ranker":
        from eval.ranker_train import build_parser as build_ranker_parser  # loads scikit-learn
        from eval.ranker_train import train_command

        parser, command = build_ranker_parser(), train_command
    else:
        parser, command = (build_policyqa_parser(), _policyqa) if sub else (build_parser(), _gold)
    return run_cli(parser, argv[1:] if sub else argv, command, environ=environ, stdout=stdout, stderr=stderr,
                   info_loggers=("eval",), errors=(AssistantError, OSError))


def _gold(cli: Invocation) -> int:
    args, stdout, stderr = cli.args, cli.stdout, cli.stderr
    settings = cli.settings()
    out_dir = args.out or DEFAULT_OUT / args.split
    result = run_eval(settings, gold_path=args.gold, split=args.split, out_dir=out_dir)
    gates = check_gates(args.fail_under, overall=result.overall, by_language=result.by["language"])
    for gate in gates:
        if not gate.passed:
            stderr.write(f"gate not met: {gate}\n")
    ok = all(gate.passed for gate in gates)
    if args.json:
        payload = {"ok": ok, "gates": [gate.as_dict() for gate in gates], **_files(result), **report_dict(result)}
        payload.pop("items")
        stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        stdout.write(_summary(result, gates))
    return 0 if ok else 1


def _files(result: EvalResult) -> dict:
    files = result.files
    if files is None:
        return {"files": {}}
    return {"files": {"markdown": str(files.markdown), "json": str(files.json), "chart": str(files.chart)}}


def _summary(result: EvalResult, gates: Sequence[GateResult]) -> str:
    columns = ("hit@1", "hit@3", "mrr", "fact_recall", "abstention_f1", "language_accuracy", "quote_verified",
               "latency_p50_ms")
    rows = [("all", result.overall), *result.by["language"].items()]
    lines = [
        f"{result.split} split: {result.overall.items} items scored, {result.overall.passed} passed, "
        f"{len(result.skipped)} skipped, {result.seconds:.0f} s",
        f"{'group':<8}{'items':>6}" + "".join(f"{name:>18}" for name in columns),
    ]
    for name, metrics in rows:
        lines.append(f"{name:<8}{metrics.items:>6}"
                     + "".join(f"{format_value(col, metrics.values[col]):>18}" for col in columns))
    consistency = result.consistency
    lines.append(f"{CONSISTENCY_METRIC} = {format_value(CONSISTENCY_METRIC, consistency.value)} "
                 f"({consistency.consistent} consistent of {consistency.counted} concepts counted; "
                 f"{len(consistency.concepts)} concepts among the items)")
    coverage = result.coverage
    lines.append(f"{COVERAGE_METRIC} = {format_value(COVERAGE_METRIC, coverage.value)} "
                 f"({coverage.cited} of {coverage.expected} gold companies cited in {len(coverage.items)} comparison"
                 " items)")
    for skipped in result.skipped:
        lines.append(f"skipped {skipped.id}: {skipped.reason}")
    lines += [str(gate) for gate in gates]
    if result.files is not None:
        lines.append(f"report: {result.files.markdown}")
    return "\n".join(lines) + "\n"


def _policyqa(cli: Invocation) -> int:
    args, stdout = cli.args, cli.stdout
    settings = cli.settings()
    data = load_policyqa(args.data, limit=args.limit)
    result = run_policyqa(settings, data=data, cache=args.cache)
    json_path, md_path = write_policyqa_report(result, out_dir=args.out)
    if args.json:
        payload = {"ok": True, **result.as_dict(), "files": {"json": str(json_path), "markdown": str(md_path)}}
        stdout.write(json.dumps(payload) + "\n")
    else:
        stdout.write(policyqa_markdown(result))
        stdout.write(f"report: {md_path}\n")
    return 0
