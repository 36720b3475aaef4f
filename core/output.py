"""The one output helper of every command: JSON or text on stdout, errors and redacted logs on stderr."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, TextIO

from core.redact import RedactingFilter

__all__ = ["configure_logging", "emit", "emit_error", "emit_line"]


def emit(payload: Any, text: str, *, as_json: bool, stdout: TextIO) -> None:
    """Print exactly one JSON document with `--json`, else `text` for people."""
    if as_json:
        stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        stdout.write(text.rstrip("\n") + "\n")


def emit_line(payload: Any, *, stdout: TextIO) -> None:
    """Print `payload` as one line of JSON Lines and flush it, so a reader sees each record as soon as it is ready."""
    stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    stdout.flush()


def emit_error(exc: Exception, *, as_json: bool, stdout: TextIO, stderr: TextIO, usage: bool = False) -> None:
    """Report a failure: `{"ok": false, "error", "path", "line"}` on stdout with `--json`, else one line on stderr."""
    if as_json:
        payload = {"ok": False, "error": str(exc), "path": getattr(exc, "path", None),
                   "line": getattr(exc, "line", None)}
        stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        stderr.write(f"{'usage error' if usage else 'error'}: {exc}\n")


def configure_logging(stderr: TextIO, *, info_loggers: Sequence[str] = ()) -> None:
    """Send logs to `stderr`, personal data redacted; replaces the handler an earlier call installed.

    Args:
        stderr: the stream for log lines.
        info_loggers: loggers whose INFO lines (progress, warnings about input) are shown; the rest show WARNING+.
    """
    root = logging.getLogger()
    for old in [handler for handler in root.handlers if getattr(handler, "_privacy_assistant", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stderr)
    handler.setLevel(logging.INFO)  # libraries that set their own logger to DEBUG (bm25s) stay quiet
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handler._privacy_assistant = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in info_loggers:
        logging.getLogger(name).setLevel(logging.INFO)
