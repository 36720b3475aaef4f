"""The table of heading styles policies use, and how the headings found nest into section paths.

Each style finds headings on a range of lines; `choose_headings` keeps the family of styles that fits a text
best: GDPR articles with their chapters, `Artikel N: Title` lines, the split numbering of scraped pages
(`8.` on one line, `3    RIGHT TO ERASURETo ...` on the next), plain markdown, or the family of markdown
headings, numbered lines and plain-text headings, which nest inside each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "SENTENCE_END",
    "STYLES",
    "Heading",
    "HeadingStyle",
    "Line",
    "assign_paths",
    "choose_headings",
    "demark",
    "is_toc",
    "split_lines",
]


@dataclass(frozen=True)
class Line:
    """One line of the decoded text: its 1-based number, the offset where it starts, its text without line end."""

    number: int
    start: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


@dataclass(frozen=True)
class Heading:
    """A heading found by a style: it spans lines `first..last` (indexes) and may carry body text inline."""

    first: int
    last: int
    level: int | None  # None: a plain heading, nested by position (see assign_paths)
    label: str
    title: str
    path_label: str
    inline_body: bool = False


Finder = Callable[[Sequence[Line], int, int], list[Heading]]

# Levels nest markdown (1-6) > numbered lines (11, 12, ...) > plain headings (100, then +1 per chained heading).
_NUMBERED_LEVEL = 10
_PLAIN_LEVEL = 100


@dataclass(frozen=True)
class HeadingStyle:
    """One way policies mark their headings.

    `weight` says how specific the style is (a match of a specific style counts more when choosing);
    styles with the same `family` can be combined in one document; `primary` styles can win the choice.
    """

    name: str
    family: str
    weight: float
    find: Finder
    primary: bool = True


_TOC_LINE = re.compile(r"^\S.{0,60}\t+\d{1,3}\s*$")
_LABEL_VALUE = re.compile(r"^[^:]{1,30}:\s+\S")
_MARKUP = re.compile(r"\*\*|__|\\(?=[.\-#*_()\[\]])")


def demark(text: str) -> str:
    """Remove markdown bold markers and escapes from a heading (`1\\. General` -> `1. General`)."""
    if "*" in text or "_" in text or "\\" in text:
        text = _MARKUP.sub("", text)
    return " ".join(text.split())


def _isolated(lines: Sequence[Line], index: int, lo: int, hi: int) -> bool:
    before = index == lo or lines[index - 1].blank
    after = index + 1 >= hi or lines[index + 1].blank
    return before and after


def is_toc(line: Line) -> bool:
    return bool(_TOC_LINE.match(line.text))


# --- GDPR: `## Article N` + title line; `CHAPTER I` / `Section 1` + title line go into the path -------------------

_GDPR_ARTICLE = re.compile(r"^##\s+(?P<word>Article|Artikel)\s+(?P<num>\d+|premier)\s*$")
_GDPR_GROUPS = (
    (re.compile(r"^(?P<word>CHAPTER|HOOFDSTUK|KAPITEL|CHAPITRE)\s+(?P<num>[IVXLC]+)\s*$"), 1),
    (re.compile(r"^(?P<word>Section|Afdeling|Abschnitt)\s+(?P<num>\d+)\s*$"), 2),
)


def _find_gdpr(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found: list[Heading] = []
    for i in range(lo, hi):
        text = lines[i].text.strip()
        title = lines[i + 1].text.strip() if i + 1 < hi else ""
        article = _GDPR_ARTICLE.match(text)
        if article and title:
            number = "1" if article["num"] == "premier" else article["num"]
            label = f"{article['word']} {number}"
            found.append(Heading(i, i + 1, 3, label, title, label))
            continue
        for pattern, level in _GDPR_GROUPS:
            group = pattern.match(text)
            if group and title and not title.startswith("#"):
                label = f"{group['word']} {group['num']}"
                found.append(Heading(i, i + 1, level, label, title, f"{label}: {title}"))
    return found


# --- `Artikel 6: Bewaartermijn van Gegevens` / ` Artikel 3 - Soorten ...` ------------------------------------------

_ARTIKEL = re.compile(
    r"^\s*(?P<word>Artikel|Article|Art\.)\s+(?P<num>\d{1,3}[a-z]?)\s*[:\-–—.]\s*(?P<title>\S.*?)\s*$"
)


def _find_artikel(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found = []
    for i in range(lo, hi):
        match = _ARTIKEL.match(lines[i].text)
        if match:
            label = f"{match['word']} {match['num']}"
            found.append(Heading(i, i, 1, label, match["title"], label))
    return found


# --- scraped split numbering: `8.` alone, then `3    RIGHT TO ERASURETo the extent ...` or `YOUR RIGHTS.` ---------

_NUMBER_ALONE = re.compile(r"^\s*(?P<num>\d{1,2})\.\s*$")
_CAPS_LINE = re.compile(r"^\s*(?P<title>[A-Z][A-Z0-9 ,'’&/()\-]*[A-Z)])\.?\s*$")
_SUB_NUMBER = re.compile(r"^\s*(?P<num>\d{1,2})\s+(?P<rest>\S.*)$")
_CAPS_RUN = re.compile(r"[A-Z][A-Z'’&/\-]*(?:[ ,]+[A-Z][A-Z'’&/\-]*)*")


def _caps_run(text: str) -> tuple[str, bool]:
    """The upper-case heading at the start of `text`, and whether body text follows it on the line.

    When the capitals run straight into a capitalised body word (`ERASURETo`, `YOUBecause`), the last capital
    belongs to the body.
    """
    match = _CAPS_RUN.match(text)
    if not match:
        return "", True
    run, end = match.group(), match.end()
    if end < len(text) and text[end].islower():
        run, end = run[:-1], end - 1
    run = run.rstrip(" ,")
    return run, bool(text[end:].strip())


def _find_split_numbered(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found = []
    for i in range(lo, hi - 1):
        number = _NUMBER_ALONE.match(lines[i].text)
        if not number:
            continue
        major, following = number["num"], lines[i + 1].text
        top = _CAPS_LINE.match(following)
        if top and sum(char.isalpha() for char in top["title"]) >= 3:
            title = top["title"].strip()
            label = f"{major} {title}"
            found.append(Heading(i, i + 1, 1, label, title, label))
            continue
        sub = _SUB_NUMBER.match(following)
        if sub:
            title, inline = _caps_run(sub["rest"])
            if re.search(r"[A-Z]{2}", title) and sum(char.isalpha() for char in title) >= 3:
                label = f"{major}.{sub['num']} {title}"
                found.append(Heading(i, i + 1, 2, label, title, label, inline_body=inline))
    return found


# --- markdown `#` headings ----------------------------------------------------------------------------------------

_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>\S.*?)\s*#*\s*$")


def _find_markdown(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found = []
    for i in range(lo, hi):
        match = _MARKDOWN.match(lines[i].text)
        if match:
            text = demark(match["text"])
            found.append(Heading(i, i, len(match["hashes"]), text, text, text))
    return found


# --- numbered lines: `1. Verantwortlicher ...`, `2.2. **Private messages**`, `IV. Title` -------------------------

_NUMBERED = re.compile(
    r"^\s{0,3}(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\\?\.)?|(?P<roman>[IVX]{1,5})(?:\\?\.|\s+[-–—]))"
    r"\s+(?P<text>\S.*?)\s*$"
)
SENTENCE_END = (".", ";", ",", ":", "!")


def _find_numbered(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found = []
    for i in range(lo, hi):
        match = _NUMBERED.match(lines[i].text)
        if not match or not _isolated(lines, i, lo, hi):
            continue
        text = demark(match["text"])
        if not text[:1].isupper() or text.endswith(SENTENCE_END) or len(text) > 100 or len(text.split()) > 14:
            continue
        depth = match["num"].count(".") + 1 if match["num"] else 1
        label = demark(lines[i].text)
        found.append(Heading(i, i, _NUMBERED_LEVEL + depth, label, text, label))
    return found


# --- plain-text headings: a short line between blank lines, starting upper-case, no final period ----------------

def _is_plain_heading(line: Line) -> bool:
    text = demark(line.text)
    if not 2 <= len(text) <= 80 or len(text.split()) > 12:
        return False
    if not text[0].isupper() or text.endswith(SENTENCE_END) or is_toc(line):
        return False
    if "@" in text or "http" in text or "www." in text or ". " in text or _LABEL_VALUE.match(text):
        return False
    return sum(char.isalpha() for char in text) >= 2


def _opens_contact_block(lines: Sequence[Line], index: int, hi: int) -> bool:
    """True when the next text line starts with an e-mail address: the line is a person's name, not a heading."""
    for line in lines[index + 1:hi]:
        if not line.blank:
            words = line.text.split()
            return bool(words) and "@" in words[0]
    return False


