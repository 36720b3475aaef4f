"""An append-only log of JSON objects, one per line, with crash-safe appends and an atomic purge.

Every record is one JSON line written by a single `os.write` on an `O_APPEND` descriptor, followed by
`fsync`, under an exclusive `flock`. A process killed mid-append therefore leaves at most a partial last
line without its newline: reading skips it, and the next append cuts it off before writing. Purging
rewrites the file into a temporary file beside it and swaps it in with `os.replace`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = ["JsonlLog", "LogRead", "parse_ts"]

log = logging.getLogger(__name__)


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


def parse_ts(value: object) -> datetime | None:
    """The time of a record's `ts` (ISO 8601; a naive time is read as UTC), or None when it is missing or unreadable."""
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
                ts = parse_ts(record.get("ts"))
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
