"""The ingest flow in one function: manifests -> parse -> link -> chunk -> compare -> embed (cache) -> publish.

Incremental: chunk ids are stable (`{company}/{document}/{language}/{label}#{passage}`) and the live pointer maps
each id to the hash of its text, so only new or changed texts are embedded; unchanged chunks reuse their stored
vectors, chunks that vanished from a file or whose file was removed are left out of the new version. A file that
fails keeps its previous chunks in the new version and is reported as an error. Nothing is written when nothing
changed.

Usage::

    report = run_ingest(load_settings(os.environ))
    print(report.as_dict())
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from core.errors import IngestError, StoreError
from core.manifest import CorpusListing, load_corpus
from core.settings import Settings
from core.types import Chunk, CompanyManifest, IngestReport, IngestWarning, Section
from index.records import IndexInfo, chunks_fingerprint, document_key
from index.unit_vectors import LINK_NAMESPACE, UNIT_EMBEDDER, UNIT_NAMESPACE, unit_texts
from ingest.chunk import Chunker
from ingest.link import SectionLinker
from ingest.parse import Parser
from ingest.up_to_date import unchanged_local_index

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.store import ChunkStore
    from index.unit_vectors import UnitVectors

__all__ = ["MAX_CHUNK_CHARS", "Progress", "run_ingest"]

logger = logging.getLogger(__name__)

MAX_CHUNK_CHARS = 1200

Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total); stages are `parse` and `embed <embedder>`."""


def run_ingest(settings: Settings, *, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
    """Bring the index in `settings.store_dir` (or at `settings.chroma_url`) up to date with `settings.corpus_dir`.

    Args:
        settings: corpus_dir, store_dir, chroma_url, embedders, st_model, embed_cache, embed_batch, embed_threads.
        rebuild: ignore the live index (other embedders, suspected corruption) and embed every chunk again
            through the cache; an unreadable local store is set aside first.
        progress: optional callback (stage, done, total).

    Returns:
        The report; `report.errors` lists every file that failed (its previous chunks were kept).

    Raises:
        IngestError: the corpus folder does not exist.
        StoreError: the store is unreachable, unreadable, or built by other embedders (without `rebuild`).
        ModelUnavailable: an embedding model cannot be loaded.
    """
    started = time.monotonic()
    report = IngestReport(embedders=settings.embedders)
    listing = _load_manifests(settings, report)
    failed = _Failed(companies={Path(error.path).parent.name for error in listing.errors})
    # No parser.warm_up(): the language profiles load only for a document whose manifest names no language.
    parser, chunker = Parser(), Chunker(max_chars=MAX_CHUNK_CHARS)
    parsed_one = _parse_progress(listing, progress)
    link_vectors = _LinkVectors(settings)
    linker = SectionLinker(embed=link_vectors if UNIT_EMBEDDER in settings.embedders else None)
    chunks: list[Chunk] = []
    try:
        for manifest in listing.manifests:
            sections = _parse(parser, manifest, report, failed, parsed_one=parsed_one)
            documents = _link(linker, manifest, sections, report)
            chunks.extend(_chunk(chunker, manifest, documents, report, failed))
    finally:
        link_vectors.close()
    chunks = _in_corpus_order(_drop_repeated_ids(chunks, report.warnings))

    if not rebuild and not report.errors:
        live = _check_up_to_date(settings, chunks)
        if live is not None:
            return _report(report, chunks, _Changes(), version=live.version, started=started)

    with _open_index(settings, progress=progress) as (embedder, store, keys):
        live = _open_live(store, keys, rebuild=rebuild)
        final = _in_corpus_order(chunks + _kept_chunks(store, live, failed))
        changes = _compare(final, live, rebuild=rebuild)
        current = _current_version(live, final, changes, rebuild=rebuild)
        if current is not None:
            version = current.version
        else:
            vectors = _embed(final, changes.changed, embedder=embedder, store=store)
            version = _publish(store, final, vectors, keys=keys)
        _embed_units(final, embedder=embedder, reference=listing.reference_ids)
    return _report(report, final, changes, version=version, started=started)


# --- read the corpus: manifests, parse, link, chunk ---------------------------------------------------------


@dataclass
class _Failed:
    """The companies (manifest failed) and documents (`company/file`) that failed this run; they keep serving."""

    companies: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def covers(self, chunk: Chunk) -> bool:
        return chunk.company in self.companies or document_key(chunk) in self.documents


def _load_manifests(settings: Settings, report: IngestReport) -> CorpusListing:
    """Every company's manifest; a manifest that fails is recorded in the report, not fatal."""
    listing = load_corpus(settings.corpus_dir)
    report.errors.extend(str(error) for error in listing.errors)
    return listing


def _parse_progress(listing: CorpusListing, progress: Progress | None) -> Callable[[], None]:
    """A callback to call once per document parsed (or failed): reports `parse` (done, total) to `progress`."""
    if progress is None:
        return lambda: None
    total = sum(len(manifest.documents) for manifest in listing.manifests)
    done = itertools.count(1)
    return lambda: progress("parse", next(done), total)


def _parse(parser: Parser, manifest: CompanyManifest, report: IngestReport, failed: _Failed, *,
           parsed_one: Callable[[], None]) -> tuple[Section, ...]:
    """The sections of one company's documents; a document that fails is recorded in the report and `failed`."""
    sections: list[Section] = []
    for spec in manifest.documents:
        try:
            parsed = parser.run(spec=spec, company=manifest.id)
        except IngestError as exc:
            report.errors.append(str(exc))
            failed.documents.add(f"{manifest.id}/{spec.file}")
        else:
            sections.extend(parsed.sections)
            report.warnings.extend(parsed.warnings)
        parsed_one()
    return tuple(sections)


class _LinkVectors:
    """Embeds section summaries for the linker, creating the embedder on first use: most policies link by their
    numbering or by position, and an up-to-date corpus finds every summary in the cache."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._vectors: UnitVectors | None = None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if self._vectors is None:
            from index.unit_vectors import UnitVectors  # imports the models' libraries: only when needed

            self._vectors = UnitVectors(settings=self.settings, namespace=LINK_NAMESPACE)
        return self._vectors.embed_texts(texts)

    def close(self) -> None:
        if self._vectors is not None:
            self._vectors.close()


def _link(linker: SectionLinker, manifest: CompanyManifest, sections: tuple[Section, ...],
          report: IngestReport) -> list[tuple[str, tuple[Section, ...]]]:
    """Link the language versions of one company's policies, then group the sections by document (first-seen
    order); sections left unlinked are reported as warnings."""
    result = linker.run(sections=sections, policy_of={spec.file: spec.policy_id for spec in manifest.documents})
    report.warnings.extend(result.warnings)
    groups: dict[str, list[Section]] = {}
    for section in result.sections:
        groups.setdefault(section.document, []).append(section)
    return [(document, tuple(group)) for document, group in groups.items()]


def _chunk(chunker: Chunker, manifest: CompanyManifest, documents: Sequence[tuple[str, tuple[Section, ...]]],
           report: IngestReport, failed: _Failed) -> list[Chunk]:
    """The chunks of one company's documents; a document that fails is recorded in the report and `failed`."""
    chunks: list[Chunk] = []
    for document, sections in documents:
        try:
            result = chunker.run(sections=sections)
        except IngestError as exc:
            report.errors.append(str(exc))
            failed.documents.add(f"{manifest.id}/{document}")
        else:
            chunks.extend(result.chunks)
            report.warnings.extend(result.warnings)
    return chunks


