"""The corpus as gold validation sees it: its companies, and the owner, text and parsed sections of each document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.manifest import load_corpus
from core.types import Section
from ingest.parse import Parser, read_policy_text

__all__ = ["GoldCorpus"]


@dataclass(frozen=True)
class GoldCorpus:
    """What validation needs to know about a corpus: its companies, the text and the parsed sections of each file.

    Build it once with `GoldCorpus.from_dir()` and pass it to several `load_gold()` / `validate_gold()` calls
    to parse the corpus only once.
    """

    companies: frozenset[str]
    references: frozenset[str]
    owners: Mapping[str, str]
    texts: Mapping[str, str]
    sections: Mapping[str, tuple[Section, ...]]

    @classmethod
    def from_dir(cls, corpus_dir: Path, *, parser: Parser | None = None) -> GoldCorpus:
        """Load every company manifest of `corpus_dir` and parse every document with the ingest parser.

        Args:
            corpus_dir: the corpus folder (one sub-folder with a `manifest.toml` per company).
            parser: the parser to use (default: a new `Parser`, warmed up here).

        Returns:
            The corpus view; documents are keyed by file name.

        Raises:
            IngestError: the folder is missing or a manifest is invalid.
            ParseError: a document cannot be read or parsed.
        """
        listing = load_corpus(corpus_dir)
        if listing.errors:
            raise listing.errors[0]
        if parser is None:
            parser = Parser()
            parser.warm_up()
        owners: dict[str, str] = {}
        texts: dict[str, str] = {}
        sections: dict[str, tuple[Section, ...]] = {}
        for manifest in listing.manifests:
            for spec in manifest.documents:
                owners[spec.file] = manifest.id
                texts[spec.file] = read_policy_text(spec.path)
                sections[spec.file] = parser.run(spec=spec, company=manifest.id).sections
        return cls(
            companies=frozenset(m.id for m in listing.manifests),
            references=frozenset(m.id for m in listing.manifests if m.reference),
            owners=owners,
            texts=texts,
            sections=sections,
        )

    def labels(self, doc: str) -> tuple[str, ...]:
        """The section labels of document `doc`, in file order (empty when the document is unknown)."""
        return tuple(dict.fromkeys(section.label for section in self.sections.get(doc, ())))
