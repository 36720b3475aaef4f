"""Specifications of ingest with bad input: other files are still ingested, the failing file is named with its
reason, the run exits non-zero, and the failing file's previous chunks stay in the index."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from core.settings import Settings, load_settings
from index.store import ChunkStore
from ingest.cli import main
from ingest.pipeline import run_ingest

PIXELJET_FILE = "004_d70c89b0774abc04.txt"
M3D_FILE = "000_48002a1284e2571b.txt"


def _settings(corpus: Path, tmp_path: Path) -> Settings:
    return load_settings({}, corpus_dir=str(corpus), store_dir=str(tmp_path / "store"), embedders="hash")


def _not_utf8(folder: Path) -> None:
    path = folder / PIXELJET_FILE
    path.write_bytes(path.read_bytes().replace(b"Pixeljet considers", b"Pixeljet consid\xe9rs", 1))


def _binary(folder: Path) -> None:
    (folder / PIXELJET_FILE).write_bytes("Privacy policy".encode("utf-16"))


def _empty(folder: Path) -> None:
    (folder / PIXELJET_FILE).write_text("  \n\n", encoding="utf-8")


def _missing_file(folder: Path) -> None:
    (folder / PIXELJET_FILE).unlink()


def _broken_toml(folder: Path) -> None:
    manifest = folder / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('name = "', 'name = ', 1), encoding="utf-8")


def _unknown_language(folder: Path) -> None:
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert 'languages = ["en"]' in text
    manifest.write_text(text.replace('languages = ["en"]', 'languages = ["xx"]', 1), encoding="utf-8")


def _marker_not_found(folder: Path) -> None:
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('languages = ["en"]', 'languages = ["en"]\nstarts_after = "No such line"', 1),
                        encoding="utf-8")


# (how to break the pixeljet folder, the file the message must name, the reason it must give)
BAD_INPUTS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "not-utf8": (_not_utf8, PIXELJET_FILE, r":\d+: not valid UTF-8 \(byte 0xe9\)"),
    "binary": (_binary, PIXELJET_FILE, "binary file"),
    "empty": (_empty, PIXELJET_FILE, "empty file"),
    "file-missing": (_missing_file, "manifest.toml", "not found"),
    "broken-toml": (_broken_toml, "manifest.toml", r":\d+: invalid TOML"),
    "unknown-language": (_unknown_language, "manifest.toml", "unknown language code 'xx'"),
    "marker-not-found": (_marker_not_found, PIXELJET_FILE, "starts_after line 'No such line' not found"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_file_keeps_its_previous_chunks_while_the_others_are_updated(case: str, small_corpus: Path,
                                                                        tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    assert run_ingest(settings).ok
    store = ChunkStore(store_dir=settings.store_dir, embedders=("hash",))
    pixeljet_before = [chunk for chunk in store.chunks() if chunk.company == "pixeljet"]

    breaker, named, reason = BAD_INPUTS[case]
    breaker(small_corpus / "pixeljet")
    m3d = small_corpus / "m3d-print" / M3D_FILE
    m3d.write_text(m3d.read_text(encoding="utf-8").replace("Your privacy matters.", "Your privacy matters a lot.", 1),
                   encoding="utf-8")
    report = run_ingest(settings)

    assert not report.ok
    assert len(report.errors) == 1
    assert named in report.errors[0]
    assert "pixeljet" in report.errors[0]
    assert re.search(reason, report.errors[0]), report.errors[0]
    after = store.chunks()
    assert [chunk for chunk in after if chunk.company == "pixeljet"] == pixeljet_before
    assert report.embedded == 1
    assert any("Your privacy matters a lot." in chunk.text for chunk in after if chunk.company == "m3d-print")


@pytest.mark.parametrize("case", ["not-utf8", "broken-toml"])
def test_bad_file_on_the_first_run_still_indexes_the_others(case: str, small_corpus: Path, tmp_path: Path) -> None:
    BAD_INPUTS[case][0](small_corpus / "pixeljet")
    settings = _settings(small_corpus, tmp_path)
    report = run_ingest(settings)
    assert not report.ok and len(report.errors) == 1
    assert set(report.by_company) == {"m3d-print"}
    assert report.chunks == report.embedded > 0


def test_bad_file_makes_the_command_exit_1_with_the_error_in_the_json_report(small_corpus: Path,
                                                                           tmp_path: Path) -> None:
    _not_utf8(small_corpus / "pixeljet")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["--corpus", str(small_corpus), "--store", str(tmp_path / "store"), "--embedders", "hash", "--json"],
                environ={}, stdout=stdout, stderr=stderr)
    assert code == 1, stderr.getvalue()
    report = json.loads(stdout.getvalue())
    assert report["ok"] is False
    assert report["by_company"] == {"m3d-print": report["chunks"]}
    assert PIXELJET_FILE in report["errors"][0] and "not valid UTF-8" in report["errors"][0]
    assert "error: " in stderr.getvalue() and PIXELJET_FILE in stderr.getvalue()


def test_fixing_the_file_clears_the_error_and_updates_its_chunks(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    run_ingest(settings)
    path = small_corpus / "pixeljet" / PIXELJET_FILE
    good = path.read_bytes()
    _not_utf8(small_corpus / "pixeljet")
    assert not run_ingest(settings).ok
    path.write_bytes(good.replace(b"We do not publish customer data.", b"We never publish customer data."))
    report = run_ingest(settings)
    assert report.ok and report.embedded == 1