def _drop_repeated_ids(chunks: list[Chunk], warnings: list[IngestWarning]) -> list[Chunk]:
    seen: dict[str, Chunk] = {}
    for chunk in chunks:
        first = seen.setdefault(chunk.id, chunk)
        if first is not chunk:
            warnings.append(IngestWarning(
                path=f"{chunk.company}/{chunk.document}", line=chunk.line_start,
                reason=f"chunk id {chunk.id} repeats the one of line {first.line_start}; the later one is dropped"))
    return list(seen.values())


def _in_corpus_order(chunks: list[Chunk]) -> list[Chunk]:
    """Order by company and document (stable), so a kept file's chunks sit where they did."""
    return sorted(chunks, key=lambda chunk: (chunk.company, chunk.document))


# --- compare with the live version -----------------------------------------------------------------------------


def _check_up_to_date(settings: Settings, chunks: list[Chunk]) -> IndexInfo | None:
    """The live version when the local pointer file shows nothing changed (no Chroma, no model), else None."""
    live = unchanged_local_index(settings, chunks)
    if live is not None:
        logger.info("index %s is up to date (%d chunks)", live.version, len(chunks))
    return live


class _IndexTools(NamedTuple):
    embedder: Embedder
    store: ChunkStore
    keys: dict[str, str]


@contextmanager
def _open_index(settings: Settings, *, progress: Progress | None) -> Iterator[_IndexTools]:
    """The embedder, the store and the model keys; the store and the embedder's cache are closed afterwards."""
    from index.embed import Embedder  # imported here: loading llama-index and Chroma takes longer than the check
    from index.store import ChunkStore

    embedder = Embedder(names=settings.embedders, settings=settings, progress=_embed_progress(progress))
    keys = embedder.keys
    store = ChunkStore(store_dir=settings.store_dir, chroma_url=settings.chroma_url, embedders=settings.embedders)
    try:
        yield _IndexTools(embedder, store, keys)
    finally:
        store.close()
        embedder.close()


def _open_live(store: ChunkStore, keys: dict[str, str], *, rebuild: bool) -> IndexInfo | None:
    """Return the live version (checked against `keys`); with `rebuild`, an unreadable local store is set aside."""
    try:
        store.warm_up()
        live = store.live()
        if live is not None and not rebuild:
            store.require_compatible(keys, exact=True)
        elif live is not None:
            store.chunks()  # a rebuild keeps failed files' chunks, so the old version must be readable
        return live
    except StoreError as exc:
        if not rebuild or store.chroma_url:
            raise
        logger.warning("the live index cannot be read (%s); rebuilding from scratch", exc)
        store.reset()
        store.warm_up()
        return None


