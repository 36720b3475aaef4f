"""Specifications of the PolicyQA benchmark: reading the BEIR layout, the BM25 baseline, scoring, the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from core.errors import GoldSetError
from core.settings import load_settings
from eval.cli import main
from eval.policyqa import POLICYQA_METRICS, load_policyqa, ratios, run_policyqa
from eval.policyqa_bm25 import PolicyBM25


def _shared_policyqa_dev() -> Path:
    """`../shared/policyqa/dev` beside the project, or beside a folder above it (a git worktree sits deeper)."""
    candidates = [folder / "shared" / "policyqa" / "dev" for folder in Path(__file__).resolve().parents[3:]]
    return next((path for path in candidates if path.is_dir()), candidates[0])


POLICYQA_DEV = _shared_policyqa_dev()

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

# For the baseline: rankings that can be checked by hand. After lower-casing, the 33 stop words and Snowball stemming,
# the segments are shop-a#0 [we keep your order histori seven year], #1 [cooki rememb your shop cart],
# #2 [write us delet your account]; shop-b#0 [we never sell person inform], #1 [newslett go subscrib].
BASELINE_SEGMENTS = [
    ("shop-a", "We keep your order history for seven years."),
    ("shop-a", "Cookies remember your shopping cart."),
    ("shop-a", "Write to us to delete your account."),
    ("shop-b", "We never sell personal information."),
    ("shop-b", "Newsletters go to subscribers."),
]
BASELINE_QUERIES = [
    # keep, order, histori occur in shop-a#0 only: it alone is ranked
    ("b1", "shop-a", "How long do you keep my order history?", ["shop-a#0"]),
    # delet, account occur in shop-a#2 only
    ("b2", "shop-a", "Can I delete my account?", ["shop-a#2"]),
    # no term in common with any segment: nothing is ranked, a miss at every depth
    ("b3", "shop-a", "What about tracking technologies?", ["shop-a#1"]),
    # inform (shop-b#0, 5 tokens) and subscrib (shop-b#1, 3 tokens) have the same IDF (ln 2); with k1 1.5, b 0.75 and
    # mean length 4 the shorter segment scores 0.312 against 0.249, so the relevant shop-b#0 comes second
    ("b4", "shop-b", "Which information do subscribers get?", ["shop-b#0"]),
]
BASELINE_EXPECTED = {"hit@1": 2 / 4, "hit@3": 3 / 4, "hit@5": 3 / 4, "hit@10": 3 / 4, "recall@10": 3 / 4,
                     "mrr@10": (1 + 1 + 0 + 1 / 2) / 4}

Segments = list[tuple[str, str]]
Queries = list[tuple[str, str, str, list[str]]]


def write_beir(folder: Path, segments: Segments = SEGMENTS, queries: Queries = QUERIES) -> Path:
    """A tiny PolicyQA-shaped folder: by default two policies, five segments, four queries."""
    folder.mkdir(parents=True, exist_ok=True)
    index: dict[str, int] = {}
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as corpus:
        for policy, text in segments:
            n = index.get(policy, 0)
            index[policy] = n + 1
            row = {"_id": f"{policy}#{n}", "policy": policy, "policy_file": f"1_{policy}", "segment_index": n,
                   "text": text}
            corpus.write(json.dumps(row) + "\n")
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as handle:
        for query_id, policy, text, _ in queries:
            handle.write(json.dumps({"_id": query_id, "policy": policy, "text": text, "answers": []}) + "\n")
    lines = ["query-id\tcorpus-id\tscore"]
    lines += [f"{query_id}\t{segment}\t1" for query_id, _, _, relevant in queries for segment in relevant]
    (folder / "qrels.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_baseline_beir(folder: Path) -> Path:
    """The folder of the baseline's hand-checked segments and queries."""
    return write_beir(folder, BASELINE_SEGMENTS, BASELINE_QUERIES)


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
    assert not (store / "index.json").exists()
    assert not (store / "chroma").exists()
    assert not (tmp_path / "cache.sqlite").exists(), "PolicyQA vectors went into the product's embedding cache"
    assert (tmp_path / "policyqa_embed_cache.sqlite").is_file()


def test_bm25_baseline_ranks_segments_sharing_a_query_term_best_first(tmp_path: Path) -> None:
    data = load_policyqa(write_baseline_beir(tmp_path / "beir"))
    baseline = PolicyBM25.build(data.chunks)
    rankings = [baseline.rank(question=query.text, policy=query.policy, top_k=10) for query in data.queries]
    assert rankings == [("shop-a#0",), ("shop-a#2",), (), ("shop-b#1", "shop-b#0")]
    assert baseline.rank(question="Which information do subscribers get?", policy="shop-b", top_k=1) == ("shop-b#1",)


def test_bm25_baseline_searches_only_the_query_policy(tmp_path: Path) -> None:
    baseline = PolicyBM25.build(load_policyqa(write_baseline_beir(tmp_path / "beir")).chunks)
    # both words are in shop-b's segments only
    assert baseline.rank(question="Do you sell newsletters?", policy="shop-b", top_k=10) == ("shop-b#1", "shop-b#0")
    assert baseline.rank(question="Do you sell newsletters?", policy="shop-a", top_k=10) == ()
    assert baseline.rank(question="Do you sell newsletters?", policy="shop-z", top_k=10) == ()


def test_bm25_baseline_refuses_a_depth_below_one(tmp_path: Path) -> None:
    baseline = PolicyBM25.build(load_policyqa(write_baseline_beir(tmp_path / "beir")).chunks)
    with pytest.raises(ValueError, match="top_k must be at least 1, got 0"):
        baseline.rank(question="Do you sell newsletters?", policy="shop-b", top_k=0)


