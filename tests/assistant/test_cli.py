"""Specification of `python -m assistant`: the --json and --jsonl contracts, --questions order, --corpus and --store,
the index/corpus agreement, exit codes 0/1/2, purge, status."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main, read_questions
from core.cli_runner import CORPUS_HELP, STORE_HELP
from core.errors import QuestionFileError, relative_path
from core.manifest import load_corpus

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "policies_corpus"
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


@pytest.fixture(scope="module")
def small_index(make_index, tmp_path_factory: pytest.TempPathFactory):
    """Settings of an index of two shops (m3d-print, pixeljet), built with the hash embedder from their own corpus."""
    root = tmp_path_factory.mktemp("small-index")
    for company in ("m3d-print", "pixeljet"):
        shutil.copytree(CORPUS / company, root / "corpus" / company)
    return make_index(root, corpus_dir=root / "corpus", embedders=("hash",))


def _questions_file(path: Path, items: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(item) for item in items) + "\n", encoding="utf-8")
    return path


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


# ---------------------------------------------------------------- --corpus and --store


def _without_locations(settings, tmp_path: Path) -> dict[str, str]:
    """The environment of `settings` with PA_STORE_DIR on an empty folder and PA_CORPUS_DIR unset (the default)."""
    env = _environment(settings, PA_STORE_DIR=str(tmp_path / "no-index"))
    del env["PA_CORPUS_DIR"]
    return env


def test_store_and_corpus_flags_override_the_environment(small_index, tmp_path) -> None:
    env = _without_locations(small_index, tmp_path)
    result = _run(env, "ask", "How long does Pixeljet keep my data?", "--store", str(small_index.store_dir),
                  "--corpus", str(small_index.corpus_dir), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout)
    assert (answer["status"], answer["company"]) == ("answered", "pixeljet")
    assert not (tmp_path / "no-index").exists()


def test_status_reads_the_index_and_corpus_named_by_the_flags(small_index, tmp_path) -> None:
    env = _without_locations(small_index, tmp_path)
    result = _run(env, "status", "--store", str(small_index.store_dir), "--corpus", str(small_index.corpus_dir),
                  "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert set(status["index"]["counts"]["by_company"]) == {"m3d-print", "pixeljet"}
    assert (status["store"], status["corpus"], status["problem"]) == (
        str(small_index.store_dir), str(small_index.corpus_dir), None)
    assert status["settings"]["store_dir"] == str(small_index.store_dir)


def test_purge_accepts_the_same_flags_and_works_on_the_data_folder(tmp_path) -> None:
    env = {**os.environ, "PA_DATA_DIR": str(tmp_path / "data")}
    result = _run(env, "purge", "--store", str(tmp_path / "store"), "--corpus", str(tmp_path / "corpus"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["removed"] == {"feedback": 0, "chat": 0}


@pytest.mark.parametrize("argv", [
    ["ask", "--help"], ["status", "--help"], ["purge", "--help"], ["ingest", "--help"], ["eval", "--help"],
    ["bench", "--help"],
])
def test_every_entry_point_documents_corpus_and_store_alike(argv, capsys) -> None:
    """`python -m assistant ask|status|purge`, `python -m ingest` and `python -m eval` take both flags with one help
    text; `python -m bench` takes --corpus only (its indexes live in temporary folders)."""
    from bench.__main__ import main as bench_main
    from eval.cli import main as eval_main
    from ingest.cli import main as ingest_main

    entry = {"ingest": ingest_main, "eval": eval_main, "bench": bench_main}.get(argv[0], main)
    args = argv[1:] if argv[0] in ("ingest", "eval", "bench") else argv
    try:
        code = entry(args)
    except SystemExit as stop:  # bench parses without the shared runner
        code = int(stop.code or 0)
    assert code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert f"--corpus DIR {CORPUS_HELP}" in shown
    assert (f"--store DIR {STORE_HELP}" in shown) is (argv[0] != "bench")


# ---------------------------------------------------------------- the index and the corpus agree


def test_an_index_of_another_corpus_exits_1_naming_both_sides_and_the_command_that_fixes_it(small_index,
                                                                                            tmp_path) -> None:
    """The issue's case: only PA_STORE_DIR is set, so the default corpus's manifests meet a two-shop index."""
    env = _without_locations(small_index, tmp_path)
    env["PA_STORE_DIR"] = str(small_index.store_dir)
    corpus = sorted(manifest.id for manifest in load_corpus(CORPUS).manifests)
    assert {"m3d-print", "pixeljet"} < set(corpus)
    store = relative_path(small_index.store_dir, PROJECT_ROOT)
    expected = (f"index {store}/ holds m3d-print, pixeljet; corpus policies_corpus/ has {', '.join(corpus)} "
                f"(only in the corpus: {', '.join(c for c in corpus if c not in ('m3d-print', 'pixeljet'))}); "
                f"run `python -m ingest --corpus policies_corpus --store {store}` to index this corpus")

    plain = _run(env, "ask", "How long does Pixeljet keep my data?")
    assert plain.returncode == 1, plain.stderr
    assert plain.stdout == ""
    assert plain.stderr.startswith(f"error: {expected}") and len(plain.stderr.strip().splitlines()) == 1

    as_json = _run(env, "ask", "How long does Pixeljet keep my data?", "--json")
    assert as_json.returncode == 1
    error = json.loads(as_json.stdout)
    assert error["ok"] is False and error["error"].startswith(expected)


def test_status_reports_an_index_of_another_corpus_without_failing(small_index, tmp_path) -> None:
    result = _run(_without_locations(small_index, tmp_path), "status", "--store", str(small_index.store_dir),
                  "--json")
    assert result.returncode == 0, result.stderr
    problem = json.loads(result.stdout)["problem"]
    assert "holds m3d-print, pixeljet; corpus policies_corpus/ has " in problem
    assert "python -m ingest --corpus policies_corpus --store " in problem


# ---------------------------------------------------------------- --jsonl


def test_jsonl_prints_one_answer_per_question_per_line_in_input_order(env, tmp_path) -> None:
    items = [
        {"id": "b-2", "question": "Who gets my address at M3D-Print?"},
        {"id": "a-1", "question": "How long do you keep my data?", "company": "pixeljet", "lang": "de"},
        {"id": "c-3", "question": "Does Shapeways sell my data?"},
    ]
    result = _run(env, "ask", "--questions", str(_questions_file(tmp_path / "q.jsonl", items)), "--jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(items)
    answers = [json.loads(line) for line in lines]
    assert all(ANSWER_KEYS <= set(answer) for answer in answers)
    assert [answer["id"] for answer in answers] == ["b-2", "a-1", "c-3"]
    assert (answers[1]["company"], answers[1]["language"]) == ("pixeljet", "de")


def test_jsonl_after_a_bad_line_has_printed_the_answers_before_it_and_ends_with_the_error(env, tmp_path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"id": "1", "question": "How long does Pixeljet keep my data?"}\n\n'
                         '{"id": "2", "question": "How long?", "lang": "es"}\n'
                         '{"id": "3", "question": "Who gets my address at M3D-Print?"}\n', encoding="utf-8")
    result = _run(env, "ask", "--questions", str(questions), "--jsonl")
    assert result.returncode == 1
    first, error = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "1"
    assert (error["ok"], error["line"]) == (False, 3)
    assert error["path"].endswith("questions.jsonl") and "lang must be one of en, nl, de, fr" in error["error"]


def test_jsonl_checks_the_first_line_before_opening_the_index(tmp_path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"id": "1", "question": "How long?", "company": 7}\n', encoding="utf-8")
    env = {**os.environ, "PA_STORE_DIR": str(tmp_path / "no-index"), "PA_EMBEDDERS": "hash"}
    result = _run(env, "ask", "--questions", str(questions), "--jsonl")
    assert result.returncode == 1
    error = json.loads(result.stdout)
    assert (error["line"], error["error"].endswith("'company' must be a string, got 7")) == (1, True)
    assert not (tmp_path / "no-index").exists()


def test_an_undecodable_line_is_named_by_its_number(tmp_path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_bytes(b'{"id": "1", "question": "How long?"}\n{"id": "2", "question": "caf\xe9"}\n')
    with pytest.raises(QuestionFileError, match=r"questions.jsonl:2: not valid UTF-8 \(byte 0xe9\); save the file as UTF-8"):
        read_questions(questions, max_chars=2000)


class _FlushLog(io.StringIO):
    """A stream that records what had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed: list[str] = []

    def flush(self) -> None:
        super().flush()
        self.flushed.append(self.getvalue())


