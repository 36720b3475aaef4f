"""Cut sections into passages that fit the embedders, splitting at paragraphs, then lines, then sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.errors import ChunkError, ConfigError
from core.types import Chunk, ChunkResult, Section

__all__ = ["Chunker"]

# Boundaries tried in order: blank lines (paragraphs), line breaks, sentence ends, then any whitespace.
_BOUNDARIES = (
    re.compile(r"\n[ \t\r]*\n\s*"),
    re.compile(r"\r?\n\s*"),
    re.compile(r"(?<=[.!?;:])\s+"),
    re.compile(r"\s+"),
)


class Chunker:
    """Cut sections into passages of at most `max_chars` characters that never cross a section.

    A section that fits becomes one chunk. A longer one is split at paragraph boundaries, then at line breaks,
    then at sentence ends (whitespace only as a last resort), and the pieces are packed greedily. A piece shorter
    than `min_chars` is joined to its neighbour, even when that overshoots `max_chars` by up to `min_chars`.
    Each chunk's text is an exact slice of its section, and its offsets and lines are absolute in the file.

    Usage:
        chunker = Chunker(max_chars=1200, min_chars=200)
        result = chunker.run(sections=parse_result.sections)
        result.chunks[0].id  # "online-3d-printen/002_31825930765d3a6a.txt/nl/artikel-1#0"

    Args:
        max_chars: the longest passage, in characters (at least 100).
        min_chars: passages shorter than this are merged with a neighbour (0 <= min_chars < max_chars).

    Raises:
        ConfigError: a setting is not an integer or out of range; the message quotes the value.
    """

    def __init__(self, *, max_chars: int = 1200, min_chars: int = 200) -> None:
        for name, value in (("max_chars", max_chars), ("min_chars", min_chars)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"chunker {name} must be an integer, got {value!r}")
        if max_chars < 100:
            raise ConfigError(f"chunker max_chars must be at least 100, got {max_chars!r}")
        if not 0 <= min_chars < max_chars:
            raise ConfigError(f"chunker min_chars must be between 0 and max_chars - 1 ({max_chars - 1}), "
                              f"got {min_chars!r}")
        self.max_chars = max_chars
        self.min_chars = min_chars

    def warm_up(self) -> None:
        """Nothing to load; present for the component contract."""

    def run(self, *, sections: Sequence[Section]) -> ChunkResult:
        """Cut every section into chunks.

        Args:
            sections: parsed sections, in any order.

        Returns:
            The chunks, section by section, with ids `{section.id}#{n}`; n (`passage`) counts from 0.

        Raises:
            ChunkError: a section has no text, or its offsets do not match its text.
        """
        chunks: list[Chunk] = []
        for section in sections:
            if not section.text.strip():
                raise ChunkError(f"{section.company}/{section.document}", section.line_start,
                                 f"section {section.label!r} has no text")
            if section.end - section.start != len(section.text):
                raise ChunkError(f"{section.company}/{section.document}", section.line_start,
                                 f"section {section.label!r} spans {section.end - section.start} characters "
                                 f"but holds {len(section.text)}")
            spans = self._spans(section.text)
            for n, (a, b) in enumerate(spans):
                text = section.text[a:b]
                line_start = section.line_start + section.text.count("\n", 0, a)
                chunks.append(Chunk(
                    id=f"{section.id}#{n}",
                    section_id=section.id,
                    company=section.company,
                    document=section.document,
                    language=section.language,
                    label=section.label,
                    title=section.title,
                    path=section.path,
                    text=text,
                    start=section.start + a,
                    end=section.start + b,
                    line_start=line_start,
                    line_end=line_start + text.count("\n"),
                    passage=n,
                    passages=len(spans),
                    categories=section.categories,
                    linked=section.linked,
                ))
        return ChunkResult(chunks=tuple(chunks))

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """Offsets of the passages of `text`, trimmed of surrounding whitespace."""
        whole = _trim(text, 0, len(text))
        if whole[1] - whole[0] <= self.max_chars:
            return [whole]
        pieces = self._pieces(text, *whole, level=0)
        return self._merge_short(self._pack(pieces))

    def _pieces(self, text: str, start: int, end: int, *, level: int) -> list[tuple[int, int]]:
        """Split `text[start:end]` at the first boundary kind that applies, recursing into pieces still too long."""
        if end - start <= self.max_chars or level >= len(_BOUNDARIES):
            return [(start, end)] if end - start <= self.max_chars else _hard_split(start, end, self.max_chars)
        pieces: list[tuple[int, int]] = []
        cursor = start
        for match in _BOUNDARIES[level].finditer(text, start, end):
            if match.start() > cursor:
                pieces.append((cursor, match.start()))
            cursor = match.end()
        if cursor < end:
            pieces.append((cursor, end))
        out: list[tuple[int, int]] = []
        for a, b in pieces:
            out.extend(self._pieces(text, a, b, level=level + 1) if b - a > self.max_chars else [(a, b)])
        return out

    def _pack(self, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
        packed: list[tuple[int, int]] = []
        for a, b in pieces:
            if packed and (b - packed[-1][0] <= self.max_chars or packed[-1][1] - packed[-1][0] < self.min_chars):
                packed[-1] = (packed[-1][0], b)
            else:
                packed.append((a, b))
        return packed

    def _merge_short(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        if len(spans) > 1 and spans[-1][1] - spans[-1][0] < self.min_chars:
            last = spans.pop()
            spans[-1] = (spans[-1][0], last[1])
        return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_split(start: int, end: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, end)) for a in range(start, end, size)]
