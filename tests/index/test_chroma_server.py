"""Specifications of the store against a real `chroma run` server: ingest, query, and a clear error once it stops."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.errors import StoreError
from core.settings import load_settings
from index.embedders import HashEmbedding
from index.store import ChunkStore
from ingest.pipeline import run_ingest

pytestmark = pytest.mark.server

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_heartbeat(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma run exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"chroma run did not answer at {url} within {timeout}s")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A `chroma run` server on a free loopback port with its data in tmp_path; stopped afterwards."""
    if not CHROMA.exists():
        pytest.skip(f"no chroma executable next to {sys.executable}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "chroma-data"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_heartbeat(url, process)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_ingest_into_a_chroma_server_then_query_it_then_a_clear_error_when_it_stops(
        chroma_server: tuple[str, subprocess.Popen[bytes]], small_corpus: Path, tmp_path: Path) -> None:
    url, process = chroma_server
    settings = load_settings({}, corpus_dir=str(small_corpus), store_dir=str(tmp_path / "store"), embedders="hash",
                             chroma_url=url)
    first = run_ingest(settings)
    assert first.ok and first.embedded == first.chunks > 0
    assert not (tmp_path / "store" / "index.json").exists()  # the pointer lives in the server

    again = run_ingest(settings)
    assert (again.embedded, again.index_version) == (0, first.index_version)

    store = ChunkStore(store_dir=settings.store_dir, chroma_url=url, embedders=("hash",))
    info = store.require_compatible({"hash": HashEmbedding().key}, exact=True)
    assert info.version == first.index_version and info.count == first.chunks
    question = HashEmbedding().embed_queries(["How long are the invoices kept?"])[0]
    hits = store.query("hash", question, top_k=3, companies=("m3d-print",))
    assert len(hits) == 3
    chunks = {chunk.id: chunk for chunk in store.chunks()}
    assert all(chunks[chunk_id].company == "m3d-print" for chunk_id, _ in hits)

    (small_corpus / "pixeljet" / "004_d70c89b0774abc04.txt").write_text(
        (small_corpus / "pixeljet" / "004_d70c89b0774abc04.txt").read_text(encoding="utf-8")
        .replace("We do not publish customer data.", "We never publish customer data."), encoding="utf-8")
    changed = run_ingest(settings)
    assert changed.embedded == 1 and changed.index_version != first.index_version
    names = store.collection_names()
    assert names == {"pa_pointer", f"pa_hash_{changed.index_version}"}

    process.terminate()
    process.wait(timeout=20)
    with pytest.raises(StoreError, match=f"cannot reach Chroma at {url}"):
        ChunkStore(store_dir=settings.store_dir, chroma_url=url, embedders=("hash",)).warm_up()
    with pytest.raises(StoreError, match=f"cannot reach Chroma at {url}"):
        store.query("hash", question, top_k=3)
    with pytest.raises(StoreError, match=f"cannot reach Chroma at {url}"):
        run_ingest(settings)
