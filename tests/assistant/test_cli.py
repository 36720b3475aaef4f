"""Specification of `python -m assistant`: the --json contract, --questions order, exit codes 0/1/2, purge, status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CITATION_KEYS = {"n", "company", "document", "section", "language", "quote", "text", "score"}
ANSWER_KEYS = {"id", "question", "language", "company", "status", "answer", "citations", "timing_ms"}


def _environment(settings, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PA_")}
    env.update({
        "PA_CORPUS_DIR": str(settings.corpus_dir), "PA_STORE_DIR": str(settings.store_dir),
        "PA_EMBEDDERS": ",".join(settings.embedders), "PA_EMBED_CACHE": str(settings.embed_cache),
        "PA_ABSTAIN_THRESHOLD": "-1", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
    })
    env.update(extra)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def env(hash_index) -> dict[str, str]:
    return _environment(hash_index)


def test_ask_json_prints_one_answer_with_the_documented_keys(env) -> None:
    result = _run(env, "ask", "Hoe lang bewaren jullie mijn gegevens?", "--company", "online-3d-printen", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert ANSWER_KEYS <= set(answer)
    assert (answer["status"], answer["language"], answer["company"]) == ("answered", "nl", "online-3d-printen")
    assert answer["citations"] and all(set(c) >= CITATION_KEYS for c in answer["citations"])
    assert all(c["quote"] in c["text"] for c in answer["citations"])
    assert {"language", "company", "retrieve", "compose", "verify", "total"} <= set(answer["timing_ms"])


def test_questions_file_gives_one_result_per_line_in_input_order(env, tmp_path) -> None:
    items = [
        {"id": "b-2", "question": "Who gets my address at M3D-Print?"},
        {"id": "a-1", "question": "How long do you keep my data?", "company": "pixeljet", "lang": "de"},
        {"id": "c-3", "question": "Does Shapeways sell my data?"},
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(item) for item in items) + "\n", encoding="utf-8")
    result = _run(env, "ask", "--questions", str(questions), "--json")
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert [a["id"] for a in answers] == ["b-2", "a-1", "c-3"]
    assert [a["question"] for a in answers] == [item["question"] for item in items]
    assert (answers[1]["company"], answers[1]["language"]) == ("pixeljet", "de")
    assert answers[2]["status"] == "unknown_company"


def test_text_output_shows_the_answer_and_its_sources(env) -> None:
    result = _run(env, "ask", "How long does Pixeljet keep my data?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[answered] pixeljet (en)")
    assert "Sources:\n  [1] pixeljet/004_d70c89b0774abc04.txt, " in result.stdout


@pytest.mark.parametrize(("args", "match"), [
    (("ask", "How long?", "--questions", "q.jsonl"), "give either a question or --questions FILE, not both"),
    (("ask",), "give a question"),
    (("ask", ""), "the question is empty"),
    (("ask", "x" * 2001), "2001 characters long; the limit is 2000"),
])
def test_usage_errors_exit_2_before_any_work(tmp_path, args, match) -> None:
    # The store folder does not exist: any work would fail with exit code 1, not 2.
    env = {**os.environ, "PA_STORE_DIR": str(tmp_path / "missing"), "PA_EMBEDDERS": "hash"}
    result = _run(env, *args, "--json")
    assert result.returncode == 2, result.stdout + result.stderr
    error = json.loads(result.stdout)
    assert error["ok"] is False and match in error["error"]
    plain = _run(env, *args)
    assert plain.returncode == 2 and match in plain.stderr and plain.stdout == ""


def test_unknown_language_flag_is_a_usage_error(tmp_path) -> None:
    result = _run({**os.environ}, "ask", "How long?", "--lang", "es")
    assert result.returncode == 2
    assert "invalid choice: 'es'" in result.stderr


def test_bad_questions_line_exits_1_naming_path_and_line(env, tmp_path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"id": "1", "question": "How long?"}\n{"id": "2", "question": ""}\n', encoding="utf-8")
    result = _run(env, "ask", "--questions", str(questions), "--json")
    assert result.returncode == 1
    error = json.loads(result.stdout)
    assert (error["ok"], error["line"]) == (False, 2)
    assert error["path"].endswith("questions.jsonl") and "the question is empty" in error["error"]


def test_missing_index_exits_1_with_one_line_on_stderr(tmp_path) -> None:
    env = {**os.environ, "PA_STORE_DIR": str(tmp_path / "empty"), "PA_EMBEDDERS": "hash",
           "PA_CORPUS_DIR": str(PROJECT_ROOT / "policies_corpus")}
    result = _run(env, "ask", "How long does Pixeljet keep my data?")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_purge_removes_records_older_than_retention_days(tmp_path) -> None:
    old = {"id": "old", "ts": "2020-01-01T00:00:00.000+00:00", "question": "q", "answer": "a"}
    for name in ("chat.jsonl", "feedback.jsonl"):
        (tmp_path / name).write_text(json.dumps(old) + "\n", encoding="utf-8")
    env = {**os.environ, "PA_DATA_DIR": str(tmp_path), "PA_RETENTION_DAYS": "30"}
    result = _run(env, "purge", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"ok": True, "retention_days": 30, "data_dir": str(tmp_path),
                      "removed": {"feedback": 1, "chat": 1}}
    assert (tmp_path / "chat.jsonl").read_text(encoding="utf-8") == ""


def test_status_reports_the_live_index(env) -> None:
    result = _run(env, "status", "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["ok"] is True
    assert status["index"]["counts"]["by_company"]["pixeljet"] > 0
    assert status["settings"]["embedders"] == ["hash"]