def _find_plain(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    found = []
    for i in range(lo, hi):
        if (not lines[i].blank and _isolated(lines, i, lo, hi) and _is_plain_heading(lines[i])
                and not _opens_contact_block(lines, i, hi)):
            text = demark(lines[i].text)
            found.append(Heading(i, i, None, text, text, text))
    return found


STYLES: tuple[HeadingStyle, ...] = (
    HeadingStyle("gdpr-article", "gdpr", 3.0, _find_gdpr),
    HeadingStyle("artikel", "artikel", 3.0, _find_artikel),
    HeadingStyle("split-numbered", "split", 3.0, _find_split_numbered),
    HeadingStyle("markdown", "markdown", 2.0, _find_markdown),
    HeadingStyle("numbered-line", "text", 2.0, _find_numbered),
    HeadingStyle("plain", "text", 1.0, _find_plain),
    HeadingStyle("markdown-in-text", "text", 2.0, _find_markdown, primary=False),
)


def split_lines(text: str) -> list[Line]:
    """Split `text` at `\n` only (a `\r` before it is dropped from the line), keeping each line's offset."""
    lines, start = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, start, raw[:-1] if raw.endswith("\r") else raw))
        start += len(raw) + 1
    return lines


def choose_headings(lines: Sequence[Line], lo: int, hi: int) -> list[Heading]:
    """Run every style on lines `lo..hi` and return, in line order, the headings of the family that fits best.

    A family scores the weighted count of the headings its primary styles find; ties go to the family listed
    first in `STYLES`. Where two styles of the family claim the same line, the one listed first wins.
    """
    found = {style.name: style.find(lines, lo, hi) for style in STYLES}
    scores: dict[str, float] = {}
    for style in STYLES:
        if style.primary:
            scores[style.family] = scores.get(style.family, 0.0) + style.weight * len(found[style.name])
    family = max(scores, key=lambda name: scores[name])
    if scores[family] <= 0:
        return []
    taken: dict[int, Heading] = {}
    for style in STYLES:
        if style.family != family:
            continue
        for heading in found[style.name]:
            span = range(heading.first, heading.last + 1)
            if all(i not in taken for i in span):
                taken.update(dict.fromkeys(span, heading))
    return sorted(set(taken.values()), key=lambda heading: heading.first)


