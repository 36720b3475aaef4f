"""A read-only view of the indexed policies: whole sections, documents, labels and language links.

The engine (`assistant.engine`) builds one per index version; the web app renders it (`webapp.render`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.contact_routes import contact_line
from core.types import Chunk, CompanyManifest, DocumentSpec

__all__ = ["PolicyLibrary", "SectionView"]


@dataclass(frozen=True)
class SectionView:
    """One whole section of one language version of a policy, stitched back together from its chunks."""

    id: str
    company: str
    document: str
    language: str
    label: str
    title: str
    path: tuple[str, ...]
    text: str
    start: int
    categories: tuple[str, ...]
    linked: tuple[str, ...]
    chunk_ids: tuple[str, ...]

    @property
    def category(self) -> str:
        return self.categories[0] if self.categories else "general"


def _stitch(chunks: Sequence[Chunk]) -> str:
    """Join the passages of one section in order, dropping the overlap two neighbours share in the source file."""
    text = chunks[0].text
    end = chunks[0].end
    for chunk in chunks[1:]:
        if chunk.start >= end:
            text += "\n" + chunk.text
        else:
            text += chunk.text[end - chunk.start:]
        end = max(end, chunk.end)
    return text


class PolicyLibrary:
    """Sections of every indexed policy, in document order, for the sources panel and the staff console.

    Usage::

        library = PolicyLibrary(chunks=snapshot.chunks, manifests=manifests)
        library.section("pixeljet/004_d70c89b0774abc04.txt/en/retention-periods").text

    Args:
        chunks: every chunk of the live index.
        manifests: the company manifests, for display names and privacy contacts.
    """

    def __init__(self, *, chunks: Iterable[Chunk], manifests: Iterable[CompanyManifest] = ()) -> None:
        groups: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            groups.setdefault(chunk.section_id, []).append(chunk)
        sections: list[SectionView] = []
        for section_id, group in groups.items():
            group.sort(key=lambda c: c.passage)
            first = group[0]
            sections.append(SectionView(
                id=section_id, company=first.company, document=first.document, language=first.language,
                label=first.label, title=first.title, path=first.path, text=_stitch(group), start=first.start,
                categories=first.categories,
                linked=tuple(dict.fromkeys(link.split("#", 1)[0] for c in group for link in c.linked)),
                chunk_ids=tuple(c.id for c in group),
            ))
        sections.sort(key=lambda s: (s.company, s.document, s.language, s.start))
        self._sections = tuple(sections)
        self._by_id = {section.id: section for section in sections}
        self._manifests = {manifest.id: manifest for manifest in manifests}

    @property
    def sections(self) -> tuple[SectionView, ...]:
        """Every section, ordered by company, document, language and position."""
        return self._sections

    def section(self, section_id: str) -> SectionView | None:
        """Return the section with id `section_id` (a chunk id `...#n` is accepted too), or None."""
        return self._by_id.get(section_id.split("#", 1)[0])

    def companies(self, *, include_reference: bool = True) -> list[str]:
        """Company ids with sections in the index, sorted; reference sets (the GDPR) only when asked."""
        found = sorted({section.company for section in self._sections})
        if include_reference:
            return found
        return [c for c in found if not (c in self._manifests and self._manifests[c].reference)]

    def company_name(self, company: str) -> str:
        """The display name of `company` from its manifest, or the id itself."""
        manifest = self._manifests.get(company)
        return manifest.name if manifest else company

    def contact(self, company: str) -> str:
        """The privacy contact an answer about `company` names (`contact_line`), or an empty string."""
        manifest = self._manifests.get(company)
        return contact_line(manifest) if manifest else ""

    def manifest(self, company: str) -> CompanyManifest | None:
        """The manifest of `company`, or None when it was not given."""
        return self._manifests.get(company)

    def document_spec(self, company: str, document: str) -> DocumentSpec | None:
        """The manifest entry of `company`'s source file `document` (kind, effective date, version), or None."""
        manifest = self._manifests.get(company)
        return next((spec for spec in manifest.documents if spec.file == document), None) if manifest else None

    def documents(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Each indexed document as (company, document, languages)."""
        languages: dict[tuple[str, str], list[str]] = {}
        for section in self._sections:
            found = languages.setdefault((section.company, section.document), [])
            if section.language not in found:
                found.append(section.language)
        return [(company, document, tuple(langs)) for (company, document), langs in languages.items()]

    def sections_of(self, company: str, document: str, language: str | None = None) -> list[SectionView]:
        """The sections of one document (one language version when `language` is given), in order."""
        return [s for s in self._sections if s.company == company and s.document == document
                and (language is None or s.language == language)]

    def linked(self, section: SectionView, language: str) -> SectionView | None:
        """The linked section of `section` in another `language` (J3D en <-> nl), or None."""
        for section_id in section.linked:
            twin = self._by_id.get(section_id)
            if twin is not None and twin.language == language:
                return twin
        return None

    def find_label(self, label: str, *, company: str | None = None, language: str | None = None) -> list[SectionView]:
        """Sections whose label is `label` or starts with it as a whole word (`8.3` finds `8.3 RIGHT TO ERASURE`).

        Matching ignores case and repeated spaces; `Artikel 6` does not find `Artikel 16`. The shops' sections
        come before those of reference sets (the GDPR).
        """
        wanted = re.sub(r"\s+", " ", label).strip().casefold()
        if not wanted:
            return []
        pattern = re.compile(re.escape(wanted) + r"(?![\w.])")
        out = []
        for section in self._sections:
            if company and section.company != company or language and section.language != language:
                continue
            name = re.sub(r"\s+", " ", section.label).strip().casefold()
            if name == wanted or pattern.match(name):
                out.append(section)
        return sorted(out, key=lambda s: s.company in self._manifests and self._manifests[s.company].reference)

    def best_clause(self, category: str, company: str) -> SectionView | None:
        """The first section of `company` whose main category is `category`, else the first that lists it."""
        tagged = [s for s in self._sections if s.company == company and category in s.categories]
        main = [s for s in tagged if s.category == category]
        return next(iter(main or tagged), None)
