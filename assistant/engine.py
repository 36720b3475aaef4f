"""The composition root of the answering side: one store and one reading of the manifests, wired into components.

The app, the assistant CLI, the eval runner and the benchmarks build their pipeline here, so they all answer with
the same components, configured the same way.

Usage::

    engine = build_engine(load_settings(os.environ))          # opens the store, loads the models, warms up
    engine.pipeline.run(question="How long does Pixeljet keep my data?").status   # Status.ANSWERED
    engine.retriever.run(question="Bewaartermijn", companies=("online-3d-printen",)).hits[0].chunk.label
    engine.library.find_label("Artikel 6")[0].text
    engine = engine.reloaded()        # after a re-ingest: a fresh snapshot; store and loaded models are kept

Before any model loads, `build_engine` checks that the index and the manifests name the same companies: an index
built from another corpus would otherwise answer "unknown company" for shops it holds. The `StoreError` names both
sides and the `python -m ingest` command that rebuilds the index from this corpus.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.companies import CompanyDirectory, read_manifests
from assistant.compose import ExtractiveComposer
from assistant.library import PolicyLibrary
from assistant.pipeline import AskPipeline, shop_language_detector
from assistant.retrieval import DenseRetriever, IndexSnapshot, Retriever
from core.errors import StoreError, relative_path
from core.settings import Settings
from core.types import Chunk, CompanyManifest
from index.store import ChunkStore, IndexInfo
from index.unit_vectors import UNIT_EMBEDDER, UnitVectors

__all__ = ["Engine", "build_engine", "index_corpus_mismatch", "open_store"]

logger = logging.getLogger(__name__)

_NAMES_SHOWN = 8  # company ids listed per side in the mismatch message; the rest are counted


@dataclass(frozen=True, eq=False)
class Engine:
    """One consistent generation of the answering side: warm components over one index version.

    Replaced as a whole after a re-ingest (see `reloaded()`), so questions already running finish on the old one.

    Attributes:
        settings: the settings it was built from.
        store: the one chunk store every component reads.
        directory: the companies of the corpus (its manifests, shops and reference sets).
        retriever: the warm retriever, over `snapshot`.
        pipeline: the warm answering pipeline, using `retriever` and `directory`.
        library: the sections of the same index version, for display.
        info: the index version it was built on.
    """

    settings: Settings
    store: ChunkStore
    directory: CompanyDirectory
    retriever: Retriever
    pipeline: AskPipeline
    library: PolicyLibrary
    info: IndexInfo

    @property
    def snapshot(self) -> IndexSnapshot:
        """The index snapshot the retriever searches."""
        return self.retriever.snapshot

    @property
    def manifests(self) -> tuple[CompanyManifest, ...]:
        """The company manifests it was built with."""
        return self.directory.manifests

    def reloaded(self) -> Engine:
        """A new generation on the live index version, after a re-ingest.

        The manifests are read again and a new snapshot is built; the store and the loaded embedding models (with
        their query caches) are shared with this generation, which stays usable.

        Raises:
            IngestError: the corpus folder is missing.
            StoreError: the index is missing, was built by other embedders, or holds other companies than the
                manifests.
        """
        self.store.refresh()  # a Chroma server's pointer is cached until asked again
        return build_engine(self.settings, store=self.store, dense=self.retriever.dense)


def _unit_vectors(settings: Settings, chunks: Sequence[Chunk],
                  manifests: Sequence[CompanyManifest]) -> dict[str, np.ndarray]:
    """The evidence-unit vectors of the shops' chunks, from the cache ingest filled (missing ones are embedded)."""
    if UNIT_EMBEDDER not in settings.embedders:
        return {}
    vectors = UnitVectors(settings=settings)
    try:
        return vectors.run(chunks=chunks, skip_companies=tuple(m.id for m in manifests if m.reference))
    finally:
        vectors.close()


def open_store(settings: Settings) -> ChunkStore:
    """The chunk store `settings` name (local folder or Chroma server), for the configured embedders; not connected yet.

    Raises:
        ConfigError: `settings.chroma_url` is malformed.
    """
    return ChunkStore(store_dir=settings.store_dir, chroma_url=settings.chroma_url, embedders=settings.embedders)