def _has_body(lines: Sequence[Line], heading: Heading, end_line: int) -> bool:
    if heading.inline_body:
        return True
    return any(not lines[i].blank and not is_toc(lines[i]) for i in range(heading.last + 1, end_line))


def assign_paths(lines: Sequence[Line], headings: list[Heading],
                 hi: int) -> list[tuple[Heading, tuple[str, ...], int, int]]:
    """Give each heading that has a body its path and the line indexes where its section starts and ends.

    Levelled styles nest by level. A plain heading nests under the levelled ones; it is a child of the plain
    heading right before it only when that one has no body of its own (`Web hosting` > `Neostrada`).
    Headings without a body are not sections: they go into the path of the section that follows, and their
    lines open that section's text, so no text of the document is left out of every section. Headings left
    without a body at the very end form one last section of their own.
    """
    out = []
    run_start: int | None = None
    stack: list[tuple[int, str]] = []
    previous_plain_level: int | None = None
    for index, heading in enumerate(headings):
        end_line = headings[index + 1].first if index + 1 < len(headings) else hi
        has_body = _has_body(lines, heading, end_line)
        if heading.level is None:
            level = previous_plain_level + 1 if previous_plain_level is not None else _PLAIN_LEVEL
        else:
            level = heading.level
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading.path_label))
        previous_plain_level = level if heading.level is None and not has_body else None
        if run_start is None:
            run_start = heading.first
        if has_body or index + 1 == len(headings):
            out.append((heading, _path(stack), run_start, end_line))
            run_start = None
    return out


def _path(stack: list[tuple[int, str]]) -> tuple[str, ...]:
    """The labels of the open headings, with a label repeated right below itself said once."""
    path: list[str] = []
    for _, entry in stack:
        if not path or path[-1].casefold() != entry.casefold():
            path.append(entry)
    return tuple(path)