def _kept_chunks(store: ChunkStore, live: IndexInfo | None, failed: _Failed) -> list[Chunk]:
    """The live version's chunks of the companies and files that failed this time (they keep serving)."""
    if live is None or not (failed.companies or failed.documents):
        return []
    kept = [chunk for chunk in store.chunks() if failed.covers(chunk)]
    logger.warning("keeping %d previous chunks of the files that failed", len(kept))
    return kept


@dataclass(frozen=True)
class _Changes:
    """The chunks to embed (new or changed text) and how many live chunks are gone."""

    changed: Sequence[Chunk] = ()
    deleted: int = 0


def _compare(final: Sequence[Chunk], live: IndexInfo | None, *, rebuild: bool) -> _Changes:
    """What differs between the chunks of the new version and the live one (everything, with `rebuild`)."""
    live_hashes = live.chunks if live is not None and not rebuild else {}
    final_ids = {chunk.id for chunk in final}
    return _Changes(changed=[chunk for chunk in final if live_hashes.get(chunk.id) != chunk.content_hash],
                    deleted=sum(1 for chunk_id in live_hashes if chunk_id not in final_ids))


def _current_version(live: IndexInfo | None, final: Sequence[Chunk], changes: _Changes, *,
                     rebuild: bool) -> IndexInfo | None:
    """The live version when it already holds exactly `final` (nothing to write), else None."""
    if live is None or rebuild or changes.changed or changes.deleted or live.fingerprint != chunks_fingerprint(final):
        return None
    logger.info("index %s is up to date (%d chunks)", live.version, len(final))
    return live


# --- embed, publish, report ------------------------------------------------------------------------------------


def _embed(final: Sequence[Chunk], changed: Sequence[Chunk], *, embedder: Embedder,
           store: ChunkStore) -> dict[str, np.ndarray]:
    """One matrix per embedder aligned with `final`: stored vectors for unchanged chunks, fresh ones for `changed`."""
    changed_ids = {chunk.id for chunk in changed}
    reused_ids = [chunk.id for chunk in final if chunk.id not in changed_ids]
    fresh = embedder.run(chunks=changed).vectors if changed else {}
    row_of_changed = {chunk.id: row for row, chunk in enumerate(changed)}
    vectors: dict[str, np.ndarray] = {}
    for name in embedder.names:
        reused = store.vectors(name, reused_ids) if reused_ids else None
        if name in fresh:
            dim = fresh[name].shape[1]
        elif reused is not None:
            dim = reused.shape[1]
        else:
            dim = embedder.models[name].dim
        matrix = np.zeros((len(final), dim), dtype=np.float32)
        row_of_reused = {chunk_id: row for row, chunk_id in enumerate(reused_ids)}
        for row, chunk in enumerate(final):
            if chunk.id in row_of_changed:
                matrix[row] = fresh[name][row_of_changed[chunk.id]]
            else:
                assert reused is not None  # every chunk not changed is reused
                matrix[row] = reused[row_of_reused[chunk.id]]
        vectors[name] = matrix
    return vectors


def _embed_units(final: Sequence[Chunk], *, embedder: Embedder, reference: frozenset[str]) -> None:
    """Embed the evidence units of the shops' chunks into the cache, for the assistant's evidence ranking."""
    if UNIT_EMBEDDER not in embedder.names:
        return
    texts = unit_texts(final, skip_companies=tuple(reference))
    progress, embedder.progress = embedder.progress, None  # units are not a stage of their own in the progress bar
    try:
        result = embedder.run_texts(texts=texts, namespace=UNIT_NAMESPACE, names=(UNIT_EMBEDDER,))
    finally:
        embedder.progress = progress
    logger.info("evidence units: %d (%d embedded, %d cached)", len(texts), result.embedded, result.cached)


def _publish(store: ChunkStore, final: Sequence[Chunk], vectors: dict[str, np.ndarray], *,
             keys: dict[str, str]) -> str:
    """Write `final` as a new version beside the live one and switch to it; returns the new version."""
    return store.publish(chunks=final, vectors=vectors, keys=keys).version


def _report(report: IngestReport, final: Sequence[Chunk], changes: _Changes, *, version: str,
            started: float) -> IngestReport:
    """Fill in the counts of the version `final` (now `version`) and the time since `started`."""
    report.chunks = len(final)
    report.documents = len({document_key(chunk) for chunk in final})
    report.embedded = len(changes.changed)
    report.unchanged = len(final) - len(changes.changed)
    report.deleted = changes.deleted
    report.by_company = dict(Counter(chunk.company for chunk in final))
    report.by_language = dict(Counter(chunk.language for chunk in final))
    report.index_version = version
    report.seconds = time.monotonic() - started
    return report


def _embed_progress(progress: Progress | None) -> Callable[[str, int, int], None] | None:
    if progress is None:
        return None
    return lambda name, done, total: progress(f"embed {name}", done, total)
