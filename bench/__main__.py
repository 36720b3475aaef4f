"""`python -m bench <benchmark>|all|report [--quick]`: run benchmarks, print their tables, write JSON, PNG and docs.

Usage::

    python -m bench all --quick                 # small sizes, a few minutes; results in bench/results/quick/
    python -m bench all                         # the full suite; results in bench/results/, rewrites docs/benchmarks.md
    python -m bench scaling --sizes 10,100      # one benchmark with options
    python -m bench report                      # rebuild docs/benchmarks.md from bench/results/*.json

`--corpus DIR` (as on every command; overrides PA_CORPUS_DIR) names the corpus the benchmarks copy and index. There is
no `--store`: every benchmark builds its indexes in temporary folders and never opens the product's store.

Exit codes: 0 when every benchmark ran, 1 when one failed (the others still run), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.common import BenchContext
from bench.report import headlines, read_results, render_docs, tables, write_result
from core.cli_runner import add_location_options
from core.errors import AssistantError
from core.offline import use_offline_environment
from core.settings import load_settings
from index.embed_cache import EmbeddingCache

__all__ = ["BENCHMARKS", "main"]

logger = logging.getLogger("bench")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _latency(ctx: BenchContext) -> dict[str, Any]:
    from bench.latency import bench_latency

    return bench_latency(ctx)


def _server(ctx: BenchContext) -> dict[str, Any]:
    from bench.latency import bench_server

    return bench_server(ctx)


def _ingest(ctx: BenchContext) -> dict[str, Any]:
    from bench.ingest import bench_ingest

    return bench_ingest(ctx)


def _throughput(ctx: BenchContext) -> dict[str, Any]:
    from bench.ingest import bench_throughput

    return bench_throughput(ctx)


def _scaling(ctx: BenchContext, sizes: Sequence[int] | None = None) -> dict[str, Any]:
    from bench.scaling import bench_scaling

    return bench_scaling(ctx, sizes=sizes)


def _baseline(ctx: BenchContext) -> dict[str, Any]:
    from bench.baseline import bench_baseline

    return bench_baseline(ctx)


def _startup(ctx: BenchContext) -> dict[str, Any]:
    from bench.startup import bench_startup

    return bench_startup(ctx)


BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {
    "latency": _latency,
    "server": _server,
    "ingest": _ingest,
    "throughput": _throughput,
    "scaling": _scaling,
    "baseline": _baseline,
    "startup": _startup,
}
"""Benchmark name -> function(ctx) returning its JSON-able result; `all` runs them in this order."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark", choices=[*BENCHMARKS, "all", "report"], help="what to run")
    parser.add_argument("--quick", action="store_true", help="small sizes (scaling 3 and 10), for smoke tests")
    parser.add_argument("--out", type=Path, default=None,
                        help="results folder (default bench/results, or bench/results/quick with --quick)")
    parser.add_argument("--docs", type=Path, default=PROJECT_ROOT / "docs" / "benchmarks.md",
                        help="the Markdown page written after a full `all` run and by `report`")
    parser.add_argument("--cache", type=Path, default=PROJECT_ROOT / "bench" / "generated" / "embed_cache.sqlite",
                        help="the benchmarks' own embedding cache (git-ignored), topped up from the project's caches")
    parser.add_argument("--sizes", default=None, help="scaling: comma-separated numbers of synthetic policies")
    add_location_options(parser, store=False)
    parser.add_argument("--json", action="store_true", help="print one JSON document (the results) instead of tables")
    return parser


