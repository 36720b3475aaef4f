"""The PolicyQA benchmark: our retriever on English OPP-115 policy segments, next to a per-policy BM25 baseline.

The BEIR-style data (`corpus.jsonl`, `queries.jsonl`, `qrels.tsv`) is turned into one `Chunk` per segment
(company = policy, language en, label = segment id), embedded through the product's `Embedder` (with a
cache of its own) into a temporary `ChunkStore`, and searched with the product's `Retriever` scoped to the
query's policy. The data never enters the product corpus, its index or its embedding cache. In the same run the
same queries are ranked by per-policy BM25 over the same segments (`eval.policyqa_bm25`), scored with the same
metrics, and our ratio to that baseline is reported per metric: the baseline is always measured on the data given.

Usage::

    data = load_policyqa(Path("../shared/policyqa/dev"), limit=3)
    result = run_policyqa(settings, data=data)
    result.metrics["hit@1"], result.baseline["hit@1"], result.ratios["hit@1"]
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.retrieval import DEFAULT_RANKER_MODEL, Retriever
from core.categories import categorize
from core.errors import GoldSetError, relative_path
from core.settings import Settings
from core.types import Chunk, slugify
from eval.metrics import first_relevant_rank, hit_at, recall_at, reciprocal_rank
from eval.policyqa_bm25 import PolicyBM25, baseline_description
from index.embed import Embedder, EmbedResult
from index.store import ChunkStore

__all__ = [
    "POLICYQA_METRICS",
    "PolicyQAData",
    "PolicyQAQuery",
    "PolicyQAResult",
    "default_cache",
    "load_policyqa",
    "policyqa_markdown",
    "policyqa_retriever",
    "ratios",
    "run_policyqa",
    "score_rankings",
    "write_policyqa_report",
]

logger = logging.getLogger(__name__)

POLICYQA_METRICS = ("hit@1", "hit@3", "hit@5", "hit@10", "recall@10", "mrr@10")

DEPTH = 10
LANGUAGE = "en"
POLICYQA_CACHE = "policyqa_embed_cache.sqlite"


@dataclass(frozen=True)
class PolicyQAQuery:
    """One question about one policy, with the ids of the segments that answer it."""

    id: str
    policy: str
    text: str
    relevant: frozenset[str]


@dataclass(frozen=True)
class PolicyQAData:
    """The segments (as chunks) and queries of the policies under evaluation; `total_policies` counts all in the data."""

    path: Path
    policies: tuple[str, ...]
    total_policies: int
    chunks: tuple[Chunk, ...]
    queries: tuple[PolicyQAQuery, ...]


@dataclass(frozen=True)
class PolicyQAResult:
    """Our retrieval metrics over the queries, the BM25 baseline's on the same queries, and our ratio to it.

    `ratios[name]` is `metrics[name] / baseline[name]`, or None when the baseline scored 0 on that metric.
    """

    data: str
    policies: int
    segments: int
    queries: int
    limited: bool
    embedders: tuple[str, ...]
    metrics: dict[str, float]
    baseline: dict[str, float]
    ratios: dict[str, float | None]
    baseline_method: str
    embedded: int
    cached: int
    seconds: float

    def as_dict(self) -> dict:
        return {
            "data": self.data,
            "policies": self.policies,
            "segments": self.segments,
            "queries": self.queries,
            "limited": self.limited,
            "embedders": list(self.embedders),
            "metrics": {name: round(value, 4) for name, value in self.metrics.items()},
            "baseline": {name: round(value, 4) for name, value in self.baseline.items()},
            "ratios": {name: None if value is None else round(value, 3) for name, value in self.ratios.items()},
            "baseline_method": self.baseline_method,
            "embedded": self.embedded,
            "cached": self.cached,
            "seconds": round(self.seconds, 1),
        }


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    if not path.is_file():
        raise GoldSetError(path, None, "file not found", hint="point --data at a folder with corpus.jsonl,"
                           " queries.jsonl and qrels.tsv")
    rows: list[tuple[int, dict]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldSetError(path, number, f"not valid JSON: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise GoldSetError(path, number, "expected a JSON object")
            rows.append((number, row))
    return rows


def _field(path: Path, number: int, row: dict, name: str) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip():
        raise GoldSetError(path, number, f"missing or empty string field {name!r}")
    return value


def _read_qrels(path: Path) -> dict[str, set[str]]:
    if not path.is_file():
        raise GoldSetError(path, None, "file not found")
    qrels: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            if number == 1 and parts[:2] == ["query-id", "corpus-id"]:
                continue
            if not line.strip():
                continue
            if len(parts) < 2:
                raise GoldSetError(path, number, "expected query-id<TAB>corpus-id<TAB>score")
            score = parts[2] if len(parts) > 2 else "1"
            try:
                relevant = float(score) > 0
            except ValueError as exc:
                raise GoldSetError(path, number, f"score {score!r} is not a number") from exc
            if relevant:
                qrels.setdefault(parts[0], set()).add(parts[1])
    return qrels


def load_policyqa(data_dir: Path, *, limit: int | None = None) -> PolicyQAData:
    """Read a BEIR-style PolicyQA folder into chunks (one per segment) and queries.

    Args:
        data_dir: folder with corpus.jsonl (`_id`, `policy`, `policy_file`, `text`), queries.jsonl (`_id`,
            `policy`, `text`) and qrels.tsv (query-id, corpus-id, score).
        limit: keep only the first `limit` policies (in corpus order); None keeps all.

    Returns:
        The chunks and the queries that have at least one relevant segment in the kept policies.

    Raises:
        GoldSetError: a file is missing, or a line is not valid JSON or lacks a field (path and line named).
        ValueError: `limit` is below 1.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    corpus_path, queries_path = data_dir / "corpus.jsonl", data_dir / "queries.jsonl"
    corpus = _read_jsonl(corpus_path)
    every_policy = list(dict.fromkeys(_field(corpus_path, n, row, "policy") for n, row in corpus))
    policies = every_policy[:limit] if limit is not None else every_policy
    kept = set(policies)

    chunks: list[Chunk] = []
    for number, row in corpus:
        policy = row["policy"]
        if policy not in kept:
            continue
        segment = _field(corpus_path, number, row, "_id")
        text = _field(corpus_path, number, row, "text")
        document = str(row.get("policy_file") or policy)
        section_id = f"{policy}/{document}/{LANGUAGE}/{slugify(segment)}"
        chunks.append(Chunk(
            id=f"{section_id}#0", section_id=section_id, company=policy, document=document, language=LANGUAGE,
            label=segment, title="", path=(segment,), text=text, start=0, end=len(text), line_start=number,
            line_end=number, passage=0, passages=1, categories=categorize(text, language=LANGUAGE),
        ))
    segments = {chunk.label for chunk in chunks}

    qrels = _read_qrels(data_dir / "qrels.tsv")
    queries: list[PolicyQAQuery] = []
    for number, row in _read_jsonl(queries_path):
        policy = _field(queries_path, number, row, "policy")
        if policy not in kept:
            continue
        query_id = _field(queries_path, number, row, "_id")
        relevant = frozenset(qrels.get(query_id, ())) & segments
        if relevant:
            queries.append(PolicyQAQuery(id=query_id, policy=policy, text=_field(queries_path, number, row, "text"),
                                         relevant=relevant))
    return PolicyQAData(path=data_dir, policies=tuple(policies), total_policies=len(every_policy),
                        chunks=tuple(chunks), queries=tuple(queries))


