"""Command line of the assistant: `python -m assistant ask|purge|status [--corpus DIR] [--store DIR] [--json]`.

    python -m assistant ask "question" [--company ID] [--lang xx] [--json]
    python -m assistant ask --questions FILE.jsonl [--json | --jsonl]
    python -m assistant purge [--json]
    python -m assistant status [--json]

Every command takes `--corpus DIR` and `--store DIR`, which override `PA_CORPUS_DIR` and `PA_STORE_DIR` (the same
flags as `python -m ingest` and `python -m eval`); `purge` works on `PA_DATA_DIR` and reads neither.
Before loading a model, `ask` checks that the index and the corpus manifests name the same companies; when they
differ it fails with both lists and the `python -m ingest --corpus DIR --store DIR` command that fixes it.
`status` reports the same check without failing.

Exit codes: 0 done (an abstention is an answer); 1 an AssistantError (no index, an index of another corpus, a bad
`--questions` line, a model that cannot load); 2 a usage error (bad or conflicting flags, an empty or too long
question).
With `--json` stdout holds exactly one JSON document: `ask` prints `Answer.as_dict()` (an array of them, in input
order, with `--questions`), `purge` and `status` print one object, and every error prints
`{"ok": false, "error", "path", "line"}`. With `--questions FILE --jsonl` stdout is JSON Lines: one
`Answer.as_dict()` per question, in input order, each written and flushed as soon as it is ready; the file is read
as it is answered, so a bad line ends the run with the error object as the last line, after the answers to the
lines before it. Logs go to stderr.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from assistant.companies import read_manifests
from assistant.feedback import ChatLog, FeedbackStore
from assistant.question_reading import QuestionRejected, sanitize_question
from assistant.types import Answer
from core.cli_runner import Invocation, UsageError, add_location_options, run_cli
from core.errors import IngestError, QuestionFileError
from core.settings import LANGUAGES, Settings

__all__ = ["QuestionItem", "build_parser", "iter_questions", "main", "read_questions"]

logger = logging.getLogger("assistant")

_ITEM_KEYS = ("id", "question", "company", "lang")


@dataclass(frozen=True)
class QuestionItem:
    """One line of an `ask --questions` file."""

    id: str
    question: str
    company: str | None = None
    lang: str | None = None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m assistant`."""
    parser = argparse.ArgumentParser(prog="python -m assistant",
                                     description="Answer privacy questions from the shops' own privacy policies.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{ask,purge,status}")

    ask = commands.add_parser("ask", help="answer one question, or every line of a JSONL file")
    ask.add_argument("question", nargs="?", help="the question (quote it)")
    ask.add_argument("--questions", metavar="FILE", type=Path,
                     help="JSONL file, one {id, question, company?, lang?} per line; answered in order")
    ask.add_argument("--company", metavar="ID", help="the shop asked about (id, name or alias)")
    ask.add_argument("--lang", choices=LANGUAGES, help="answer language (default: the question's)")
    ask.add_argument("--json", action="store_true",
                     help="print JSON on stdout: one answer, or with --questions one array of them")
    ask.add_argument("--jsonl", action="store_true",
                     help="with --questions: print one answer per line (JSON Lines), each as soon as it is ready;"
                          " the file is read as it is answered, so after a bad line the answers to the lines before"
                          " it have been printed and the error object is the last line")

    purge = commands.add_parser("purge", help="delete feedback and chat log records older than retention_days"
                                              " (in PA_DATA_DIR; reads neither corpus nor store)")
    purge.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    status = commands.add_parser("status", help="show the index, whether it matches the corpus, and the settings")
    status.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    for command in (ask, purge, status):
        add_location_options(command)
    return parser


