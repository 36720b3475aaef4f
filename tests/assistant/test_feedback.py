"""Specification of the feedback and chat logs: redaction, validation, crash safety, purge and CSV export."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.feedback import REASONS, ChatLog, FeedbackStore
from assistant.jsonl_log import JsonlLog

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHUNK = "pixeljet/004_d70c89b0774abc04.txt/en/data-retention#0"


def feedback(store: FeedbackStore, **changes: object) -> dict:
    values: dict = {
        "rating": "dislike",
        "reason": "wrong_citation",
        "question": "How long does Pixeljet keep my data?",
        "answer": "Pixeljet keeps your data as long as needed [1].",
        "chunk_ids": [CHUNK],
        "index_version": "v1",
        "company": "pixeljet",
        "language": "en",
    }
    values.update(changes)
    return store.record(**values)


def test_append_writes_one_line_per_record_and_reads_them_back(tmp_path: Path) -> None:
    log = JsonlLog(path=tmp_path / "sub" / "log.jsonl")
    log.append({"n": 1, "text": "één"})
    log.append({"n": 2, "text": "zwei\nZeilen"})
    lines = (tmp_path / "sub" / "log.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    records = log.read()
    assert [(r["n"], r["text"]) for r in records] == [(1, "één"), (2, "zwei\nZeilen")]
    assert all(datetime.fromisoformat(r["ts"]).tzinfo is not None for r in records)


def test_reading_a_missing_log_gives_no_records(tmp_path: Path) -> None:
    scan = JsonlLog(path=tmp_path / "none.jsonl").scan()
    assert scan.records == () and scan.corrupt == 0 and not scan.partial


def test_corrupt_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = JsonlLog(path=path)
    log.append({"n": 1})
    with open(path, "ab") as handle:
        handle.write(b"{not json\n[1, 2]\n\xff\xfe\n")
    log.append({"n": 2})
    scan = log.scan()
    assert [r["n"] for r in scan.records] == [1, 2]
    assert scan.corrupt == 3
    assert not scan.partial


def test_partial_last_line_is_skipped_on_read_and_cut_on_next_append(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = JsonlLog(path=path)
    log.append({"n": 1})
    with open(path, "ab") as handle:
        handle.write(b'{"n": 2, "text": "interrup')
    scan = log.scan()
    assert [r["n"] for r in scan.records] == [1]
    assert scan.partial and scan.corrupt == 0
    log.append({"n": 3})
    assert [r["n"] for r in log.read()] == [1, 3]
    assert path.read_bytes().endswith(b"}\n")
    assert log.scan().corrupt == 0


def test_append_rejects_records_that_are_not_json(tmp_path: Path) -> None:
    log = JsonlLog(path=tmp_path / "log.jsonl")
    with pytest.raises(ValueError, match="not JSON-serialisable"):
        log.append({"when": datetime.now(UTC)})
    with pytest.raises(TypeError, match="must be a dict"):
        log.append(["a", "list"])  # type: ignore[arg-type]


_KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.jsonl_log import JsonlLog

    log = JsonlLog(path=Path(sys.argv[1]))
    n = 0
    while True:
        log.append({"n": n, "payload": "x" * (n % 500), "text": "Kerkstraat <b>" + str(n) + "</b>"})
        n += 1
    """
)


@pytest.mark.parametrize("run", range(3))
def test_sigkill_in_a_tight_append_loop_leaves_only_whole_records(tmp_path: Path, run: int) -> None:
    path = tmp_path / "killed.jsonl"
    JsonlLog(path=path).append({"n": -1, "first": True})
    process = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(path)], cwd=PROJECT_ROOT)
    try:
        deadline = time.monotonic() + 30
        while path.stat().st_size < 20_000 * (run + 1) and time.monotonic() < deadline:
            assert process.poll() is None, "the writer died on its own"
            time.sleep(0.01)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    for line in path.read_bytes().split(b"\n")[:-1]:
        json.loads(line)  # every complete line parses
    scan = JsonlLog(path=path).scan()
    assert scan.corrupt == 0
    numbers = [record["n"] for record in scan.records]
    assert numbers[0] == -1 and scan.records[0]["first"] is True
    assert numbers[1:] == list(range(len(numbers) - 1)), "records are missing or out of order"
    assert len(numbers) > 50
    JsonlLog(path=path).append({"n": "after"})
    assert JsonlLog(path=path).read()[-1]["n"] == "after"