def default_cache(settings: Settings) -> Path:
    """The benchmark's own embedding cache, beside the product's: PolicyQA vectors never enter the product cache."""
    return settings.embed_cache.with_name(POLICYQA_CACHE)


def score_rankings(rankings: Sequence[Sequence[str]], queries: Sequence[PolicyQAQuery]) -> dict[str, float]:
    """Mean Hit@1/3/5/10, Recall@10 and MRR@10 of one ranking (segment ids, best first) per query, in order.

    Raises:
        ValueError: the counts of rankings and queries differ.
    """
    if len(rankings) != len(queries):
        raise ValueError(f"{len(rankings)} rankings for {len(queries)} queries")
    sums = dict.fromkeys(POLICYQA_METRICS, 0.0)
    for ranking, query in zip(rankings, queries, strict=True):
        ranked = list(ranking)[:DEPTH]
        rank = first_relevant_rank(segment in query.relevant for segment in ranked)
        for k in (1, 3, 5, 10):
            sums[f"hit@{k}"] += hit_at(rank, k)
        sums["recall@10"] += recall_at(ranked, query.relevant, DEPTH)
        sums["mrr@10"] += reciprocal_rank(rank, cutoff=DEPTH)
    count = len(queries)
    return {name: (total / count if count else 0.0) for name, total in sums.items()}


def ratios(ours: dict[str, float], baseline: dict[str, float]) -> dict[str, float | None]:
    """`ours[name] / baseline[name]` for each metric of `ours`; None where the baseline is 0 (no ratio exists)."""
    return {name: (value / baseline[name] if baseline[name] > 0 else None) for name, value in ours.items()}


