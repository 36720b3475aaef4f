"""Specifications of `python -m eval`: gate syntax, per-item validation errors, reports and the exit code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from core.errors import relative_path
from core.settings import Settings
from eval.cli import DEFAULT_GOLD, GATES, main, parse_gate

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"
PIXELJET = "004_d70c89b0774abc04.txt"
RETENTION_QUOTE = "The personal data described above are retained for as long as necessary to use our services."


def gold_line(item_id: str, **changes: object) -> str:
    item: dict[str, object] = {
        "id": item_id,
        "lang": "en",
        "question": f"How long does Pixeljet keep my personal data? ({item_id})",
        "company": "pixeljet",
        "company_in_question": True,
        "answerable": True,
        "gold": [{"doc": PIXELJET, "section": "Retention periods", "quote": RETENTION_QUOTE}],
        "facts": [["as long as necessary"]],
        "category": "retention",
        "split": "dev",
    }
    item.update(changes)
    return json.dumps(item, ensure_ascii=False)


def held_out_file(tmp_path: Path, *, with_valid: bool) -> Path:
    """A held-out gold file with an unknown company and a missing section (and optionally one valid item)."""
    lines = [
        gold_line("held-unknown-company", company="acme-prints",
                  question="How long does Acme Prints keep my personal data?"),
        gold_line("held-missing-section", gold=[{"doc": PIXELJET, "section": "Data retention", "quote": RETENTION_QUOTE}]),
    ]
    if with_valid:
        lines.insert(1, gold_line("held-valid"))
    path = tmp_path / "held_out.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def environ_of(settings: Settings) -> dict[str, str]:
    return {"PA_CORPUS_DIR": str(settings.corpus_dir), "PA_STORE_DIR": str(settings.store_dir),
            "PA_EMBEDDERS": ",".join(settings.embedders), "PA_EMBED_CACHE": str(settings.embed_cache)}


def run_cli(args: list[str], environ: dict[str, str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(args, environ=environ, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


# ---------------------------------------------------------------- gate syntax


@pytest.mark.parametrize(
    ("gate", "message"),
    [
        ("hit@1", "is not METRIC=VALUE"),
        ("=0.5", "is not METRIC=VALUE"),
        ("hit@1=high", "is not a number"),
        ("hit@1=1.5", "outside [0, 1]"),
        ("hit@1:es=0.5", "unknown language 'es'"),
        ("recall=0.5", "unknown metric 'recall'"),
        ("cross_lingual_consistency:nl=0.8", "cross_lingual_consistency in 'cross_lingual_consistency:nl=0.8' is "
                                             "measured across languages; drop ':nl'"),
    ],
)
def test_bad_fail_under_is_a_usage_error(gate: str, message: str) -> None:
    code, stdout, stderr = run_cli(["--fail-under", gate], {})
    assert code == 2, stderr
    assert message in stderr
    assert stdout == ""


def test_unknown_metric_lists_the_valid_names() -> None:
    _, _, stderr = run_cli(["--fail-under", "precision=0.5"], {})
    for name in GATES:
        assert name in stderr


@pytest.mark.parametrize(("text", "language", "threshold"), [("hit@1=0.6", None, 0.6), ("HIT@1:nl=0.5", "nl", 0.5),
                                                             ("fact_recall = 1", None, 1.0),
                                                             ("cross_lingual_consistency=0.8", None, 0.8)])
def test_fail_under_accepts_overall_and_per_language_gates(text: str, language: str | None, threshold: float) -> None:
    gate = parse_gate(text)
    assert (gate.language, gate.threshold) == (language, threshold)


def test_unknown_split_is_a_usage_error() -> None:
    code, _, stderr = run_cli(["--split", "train"], {})
    assert code == 2
    assert "invalid choice: 'train'" in stderr


def test_the_shipped_gold_set_is_the_default() -> None:
    assert sorted(DEFAULT_GOLD.glob("*.jsonl")), "eval/gold holds no gold file"


# ---------------------------------------------------------------- per-item validation errors


def test_rejected_items_are_reported_per_item_without_touching_the_index(tmp_path: Path) -> None:
    """Every item is rejected, so no index (there is none in this store) and no model is needed."""
    environ = {"PA_STORE_DIR": str(tmp_path / "no-index"), "PA_EMBEDDERS": "hash"}
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        ["--gold", str(held_out_file(tmp_path, with_valid=False)), "--out", str(out), "--json"], environ
    )
    assert code == 0, stderr
    payload = json.loads(stdout)
    reasons: dict[str, str] = {}
    for item in payload["skipped"]:
        reasons[item["id"]] = reasons.get(item["id"], "") + item["reason"] + "\n"
    assert "unknown company 'acme-prints'" in reasons["held-unknown-company"]
    assert "unknown section 'Data retention'" in reasons["held-missing-section"]
    assert payload["overall"]["items"] == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "held-unknown-company" in report and "unknown section 'Data retention'" in report
    assert not (tmp_path / "no-index").exists()


def test_a_held_out_file_with_bad_items_still_scores_the_valid_ones(hash_index: Settings, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        ["--gold", str(held_out_file(tmp_path, with_valid=True)), "--out", str(out), "--json",
         "--fail-under", "hit@3=0"],
        environ_of(hash_index),
    )
    assert code == 0, stderr
    payload = json.loads(stdout)
    assert payload["ok"] is True
    assert payload["overall"]["items"] == 1
    assert {item["id"] for item in payload["skipped"]} == {"held-missing-section", "held-unknown-company"}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    [record] = report["items"]
    assert record["id"] == "held-valid"
    assert record["company_passed"] is None  # the question names Pixeljet: detection is exercised
    assert record["expected"]["gold"][0]["section"] == "Retention periods"
    assert record["returned"]["status"] in {"answered", "not_in_policy", "out_of_scope", "unknown_company", "error"}


def test_gates_that_cannot_be_met_fail_the_run_and_are_named(hash_index: Settings, tmp_path: Path) -> None:
    code, stdout, stderr = run_cli(
        ["--gold", str(held_out_file(tmp_path, with_valid=True)), "--out", str(tmp_path / "out"),
         "--fail-under", "abstention_f1=0.5", "--fail-under", "hit@1:fr=0.1", "--fail-under", "hit@3=0"],
        environ_of(hash_index),
    )
    assert code == 1, stderr
    assert "gate not met: FAIL abstention_f1 = n/a (no items)" in stderr
    assert "gate not met: FAIL hit@1:fr = n/a (no items)" in stderr
    assert "FAIL hit@3" not in stderr
    assert "ok hit@3" in stdout


def test_a_consistency_gate_without_a_countable_concept_fails_as_not_applicable(tmp_path: Path) -> None:
    """Every item is rejected, so no concept is counted: the metric is n/a, never a free 1.0."""
    environ = {"PA_STORE_DIR": str(tmp_path / "no-index"), "PA_EMBEDDERS": "hash"}
    code, stdout, stderr = run_cli(
        ["--gold", str(held_out_file(tmp_path, with_valid=False)), "--out", str(tmp_path / "out"), "--json",
         "--fail-under", "cross_lingual_consistency=0.8"], environ)
    assert code == 1, stderr
    assert "gate not met: FAIL cross_lingual_consistency = n/a (no items)" in stderr
    payload = json.loads(stdout)
    assert payload["overall"]["values"]["cross_lingual_consistency"] is None
    assert payload["cross_lingual"] == {"value": None, "counted": 0, "consistent": 0, "concepts": []}


def test_concept_items_are_scored_for_cross_lingual_consistency_and_gated(hash_index: Settings,
                                                                          tmp_path: Path) -> None:
    concept = "retention-pxj-keep"
    path = tmp_path / "concepts.jsonl"
    path.write_text(
        gold_line("en-retention-pxj-20", concept=concept) + "\n"
        + gold_line("nl-retention-pxj-20", lang="nl", concept=concept,
                    question="hoe lang bewaart Pixeljet mijn persoonsgegevens?") + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(["--gold", str(path), "--out", str(out), "--json",
                                    "--fail-under", "cross_lingual_consistency=0"], environ_of(hash_index))
    payload = json.loads(stdout)
    value = payload["overall"]["values"]["cross_lingual_consistency"]
    assert code == (0 if value is not None else 1), stderr
    [gate] = payload["gates"]
    assert (gate["metric"], gate["value"], gate["passed"]) == ("cross_lingual_consistency", value, value is not None)
    cross = payload["cross_lingual"]
    assert (cross["value"], cross["counted"]) == (value, payload["overall"]["support"]["cross_lingual_consistency"])
    [detail] = cross["concepts"]
    assert detail["concept"] == concept and detail["company"] == "pixeljet"
    assert [(c["lang"], c["item"]) for c in detail["cited"]] == [("en", "en-retention-pxj-20"),
                                                                 ("nl", "nl-retention-pxj-20")]
    items = {record["id"]: record for record in json.loads((out / "report.json").read_text("utf-8"))["items"]}
    for cited in detail["cited"]:  # the detail is the first returned citation of each item
        citations = sorted(items[cited["item"]]["returned"]["citations"], key=lambda c: c["n"])
        answered = items[cited["item"]]["returned"]["status"] == "answered" and citations
        assert cited["section"] == (citations[0]["section"] if answered else None)
    assert "## Cross-lingual consistency" in (out / "report.md").read_text(encoding="utf-8")


def test_a_missing_gold_file_is_an_error_with_its_path(tmp_path: Path) -> None:
    code, stdout, _ = run_cli(["--gold", str(tmp_path / "nope.jsonl"), "--json"], {})
    assert code == 1
    payload = json.loads(stdout)
    assert payload["ok"] is False
    assert payload["path"].endswith("nope.jsonl") and "gold file not found" in payload["error"]


def test_corpus_and_store_flags_name_the_index_and_an_index_of_another_corpus_exits_1(
        make_index, small_corpus: Path, tmp_path: Path) -> None:
    """The gold item is valid in the full corpus; the index named by --store holds only two of its shops."""
    small = make_index(tmp_path, corpus_dir=small_corpus, embedders=("hash",))
    gold = tmp_path / "one.jsonl"
    gold.write_text(gold_line("one") + "\n", encoding="utf-8")
    environ = {"PA_STORE_DIR": str(tmp_path / "no-index"), "PA_EMBEDDERS": "hash",
               "PA_EMBED_CACHE": str(small.embed_cache)}
    code, stdout, _ = run_cli(["--gold", str(gold), "--out", str(tmp_path / "out"), "--json",
                               "--corpus", str(CORPUS), "--store", str(small.store_dir)], environ)
    assert code == 1
    error = json.loads(stdout)
    assert error["ok"] is False
    assert f"index {relative_path(small.store_dir)}/ holds m3d-print, pixeljet; corpus {relative_path(CORPUS)}/ has " \
           in error["error"]
    assert f"run `python -m ingest --corpus {relative_path(CORPUS)} --store {relative_path(small.store_dir)}`" \
           in error["error"]
    assert not (tmp_path / "no-index").exists()


# ---------------------------------------------------------------- end to end on the real pipeline


def six_shipped_items(tmp_path: Path) -> Path:
    """The first dev item of each language, the first unanswerable and the first comparison item of the shipped set."""
    rows = [json.loads(line) for path in sorted(DEFAULT_GOLD.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [row for row in rows if row["split"] == "dev" and "concept" not in row]  # a lone concept item is invalid
    chosen: list[dict] = []
    for lang in ("en", "nl", "de", "fr"):
        chosen.append(next(row for row in dev if row["lang"] == lang and row["answerable"]))
    chosen.append(next(row for row in dev if not row["answerable"]))
    chosen.append(next(row for row in dev if row["category"] == "comparison"))
    path = tmp_path / "six.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in chosen), encoding="utf-8")
    return path


@pytest.mark.slow
def test_six_items_end_to_end_write_the_report_and_gate_the_exit_code(seed_settings: Settings, tmp_path: Path) -> None:
    gold = six_shipped_items(tmp_path)
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        ["--gold", str(gold), "--split", "dev", "--out", str(out), "--json", "--fail-under", "quote_verified=0",
         "--fail-under", "language_accuracy:nl=0"],
        environ_of(seed_settings),
    )
    assert code == 0, stderr
    payload = json.loads(stdout)
    assert payload["overall"]["items"] == 6 and payload["skipped"] == []
    assert set(payload["by_language"]) == {"en", "nl", "de", "fr"}
    report = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("## Overall", "## Per language", "## Per category", "## Per company", "## Failed items"):
        assert heading in report
    for failed in payload["failed"]:
        assert f"### {failed} (" in report
    assert (out / "hit1_fact_recall_by_language.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    records = json.loads((out / "report.json").read_text(encoding="utf-8"))["items"]
    assert [record["id"] for record in records] == [json.loads(line)["id"] for line in gold.read_text().splitlines()]
    assert all(record["returned"]["timing_ms"].get("total", 0) > 0 for record in records)

    hit1 = payload["overall"]["values"]["hit@1"]
    code, _, stderr = run_cli(
        ["--gold", str(gold), "--out", str(out), "--fail-under", f"hit@1={min(1.0, hit1 + 0.01):.3f}"],
        environ_of(seed_settings),
    )
    assert code == (1 if hit1 < 1.0 else 0)
    assert ("gate not met: FAIL hit@1" in stderr) is (hit1 < 1.0)


def test_comparison_items_are_scored_for_company_coverage_and_gated(hash_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "comparison.jsonl"
    path.write_text(gold_line(
        "en-comparison-multi-90", company=None, category="comparison", facts=[["invoices"]],
        question="How long do M3D-Print and J3D Prints keep my invoices?",
        gold=[{"doc": "000_48002a1284e2571b.txt", "section": "Data retention period",
               "quote": "Invoices and accounting records are kept for the statutory retention period required by "
                        "Belgian tax law."},
              {"doc": "001_ee5694b89859d272.txt", "section": "Retention periods",
               "quote": "Based on applicable administrative obligations, we must keep invoices with your (personal) "
                        "data."}]) + "\n", encoding="utf-8")
    code, stdout, stderr = run_cli(["--gold", str(path), "--out", str(tmp_path / "out"), "--json",
                                    "--fail-under", "company_coverage=0.5"], environ_of(hash_index))
    payload = json.loads(stdout)
    coverage = payload["company_coverage"]
    [item] = coverage["items"]
    assert (item["item"], item["expected"]) == ("en-comparison-multi-90", ["m3d-print", "j3d-prints"])
    assert set(item["cited"]) | set(item["missing"]) == {"m3d-print", "j3d-prints"}
    assert coverage["value"] == payload["overall"]["values"]["company_coverage"] == len(item["cited"]) / 2
    [gate] = payload["gates"]
    assert (gate["metric"], gate["passed"]) == ("company_coverage", coverage["value"] >= 0.5)
    assert code == (0 if gate["passed"] else 1), stderr
