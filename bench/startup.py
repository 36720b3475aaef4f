"""Start-up: seconds from spawning `python app.py` until /healthz is ready and until the first answer arrives.

Two cases: a warm store (the index already built) and an empty store (the app ingests the corpus on its first start;
the embedding cache is the shared one, so texts embedded before are not embedded again, as on a developer's
machine after `make ingest` once). The first question is sent as soon as the server answers HTTP; the chat holds
it until the assistant is warm, so `first_answer_s` is what the first customer waits from a cold start.

Usage::

    result = bench_startup(ctx)   # result["rows"][0]["first_answer_s"]
"""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx

from bench.appclient import AppProcess, ChatClient, chat_env
from bench.common import BenchContext, base_corpus, build_index, free_port, wait_until

__all__ = ["FIRST_QUESTION", "bench_startup"]

logger = logging.getLogger(__name__)

FIRST_QUESTION = ("How long does Pixeljet keep my personal data?", "pixeljet")


def _start(ctx: BenchContext, *, case: str, store_dir, corpus_dir, timeout: float) -> dict[str, Any]:
    port = free_port()
    data_dir = ctx.scratch(f"startup-data-{case.split()[0]}")
    env = chat_env(corpus_dir=corpus_dir, store_dir=store_dir, data_dir=data_dir, embed_cache=ctx.embed_cache,
                   port=port, embedders=ctx.settings.embedders)
    app = AppProcess(project_root=ctx.project_root, env=env, port=port, log_path=data_dir / "app.log")
    app.start()
    try:
        if not wait_until(lambda: app.health() is not None, timeout=timeout, interval=0.05):
            raise RuntimeError(f"app.py did not answer HTTP within {timeout:.0f} s")
        http_s = time.monotonic() - app.started
        client = ChatClient(base_url=app.url, timeout=timeout)
        try:
            question, company = FIRST_QUESTION
            ask_s, _ = client.ask(question, company=company)
            first_answer_s = time.monotonic() - app.started
        finally:
            client.close()
        ready_s = app.wait_ready(timeout=timeout)
        log = app.log_path.read_text(encoding="utf-8", errors="replace")
    finally:
        app.stop()
    return {"case": case, "http_up_s": round(http_s, 2), "healthz_ready_s": round(ready_s, 2),
            "first_answer_s": round(first_answer_s, 2), "first_answer_ms": round(1000 * ask_s, 1),
            "ingest_during_start": "published index version" in log, "peak_rss_mb": app.peak_rss_mb}


def bench_startup(ctx: BenchContext) -> dict[str, Any]:
    """Cold start of app.py with a warm store and with an empty store.

    Returns:
        {"rows": [{case, http_up_s, healthz_ready_s, first_answer_s, first_answer_ms, ingest_during_start,
         peak_rss_mb}], "notes": [...]}
    """
    corpus = base_corpus(ctx)
    work = ctx.scratch("startup")
    build_index(ctx, work / "warm-store", corpus_dir=corpus)
    rows = []
    for case, store in (("warm store", work / "warm-store"), ("empty store (ingest on start)", work / "empty-store")):
        try:
            rows.append(_start(ctx, case=case, store_dir=store, corpus_dir=corpus, timeout=1800))
        except (RuntimeError, httpx.HTTPError) as exc:
            logger.error("start-up case %r failed: %s", case, exc)
            rows.append({"case": case, "error": str(exc)})
    notes = [
        f"corpus: {'shop policies only (quick)' if ctx.quick else 'policies_corpus'}; embedders"
        f" {', '.join(ctx.settings.embedders)}; shared embedding cache, so the empty-store start ingests without"
        " re-embedding texts embedded before (a cold cache adds the cold-ingest embedding time of the ingest"
        " benchmark).",
        "first_answer_s counts from the spawn of `python app.py` to the complete answer of the first question, asked"
        " as soon as the server answers HTTP; first_answer_ms is that question's own round trip; healthz_ready_s is"
        " when /healthz, polled beside that question, first said ready, so it can come a moment after the answer;"
        " peak_rss_mb is the app process's maximum resident set (os.wait4).",
    ]
    return {"rows": rows, "notes": notes}
