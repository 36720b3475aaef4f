"""Split a policy section into evidence units: sentences, list items and table rows, with verbatim spans.

The layout of the section is read here: headings, paragraphs, lists with their lead-ins, and tables. Where a sentence
ends is `core.sentences`' job; the display text of a unit is `core.display_text`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from core.display_text import display_text
from core.sentences import TERMINAL, continues, split_sentences, wrapped

__all__ = ["EvidenceUnit", "UnitKind", "passage_units", "split_units"]

UnitKind = Literal["sentence", "item", "table_row", "lead_in"]

_LABEL = re.compile(r"[^\s:][^:.!?\n]{0,60}:\s")  # "Bestelgegevens en betalingsinformatie: 7 jaar ..."
_LEAD_IN_END = re.compile(r":[*_]*\Z")
_INLINE_HEADING = re.compile(r"[IVXLC]+[^\S\n]+[-–—][^\S\n]+\S.{0,120}", re.S)  # "III - Quelles ... ?" in a bullet

_MD_HEADING = re.compile(r" {0,3}#{1,6}(?:\s|\Z)")
_RULE = re.compile(r"\s*(?:[-*_]\s*){3,}\Z")
_LABEL_HEADING = re.compile(
    r"\s*(?:(?:artikel|article|kapitel|chapter|chapitre|hoofdstuk|abschnitt|section|titel|title|titre|afdeling)\s+"
    r"|(?:art\.|§)\s*)(?:\d+[a-z]?|[ivxlc]+|premier)\.?(?:\s*[-–—:.]?\s+[^.;,]{0,90}[^.;,\s])?\s*\Z", re.I)
_BARE_NUMBER = re.compile(r"\s*\d{1,2}\.?\s*\Z")
_GLUED_NUMBER = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*[^\S\n]{2,}(?=\S)")
_TITLE_GLUE = re.compile(r"(?:[A-Z][\w'’&-]*[^\S\n]+){0,8}[A-Z][a-z]+(?=[A-Z][a-z])")
_MARKER = re.compile(  # "-", "•", "1.", "2.1.", "1\\.", "1)", "a)", "iv.", "(i)", "(1)"; "1.Detectie" without a space
    r"[^\S\n]*(?:[-*•▪◦‣]|(?P<number>\d{1,3}(?:\.\d{1,3})*\\?\.)|\d{1,3}\)"
    r"|(?:[a-z]|[ivxlc]{2,5}|[IVXLC]{2,5})[.)]|[A-Z]\)|\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{2,5})\))"
    r"(?:[^\S\n]+|(?<=\d\.)(?=[A-Z]))(?=\S)")
_TABLE_SEPARATOR = re.compile(r"[\s|:-]*-[\s|:-]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class EvidenceUnit:
    """One quotable piece of a section: a sentence, a list item, a table row or the lead-in of a list.

    `text[start:end]` is the verbatim quote (non-empty, no surrounding whitespace). `display` is the same text for
    people: whitespace collapsed, line breaks of a scrape repaired ("BE 0441.131.254"), markdown links shown as their
    text, emphasis, escapes and list markers dropped, a table row as "Header: value; ...". `links` holds the targets
    of the links in the unit, in order. `lead_in` is the index of the unit that introduces this item (the lead-in
    sentence ending in ":", or the parent item of a nested list); follow it to quote an item with its lead-in.
    """

    start: int
    end: int
    kind: UnitKind
    display: str
    lead_in: int | None = None
    links: tuple[str, ...] = ()

    def quote(self, text: str) -> str:
        """The verbatim slice of `text`, the section text the unit was split from."""
        return text[self.start:self.end]


def split_units(text: str, *, bridge_blank_lines: bool = False) -> tuple[EvidenceUnit, ...]:
    """Split a section's text into evidence units, in text order, with no two units overlapping.

    Headings (markdown `#`, `Artikel 5: ...`, ALL-CAPS lines, numbered or short title lines) are never part of a
    unit, and a blank line always ends one. A line break inside a paragraph is a space; a full stop ends a sentence
    unless an abbreviation, a number, an initial or a lower-case word follows or precedes it. A list item (`-`, `*`,
    `•`, `1.`, `a)`, `(i)`) is one unit; a table row is one unit shown with its header. A sentence that ends a line
    with ":" is a lead-in, and the list after it (marked items, or short unmarked lines) its items.

    Usage::

        units = split_units("We share:\\n\\n- your address with PostNL.\\n")
        [u.kind for u in units]  # ['lead_in', 'item']
        units[1].lead_in  # 0

    Args:
        text: the section text (or a whole policy file).
        bridge_blank_lines: treat a blank line as a line break when the text before it has no sentence-final
            punctuation and the text after it starts in lower case, a digit or "(", or the line before it is as long
            as a wrapped line, as in PDF extractions that double every line break (online-3d-printen). Off by
            default: a blank line then always ends a unit.

    Returns:
        The units; `lead_in` indexes into this tuple.
    """
    lines = _classify(text)
    blocks = _blocks(lines)
    if bridge_blank_lines:
        blocks = _bridge(text, blocks)
    return _Assembler(text).run(blocks)


@lru_cache(maxsize=4096)
def passage_units(text: str) -> tuple[EvidenceUnit, ...]:
    """The evidence units of a stored passage, cached; a PDF extraction that doubles every line break (a blank line
    after at least 40% of the lines, in a short passage as in a long one) is bridged."""
    lines = text.split("\n")
    blank_after = sum(1 for line, after in zip(lines, lines[1:], strict=False) if line.strip() and not after.strip())
    doubled = blank_after >= 0.4 * sum(1 for line in lines if line.strip())
    return split_units(text, bridge_blank_lines=doubled)


@dataclass(frozen=True)
class _Piece:
    """A line (blank, heading, weak title line, table, item or text) or a block of lines (para for text lines)."""

    kind: str
    start: int  # first character of the content (after indentation, list marker or run-in heading)
    end: int
    indent: int = 0
    numbered: bool = False
    rows: tuple[tuple[int, int], ...] = ()


def _classify(text: str) -> list[_Piece]:
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    lines = [_line(text, start, raw) for start, raw in zip(starts, text.split("\n"), strict=True)]
    for index, line in enumerate(lines):
        if _is_weak_heading(text, lines, index):
            lines[index] = replace(line, kind="weak")
    return lines


def _line(text: str, start: int, raw: str) -> _Piece:
    body = raw.strip()
    indent = len(raw) - len(raw.lstrip())
    first, last = start + indent, start + len(raw.rstrip())
    if not body:
        return _Piece("blank", first, first)
    if body.startswith("|") and body.count("|") >= 2:
        return _Piece("table", first, last)
    if any(p.match(raw) for p in (_MD_HEADING, _RULE, _LABEL_HEADING, _BARE_NUMBER)) or _is_caps(body):
        return _Piece("heading", first, last)
    glued = _GLUED_NUMBER.match(raw)
    cut = _run_in_title_end(raw, glued.end()) if glued else None
    if cut is not None:
        content = start + cut
        while content < last and text[content].isspace():
            content += 1
        return _Piece("text", content, last, indent) if content < last else _Piece("heading", first, last)
    marker = _MARKER.match(raw)
    if marker:
        return _Piece("item", start + marker.end(), last, indent, marker["number"] is not None)
    return _Piece("text", first, last, indent)


def _is_caps(body: str) -> bool:
    title = body.strip("*_` ")
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(title) <= 100 and len(title.split()) <= 12


def _run_in_title_end(raw: str, start: int) -> int | None:
    """End of a heading run into its text after a scraped number: `1    RIGHT OF ACCESS You have ...`."""
    rest = raw[start:]
    lower = next((i for i, c in enumerate(rest) if c.islower()), None)
    if lower is None:
        return len(raw)
    if lower >= 3 and rest[lower - 1].isupper() and sum(c.isalpha() for c in rest[:lower - 1]) >= 2:
        return start + lower - 1
    glue = _TITLE_GLUE.match(rest)  # "Your Personal DataUnder the applicable ..."
    return start + glue.end() if glue else None


def _is_weak_heading(text: str, lines: list[_Piece], index: int) -> bool:
    """A short title line standing alone: a sub-heading, or an unmarked list item when a lead-in precedes it."""
    line = lines[index]
    before = lines[index - 1].kind if index else "blank"
    following = lines[index + 1].kind if index + 1 < len(lines) else "blank"
    if not ((line.kind == "text" or line.kind == "item" and line.numbered)
            and before in ("blank", "heading") and following in ("blank", "heading")):
        return False
    after = next((lines[i] for i in range(index + 1, len(lines)) if lines[i].kind != "blank"), None)
    under_heading = before == "heading"
    if after is None or after.kind == "heading":
        if not under_heading:
            return False
    elif text[after.start].islower():
        return False
    shown = display_text(text[line.start:line.end])[0]
    words, chars = (12, 100) if line.numbered or under_heading else (8, 60)
    return (0 < len(shown) <= chars and len(shown.split()) <= words and shown[-1] not in ".!:;,…"
            and not shown[0].islower() and not any(s in shown for s in (":", "@", "://"))
            and (line.numbered or ". " not in shown))


def _blocks(lines: list[_Piece]) -> list[_Piece]:
    blocks: list[_Piece] = []
    open_kind: str | None = None
    for line in lines:
        row = ((line.start, line.end),) if line.kind == "table" else ()
        if line.kind == "text" and open_kind in ("para", "item") or line.kind == "table" and open_kind == "table":
            blocks[-1] = replace(blocks[-1], end=line.end, rows=blocks[-1].rows + row)
        elif line.kind != "blank":
            blocks.append(replace(line, kind="para" if line.kind == "text" else line.kind, rows=row))
        open_kind = {"text": "item" if open_kind == "item" else "para", "item": "item", "table": "table"}.get(line.kind)
    return blocks


def _bridge(text: str, blocks: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
    for block in blocks:
        last = merged[-1] if merged else None
        if (last is not None and last.kind in ("para", "item") and block.kind == "para"
                and not TERMINAL.search(text, last.start, last.end)
                and (continues(text, block.start, block.end) or wrapped(text, last.start, last.end))):
            merged[-1] = replace(last, end=block.end)
        else:
            merged.append(block)
    return merged


class _Assembler:
    """Turns blocks into units, keeping track of the list that the current lead-in opened."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[EvidenceUnit] = []
        self.lead: int | None = None
        self.mode: Literal["plain", "bulleted"] | None = None
        self.nested: list[tuple[int, int]] = []  # (indent, index) of items ending in ":"

    def run(self, blocks: list[_Piece]) -> tuple[EvidenceUnit, ...]:
        handlers = {"heading": lambda _: self._reset(), "table": self._table, "item": self._item, "weak": self._weak,
                    "para": self._para}
        for block in blocks:
            handlers[block.kind](block)
        return tuple(self.units)

    def _reset(self) -> None:
        self.lead, self.mode, self.nested = None, None, []

    def _add(self, span: tuple[int, int], kind: UnitKind, lead: int | None,
             shown: tuple[str, tuple[str, ...]] | None = None) -> int | None:
        display, links = shown or display_text(self.text[span[0]:span[1]])
        if not any(c.isalnum() for c in display):
            return None
        self.units.append(EvidenceUnit(span[0], span[1], kind, display, lead, links))
        return len(self.units) - 1

    def _is_lead_in(self, span: tuple[int, int]) -> bool:
        return _LEAD_IN_END.search(self.text, *span) is not None

    def _runs(self, block: _Piece) -> list[list[tuple[int, int]]]:
        """The block's sentences, in runs separated by headings that a scrape ran into the text."""
        runs: list[list[tuple[int, int]]] = [[]]
        for span in split_sentences(self.text, block.start, block.end):
            if _INLINE_HEADING.fullmatch(self.text, *span):
                runs.append([])
            else:
                runs[-1].append(span)
        return runs

    def _flow(self, spans: list[tuple[int, int]]) -> None:
        """Sentences of running text; those after a lead-in in the same paragraph are its items."""
        for span in spans:
            if self._is_lead_in(span):
                self._reset()
                self.lead = self._add(span, "lead_in", None)
            elif self.lead is not None:
                self._add(span, "item", self.lead)
                self.mode = "plain"
            else:
                self._add(span, "sentence", None)

    def _para(self, block: _Piece) -> None:
        spans = [span for run in self._runs(block) for span in run]
        self._open_item_list()
        previous = self.units[-1] if self.units else None
        if (self.mode == "bulleted" and previous is not None and previous.kind == "item"
                and continues(self.text, block.start, block.end)):
            lead = previous.lead_in  # the rest of an item that a blank line cut: "binnen\n\n72 uur ..."
        elif (self.lead is not None and self.mode != "bulleted" and spans and not self._is_lead_in(spans[-1])
              and (len(spans) == 1 and spans[0][1] - spans[0][0] <= 160 or _LABEL.match(self.text, spans[0][0]))):
            lead, self.mode = self.lead, "plain"  # an unmarked list item: "Contactgegevens: 2 jaar ..."
        else:
            self._reset()
            self._flow(spans)
            return
        for span in spans:
            self._add(span, "item", lead)

    def _open_item_list(self) -> None:
        """An item ending in ":" right before unmarked lines leads them: `* par courrier :` + an address."""
        if self.nested and self.nested[-1][1] == len(self.units) - 1:
            self.lead, self.mode, self.nested = self.nested[-1][1], None, []

    def _item(self, block: _Piece) -> None:
        first, *rest = self._runs(block)
        if first:
            span = (first[0][0], first[-1][1])
            while self.nested and self.nested[-1][0] >= block.indent:
                self.nested.pop()
            index = self._add(span, "item", self.nested[-1][1] if self.nested else self.lead)
            if index is not None and self._is_lead_in(span):
                self.nested.append((block.indent, index))
            self.mode = "bulleted"
        if rest:
            self._reset()
            self._flow([span for run in rest for span in run])

    def _weak(self, block: _Piece) -> None:
        self._open_item_list()
        # Right after a lead-in any title line is an item; in a numbered list a numbered one, in a list of
        # unmarked items an unmarked one. Otherwise the line is a sub-heading and ends the list.
        if self.lead is not None and (self.mode is None or block.numbered == (self.mode == "bulleted")):
            self._add((block.start, block.end), "item", self.lead)
            self.mode = self.mode or "plain"
        else:
            self._reset()

    def _table(self, block: _Piece) -> None:
        """A row per unit, shown with the header; rows without a header (a table cut by a passage boundary, whose
        header is in the previous passage) are shown as their cells."""
        table = [self._cells(row) for row in block.rows]
        rows = list(block.rows)
        header: list[tuple[str, tuple[str, ...]]] = []
        if len(rows) > 1 and _TABLE_SEPARATOR.fullmatch(self.text, *rows[1]):
            header, rows, body = table[0], rows[2:], table[2:]
        else:
            body = table
        lead = self.lead if self.mode is None else None
        self._reset()
        names = [name for name, _ in header]
        for span, cells in zip(rows, body, strict=True):
            pairs = [(names[i] if i < len(names) else "", cell) for i, cell in enumerate(cells) if cell[0]]
            display = "; ".join(f"{name}: {text}" if name else text for name, (text, _) in pairs)
            links = tuple(dict.fromkeys(link for _, (_, found) in pairs for link in found))
            self._add(span, "table_row", lead, (display, links))

    def _cells(self, row: tuple[int, int]) -> list[tuple[str, tuple[str, ...]]]:
        body = self.text[row[0]:row[1]].strip()
        body = body[1:-1] if body.endswith("|") and len(body) > 1 else body[1:]
        return [display_text(cell) for cell in _CELL_SPLIT.split(body)]
