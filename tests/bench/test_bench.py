"""Specifications of the benchmarks: the synthetic corpus generator, the report helpers and a quick end-to-end run.

No test asserts a timing: benchmark numbers depend on the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import BENCHMARKS, main
from bench.common import TreeMemory
from bench.report import markdown_table, render_docs, tables, target_rows
from bench.synth import DonorPool, company_name, write_corpus
from core.manifest import load_corpus
from ingest.chunk import Chunker
from ingest.parse import Parser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "extra_policies"


@pytest.fixture(scope="module")
def pool() -> DonorPool:
    return DonorPool.from_corpus(CORPUS, fixtures=FIXTURES)


@pytest.fixture
def small_synthetic(tmp_path: Path, pool: DonorPool):
    real = tmp_path / "real"
    for company in ("m3d-print", "pixeljet"):
        (real / company).mkdir(parents=True)
        for file in (CORPUS / company).iterdir():
            (real / company / file.name).write_bytes(file.read_bytes())
    return write_corpus(tmp_path / "synthetic", size=12, pool=pool, real_corpus=real), real


def test_donor_pool_covers_all_four_languages(pool: DonorPool) -> None:
    assert pool.languages == ("en", "nl", "de", "fr")


def test_company_names_are_distinct_across_a_thousand_companies() -> None:
    names = [company_name(index) for index in range(1000)]
    assert len(set(names)) == 1000


def test_synthetic_corpus_keeps_the_real_companies_and_adds_distinct_valid_ones(small_synthetic) -> None:
    corpus, real = small_synthetic
    listing = load_corpus(corpus.path)
    assert listing.errors == ()
    ids = [manifest.id for manifest in listing.manifests]
    assert set(corpus.real_companies) == {"m3d-print", "pixeljet"}
    assert set(ids) == {"m3d-print", "pixeljet", *(company.id for company in corpus.companies)}
    texts = [(corpus.path / company.id / "policy.md").read_text(encoding="utf-8") for company in corpus.companies]
    assert len(set(texts)) == len(texts) == 12
    copied = (corpus.path / "pixeljet" / "manifest.toml").read_bytes()
    assert copied == (real / "pixeljet" / "manifest.toml").read_bytes()


def test_synthetic_policies_parse_into_the_sections_they_were_built_from(small_synthetic) -> None:
    corpus, _ = small_synthetic
    listing = load_corpus(corpus.path)
    parser = Parser()
    parser.warm_up()
    for company in corpus.companies:
        manifest = listing.get(company.id)
        assert manifest is not None
        sections = parser.run(spec=manifest.documents[0], company=company.id).sections
        assert len(sections) == company.sections, company.id
        assert {section.language for section in sections} == {company.language}
        assert Chunker(max_chars=1200).run(sections=sections).chunks


def test_synthetic_policies_carry_their_own_name_instead_of_the_donor_shop(small_synthetic) -> None:
    corpus, _ = small_synthetic
    for company in corpus.companies:
        text = (corpus.path / company.id / "policy.md").read_text(encoding="utf-8").casefold()
        for donor in ("pixeljet", "m3d-print", "j3d prints", "online-3d-printen"):
            assert donor not in text, (company.id, donor)


def test_the_same_seed_writes_the_same_corpus(tmp_path: Path, pool: DonorPool) -> None:
    real = tmp_path / "real"
    (real / "m3d-print").mkdir(parents=True)
    for file in (CORPUS / "m3d-print").iterdir():
        (real / "m3d-print" / file.name).write_bytes(file.read_bytes())
    first = write_corpus(tmp_path / "a", size=4, pool=pool, real_corpus=real)
    second = write_corpus(tmp_path / "b", size=4, pool=pool, real_corpus=real)
    assert first.companies == second.companies
    for company in first.companies:
        text = (first.path / company.id / "policy.md").read_text(encoding="utf-8")
        assert text == (second.path / company.id / "policy.md").read_text(encoding="utf-8")


def test_markdown_table_prints_missing_values_as_a_dash() -> None:
    table = markdown_table([{"a": 1, "b": None}, {"a": 2.5}], ("a", "b"))
    assert table.splitlines() == ["| a | b |", "|---|---|", "| 1 | – |", "| 2.500 | – |"]


def test_docs_show_the_machine_and_say_which_results_are_quick() -> None:
    result = {"benchmark": "ingest", "quick": True, "finished": "2026-01-01T00:00:00+00:00", "seconds": 1.0,
              "machine": {"cpu": "Test CPU", "nproc": 2, "memory_gb": 4.0, "python": "3.11", "platform": "linux"},
              "corpus": "x", "embedders": ["hash"], "runs": [{"run": "cold (empty cache)", "seconds": 1.5}]}
    page = render_docs({}, quick_results={"ingest": result})
    assert "Test CPU, 2 cores" in page
    assert "*quick run (--quick)" in page
    assert "| cold (empty cache) | 1.500 |" in page
    assert tables("ingest", result)


def test_targets_say_met_missed_or_not_measured_from_the_results() -> None:
    results = {
        "latency": {"modes": {"in-process (AskPipeline)": {"stages": {"total": {"p95": 151.0}}}}},
        "ingest": {"runs": [{"run": "no change", "seconds": 0.4},
                            {"run": "no change, whole `python -m ingest` process", "seconds": 1.2}]},
        "scaling": {"rows": [{"synthetic": 100, "measured": True, "answer_p95_ms": 1.0},
                             {"synthetic": 1000, "measured": True, "answer_p95_ms": 250.0, "ingest_s": 1900.0,
                              "ingest_peak_rss_mb": 900.0, "query_peak_rss_mb": 700.0}]},
    }
    real, big, no_change, rss, ratio, cold = target_rows(results)
    assert (real["measured"], real["met"]) == ("151 ms", "NO")
    assert (big["measured"], big["met"]) == ("250 ms", "yes")
    rows = {row["target"].split(",")[0]: row for row in (no_change, rss, ratio, cold)}
    assert rows["no-change re-ingest"] == {"target": "no-change re-ingest", "limit": "<= 2 s", "measured": "1.2 s",
                                           "met": "yes"}
    assert rows["peak RSS"]["measured"] == "900 MB" and rows["peak RSS"]["met"] == "yes"
    assert rows["cold ingest"]["met"] == "NO"
    assert rows["citation Hit@1 / stock llama-index"]["met"] == "not measured"


def test_tree_memory_counts_the_child_processes_of_a_process() -> None:
    script = ("import subprocess, sys, time; c = [subprocess.Popen([sys.executable, '-c',"
              " 'b = bytearray(120_000_000); import time; time.sleep(1.5)']) for _ in range(2)];"
              " [p.wait() for p in c]")
    process = subprocess.Popen([sys.executable, "-c", script])
    with TreeMemory(process.pid, interval=0.05) as memory:
        process.wait()
    assert memory.peak_mb > 240


def test_sizes_are_refused_for_benchmarks_other_than_scaling() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["latency", "--sizes", "3"])
    assert exit_info.value.code == 2


@pytest.mark.slow
@pytest.mark.server
def test_quick_suite_runs_every_benchmark_and_writes_json(tmp_path: Path, embed_cache_path: Path) -> None:
    env = {**os.environ, "PA_EMBED_CACHE": str(embed_cache_path), "HF_HUB_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False"}
    env.pop("PA_STORE_DIR", None)
    out = tmp_path / "results"
    result = subprocess.run([sys.executable, "-m", "bench", "all", "--quick", "--out", str(out), "--json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr[-3000:]
    document = json.loads(result.stdout)
    assert document["ok"] is True
    for name in BENCHMARKS:
        data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert data["benchmark"] == name and data["quick"] is True
        assert data["machine"]["nproc"] >= 1
    scaling = json.loads((out / "scaling.json").read_text(encoding="utf-8"))
    assert [row["synthetic"] for row in scaling["rows"]] == [3, 10]
    assert (out / "scaling.png").stat().st_size > 0
    baseline = json.loads((out / "baseline.json").read_text(encoding="utf-8"))
    assert set(baseline["ratios"]) >= {"hit@1", "hit@3"}
