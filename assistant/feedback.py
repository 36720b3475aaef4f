"""The feedback and chat logs: ratings of answers and answered questions, stored redacted, with filters and CSV export.

Each is a `JsonlLog` (crash-safe appends and purge, `assistant.jsonl_log`) in the data folder. Stored text is data:
HTML in a question stays as typed (escaping is the UI's job), and CSV exports neutralise spreadsheet formulas.

Usage:
    store = FeedbackStore(data_dir=Path("data"))
    store.record(rating="dislike", reason="wrong_citation", question=q, answer=a.answer,
                 chunk_ids=["pixeljet/004_d70c89b0774abc04.txt/en/data-retention#0"],
                 index_version="20260101T000000", company="pixeljet", language="en")
    store.purge(older_than_days=30)
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.jsonl_log import JsonlLog, parse_ts
from core.redact import redact

__all__ = ["RATINGS", "REASONS", "ChatLog", "FeedbackStore"]

RATINGS = ("like", "dislike")
REASONS = ("wrong_citation", "wrong_language", "not_answered", "other", "")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
                ts = parse_ts(record.get("ts"))
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
