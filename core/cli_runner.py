"""The shared run of every command line: parse, log to stderr, load settings, and turn errors into exit codes.

Usage::

    def build_parser() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog="python -m tool")
        add_location_options(parser)          # --corpus DIR and --store DIR, as on every command
        return parser

    def main(argv=None, *, environ=None, stdout=None, stderr=None) -> int:
        return run_cli(build_parser(), argv, _run, environ=environ, stdout=stdout, stderr=stderr)

    def _run(cli: Invocation) -> int:
        settings = cli.settings()             # PA_* variables, then --corpus/--store
        cli.emit({"ok": True}, "done")
        return 0

Exit codes: 0 done; 1 an `AssistantError` (one line on stderr, or with `--json` one
`{"ok": false, "error", "path", "line"}` object on stdout); 2 a usage error, from argparse or a `UsageError`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from core.errors import AssistantError
from core.output import configure_logging, emit, emit_error, emit_line
from core.settings import Settings, load_settings

__all__ = ["CORPUS_HELP", "STORE_HELP", "Invocation", "UsageError", "add_location_options", "run_cli"]

CORPUS_HELP = "corpus folder, one sub-folder per company with its manifest.toml (overrides PA_CORPUS_DIR)"
STORE_HELP = ("index folder: the index pointer, the Chroma data (without PA_CHROMA_URL) and the default embedding"
              " cache (overrides PA_STORE_DIR)")


class UsageError(Exception):
    """A usage problem found after parsing (conflicting or missing flags): exit code 2."""


def add_location_options(parser: argparse.ArgumentParser, *, corpus: bool = True, store: bool = True) -> None:
    """Add the shared `--corpus DIR` and `--store DIR` flags; `Invocation.settings()` applies them.

    Args:
        parser: the parser (or sub-command parser) of a command.
        corpus, store: which of the two flags to add (a command that never opens an index takes no `--store`).
    """
    if corpus:
        parser.add_argument("--corpus", metavar="DIR", type=Path, help=CORPUS_HELP)
    if store:
        parser.add_argument("--store", metavar="DIR", type=Path, help=STORE_HELP)


@dataclass(frozen=True)
class Invocation:
    """One run of a command: its parsed arguments, the environment its settings come from, and its streams."""

    args: argparse.Namespace
    environ: Mapping[str, str]
    stdout: TextIO
    stderr: TextIO

    @property
    def as_json(self) -> bool:
        """Whether `--json` (or `--jsonl`) was given: stdout holds only JSON, errors included."""
        return bool(getattr(self.args, "json", False) or getattr(self.args, "jsonl", False))

    def settings(self, **overrides: Any) -> Settings:
        """The validated settings: the `PA_*` variables of the environment, then `--corpus`/`--store` when the
        command has them, then `overrides` (None values ignored).

        Raises:
            ConfigError: a setting is invalid.
        """
        flags = {"corpus_dir": getattr(self.args, "corpus", None), "store_dir": getattr(self.args, "store", None)}
        given = {name: value for name, value in overrides.items() if value is not None}
        return load_settings(self.environ, **{**flags, **given})

    def emit(self, payload: Any, text: str) -> None:
        """Print the result: `payload` as one JSON document with `--json`, else `text` for people."""
        emit(payload, text, as_json=self.as_json, stdout=self.stdout)

    def emit_line(self, payload: Any) -> None:
        """Print one record of a `--jsonl` result as one flushed line."""
        emit_line(payload, stdout=self.stdout)


def run_cli(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    command: Callable[[Invocation], int],
    *,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    info_loggers: Sequence[str] = (),
    usage_errors: tuple[type[Exception], ...] = (),
    errors: tuple[type[Exception], ...] = (AssistantError,),
) -> int:
    """Parse `argv`, send logs to stderr, run `command` and return its exit code under the shared error policy.

    Args:
        parser: the command's argument parser; its usage messages go to `stderr`.
        argv: arguments (None: `sys.argv[1:]`).
        command: the work; it returns the exit code and prints its result through the `Invocation`.
        environ: environment to read `PA_*` settings from (None: `os.environ`).
        stdout, stderr: streams (None: the process streams).
        info_loggers: loggers whose INFO lines are shown on stderr (see `configure_logging`).
        usage_errors: further exceptions that mean a usage error (exit code 2), besides `UsageError`.
        errors: the exceptions reported as errors (exit code 1); anything else propagates.

    Returns:
        argparse's code when parsing stops (0 after --help, 2 on bad arguments); 2 when `command` raises a
        usage error; 1 when it raises one of `errors`; otherwise what `command` returns.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        with contextlib.redirect_stderr(stderr):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage message
        return int(exc.code or 0)
    configure_logging(stderr, info_loggers=info_loggers)
    cli = Invocation(args=args, environ=dict(os.environ if environ is None else environ), stdout=stdout, stderr=stderr)
    usage: tuple[type[Exception], ...] = (UsageError, *usage_errors)
    try:
        return command(cli)
    except usage as exc:
        emit_error(exc, as_json=cli.as_json, stdout=stdout, stderr=stderr, usage=True)
        return 2
    except errors as exc:
        emit_error(exc, as_json=cli.as_json, stdout=stdout, stderr=stderr)
        return 1
