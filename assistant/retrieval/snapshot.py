"""An immutable snapshot of one index version: its chunks, sections, BM25 indexes and the corpus's company names.

A snapshot is built once per index version and never changes; after a re-ingest a new retriever gets a new one,
while questions already running finish on the old one.

Usage::

    snapshot = IndexSnapshot.build(chunks=store.chunks(), manifests=manifests, version=store.info().version)
    snapshot.scope(("pixeljet", "acme"))  # ('pixeljet',): unknown ids are dropped
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from assistant.retrieval.headings import section_headings
from assistant.retrieval.lexical import LanguageIndexes, build_lexical_indexes
from core.text import name_pattern
from core.types import Chunk, CompanyManifest

__all__ = ["IndexSnapshot", "masking_pattern"]


@dataclass(frozen=True, eq=False)
class IndexSnapshot:
    """Everything retrieval reads from one index version, built once.

    Attributes:
        version: the index version it was built from ("" for an empty snapshot).
        chunks: every chunk, in publishing order.
        by_id: the chunks by id.
        by_section: the passages of each section, in passage order.
        companies: every company with chunks, reference sets included.
        company_languages: the languages each company's policy is indexed in.
        headings: chunk id -> the heading it is retrieved by, its title after its parent heading
            (`assistant.retrieval.headings`).
        lexical: the BM25 indexes by language, of each chunk's heading and text.
        company_names: a pattern matching every company id, name and alias of the manifests (None without
            manifests), to take them out of queries.
    """

    version: str
    chunks: tuple[Chunk, ...]
    by_id: Mapping[str, Chunk]
    by_section: Mapping[str, tuple[Chunk, ...]]
    companies: frozenset[str]
    company_languages: Mapping[str, frozenset[str]]
    headings: Mapping[str, str]
    lexical: Mapping[str, LanguageIndexes]
    company_names: re.Pattern[str] | None

    @classmethod
    def build(cls, *, chunks: Sequence[Chunk], manifests: Sequence[CompanyManifest] | None,
              version: str = "") -> IndexSnapshot:
        """Index `chunks` (one BM25 index per policy and language) and the company names of `manifests`.

        Args:
            chunks: every chunk of the index version, in publishing order.
            manifests: the corpus's company manifests; None (or none) leaves company names in the queries.
            version: the index version, for messages.
        """
        by_section: dict[str, list[Chunk]] = {}
        languages: dict[str, set[str]] = {}
        for chunk in chunks:
            by_section.setdefault(chunk.section_id, []).append(chunk)
            languages.setdefault(chunk.company, set()).add(chunk.language)
        headings = section_headings(chunks)
        return cls(
            version=version,
            chunks=tuple(chunks),
            by_id=MappingProxyType({chunk.id: chunk for chunk in chunks}),
            by_section=MappingProxyType({section_id: tuple(sorted(group, key=lambda c: c.passage))
                                         for section_id, group in by_section.items()}),
            companies=frozenset(languages),
            company_languages=MappingProxyType({company: frozenset(langs) for company, langs in languages.items()}),
            headings=MappingProxyType(headings),
            lexical=build_lexical_indexes(chunks, field=lambda chunk: f"{headings[chunk.id]}\n{chunk.text}"),
            company_names=masking_pattern(manifests or ()),
        )

    @classmethod
    def empty(cls) -> IndexSnapshot:
        """A snapshot of no chunks: what a retriever searches before `warm_up()`."""
        return cls.build(chunks=(), manifests=None)

    def scope(self, companies: Sequence[str], *, include_reference: bool = False,
              reference_companies: Sequence[str] = ("gdpr",)) -> tuple[str, ...]:
        """The indexed companies to search, in a stable order; unknown ids are dropped.

        Args:
            companies: company ids in the order named; empty means every company except the reference sets.
            include_reference: add the reference sets after `companies`.
            reference_companies: the reference sets (the GDPR).
        """
        if companies:
            wanted = list(dict.fromkeys(companies))
        else:
            wanted = sorted(c for c in self.companies if c not in reference_companies)
        if include_reference:
            wanted += [c for c in reference_companies if c not in wanted]
        return tuple(c for c in wanted if c in self.companies)


def masking_pattern(manifests: Iterable[CompanyManifest]) -> re.Pattern[str] | None:
    """One pattern matching every company id, name and alias of `manifests` (reference sets included), spaces and
    hyphens interchangeable; None when there is none."""
    names = {name.casefold() for manifest in manifests for name in (manifest.id, manifest.name, *manifest.aliases)}
    return name_pattern(names)
