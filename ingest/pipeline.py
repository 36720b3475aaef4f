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

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.errors import IngestError, StoreError
from core.manifest import load_corpus
from core.settings import Settings
from core.types import Chunk, IngestReport, IngestWarning, Section
from index.records import IndexInfo, chunks_fingerprint, document_key
from ingest.chunk import Chunker
from ingest.link import link_language_versions
from ingest.parse import Parser
from ingest.up_to_date import unchanged_local_index

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.store import ChunkStore

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
    corpus = _parse_corpus(settings, report, progress=progress)
    if not rebuild and not report.errors:
        live_version = _unchanged_version(settings, corpus.chunks, report)
        if live_version is not None:
            report.index_version = live_version
            report.seconds = time.monotonic() - started
            return report
    _update_index(settings, corpus, report, rebuild=rebuild, progress=progress)
    report.seconds = time.monotonic() - started
    return report


@dataclass(frozen=True)
class _ParsedCorpus:
    """The chunks of every file that parsed, and the companies and documents that failed."""

    chunks: list[Chunk]
    failed_companies: set[str]
    failed_documents: set[str]


def _parse_corpus(settings: Settings, report: IngestReport, *, progress: Progress | None) -> _ParsedCorpus:
    """Step 1: manifests, then parse -> link -> chunk per company; a failing file or manifest is recorded, not fatal."""
    listing = load_corpus(settings.corpus_dir)
    failed_companies = {Path(error.path).parent.name for error in listing.errors}
    report.errors.extend(str(error) for error in listing.errors)
    failed_documents: set[str] = set()
    # No parser.warm_up(): the language profiles load only for a document whose manifest names no language.
    parser, chunker = Parser(), Chunker(max_chars=MAX_CHUNK_CHARS)
    chunks: list[Chunk] = []
    total_documents = sum(len(manifest.documents) for manifest in listing.manifests)
    done = 0
    for manifest in listing.manifests:
        sections: list[Section] = []
        for spec in manifest.documents:
            try:
                parsed = parser.run(spec=spec, company=manifest.id)
            except IngestError as exc:
                report.errors.append(str(exc))
                failed_documents.add(f"{manifest.id}/{spec.file}")
            else:
                sections.extend(parsed.sections)
                report.warnings.extend(parsed.warnings)
            done += 1
            if progress is not None:
                progress("parse", done, total_documents)
        for document, group in _by_document(link_language_versions(tuple(sections))):
            try:
                result = chunker.run(sections=group)
            except IngestError as exc:
                report.errors.append(str(exc))
                failed_documents.add(f"{manifest.id}/{document}")
            else:
                chunks.extend(result.chunks)
                report.warnings.extend(result.warnings)
    return _ParsedCorpus(chunks=_drop_repeated_ids(chunks, report.warnings), failed_companies=failed_companies,
                         failed_documents=failed_documents)


def _unchanged_version(settings: Settings, chunks: list[Chunk], report: IngestReport) -> str | None:
    """Step 2: the live version when the local pointer file shows nothing changed (no Chroma, no model), else None."""
    in_order = _in_corpus_order(chunks)
    live = unchanged_local_index(settings, in_order)
    if live is None:
        return None
    _count(report, in_order, changed=(), deleted=0)
    logger.info("index %s is up to date (%d chunks)", live.version, report.chunks)
    return live.version


def _update_index(settings: Settings, corpus: _ParsedCorpus, report: IngestReport, *, rebuild: bool,
                  progress: Progress | None) -> None:
    """Steps 3-5: compare with the live version, embed what changed, publish a new version (or write nothing)."""
    from index.embed import Embedder  # imported here: loading llama-index and Chroma takes longer than step 2
    from index.store import ChunkStore

    embedder = Embedder(names=settings.embedders, settings=settings, progress=_embed_progress(progress))
    keys = embedder.keys
    store = ChunkStore(store_dir=settings.store_dir, chroma_url=settings.chroma_url, embedders=settings.embedders)
    try:
        live = _open_live(store, keys, rebuild=rebuild)
        final = _in_corpus_order(corpus.chunks + _kept_chunks(store, live, corpus))
        live_hashes = live.chunks if live is not None and not rebuild else {}
        changed = [chunk for chunk in final if live_hashes.get(chunk.id) != chunk.content_hash]
        final_ids = {chunk.id for chunk in final}
        _count(report, final, changed=changed,
               deleted=sum(1 for chunk_id in live_hashes if chunk_id not in final_ids))
        if live is not None and not rebuild and not changed and not report.deleted \
                and live.fingerprint == chunks_fingerprint(final):
            report.index_version = live.version
            logger.info("index %s is up to date (%d chunks)", live.version, len(final))
        else:
            vectors = _vectors(final, changed, embedder=embedder, store=store)
            report.index_version = store.publish(chunks=final, vectors=vectors, keys=keys).version
    finally:
        store.close()
        embedder.close()


def _kept_chunks(store: ChunkStore, live: IndexInfo | None, corpus: _ParsedCorpus) -> list[Chunk]:
    """The live version's chunks of the companies and files that failed this time (they keep serving)."""
    if live is None or not (corpus.failed_companies or corpus.failed_documents):
        return []
    kept = [chunk for chunk in store.chunks()
            if chunk.company in corpus.failed_companies or document_key(chunk) in corpus.failed_documents]
    logger.warning("keeping %d previous chunks of the files that failed", len(kept))
    return kept


def _count(report: IngestReport, final: Sequence[Chunk], *, changed: Sequence[Chunk], deleted: int) -> None:
    report.chunks = len(final)
    report.documents = len({document_key(chunk) for chunk in final})
    report.embedded = len(changed)
    report.unchanged = len(final) - len(changed)
    report.deleted = deleted
    report.by_company = dict(Counter(chunk.company for chunk in final))
    report.by_language = dict(Counter(chunk.language for chunk in final))


def _by_document(sections: Sequence[Section]) -> list[tuple[str, tuple[Section, ...]]]:
    groups: dict[str, list[Section]] = {}
    for section in sections:
        groups.setdefault(section.document, []).append(section)
    return [(document, tuple(group)) for document, group in groups.items()]


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


def _vectors(final: Sequence[Chunk], changed: Sequence[Chunk], *, embedder: Embedder,
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


def _embed_progress(progress: Progress | None) -> Callable[[str, int, int], None] | None:
    if progress is None:
        return None
    return lambda name, done, total: progress(f"embed {name}", done, total)