def test_purge_removes_old_records_atomically_and_keeps_recent_ones(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = JsonlLog(path=path)
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for days in (40, 31, 29, 1):
        log.append({"ts": (now - timedelta(days=days)).isoformat(), "age": days})
    log.append({"ts": "not a time", "age": "unknown"})
    with open(path, "ab") as handle:
        handle.write(b"garbage\n")
    inode = path.stat().st_ino
    assert log.purge(older_than_days=30, now=now) == 2
    assert [r["age"] for r in log.read()] == [29, 1, "unknown"]
    assert log.scan().corrupt == 0
    assert path.stat().st_ino != inode, "purge must swap in a new file"
    assert [p.name for p in tmp_path.iterdir()] == ["log.jsonl"], "no temporary file left behind"
    assert log.purge(older_than_days=30, now=now) == 0
    log.append({"age": "new"})
    assert [r["age"] for r in log.read()] == [29, 1, "unknown", "new"]


def test_purge_validates_its_arguments(tmp_path: Path) -> None:
    log = JsonlLog(path=tmp_path / "log.jsonl")
    log.append({"n": 1})
    with pytest.raises(ValueError, match="older_than_days must be at least 0, got -1"):
        log.purge(older_than_days=-1)
    with pytest.raises(ValueError, match="timezone-aware"):
        log.purge(older_than_days=1, now=datetime(2026, 1, 1))
    assert JsonlLog(path=tmp_path / "missing.jsonl").purge(older_than_days=0) == 0


def test_feedback_is_redacted_before_it_is_stored(tmp_path: Path) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    stored = feedback(
        store,
        question="Ik ben jan@voorbeeld.nl, tel 06-12345678. Bewaart Pixeljet mijn IBAN NL91ABNA0417164300?",
        answer="Contact info@pixeljet.nl or Johan van Hasseltweg 39-J 1021 KN Amsterdam [1].",
        comment="Call me at +32 470 12 34 56",
    )
    raw = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8")
    for personal in ("jan@voorbeeld.nl", "06-12345678", "NL91ABNA0417164300", "info@pixeljet.nl", "Hasseltweg",
                     "470 12 34 56"):
        assert personal not in raw
    assert stored["question"] == "Ik ben [EMAIL], tel [PHONE]. Bewaart Pixeljet mijn IBAN [IBAN]?"
    assert stored["answer"] == "Contact [EMAIL] or [ADDRESS] [1]."
    assert stored["comment"] == "Call me at [PHONE]"
    assert store.list() == [stored]
    assert set(stored) >= {"id", "ts", "rating", "reason", "chunk_ids", "index_version", "company", "language"}


def test_html_round_trips_unchanged_as_data(tmp_path: Path) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    feedback(store, question=payload, comment=payload)
    stored = store.list()[0]
    assert stored["question"] == payload
    assert stored["comment"] == payload


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rating", "love", "rating must be one of 'like', 'dislike', got 'love'"),
        ("reason", "rude", "reason must be one of 'wrong_citation', 'wrong_language', 'not_answered', 'other', ''"),
        ("chunk_ids", CHUNK, "chunk_ids must be a list of strings"),
        ("chunk_ids", [1, 2], "chunk_ids must be a list of strings"),
    ],
)
def test_invalid_feedback_is_refused_with_the_accepted_values(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        feedback(store, **{field: value})
    assert store.list() == []


def test_list_filters_by_rating_reason_company_and_time(tmp_path: Path) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    feedback(store, rating="like", reason="")
    feedback(store, rating="dislike", reason="wrong_language", company="m3d-print", language="nl")
    for reason in REASONS:
        feedback(store, rating="dislike", reason=reason)
    assert len(store.list()) == 2 + len(REASONS)
    assert [r["rating"] for r in store.list(rating="like")] == ["like"]
    assert len(store.list(reason="wrong_language")) == 2
    assert [r["language"] for r in store.list(company="m3d-print")] == ["nl"]
    assert store.list(since=datetime.now(UTC) + timedelta(minutes=1)) == []
    assert len(store.list(since=datetime.now(UTC) - timedelta(minutes=1))) == 2 + len(REASONS)
    with pytest.raises(ValueError, match="rating must be one of"):
        store.list(rating="meh")
    with pytest.raises(ValueError, match="timezone-aware"):
        store.list(since=datetime.now())


def test_csv_export_neutralises_spreadsheet_formulas(tmp_path: Path) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    dangerous = ['=HYPERLINK("http://evil","x")', "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1+1"]
    for text in dangerous:
        feedback(store, comment=text, question=f"{text}?")
    out = tmp_path / "export.csv"
    assert store.export_csv(out) == len(dangerous)
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["comment"] for row in rows] == ["'" + text for text in dangerous]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert rows[0]["chunk_ids"] == CHUNK
    assert rows[0]["company"] == "pixeljet"


def test_chat_log_redacts_and_purges(tmp_path: Path) -> None:
    chat = ChatLog(data_dir=tmp_path)
    stored = chat.record(question="Mijn adres is Kerkstraat 5, mail a@b.nl", answer="Zie Artikel 6 [1].",
                         status="answered", company="online-3d-printen", language="nl", chunk_ids=[CHUNK],
                         index_version="v1")
    assert stored["question"] == "Mijn adres is [ADDRESS], mail [EMAIL]"
    assert stored["answer"] == "Zie Artikel 6 [1]."
    assert chat.list(status="answered") == [stored]
    assert chat.list(company="pixeljet") == []
    assert chat.export_csv(tmp_path / "chat.csv") == 1
    assert chat.purge(older_than_days=0, now=datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert chat.list() == []


def test_feedback_and_chat_logs_are_separate_files(tmp_path: Path) -> None:
    feedback(FeedbackStore(data_dir=tmp_path))
    ChatLog(data_dir=tmp_path).record(question="q", answer="a", status="answered", company=None, language="en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.jsonl", "feedback.jsonl"]


_COUNTED_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.jsonl_log import JsonlLog

    log = JsonlLog(path=Path(sys.argv[1]))
    for n in range(int(sys.argv[3])):
        log.append({"writer": sys.argv[2], "n": n})
    """
)


def test_concurrent_appends_from_two_processes_interleave_whole_records(tmp_path: Path) -> None:
    path = tmp_path / "shared.jsonl"
    writers = [subprocess.Popen([sys.executable, "-c", _COUNTED_WRITER, str(path), name, "300"], cwd=PROJECT_ROOT)
               for name in ("a", "b")]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    scan = JsonlLog(path=path).scan()
    assert scan.corrupt == 0 and not scan.partial
    for name in ("a", "b"):
        assert [r["n"] for r in scan.records if r["writer"] == name] == list(range(300))
