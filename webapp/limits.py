"""The API's answer queue: at most `concurrency` answers computed at once, at most `max_waiting` waiting, the rest refused.

The chat gets the same numbers from Gradio's queue (`settings.concurrency_limit`, `settings.max_queue`); the JSON API
has no Gradio queue, so it takes its requests through an `AnswerLimiter`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import anyio
import anyio.to_thread

from core.errors import ConfigError

__all__ = ["AnswerLimiter", "QueueFull"]

T = TypeVar("T")

_FIRST_GUESS_SECONDS = 2.0  # assumed answer time before the first answer was measured
_SMOOTHING = 0.2  # weight of the newest answer time in the running average


class QueueFull(Exception):
    """Raised when every answering slot is busy and `max_waiting` requests already wait.

    Attributes:
        retry_after: whole seconds after which a retry may find room (at least 1).
    """

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"all answering slots are busy and the queue is full; retry in {retry_after} s")
        self.retry_after = retry_after


class AnswerLimiter:
    """Run blocking answer calls in worker threads, `concurrency` at a time, with a bounded queue in front.

    A request is admitted when fewer than `concurrency + max_waiting` requests are running or waiting; otherwise it
    is refused at once with `QueueFull`, so the caller can answer HTTP 429. Waiting happens in the limiter's own
    worker threads (one per admitted request), never on the event loop and never in the shared default threadpool.

    Usage::

        limiter = AnswerLimiter(concurrency=4, max_waiting=64)
        answer = await limiter.run(lambda: service.ask(question="..."))   # in an async endpoint
        with limiter.held():                                             # in a thread: occupy one slot
            ...

    Args:
        concurrency: answers computed at the same time (settings.concurrency_limit).
        max_waiting: admitted requests that may wait for a slot (settings.max_queue).

    Raises:
        ConfigError: `concurrency` < 1 or `max_waiting` < 0.
    """

    def __init__(self, *, concurrency: int, max_waiting: int) -> None:
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise ConfigError(f"answer limiter concurrency must be an integer >= 1, got {concurrency!r}")
        if isinstance(max_waiting, bool) or not isinstance(max_waiting, int) or max_waiting < 0:
            raise ConfigError(f"answer limiter max_waiting must be an integer >= 0, got {max_waiting!r}")
        self.concurrency = concurrency
        self.max_waiting = max_waiting
        self._slots = threading.BoundedSemaphore(concurrency)
        self._lock = threading.Lock()
        self._admitted = 0
        self._average_seconds = _FIRST_GUESS_SECONDS
        self._threads = anyio.CapacityLimiter(concurrency + max_waiting)

    @property
    def admitted(self) -> int:
        """Requests running or waiting now."""
        with self._lock:
            return self._admitted

    def _enter(self) -> None:
        with self._lock:
            if self._admitted >= self.concurrency + self.max_waiting:
                waiting = self._admitted - self.concurrency + 1
                raise QueueFull(max(1, math.ceil(self._average_seconds * waiting / self.concurrency)))
            self._admitted += 1

    def _leave(self) -> None:
        with self._lock:
            self._admitted -= 1

    @contextmanager
    def held(self) -> Iterator[None]:
        """Occupy one answering slot for the body of the `with` (blocking while all slots are busy).

        Raises:
            QueueFull: the slots are busy and the queue is full.
        """
        self._enter()
        try:
            with self._slots:
                yield
        finally:
            self._leave()

    async def run(self, work: Callable[[], T]) -> T:
        """Call `work()` in a worker thread once a slot is free; return its result.

        Raises:
            QueueFull: the slots are busy and the queue is full (raised before any thread is used).
        """
        self._enter()
        try:
            return await anyio.to_thread.run_sync(self._in_slot, work, limiter=self._threads)
        finally:
            self._leave()

    def _in_slot(self, work: Callable[[], T]) -> T:
        with self._slots:
            started = time.perf_counter()
            try:
                return work()
            finally:
                seconds = time.perf_counter() - started
                with self._lock:
                    self._average_seconds += _SMOOTHING * (seconds - self._average_seconds)