def run_policyqa(settings: Settings, *, data: PolicyQAData, cache: Path | None = None) -> PolicyQAResult:
    """Score our retriever (in a temporary store, with the configured embedders) and the BM25 baseline on `data`.

    Both rank the same segments of each query's policy for the same queries, and are scored with the same metrics.
    The Chroma store lives in a temporary folder that is removed afterwards, whatever `settings.chroma_url`
    says; the vectors are kept in a cache of their own so that reruns only embed the queries.

    Args:
        settings: validated settings (embedders, threads, retrieval options).
        data: what `load_policyqa()` read.
        cache: the embedding cache file to use; default `default_cache(settings)`.

    Returns:
        Mean Hit@1/3/5/10, Recall@10 and MRR@10 over the queries, ours and the baseline's, and our ratio to it.

    Raises:
        ModelUnavailable: an embedder cannot be loaded.
        StoreError: the temporary store or the embedding cache cannot be written.
    """
    clock = time.perf_counter()
    baseline = PolicyBM25.build(data.chunks)
    with policyqa_retriever(settings, data=data, cache=cache) as (retriever, embedded):
        logger.info("PolicyQA: %d segments indexed (%d embedded, %d cached); %d queries",
                    len(data.chunks), embedded.embedded, embedded.cached, len(data.queries))
        ours: list[tuple[str, ...]] = []
        theirs: list[tuple[str, ...]] = []
        for number, query in enumerate(data.queries, start=1):
            retrieval = retriever.run(question=query.text, companies=(query.policy,), language=LANGUAGE, top_k=DEPTH)
            ours.append(tuple(dict.fromkeys(hit.chunk.label for hit in retrieval.hits)))
            theirs.append(baseline.rank(question=query.text, policy=query.policy, top_k=DEPTH))
            if number % 200 == 0:
                logger.info("PolicyQA: %d/%d queries", number, len(data.queries))
    metrics = score_rankings(ours, data.queries)
    base = score_rankings(theirs, data.queries)
    return PolicyQAResult(
        data=relative_path(data.path), policies=len(data.policies), segments=len(data.chunks),
        queries=len(data.queries), limited=len(data.policies) < data.total_policies, embedders=settings.embedders,
        metrics=metrics, baseline=base, ratios=ratios(metrics, base), baseline_method=baseline_description(),
        embedded=embedded.embedded, cached=embedded.cached, seconds=time.perf_counter() - clock,
    )


@contextmanager
def policyqa_retriever(settings: Settings, *, data: PolicyQAData, cache: Path | None = None,
                       ranker_model: Path | None = DEFAULT_RANKER_MODEL) -> Iterator[tuple[Retriever, EmbedResult]]:
    """A warm `Retriever` over the segments of `data` in a temporary store (removed on exit), and the embedding result.

    Args:
        settings: validated settings (embedders, threads, retrieval options).
        data: what `load_policyqa()` read.
        cache: the embedding cache file to use; default `default_cache(settings)`.
        ranker_model: the retriever's ranker model file; None ranks by weighted RRF.

    Raises:
        ModelUnavailable: an embedder cannot be loaded.
        StoreError: the temporary store or the embedding cache cannot be written.
    """
    with tempfile.TemporaryDirectory(prefix="policyqa-") as folder:
        temp = settings.replace(store_dir=Path(folder), embed_cache=cache or default_cache(settings), chroma_url="")
        embedder = Embedder(names=temp.embedders, settings=temp)
        embedder.warm_up()
        embedded = embedder.run(chunks=data.chunks)
        store = ChunkStore(store_dir=temp.store_dir, embedders=temp.embedders)
        store.warm_up()
        store.publish(chunks=data.chunks, vectors=embedded.vectors, keys=embedded.keys)
        retriever = Retriever(settings=temp, store=store, ranker_model=ranker_model)
        retriever.warm_up()
        yield retriever, embedded


def policyqa_markdown(result: PolicyQAResult) -> str:
    """The result as a Markdown table: ours, the baseline and the ratio, one row per metric."""
    scope = f"the first {result.policies} policies (--limit)" if result.limited else f"{result.policies} policies"
    lines = [
        "# PolicyQA retrieval",
        "",
        f"Data `{result.data}`: {scope}, {result.segments} segments, {result.queries} queries;"
        f" embedders {', '.join(result.embedders)}; {result.seconds:.0f} s.",
        f"Baseline, measured in this run on the same queries and segments: {result.baseline_method}.",
        "Ratio = ours / baseline (n/a when the baseline is 0).",
        "",
        "| metric | ours | BM25 baseline | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name in POLICYQA_METRICS:
        ratio = result.ratios[name]
        lines.append(f"| {name} | {result.metrics[name]:.3f} | {result.baseline[name]:.3f} |"
                     f" {'n/a' if ratio is None else f'{ratio:.2f}x'} |")
    return "\n".join(lines) + "\n"


def write_policyqa_report(result: PolicyQAResult, *, out_dir: Path) -> tuple[Path, Path]:
    """Write policyqa.json and policyqa.md into `out_dir` (created when missing); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "policyqa.json", out_dir / "policyqa.md"
    json_path.write_text(json.dumps(result.as_dict(), indent=1), encoding="utf-8")
    md_path.write_text(policyqa_markdown(result), encoding="utf-8")
    return json_path, md_path