def _sizes(raw: str | None, parser: argparse.ArgumentParser) -> list[int] | None:
    if raw is None:
        return None
    try:
        sizes = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated integers, got {raw!r}")
    if not sizes or any(size < 0 for size in sizes):
        parser.error(f"--sizes must list integers >= 0, got {raw!r}")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    sizes = _sizes(args.sizes, parser)
    if sizes is not None and args.benchmark not in {"scaling", "all"}:
        parser.error("--sizes applies to the scaling benchmark only")
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "bm25s", "chromadb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    use_offline_environment()  # before any benchmark imports chromadb or the models
    out_dir = args.out or (PROJECT_ROOT / "bench" / "results" / ("quick" if args.quick else ""))
    if args.benchmark == "report":
        return _write_docs(out_dir, args.docs)
    try:
        settings = load_settings(os.environ, corpus_dir=args.corpus)
    except AssistantError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    if not settings.corpus_dir.is_absolute():
        settings = settings.replace(corpus_dir=(Path.cwd() / settings.corpus_dir).resolve(),
                                    embed_cache=settings.embed_cache)
    cache = os.environ.get("PA_EMBED_CACHE") or str(PROJECT_ROOT / ".cache" / "embed_cache.sqlite")
    names = list(BENCHMARKS) if args.benchmark == "all" else [args.benchmark]
    failures = 0
    collected: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-") as work:
        embed_cache = _prepare_cache(args.cache, [Path(cache), PROJECT_ROOT / ".pytest_cache" / "d" /
                                                  "privacy-assistant" / "embed_cache.sqlite"])
        ctx = BenchContext(settings=settings, work_dir=Path(work), out_dir=out_dir, quick=args.quick,
                           project_root=PROJECT_ROOT, embed_cache=embed_cache)
        for name in names:
            started = time.perf_counter()
            logger.info("benchmark %s%s", name, " (quick)" if args.quick else "")
            load_before = os.getloadavg()[0]
            try:
                data = BENCHMARKS[name](ctx, sizes) if name == "scaling" else BENCHMARKS[name](ctx)
            except (AssistantError, RuntimeError, OSError) as exc:
                failures += 1
                logger.error("benchmark %s failed: %s", name, exc)
                collected[name] = {"ok": False, "error": str(exc)}
                continue
            seconds = time.perf_counter() - started
            data = {**data, "load_average": {"start": round(load_before, 1), "end": round(os.getloadavg()[0], 1)}}
            path = write_result(out_dir, name, data, quick=args.quick, seconds=seconds)
            collected[name] = {"ok": True, "path": str(path), **data}
            if not args.json:
                _print_tables(name, data, seconds)
    if args.benchmark == "all" and not args.json:
        ran = {name: data for name, data in collected.items() if data.get("ok")}
        sys.stdout.write("\n## Headlines\n\n" + "".join(f"- {line}\n" for line in headlines(ran)))
    if args.benchmark == "all" and not args.quick and not failures:
        _write_docs(out_dir, args.docs)
    if args.json:
        sys.stdout.write(json.dumps({"ok": not failures, "results": collected}, indent=2, default=str) + "\n")
    return 1 if failures else 0


def _prepare_cache(target: Path, sources: Sequence[Path]) -> Path:
    """The benchmarks' own embedding cache: `target`, topped up with every vector of the project's caches.

    Vectors are keyed by model key and text hash, so vectors computed by any run of the same model are valid;
    the benchmarks write synthetic texts only into `target`, never into the project's caches.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    cache = EmbeddingCache(path=target)
    cache.warm_up()  # creates the table
    cache.close()
    db = sqlite3.connect(f"file:{target}", uri=True)  # uri: the sources attach read-only
    try:
        for source in sources:
            if not source.is_file() or source.resolve() == target.resolve():
                continue
            db.execute("ATTACH DATABASE ? AS source", (f"file:{source}?mode=ro",))
            try:
                db.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM source.embeddings")
                db.commit()
            except sqlite3.Error as exc:
                logger.warning("embedding cache %s not merged: %s", source, exc)
            finally:
                db.execute("DETACH DATABASE source")
    finally:
        db.close()
    logger.info("embedding cache: %s (%d vectors)", target, _count(target))
    return target


def _count(path: Path) -> int:
    cache = EmbeddingCache(path=path)
    try:
        return cache.count()
    finally:
        cache.close()


def _print_tables(name: str, data: dict[str, Any], seconds: float) -> None:
    sys.stdout.write(f"\n## {name} ({seconds:.0f} s)\n\n")
    for caption, table in tables(name, data):
        sys.stdout.write(f"{caption}:\n\n{table}\n\n")
    for note in data.get("notes", []):
        sys.stdout.write(f"- {note}\n")
    sys.stdout.flush()


def _write_docs(out_dir: Path, docs: Path) -> int:
    full = read_results(out_dir) if out_dir.is_dir() else {}
    quick_dir = out_dir / "quick" if out_dir.name != "quick" else out_dir
    quick = read_results(quick_dir) if quick_dir.is_dir() else {}
    if not full and not quick:
        sys.stderr.write(f"error: no results in {out_dir}; run `python -m bench all` first\n")
        return 1
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(render_docs(full, quick_results=quick), encoding="utf-8")
    logger.info("wrote %s", docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