def test_jsonl_flushes_each_answer_as_soon_as_it_is_written(env, tmp_path) -> None:
    items = [{"id": str(n), "question": question} for n, question in enumerate(
        ("How long does Pixeljet keep my data?", "Who gets my address at M3D-Print?"), start=1)]
    stdout = _FlushLog()
    code = main(["ask", "--questions", str(_questions_file(tmp_path / "q.jsonl", items)), "--jsonl"], environ=env,
                stdout=stdout, stderr=io.StringIO())
    assert code == 0
    lines = stdout.getvalue().splitlines(keepends=True)
    assert len(lines) == 2
    assert [text for text in stdout.flushed if text] == [lines[0], lines[0] + lines[1]]


@pytest.mark.parametrize(("args", "match"), [
    (("ask", "--questions", "q.jsonl", "--json", "--jsonl"), "give either --json (one JSON document) or --jsonl"),
    (("ask", "How long?", "--jsonl"), "--jsonl applies to --questions FILE; use --json for one question"),
])
def test_jsonl_misuse_is_a_usage_error(tmp_path, args, match) -> None:
    env = {**os.environ, "PA_STORE_DIR": str(tmp_path / "missing"), "PA_EMBEDDERS": "hash"}
    result = _run(env, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    error = json.loads(result.stdout)
    assert error["ok"] is False and match in error["error"]
