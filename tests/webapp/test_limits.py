"""Specifications of the API's answer queue: a cap on answers at once, a bounded wait, an immediate refusal beyond."""

from __future__ import annotations

import threading
import time

import anyio
import pytest

from core.errors import ConfigError
from webapp.limits import AnswerLimiter, QueueFull


def test_no_more_than_concurrency_answers_run_at_once_and_every_admitted_one_finishes():
    limiter = AnswerLimiter(concurrency=2, max_waiting=4)
    running, peak, lock = [0], [0], threading.Lock()

    def work() -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return 1

    async def main() -> list[int]:
        results: list[int] = []

        async def one() -> None:
            results.append(await limiter.run(work))

        async with anyio.create_task_group() as group:
            for _ in range(6):
                group.start_soon(one)
        return results

    assert anyio.run(main) == [1] * 6
    assert peak[0] == 2
    assert limiter.admitted == 0


def test_beyond_the_queue_a_request_is_refused_at_once_with_a_retry_delay():
    limiter = AnswerLimiter(concurrency=1, max_waiting=0)
    with limiter.held():
        started = time.monotonic()
        with pytest.raises(QueueFull, match="queue is full") as refused:
            anyio.run(limiter.run, lambda: None)
        assert time.monotonic() - started < 1.0
        assert refused.value.retry_after >= 1
    assert anyio.run(limiter.run, lambda: "answered") == "answered"


@pytest.mark.parametrize("concurrency, max_waiting, setting", [(0, 1, "concurrency"), (True, 1, "concurrency"),
                                                                (1, -1, "max_waiting")])
def test_bad_limits_are_refused_naming_the_limit(concurrency, max_waiting, setting):
    with pytest.raises(ConfigError, match=setting):
        AnswerLimiter(concurrency=concurrency, max_waiting=max_waiting)
