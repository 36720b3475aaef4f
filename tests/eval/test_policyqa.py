"""Specifications of the PolicyQA benchmark: reading the BEIR layout, scoring the retriever, the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from core.errors import GoldSetError
from core.settings import load_settings
from eval.cli import main
from eval.policyqa import BASELINE, POLICYQA_METRICS, load_policyqa, run_policyqa

POLICYQA_DEV = Path(__file__).resolve().parents[3] / "shared" / "policyqa" / "dev"

SEGMENTS = [
    ("shop-a", "We collect your name and e-mail address when you place an order."),
    ("shop-a", "Cookies help us remember the contents of your shopping cart."),
    ("shop-a", "You may ask us to delete your account at any time by writing to privacy@shop-a.example."),
    ("shop-b", "We never sell personal information to third parties."),
    ("shop-b", "Our newsletter is sent only to subscribers who opted in."),
]
QUERIES = [
    ("q1", "shop-a", "Can I have my account deleted?", ["shop-a#2"]),
    ("q2", "shop-a", "What do you use cookies for?", ["shop-a#1"]),
    ("q3", "shop-b", "Do you sell my personal information?", ["shop-b#0"]),
    ("q4", "shop-b", "Who receives the newsletter?", ["shop-b#1", "shop-b#0"]),
]


def write_beir(folder: Path) -> Path:
    """A tiny PolicyQA-shaped folder: two policies, five segments, four queries."""
    folder.mkdir(parents=True, exist_ok=True)
    index: dict[str, int] = {}
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as corpus:
        for policy, text in SEGMENTS:
            n = index.get(policy, 0)
            index[policy] = n + 1
            row = {"_id": f"{policy}#{n}", "policy": policy, "policy_file": f"1_{policy}", "segment_index": n,
                   "text": text}
            corpus.write(json.dumps(row) + "\n")
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as queries:
        for query_id, policy, text, _ in QUERIES:
            queries.write(json.dumps({"_id": query_id, "policy": policy, "text": text, "answers": []}) + "\n")
    lines = ["query-id\tcorpus-id\tscore"]
    lines += [f"{query_id}\t{segment}\t1" for query_id, _, _, relevant in QUERIES for segment in relevant]
    (folder / "qrels.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_segments_become_english_chunks_of_their_policy_labelled_by_segment_id(tmp_path: Path) -> None:
    data = load_policyqa(write_beir(tmp_path / "beir"))
    assert data.policies == ("shop-a", "shop-b")
    assert [chunk.label for chunk in data.chunks] == ["shop-a#0", "shop-a#1", "shop-a#2", "shop-b#0", "shop-b#1"]
    first = data.chunks[0]
    assert (first.company, first.language, first.document, first.text) == ("shop-a", "en", "1_shop-a", SEGMENTS[0][1])
    assert "collection" in first.categories
    assert data.queries[3].relevant == frozenset({"shop-b#0", "shop-b#1"})


def test_limit_keeps_the_first_policies_and_their_queries(tmp_path: Path) -> None:
    data = load_policyqa(write_beir(tmp_path / "beir"), limit=1)
    assert data.policies == ("shop-a",)
    assert data.total_policies == 2
    assert {chunk.company for chunk in data.chunks} == {"shop-a"}
    assert [query.id for query in data.queries] == ["q1", "q2"]


def test_a_broken_corpus_line_is_reported_with_its_path_and_line(tmp_path: Path) -> None:
    folder = write_beir(tmp_path / "beir")
    with (folder / "corpus.jsonl").open("a", encoding="utf-8") as corpus:
        corpus.write('{"_id": "shop-c#0", "policy": "shop-c"\n')
    with pytest.raises(GoldSetError, match=r"corpus.jsonl:6: not valid JSON"):
        load_policyqa(folder)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    folder = write_beir(tmp_path / "beir")
    (folder / "qrels.tsv").unlink()
    with pytest.raises(GoldSetError, match=r"qrels.tsv: file not found"):
        load_policyqa(folder)


def test_retriever_scores_on_a_temporary_index_without_touching_the_product_store_or_cache(tmp_path: Path) -> None:
    store = tmp_path / "store"
    settings = load_settings({}, store_dir=store, embed_cache=tmp_path / "cache.sqlite", embedders="hash")
    result = run_policyqa(settings, data=load_policyqa(write_beir(tmp_path / "beir")))
    assert result.queries == 4 and result.segments == 5 and not result.limited
    assert set(result.metrics) == set(POLICYQA_METRICS)
    assert 0.0 <= result.metrics["hit@1"] <= result.metrics["hit@3"] <= result.metrics["hit@10"] <= 1.0
    # two segments per query at most: with scoping to the query's policy every relevant one is in the top 10
    assert result.metrics["hit@10"] == 1.0 and result.metrics["recall@10"] == 1.0
    assert result.ratios["hit@1"] == pytest.approx(result.metrics["hit@1"] / BASELINE["hit@1"])
    assert not (store / "index.json").exists()
    assert not (store / "chroma").exists()
    assert not (tmp_path / "cache.sqlite").exists(), "PolicyQA vectors went into the product's embedding cache"
    assert (tmp_path / "policyqa_embed_cache.sqlite").is_file()


def test_cli_refuses_a_limit_below_one() -> None:
    stderr = io.StringIO()
    assert main(["policyqa", "--data", str(POLICYQA_DEV), "--limit", "0"], stderr=stderr) == 2
    assert "must be at least 1" in stderr.getvalue()


@pytest.mark.slow
def test_limited_run_on_real_policies_reports_every_metric_and_the_baseline(
    tmp_path: Path, embed_cache_path: Path
) -> None:
    stdout = io.StringIO()
    environ = {"PA_STORE_DIR": str(tmp_path / "store"), "PA_EMBED_CACHE": str(embed_cache_path)}
    out = tmp_path / "out"
    code = main(["policyqa", "--data", str(POLICYQA_DEV), "--limit", "2", "--out", str(out), "--json"],
                environ=environ, stdout=stdout)
    assert code == 0, stdout.getvalue()
    payload = json.loads(stdout.getvalue())
    assert payload["ok"] is True
    assert payload["policies"] == 2 and payload["limited"] is True and payload["queries"] > 100
    assert set(payload["metrics"]) == set(POLICYQA_METRICS)
    assert payload["baseline"] == BASELINE
    assert payload["metrics"]["hit@10"] >= payload["metrics"]["hit@5"] >= payload["metrics"]["hit@1"] > 0.0
    assert json.loads((out / "policyqa.json").read_text())["metrics"] == payload["metrics"]
    assert "| hit@1 |" in (out / "policyqa.md").read_text()
    assert not (tmp_path / "store" / "index.json").exists()
