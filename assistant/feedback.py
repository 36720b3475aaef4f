"""Append-only JSONL logs of feedback and questions, with crash-safe appends, redaction and purge.

Every record is one JSON line written by a single `os.write` on an `O_APPEND` descriptor, followed by
`fsync`, under an exclusive `flock`. A process killed mid-append therefore leaves at most a partial last
line without its newline: reading skips it, and the next append cuts it off before writing. Purging
rewrites the file into a temporary file beside it and swaps it in with `os.replace`.

Stored text is data: HTML in a question stays as typed (escaping is the UI's job), and CSV exports
neutralise spreadsheet formulas.

Usage:
    store = FeedbackStore(data_dir=Path("data"))
    store.record(rating="dislike", reason="wrong_citation", question=q, answer=a.answer,
                 chunk_ids=["pixeljet/004_d70c89b0774abc04.txt/en/data-retention#0"],
                 index_version="20260101T000000", company="pixeljet", language="en")
    store.purge(older_than_days=30)
"""

from __future__ import annotations

import csv
import fcntl
import json
import logging
import os
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from core.redact import redact

__all__ = ["RATINGS", "REASONS", "ChatLog", "FeedbackStore", "JsonlLog", "LogRead"]

log = logging.getLogger(__name__)

RATINGS = ("like", "dislike")
REASONS = ("wrong_citation", "wrong_language", "not_answered", "other", "")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class LogRead:
    """What reading a log found: the records, the corrupt lines skipped, and a partial last line."""

    records: tuple[dict[str, Any], ...]
    corrupt: int
    partial: bool


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    return now