def index_corpus_mismatch(settings: Settings, info: IndexInfo,
                          manifests: Sequence[CompanyManifest]) -> StoreError | None:
    """The error for an index whose companies differ from those of the corpus manifests, or None when they agree.

    A company folder whose manifest does not load is not counted as missing: `read_manifests` warns about it and the
    ingest keeps its previous chunks serving.

    Args:
        settings: the settings naming the corpus folder, the store and the Chroma server (for the message).
        info: the live index version.
        manifests: the manifests read from `settings.corpus_dir`.

    Returns:
        A `StoreError` naming the index and its companies, the corpus and its companies, what only one side has,
        and the `python -m ingest --corpus DIR --store DIR` command that fixes it; None when both sides agree.
    """
    indexed = set(info.by_company)
    in_corpus = {manifest.id for manifest in manifests}
    only_index = indexed - in_corpus - _unloaded_folders(settings, in_corpus)
    only_corpus = in_corpus - indexed
    if not only_index and not only_corpus:
        return None
    where = f"Chroma at {settings.chroma_url}" if settings.chroma_url else f"{relative_path(settings.store_dir)}/"
    corpus = f"{relative_path(settings.corpus_dir)}/"
    differences = [f"only in the index: {_names(only_index)}" if only_index else "",
                   f"only in the corpus: {_names(only_corpus)}" if only_corpus else ""]
    command = ["python", "-m", "ingest", "--corpus", relative_path(settings.corpus_dir),
               "--store", relative_path(settings.store_dir)]
    if settings.chroma_url:
        command += ["--chroma-url", settings.chroma_url]
    return StoreError(
        f"index {where} holds {_names(indexed)}; corpus {corpus} has {_names(in_corpus)} "
        f"({'; '.join(part for part in differences if part)})",
        hint=f"run `{shlex.join(command)}` to index this corpus, or pass the --corpus and --store "
             f"(PA_CORPUS_DIR, PA_STORE_DIR) that belong together")


def _unloaded_folders(settings: Settings, loaded: set[str]) -> set[str]:
    """The company folders of the corpus whose manifest did not load."""
    if not settings.corpus_dir.is_dir():
        return set()
    return {folder.name for folder in settings.corpus_dir.iterdir()
            if folder.is_dir() and not folder.name.startswith((".", "_"))} - loaded


def _names(companies: Iterable[str]) -> str:
    names = sorted(companies)
    if not names:
        return "no companies"
    shown = ", ".join(names[:_NAMES_SHOWN])
    return shown if len(names) <= _NAMES_SHOWN else f"{shown} and {len(names) - _NAMES_SHOWN} more"


def build_engine(
    settings: Settings,
    *,
    store: ChunkStore | None = None,
    manifests: Sequence[CompanyManifest] | None = None,
    dense: Mapping[str, DenseRetriever] | None = None,
) -> Engine:
    """Build and warm the answering side from `settings`: detector, company directory, retriever, pipeline, library.

    Args:
        settings: validated settings, read once at the edge.
        store: the chunk store to read; by default `open_store(settings)`.
        manifests: the corpus's company manifests, when already read; by default read from `settings.corpus_dir`.
        dense: warm dense retrievers on `store` to reuse (a previous generation's); by default new ones.

    Returns:
        A warm `Engine`.

    Raises:
        IngestError: the corpus folder is missing, or two manifests clash.
        ModelUnavailable: an embedder cannot be loaded offline.
        StoreError: the index is missing, was built by other embedders, or holds other companies than the manifests
            (see `index_corpus_mismatch`).
    """
    store = store or open_store(settings)
    directory = CompanyDirectory(manifests=read_manifests(settings.corpus_dir) if manifests is None else manifests)
    mismatch = index_corpus_mismatch(settings, store.info(), directory.manifests)  # before any model loads
    if mismatch is not None:
        raise mismatch
    retriever = Retriever(settings=settings, store=store, dense=dense, manifests=directory.manifests)
    composer = ExtractiveComposer(names=directory.display_names(), kinds=directory.document_kinds())
    pipeline = AskPipeline(settings=settings, directory=directory, detector=shop_language_detector(settings, directory),
                           retriever=retriever, composer=composer)
    pipeline.warm_up()
    # Read once: the ranker's features hold the same vectors when they skipped the same reference sets.
    same_skip = set(retriever.reference_companies) == {m.id for m in directory.manifests if m.reference}
    units = retriever.unit_vectors if same_skip else None
    composer.scorer.unit_vectors = dict(units) if units is not None else _unit_vectors(
        settings, retriever.snapshot.chunks, directory.manifests)
    info = store.info()
    library = PolicyLibrary(chunks=retriever.snapshot.chunks, manifests=directory.manifests)
    logger.info("engine ready on index %s: %d chunks, %d companies", info.version, len(retriever.snapshot.chunks),
                len(directory.manifests))
    return Engine(settings=settings, store=store, directory=directory, retriever=retriever, pipeline=pipeline,
                  library=library, info=info)
