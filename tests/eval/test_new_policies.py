"""The corpus of policies new to the system (`eval.new_policy_corpus`) and the questions asked of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import IngestError
from core.manifest import load_corpus
from eval.gold import validate_gold
from eval.new_policy_corpus import MANIFESTS, build_corpus

ROOT = Path(__file__).resolve().parents[2]
EXTRA = ROOT.parent / "shared" / "extra_policies"
GOLD = ROOT / "eval" / "new_policies" / "gold.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EXTRA.is_dir():
        pytest.skip(f"{EXTRA} is not next to the project")
    out = tmp_path_factory.mktemp("new_policies") / "corpus"
    build_corpus(extra=EXTRA, out=out)
    return out


def test_every_manifest_becomes_a_company_folder_the_ingest_accepts(corpus: Path) -> None:
    listing = load_corpus(corpus)
    manifests = sorted(path.stem for path in MANIFESTS.glob("*.toml"))
    assert len(manifests) == 7 and listing.errors == ()
    assert sorted(company.id for company in listing.manifests if not company.reference) == manifests
    assert listing.reference_ids == frozenset({"gdpr"})


def test_the_questions_check_out_against_that_corpus(corpus: Path) -> None:
    problems = list(validate_gold(GOLD, corpus_dir=corpus))
    assert problems == []
    assert sum(1 for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()) >= 84


def test_a_missing_extra_policy_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    with pytest.raises(IngestError, match=r"empty/en/3dhubs-privacy-policy-2014-en\.md: extra policy not found"):
        build_corpus(extra=tmp_path / "empty", out=out)
    assert not out.exists()


def test_a_rebuild_replaces_the_previous_corpus(corpus: Path) -> None:
    stale = corpus / "stale-company"
    stale.mkdir()
    build_corpus(extra=EXTRA, out=corpus)
    assert not stale.exists() and (corpus / "octoprint" / "manifest.toml").is_file()