def main(argv: Sequence[str] | None = None, *, environ: dict[str, str] | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run one command and return its exit code.

    Args:
        argv: arguments (default: `sys.argv[1:]`).
        environ: environment to read `PA_*` settings from (default: `os.environ`).
        stdout, stderr: streams (default: the process streams).

    Returns:
        0 on success, 1 on an AssistantError, 2 on a usage error.
    """
    return run_cli(build_parser(), argv, _run, environ=environ, stdout=stdout, stderr=stderr,
                   usage_errors=(QuestionRejected,))


# ---------------------------------------------------------------------------------------------- commands


def _run(cli: Invocation) -> int:
    """Check the flags, load the settings, run the command and print its result."""
    commands: dict[str, Callable[[argparse.Namespace, Settings], tuple[Any, str]]] = {
        "ask": _ask, "purge": _purge, "status": _status,
    }
    if cli.args.command == "ask":
        _check_ask_flags(cli.args)
        if cli.args.jsonl:
            _ask_jsonl(cli, cli.settings())
            return 0
    payload, text = commands[cli.args.command](cli.args, cli.settings())
    cli.emit(payload, text)
    return 0


def _check_ask_flags(args: argparse.Namespace) -> None:
    """Refuse conflicting or missing inputs before any work starts."""
    if args.question is not None and args.questions is not None:
        raise UsageError("give either a question or --questions FILE, not both")
    if args.question is None and args.questions is None:
        raise UsageError("give a question (python -m assistant ask \"...\") or --questions FILE")
    if args.questions is not None and (args.company or args.lang):
        raise UsageError("--company and --lang apply to one question; put company and lang on each "
                         "--questions line instead")
    if args.json and args.jsonl:
        raise UsageError("give either --json (one JSON document) or --jsonl (one answer per line), not both")
    if args.jsonl and args.questions is None:
        raise UsageError("--jsonl applies to --questions FILE; use --json for one question")


def _ask(args: argparse.Namespace, settings: Settings) -> tuple[Any, str]:
    if args.questions is not None:
        items = read_questions(args.questions, max_chars=settings.max_question_chars)
    else:
        sanitize_question(args.question, max_chars=settings.max_question_chars)  # reject before loading models
        items = [QuestionItem(id="", question=args.question, company=args.company, lang=args.lang)]
    from assistant.engine import build_engine  # the store and the models: only ask needs them

    pipeline = build_engine(settings).pipeline
    answers = [pipeline.run(question=item.question, company=item.company, language=item.lang, id=item.id)
               for item in items]
    text = "\n\n".join(_answer_text(answer) for answer in answers)
    if args.questions is not None:
        return [answer.as_dict() for answer in answers], text
    return answers[0].as_dict(), text


def _ask_jsonl(cli: Invocation, settings: Settings) -> None:
    """Answer a questions file line by line, printing and flushing each answer as JSON Lines as soon as it is ready.

    Raises:
        QuestionFileError: the file cannot be opened, or a line is bad (the answers before it are already printed).
        AssistantError: the engine cannot be built (no index, an index of another corpus, a model unavailable).
    """
    items = iter_questions(cli.args.questions, max_chars=settings.max_question_chars)
    first = next(items, None)  # opens the file and checks its first question before any model loads
    from assistant.engine import build_engine

    pipeline = build_engine(settings).pipeline
    for item in itertools.chain([first] if first is not None else [], items):
        answer = pipeline.run(question=item.question, company=item.company, language=item.lang, id=item.id)
        cli.emit_line(answer.as_dict())


def _purge(args: argparse.Namespace, settings: Settings) -> tuple[Any, str]:
    days = settings.retention_days
    removed = {
        "feedback": FeedbackStore(data_dir=settings.data_dir).purge(older_than_days=days),
        "chat": ChatLog(data_dir=settings.data_dir).purge(older_than_days=days),
    }
    text = (f"removed {removed['feedback']} feedback and {removed['chat']} chat records older than {days} days "
            f"from {settings.data_dir}")
    return {"ok": True, "retention_days": days, "data_dir": str(settings.data_dir), "removed": removed}, text


def _status(args: argparse.Namespace, settings: Settings) -> tuple[Any, str]:
    """The live index, its agreement with the corpus manifests (`problem`, None when they agree), the settings."""
    from assistant.engine import index_corpus_mismatch, open_store  # chromadb is heavy: only status and ask need it

    store = open_store(settings)
    info = store.live()
    index = info.summary() if info is not None else None
    problem: str | None = None
    if info is not None:
        try:
            mismatch = index_corpus_mismatch(settings, info, read_manifests(settings.corpus_dir))
            problem = None if mismatch is None else str(mismatch)
        except IngestError as exc:
            problem = str(exc)
    payload = {"ok": True, "store": store.where, "corpus": str(settings.corpus_dir), "index": index,
               "problem": problem, "settings": settings.public_dict()}
    if index is None:
        return payload, f"no index in {store.where}; build it with `python -m ingest`"
    lines = [f"index in {store.where}:"] + [f"  {key}: {value}" for key, value in index.items()]
    lines.append(f"problem: {problem}" if problem else f"matches the corpus in {settings.corpus_dir}")
    return payload, "\n".join(lines)


# ---------------------------------------------------------------------------------------------- input


def read_questions(path: Path, *, max_chars: int) -> list[QuestionItem]:
    """Read and check every line of a `--questions` JSONL file before any question is answered.

    Raises:
        QuestionFileError: the file cannot be read, or a line is not a question item (path and line named).
    """
    return list(iter_questions(path, max_chars=max_chars))


def iter_questions(path: Path, *, max_chars: int) -> Iterator[QuestionItem]:
    """Yield the question items of a `--questions` JSONL file one line at a time, each checked as it is read.

    Each non-empty line is an object with `id` and `question` (strings) and optional `company` and `lang`.

    Raises:
        QuestionFileError: the file cannot be opened, or a line cannot be decoded or is not such an object (path and
            line named); raised when iteration reaches it.
    """
    try:
        handle = path.open("rb")  # decoded line by line, so an undecodable line is named by its number
    except OSError as exc:
        raise QuestionFileError(path, None, f"cannot read the questions file ({exc})") from exc
    with handle:
        for number, raw in enumerate(_lines(handle, path), start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise QuestionFileError(path, number, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                                        hint="save the file as UTF-8") from exc
            if line.strip():
                yield _question_item(line, path, number, max_chars=max_chars)


def _lines(handle: BinaryIO, path: Path) -> Iterator[bytes]:
    """The lines of an open file; a read failure becomes a QuestionFileError."""
    try:
        yield from handle
    except OSError as exc:
        raise QuestionFileError(path, None, f"cannot read the questions file ({exc})") from exc


def _question_item(line: str, path: Path, number: int, *, max_chars: int) -> QuestionItem:
    """One checked line of a questions file."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionFileError(path, number, f"not valid JSON ({exc.msg})",
                                hint='each line is {"id": "...", "question": "..."}') from exc
    if not isinstance(raw, dict):
        raise QuestionFileError(path, number, f"expected a JSON object, got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(_ITEM_KEYS))
    if unknown:
        raise QuestionFileError(path, number, f"unknown key {unknown[0]!r}", hint=f"accepted: {', '.join(_ITEM_KEYS)}")
    for key in ("id", "question"):
        if not isinstance(raw.get(key), str):
            raise QuestionFileError(path, number, f"{key!r} must be a string, got {raw.get(key)!r}")
    for key in ("company", "lang"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise QuestionFileError(path, number, f"{key!r} must be a string, got {raw[key]!r}")
    if raw.get("lang") and raw["lang"] not in LANGUAGES:
        raise QuestionFileError(path, number, f"lang must be one of {', '.join(LANGUAGES)}, got {raw['lang']!r}")
    try:
        sanitize_question(raw["question"], max_chars=max_chars)
    except QuestionRejected as exc:
        raise QuestionFileError(path, number, str(exc)) from exc
    return QuestionItem(id=raw["id"], question=raw["question"], company=raw.get("company") or None,
                        lang=raw.get("lang") or None)


# ---------------------------------------------------------------------------------------------- output


def _answer_text(answer: Answer) -> str:
    """An answer for people: status, the answer (with its quotes), and the sources with their files."""
    head = f"[{answer.status.value}] {answer.company or '-'} ({answer.language})"
    lines = [head]
    if answer.notice:
        lines.append(answer.notice)
    lines.append(answer.answer)
    if answer.citations:
        lines.append("Sources:")
        lines.extend(f"  [{c.n}] {c.company}/{c.document}, {c.section} ({c.language})" for c in answer.citations)
    return "\n".join(lines)