def _parse_ts(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class JsonlLog:
    """An append-only log of JSON objects, one per line, safe against crashes and concurrent appends.

    Args:
        path: the log file; its folder is created on the first append.
    """

    def __init__(self, *, path: Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"JsonlLog(path={str(self.path)!r})"

    @contextmanager
    def _locked(self, flags: int) -> Iterator[int]:
        """Open the log with `flags` under an exclusive lock; reopen if a purge swapped the file meanwhile."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, flags | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                    break
            except FileNotFoundError:
                pass
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        try:
            yield fd
        finally:
            os.close(fd)

    def append(self, record: dict[str, Any]) -> None:
        """Append one record as one line; a `ts` (UTC, ISO 8601) is added when the record has none.

        Args:
            record: a JSON-serialisable dict.

        Raises:
            TypeError: the record is not a dict.
            ValueError: the record cannot be serialised to JSON.
        """
        if not isinstance(record, dict):
            raise TypeError(f"a log record must be a dict, got {type(record).__name__}")
        stored = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"), **record}
        try:
            line = json.dumps(stored, ensure_ascii=False, separators=(",", ":")) + "\n"
        except (TypeError, ValueError) as exc:
            raise ValueError(f"log record is not JSON-serialisable: {exc}") from exc
        data = line.encode("utf-8")
        with self._locked(os.O_RDWR | os.O_APPEND) as fd:
            self._cut_partial_line(fd)
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)

    def _cut_partial_line(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
            return
        position = size
        while position > 0:
            start = max(0, position - 65536)
            block = os.pread(fd, position - start, start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                position = start + newline + 1
                break
            position = start
        os.ftruncate(fd, position)
        log.warning("%s: cut a partial last line of %d bytes left by an interrupted append", self.path, size - position)

    def scan(self) -> LogRead:
        """Read every record, skipping corrupt lines and a partial last line.

        Returns:
            The records in file order, the number of corrupt lines and whether a partial last line was found.
        """
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return LogRead(records=(), corrupt=0, partial=False)
        lines = data.split(b"\n")
        partial = lines[-1] != b""
        records: list[dict[str, Any]] = []
        corrupt = 0
        for number, raw in enumerate(lines[:-1], start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                record = None
            if isinstance(record, dict):
                records.append(record)
            else:
                corrupt += 1
                log.warning("%s:%d: skipped a line that is not a JSON object", self.path, number)
        return LogRead(records=tuple(records), corrupt=corrupt, partial=partial)

    def read(self) -> list[dict[str, Any]]:
        """Return the records in file order (corrupt lines and a partial last line are skipped)."""
        return list(self.scan().records)

    def purge(self, *, older_than_days: int, now: datetime | None = None) -> int:
        """Remove records whose `ts` is more than `older_than_days` days before `now`.

        The file is rewritten atomically (temporary file, fsync, `os.replace`); corrupt lines are dropped.
        Records without a readable `ts` are kept and reported as a warning.

        Args:
            older_than_days: the retention period, in days (0 removes everything older than `now`).
            now: the reference time (timezone-aware); default the current time.

        Returns:
            The number of records removed.

        Raises:
            ValueError: `older_than_days` is negative or `now` is naive.
        """
        if older_than_days < 0:
            raise ValueError(f"older_than_days must be at least 0, got {older_than_days!r}")
        cutoff = _now(now) - timedelta(days=older_than_days)
        if not self.path.exists():
            return 0
        with self._locked(os.O_RDWR):
            found = self.scan()
            kept: list[dict[str, Any]] = []
            undated = 0
            for record in found.records:
                ts = _parse_ts(record.get("ts"))
                if ts is None:
                    undated += 1
                if ts is None or ts >= cutoff:
                    kept.append(record)
            removed = len(found.records) - len(kept)
            if removed == 0 and found.corrupt == 0 and not found.partial:
                return 0
            self._rewrite(kept)
        if undated:
            log.warning("%s: kept %d records without a readable ts", self.path, undated)
        log.info("%s: purged %d records older than %d days", self.path, removed, older_than_days)
        return removed

    def _rewrite(self, records: Sequence[dict[str, Any]]) -> None:
        handle, temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as temp:
                for record in records:
                    temp.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_name, 0o600)
            os.replace(temp_name, self.path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _check(name: str, value: object, accepted: Sequence[object]) -> None:
    if value not in accepted:
        shown = ", ".join(repr(item) for item in accepted)
        raise ValueError(f"{name} must be one of {shown}, got {value!r}")


def _csv_cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        text = " ".join(str(item) for item in value)
    elif value is None:
        text = ""
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


class _RedactedLog:
    """A JsonlLog of records whose free-text fields are redacted, with filters and CSV export."""

    file_name = ""
    columns: tuple[str, ...] = ()

    def __init__(self, *, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.log = JsonlLog(path=self.data_dir / self.file_name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data_dir={str(self.data_dir)!r})"

    def _store(self, record: dict[str, Any]) -> dict[str, Any]:
        stored = {"id": uuid.uuid4().hex, "ts": datetime.now(UTC).isoformat(timespec="milliseconds"), **record}
        self.log.append(stored)
        return stored

    def _select(self, *, since: datetime | None, **equal: object) -> list[dict[str, Any]]:
        if since is not None and since.tzinfo is None:
            raise ValueError(f"since must be timezone-aware, got {since!r}")
        out = []
        for record in self.log.read():
            if any(value is not None and record.get(key) != value for key, value in equal.items()):
                continue
            if since is not None:
                ts = _parse_ts(record.get("ts"))
                if ts is None or ts < since:
                    continue
            out.append(record)
        return out

    def purge(self, *, older_than_days: int, now: datetime | None = None) -> int:
        """Remove records older than `older_than_days` days; see `JsonlLog.purge`. Returns the number removed."""
        return self.log.purge(older_than_days=older_than_days, now=now)

    def export_csv(self, path: Path) -> int:
        """Write every record to a CSV file, neutralising cells that a spreadsheet would run as a formula.

        A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.

        Args:
            path: the CSV file to write (UTF-8, header row first).

        Returns:
            The number of records written.
        """
        records = self.log.read()
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(self.columns)
            for record in records:
                writer.writerow([_csv_cell(record.get(column)) for column in self.columns])
        return len(records)


class FeedbackStore(_RedactedLog):
    """Likes and dislikes of answers, stored redacted in `<data_dir>/feedback.jsonl`.

    Args:
        data_dir: the folder of the logs (setting `data_dir`).
    """

    file_name = "feedback.jsonl"
    columns = ("ts", "id", "rating", "reason", "company", "language", "index_version", "question", "answer",
               "comment", "chunk_ids")

    def record(
        self,
        *,
        rating: str,
        reason: str,
        question: str,
        answer: str,
        chunk_ids: Sequence[str],
        index_version: str,
        company: str | None,
        language: str,
        comment: str = "",
    ) -> dict[str, Any]:
        """Store one rating of one answer; question, answer and comment are redacted first.

        Args:
            rating: "like" or "dislike".
            reason: "wrong_citation", "wrong_language", "not_answered", "other", or "" for none.
            question: the customer's question.
            answer: the answer text that was rated.
            chunk_ids: the ids of the cited chunks.
            index_version: the index version that answered.
            company: the company the answer was about, if any.
            language: the answer language.
            comment: the customer's free-text comment.

        Returns:
            The stored record (with `id` and `ts`).

        Raises:
            ValueError: rating or reason is not an accepted value, or chunk_ids is not a list of strings.
        """
        _check("rating", rating, RATINGS)
        _check("reason", reason, REASONS)
        if isinstance(chunk_ids, str) or not all(isinstance(item, str) for item in chunk_ids):
            raise ValueError(f"chunk_ids must be a list of strings, got {chunk_ids!r}")
        return self._store({
            "rating": rating,
            "reason": reason,
            "question": redact(question),
            "answer": redact(answer),
            "comment": redact(comment),
            "chunk_ids": list(chunk_ids),
            "index_version": index_version,
            "company": company,
            "language": language,
        })

    def list(
        self,
        *,
        rating: str | None = None,
        reason: str | None = None,
        company: str | None = None,
        since: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """Return the stored feedback that matches every given filter, oldest first.

        Args:
            rating: only this rating.
            reason: only this reason.
            company: only feedback on this company.
            since: only feedback at or after this timezone-aware time.

        Raises:
            ValueError: a filter value is not an accepted value.
        """
        if rating is not None:
            _check("rating", rating, RATINGS)
        if reason is not None:
            _check("reason", reason, REASONS)
        return self._select(since=since, rating=rating, reason=reason, company=company)


class ChatLog(_RedactedLog):
    """Questions and the answers given, stored redacted in `<data_dir>/chat.jsonl`.

    Args:
        data_dir: the folder of the logs (setting `data_dir`).
    """

    file_name = "chat.jsonl"
    columns = ("ts", "id", "status", "company", "language", "generator", "index_version", "question", "answer",
               "chunk_ids")

    def record(
        self,
        *,
        question: str,
        answer: str,
        status: str,
        company: str | None,
        language: str,
        chunk_ids: Sequence[str] = (),
        index_version: str = "",
        generator: str = "extractive",
    ) -> dict[str, Any]:
        """Store one answered question; question and answer are redacted first.

        Args:
            question: the customer's question.
            answer: the answer text.
            status: the answer status (`Status.value`, e.g. "answered", "not_in_policy").
            company: the company the answer was about, if any.
            language: the answer language.
            chunk_ids: the ids of the cited chunks.
            index_version: the index version that answered.
            generator: "extractive" or "llm".

        Returns:
            The stored record (with `id` and `ts`).

        Raises:
            ValueError: chunk_ids is not a list of strings.
        """
        if isinstance(chunk_ids, str) or not all(isinstance(item, str) for item in chunk_ids):
            raise ValueError(f"chunk_ids must be a list of strings, got {chunk_ids!r}")
        return self._store({
            "status": status,
            "question": redact(question),
            "answer": redact(answer),
            "chunk_ids": list(chunk_ids),
            "index_version": index_version,
            "company": company,
            "language": language,
            "generator": generator,
        })

    def list(
        self, *, status: str | None = None, company: str | None = None, since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Return the logged questions that match every given filter, oldest first."""
        return self._select(since=since, status=status, company=company)
