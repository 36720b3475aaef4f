"""Decode a policy file and split it into sections: language versions, navigation cut, repeats dropped.

Headings are found by the table of styles in `ingest.headings`; each section's text is an exact slice of the
decoded file, heading included, so every quote can be checked against the file.
"""

from __future__ import annotations

import codecs
import logging
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.categories import categorize, normalize
from core.errors import ParseError, relative_path
from core.language import LanguageDetector
from core.settings import LANGUAGES
from core.types import DocumentSpec, IngestWarning, ParseResult, Section, slugify
from ingest.headings import SENTENCE_END, Line, assign_paths, choose_headings, demark, split_lines

__all__ = ["Parser", "read_policy_text"]

logger = logging.getLogger(__name__)


def read_policy_text(path: Path) -> str:
    """Read a policy file as strict UTF-8, dropping a leading byte-order mark and keeping line endings as they are.

    Offsets of sections and chunks refer to the string returned here.

    Args:
        path: the policy file.

    Returns:
        The decoded text.

    Raises:
        ParseError: the file is missing or unreadable, empty, binary (NUL bytes), or not valid UTF-8; the
            message names the line and the offending byte.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(path, None, "file not found") from None
    except OSError as exc:
        raise ParseError(path, None, f"cannot read file ({exc.strerror})") from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if not data.strip():
        raise ParseError(path, None, "empty file", hint="add the policy text or remove the file from the manifest")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError(path, data.count(b"\n", 0, nul) + 1, "binary file (NUL byte), not a text file",
                         hint="save the policy as plain UTF-8 text (UTF-16 files contain NUL bytes too)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                         hint="save the file as UTF-8") from exc


@dataclass(frozen=True)
class _Part:
    """One language version of a document: lines `lo..hi` (indexes) of the decoded file."""

    lo: int
    hi: int
    language: str


class Parser:
    """Split one policy document into sections, one set per language version.

    Usage:
        parser = Parser()
        parser.warm_up()
        result = parser.run(spec=manifest.documents[0], company=manifest.id)
        [s.label for s in result.sections]  # ["Artikel 1", "Artikel 2", ...]

    Args:
        detector: the language detector used when the manifest gives no language (default: a new one).
    """

    def __init__(self, *, detector: LanguageDetector | None = None) -> None:
        self.detector = detector or LanguageDetector()

    def warm_up(self) -> None:
        """Load the language profiles; safe to call twice."""
        self.detector.warm_up()

    def run(self, *, spec: DocumentSpec, company: str) -> ParseResult:
        """Parse the document of `spec` into sections.

        Args:
            spec: the document as listed in the company manifest (file, languages, split and cut markers).
            company: the company id, the first part of every section id.

        Returns:
            The sections in file order (each language version in turn) and the warnings: navigation dropped,
            repeated sections dropped, no headings found.

        Raises:
            ParseError: the file cannot be read or decoded, a marker line of the manifest is not in the file, or
                the language is not one of en/nl/de/fr.
        """
        text = read_policy_text(spec.path)
        lines = split_lines(text)
        where = relative_path(spec.path)
        warnings: list[IngestWarning] = []
        lo, hi = self._cut_navigation(spec, lines, where, warnings)
        sections: list[Section] = []
        for part in self._parts(spec, text, lines, lo, hi):
            sections.extend(self._parse_part(spec, company, text, lines, part, where, warnings))
        logger.debug("%s: %d sections", where, len(sections))
        return ParseResult(sections=tuple(sections), warnings=tuple(warnings))

    def _cut_navigation(self, spec: DocumentSpec, lines: list[Line], where: str,
                        warnings: list[IngestWarning]) -> tuple[int, int]:
        lo, hi = 0, len(lines)
        if spec.starts_after:
            marker = _find_line(lines, spec.starts_after, 0, hi)
            if marker is None:
                raise ParseError(spec.path, None, f"starts_after line {spec.starts_after!r} not found",
                                 hint="fix starts_after in the manifest")
            lo = marker + 1
            dropped = sum(not line.blank for line in lines[:lo])
            warnings.append(IngestWarning(where, lines[marker].number,
                                          f"dropped {dropped} lines of site navigation up to {spec.starts_after!r}"))
        if spec.ends_before:
            marker = _find_line(lines, spec.ends_before, lo, hi)
            if marker is None:
                raise ParseError(spec.path, None, f"ends_before line {spec.ends_before!r} not found",
                                 hint="fix ends_before in the manifest")
            hi = marker
            dropped = sum(not line.blank for line in lines[hi:])
            warnings.append(IngestWarning(where, lines[marker].number,
                                          f"dropped {dropped} lines of site navigation from {spec.ends_before!r}"))
        return lo, hi

    def _parts(self, spec: DocumentSpec, text: str, lines: list[Line], lo: int, hi: int) -> list[_Part]:
        if spec.language_split:
            split = _find_line(lines, spec.language_split, lo, hi)
            if split is None:
                raise ParseError(spec.path, None, f"language_split line {spec.language_split!r} not found",
                                 hint="fix language_split in the manifest")
            bounds = [(lo, split), (split, hi)]
        else:
            bounds = [(lo, hi)]
        parts = []
        for index, (start, end) in enumerate(bounds):
            if index < len(spec.languages):
                language = spec.languages[index]
            else:
                language = self._detect(spec, text, lines, start, end)
            if language not in LANGUAGES:
                raise ParseError(spec.path, lines[start].number if start < len(lines) else None,
                                 f"unsupported language {language!r}", hint=f"accepted: {', '.join(LANGUAGES)}")
            parts.append(_Part(start, end, language))
        return parts

    def _detect(self, spec: DocumentSpec, text: str, lines: list[Line], lo: int, hi: int) -> str:
        if lo >= hi:
            raise ParseError(spec.path, None, "no text to detect the language of")
        sample = text[lines[lo].start:_line_end(lines[hi - 1])][:5000]
        result = self.detector.run(text=sample)
        line = lines[lo].number
        if not result.supported:
            raise ParseError(spec.path, line, f"unsupported language {result.detected!r}",
                             hint=f"accepted: {', '.join(LANGUAGES)}")
        if result.source == "fallback":
            raise ParseError(spec.path, line, "cannot detect the language",
                             hint="set languages in the manifest")
        return result.language

    def _parse_part(self, spec: DocumentSpec, company: str, text: str, lines: list[Line], part: _Part,
                    where: str, warnings: list[IngestWarning]) -> list[Section]:
        headings = choose_headings(lines, part.lo, part.hi)
        stem = Path(spec.file).stem
        raw: list[tuple[int, int, str, str, tuple[str, ...]]] = []  # start, end, label, title, path
        first_heading = headings[0].first if headings else part.hi
        preamble = _content_span(lines, part.lo, first_heading)
        if preamble:
            title = _document_title(lines, part.lo, first_heading) or stem
            raw.append((*preamble, title, title, (title,)))
        for heading, path, start_line, end_line in assign_paths(lines, headings, part.hi):
            span = _content_span(lines, start_line, end_line)
            if span is None:
                continue
            raw.append((*span, heading.label, heading.title, path))
        if not headings:
            warnings.append(IngestWarning(where, lines[part.lo].number if part.lo < len(lines) else None,
                                          f"no headings recognised in the {part.language} text; "
                                          "it becomes one section"))
        raw.sort(key=lambda item: item[0])
        return self._sections(spec, company, text, lines, part, raw, where, warnings)

    def _sections(self, spec: DocumentSpec, company: str, text: str, lines: list[Line], part: _Part,
                  raw: list[tuple[int, int, str, str, tuple[str, ...]]], where: str,
                  warnings: list[IngestWarning]) -> list[Section]:
        starts = [line.start for line in lines]
        seen: dict[str, Section] = {}
        slugs: set[str] = set()
        sections: list[Section] = []
        for start, end, label, title, path in raw:
            body = text[start:end]
            line_start = bisect_right(starts, start)
            line_end = bisect_right(starts, max(start, end - 1))
            key = normalize(body)
            if key in seen:
                earlier = seen[key]
                warnings.append(IngestWarning(
                    where, line_start,
                    f"section {label!r} repeats the section at line {earlier.line_start} ({earlier.label!r}) "
                    "verbatim; dropped"))
                continue
            unique = label
            counter = 2
            while slugify(unique) in slugs:
                unique = f"{label} ({counter})"
                counter += 1
            slugs.add(slugify(unique))
            section = Section(
                company=company,
                document=spec.file,
                language=part.language,
                label=unique,
                title=title,
                path=path[:-1] + (unique,) if path and path[-1] == label else path,
                text=body,
                start=start,
                end=end,
                line_start=line_start,
                line_end=line_end,
                categories=categorize(body, language=part.language,
                                      title=" / ".join(path if title in label else (*path, title))),
            )
            seen[key] = section
            sections.append(section)
        return sections


def _line_end(line: Line) -> int:
    return line.start + len(line.text)


def _find_line(lines: Sequence[Line], wanted: str, lo: int, hi: int) -> int | None:
    wanted = wanted.strip()
    return next((i for i in range(lo, hi) if lines[i].text.strip() == wanted), None)


def _content_span(lines: Sequence[Line], lo: int, hi: int) -> tuple[int, int] | None:
    """Offsets from the first to the last non-blank character of lines `lo..hi`; None when they hold no text."""
    content = [i for i in range(lo, hi) if not lines[i].blank]
    if not content:
        return None
    first, last = lines[content[0]], lines[content[-1]]
    start = first.start + first.indent
    end = last.start + len(last.text.rstrip())
    return start, end


def _document_title(lines: Sequence[Line], lo: int, hi: int) -> str:
    """The first non-blank line when it reads like a title (short, no final period), else ''."""
    for i in range(lo, hi):
        if not lines[i].blank:
            candidate = demark(lines[i].text.lstrip("# "))
            return candidate if len(candidate) <= 80 and not candidate.endswith(SENTENCE_END) else ""
    return ""