def test_baseline_is_measured_on_the_given_data_and_the_ratio_is_ours_over_it_from_the_same_run(
    tmp_path: Path
) -> None:
    settings = load_settings({}, store_dir=tmp_path / "store", embed_cache=tmp_path / "cache.sqlite", embedders="hash")
    result = run_policyqa(settings, data=load_policyqa(write_baseline_beir(tmp_path / "beir")))
    assert result.baseline == pytest.approx(BASELINE_EXPECTED)
    assert set(result.ratios) == set(POLICYQA_METRICS)
    for name in POLICYQA_METRICS:
        assert result.ratios[name] == pytest.approx(result.metrics[name] / result.baseline[name])
    assert "English Snowball stemmer" in result.baseline_method and "k1=1.5, b=0.75" in result.baseline_method


def test_limiting_the_policies_limits_the_baseline_to_the_same_queries(tmp_path: Path) -> None:
    settings = load_settings({}, store_dir=tmp_path / "store", embed_cache=tmp_path / "cache.sqlite", embedders="hash")
    result = run_policyqa(settings, data=load_policyqa(write_baseline_beir(tmp_path / "beir"), limit=1))
    assert result.queries == 3 and result.limited
    assert result.baseline == pytest.approx(dict.fromkeys(POLICYQA_METRICS, 2 / 3))


def test_no_ratio_exists_where_the_baseline_scores_zero() -> None:
    assert ratios({"hit@1": 0.4, "mrr@10": 0.5}, {"hit@1": 0.0, "mrr@10": 0.25}) == {"hit@1": None, "mrr@10": 2.0}


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_cli_reports_ours_the_measured_baseline_and_the_ratio(tmp_path: Path, as_json: bool) -> None:
    environ = {"PA_STORE_DIR": str(tmp_path / "store"), "PA_EMBED_CACHE": str(tmp_path / "cache.sqlite"),
               "PA_EMBEDDERS": "hash"}
    out, stdout = tmp_path / "out", io.StringIO()
    argv = ["policyqa", "--data", str(write_baseline_beir(tmp_path / "beir")), "--out", str(out)]
    code = main(argv + (["--json"] if as_json else []), environ=environ, stdout=stdout)
    assert code == 0, stdout.getvalue()
    report = json.loads((out / "policyqa.json").read_text(encoding="utf-8"))
    assert report["baseline"] == {name: round(value, 4) for name, value in BASELINE_EXPECTED.items()}
    assert report["baseline_method"].startswith("bm25s ")
    printed = stdout.getvalue() if not as_json else None
    for text in filter(None, [(out / "policyqa.md").read_text(encoding="utf-8"), printed]):
        assert "| metric | ours | BM25 baseline | ratio |" in text
        table = table_rows(text)
        assert list(table) == list(POLICYQA_METRICS), text
        for name, (ours, base, ratio) in table.items():
            assert ours == pytest.approx(report["metrics"][name], abs=6e-4)
            assert base == pytest.approx(BASELINE_EXPECTED[name], abs=6e-4)
            assert ratio == pytest.approx(report["metrics"][name] / BASELINE_EXPECTED[name], abs=6e-3)
    if as_json:
        payload = json.loads(stdout.getvalue())
        assert payload["baseline"] == report["baseline"] and payload["ratios"] == report["ratios"]
        assert payload["ratios"]["mrr@10"] == pytest.approx(payload["metrics"]["mrr@10"] / BASELINE_EXPECTED["mrr@10"],
                                                            abs=1e-3)


def table_rows(markdown: str) -> dict[str, tuple[float, float, float]]:
    """The metric rows of a PolicyQA table: metric -> (ours, baseline, ratio)."""
    rows: dict[str, tuple[float, float, float]] = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0] in POLICYQA_METRICS:
            rows[cells[0]] = (float(cells[1]), float(cells[2]), float(cells[3].rstrip("x")))
    return rows


def test_cli_refuses_a_limit_below_one() -> None:
    stderr = io.StringIO()
    assert main(["policyqa", "--data", str(POLICYQA_DEV), "--limit", "0"], stderr=stderr) == 2
    assert "must be at least 1" in stderr.getvalue()


@pytest.mark.slow
def test_limited_run_on_real_policies_measures_the_baseline_on_the_same_slice(
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
    assert set(payload["baseline"]) == set(POLICYQA_METRICS)
    for ranked in (payload["metrics"], payload["baseline"]):
        assert ranked["hit@10"] >= ranked["hit@5"] >= ranked["hit@3"] >= ranked["hit@1"] > 0.0
    # the baseline's Hit@1 on exactly these queries and segments, counted apart from the run
    data = load_policyqa(POLICYQA_DEV, limit=2)
    baseline = PolicyBM25.build(data.chunks)
    firsts = [baseline.rank(question=query.text, policy=query.policy, top_k=1) for query in data.queries]
    assert len(firsts) == payload["queries"]
    hits = sum(bool(first) and first[0] in query.relevant for first, query in zip(firsts, data.queries, strict=True))
    assert payload["baseline"]["hit@1"] == round(hits / len(firsts), 4)
    for name in POLICYQA_METRICS:
        assert payload["ratios"][name] == pytest.approx(payload["metrics"][name] / payload["baseline"][name], abs=2e-3)
    assert json.loads((out / "policyqa.json").read_text())["metrics"] == payload["metrics"]
    assert "| hit@1 |" in (out / "policyqa.md").read_text()
    assert not (tmp_path / "store" / "index.json").exists()
