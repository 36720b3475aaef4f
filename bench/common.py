"""What the benchmarks share: the run context, temporary indexes, the dev questions, percentiles and retrieval hits."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.types import Citation, Hit
from core.settings import Settings
from core.types import IngestReport
from eval.gold import GoldItem, load_gold
from eval.metrics import citation_matches, first_relevant_rank, percentile
from ingest.pipeline import run_ingest

__all__ = [
    "BenchContext",
    "base_corpus",
    "build_index",
    "child_env",
    "dev_items",
    "first_gold_rank",
    "free_port",
    "latency_summary",
    "TreeMemory",
    "timed",
    "wait_until",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenchContext:
    """Everything a benchmark needs to know about the run.

    Args:
        settings: the base settings (from the environment); benchmarks derive temporary ones from them.
        work_dir: a temporary folder for stores and corpora, removed after the run.
        out_dir: where results (JSON, PNG) are written.
        quick: small sizes, for smoke tests.
        project_root: the project folder (corpus, gold set, fixtures).
        embed_cache: the shared embedding cache used wherever a benchmark does not ask for an empty one.
    """

    settings: Settings
    work_dir: Path
    out_dir: Path
    quick: bool
    project_root: Path
    embed_cache: Path
    notes: list[str] = field(default_factory=list)

    @property
    def corpus_dir(self) -> Path:
        return self.settings.corpus_dir

    @property
    def gold_path(self) -> Path:
        return self.project_root / "eval" / "gold"

    @property
    def fixtures_dir(self) -> Path:
        return self.project_root / "tests" / "fixtures" / "extra_policies"

    def scratch(self, name: str) -> Path:
        """A fresh sub-folder of the work folder."""
        path = self.work_dir / name
        suffix = 1
        while path.exists():
            suffix += 1
            path = self.work_dir / f"{name}-{suffix}"
        path.mkdir(parents=True)
        return path


def base_corpus(ctx: BenchContext) -> Path:
    """The corpus benchmarks index: the real one, or in quick mode a copy of its shop policies (no GDPR)."""
    if not ctx.quick:
        return ctx.corpus_dir
    target = ctx.work_dir / "shops-corpus"
    if not target.exists():
        for folder in sorted(ctx.corpus_dir.iterdir()):
            if (folder / "manifest.toml").is_file() and folder.name != "gdpr":
                shutil.copytree(folder, target / folder.name)
    return target


def build_index(ctx: BenchContext, store_dir: Path, *, corpus_dir: Path | None = None, cache: Path | None = None,
                embedders: Sequence[str] | None = None, chroma_url: str = "") -> tuple[Settings, IngestReport]:
    """Ingest `corpus_dir` (default: the real corpus) into `store_dir` and return its settings and the report.

    Raises:
        AssistantError: the ingest cannot run (models, store); a report with errors raises RuntimeError.
    """
    settings = ctx.settings.replace(
        corpus_dir=corpus_dir or ctx.corpus_dir, store_dir=store_dir, embed_cache=cache or ctx.embed_cache,
        chroma_url=chroma_url, **({"embedders": tuple(embedders)} if embedders else {}))
    report = run_ingest(settings)
    if not report.ok:
        raise RuntimeError(f"ingest of {settings.corpus_dir} failed: {report.errors[:3]}")
    return settings, report


def child_env(settings: Settings) -> dict[str, str]:
    """The environment of a child `python -m ...` that works on `settings`' corpus, store, cache and embedders."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PA_")}
    env.update({"PA_CORPUS_DIR": str(settings.corpus_dir), "PA_STORE_DIR": str(settings.store_dir),
                "PA_EMBED_CACHE": str(settings.embed_cache), "PA_EMBEDDERS": ",".join(settings.embedders),
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    return env


def dev_items(ctx: BenchContext, *, limit: int | None = None, answerable_only: bool = False) -> list[GoldItem]:
    """The gold items of the dev split (never the test split), optionally only answerable ones with gold sources.

    `limit` keeps an even spread over the split (every n-th item), so a quick run still covers every language.
    """
    gold = load_gold(ctx.gold_path, split="dev", strict=False)
    items = [item for item in gold.items if not answerable_only or (item.answerable and item.gold)]
    if limit is not None and len(items) > limit:
        step = len(items) / limit
        items = [items[int(i * step)] for i in range(limit)]
    return items


def first_gold_rank(item: GoldItem, hits: Sequence[Hit]) -> int | None:
    """1-based rank of the first hit that cites one of the item's gold sources (eval's citation rule)."""
    def cites(hit: Hit) -> bool:
        citation = Citation(n=1, company=hit.chunk.company, document=hit.chunk.document, section=hit.chunk.label,
                            language=hit.chunk.language, quote="", text=hit.chunk.text, score=hit.score)
        return any(citation_matches(citation, ref) for ref in item.gold)

    return first_relevant_rank(cites(hit) for hit in hits)


def latency_summary(values: Iterable[float]) -> dict[str, float | int | None]:
    """n, mean, p50, p95, p99 and max of a list of milliseconds (rounded to 0.01 ms)."""
    values = list(values)
    if not values:
        return {"n": 0, "mean": None, "p50": None, "p95": None, "p99": None, "max": None}

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return {"n": len(values), "mean": r(sum(values) / len(values)), "p50": r(percentile(values, 50)),
            "p95": r(percentile(values, 95)), "p99": r(percentile(values, 99)), "max": r(max(values))}


def timed(function: Callable[[], object]) -> tuple[object, float]:
    """Call `function` and return its result with the wall time in seconds."""
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: Callable[[], bool], *, timeout: float, interval: float = 0.1) -> bool:
    """Poll `check` until it returns True or `timeout` seconds pass; return whether it succeeded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


class TreeMemory:
    """Peak resident memory of a process and all its descendants together, sampled from /proc (a context manager).

    `os.wait4` reports the largest single process; an ingest with embedding worker processes holds several
    at once, so their sum is what the machine must have.

    Usage::

        with TreeMemory(process.pid) as memory:
            process.wait()
        memory.peak_mb
    """

    def __init__(self, pid: int, *, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name=f"rss-{pid}", daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, sum(_rss_kb(pid) for pid in _tree(self.pid)) / 1024)
            self._stop.wait(self.interval)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0
