"""Command line of the ingest: `python -m ingest [--corpus DIR] [--store DIR] [--chroma-url URL] [--embedders LIST]
[--rebuild] [--json]`.

Exit codes: 0 the index is up to date; 1 an error (a file that failed, a store or model problem); 2 a usage error.
With `--json` stdout holds exactly one JSON object (`IngestReport.as_dict()`, or `{"ok": false, "error", "path",
"line"}`); progress bars, warnings and logs go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from tqdm import tqdm

from core.cli_runner import Invocation, add_location_options, run_cli
from core.types import IngestReport
from ingest.pipeline import run_ingest

__all__ = ["build_parser", "main"]

logger = logging.getLogger("ingest")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m ingest`."""
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Build or update the searchable index of the privacy policies (only changed text is embedded).",
    )
    add_location_options(parser)
    parser.add_argument("--chroma-url", metavar="URL", help="URL of a `chroma run` server (PA_CHROMA_URL)")
    parser.add_argument("--embedders", metavar="LIST", help="comma-separated embedders (PA_EMBEDDERS)")
    parser.add_argument("--rebuild", action="store_true", help="ignore the live index and build it afresh")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    return parser


def main(argv: Sequence[str] | None = None, *, environ: dict[str, str] | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the ingest command and return its exit code.

    Args:
        argv: arguments (default: `sys.argv[1:]`).
        environ: environment to read `PA_*` settings from (default: `os.environ`).
        stdout, stderr: streams (default: the process streams).

    Returns:
        0 when the index is up to date and no file failed, 1 on any error, 2 on a usage error.
    """
    return run_cli(build_parser(), argv, _ingest, environ=environ, stdout=stdout, stderr=stderr,
                   info_loggers=("ingest", "index"))


def _ingest(cli: Invocation) -> int:
    """Load the settings (flags win over the environment), run the ingest and print its report."""
    args = cli.args
    bar = _ProgressBars(cli.stderr) if _is_tty(cli.stderr) else None
    try:
        settings = cli.settings(chroma_url=args.chroma_url, embedders=args.embedders)
        report = run_ingest(settings, rebuild=args.rebuild, progress=bar.update if bar else None)
    finally:
        if bar is not None:
            bar.close()
    _emit_report(report, as_json=cli.as_json, stdout=cli.stdout, stderr=cli.stderr)
    return 0 if report.ok else 1


def _is_tty(stream: TextIO) -> bool:
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _ProgressBars:
    """One tqdm bar per stage on stderr."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bars: dict[str, Any] = {}

    def update(self, stage: str, done: int, total: int) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, file=self.stream, unit="item", leave=False)
        bar.total = total
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _emit_report(report: IngestReport, *, as_json: bool, stdout: TextIO, stderr: TextIO) -> None:
    for warning in report.warnings:
        stderr.write(f"warning: {warning}\n")
    for error in report.errors:
        stderr.write(f"error: {error}\n")
    if as_json:
        stdout.write(json.dumps(report.as_dict(), ensure_ascii=False) + "\n")
        return
    companies = ", ".join(f"{name} {count}" for name, count in sorted(report.by_company.items()))
    stdout.write(
        f"index {report.index_version}: {report.chunks} chunks from {report.documents} documents "
        f"({report.embedded} embedded, {report.unchanged} unchanged, {report.deleted} deleted) "
        f"in {report.seconds:.1f}s\n"
        f"by company: {companies}\n"
    )
    if report.errors:
        stdout.write(f"{len(report.errors)} file(s) failed; their previous chunks were kept (see stderr)\n")
