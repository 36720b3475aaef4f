"""Where the sentences of a policy's running text end: inside a paragraph, and across a blank line.

A full stop, "!", "?" or "…" (with the closing quotes, brackets and emphasis after it) ends a sentence unless a
lower-case word, a digit, a comma, a semicolon, a colon or a closing bracket follows it, or, for a full stop or "…",
an abbreviation, an initial or a day before a German month precedes it; a ":" at the end of a line always ends one.
A blank line that a PDF extraction put inside a sentence is told by the paragraphs around it (`continues`,
`wrapped`).
"""

from __future__ import annotations

import re

__all__ = ["TERMINAL", "continues", "split_sentences", "wrapped"]

# Lower-case words after which a full stop never ends a sentence; dotted forms (e.g., z.B., d.w.z.), initials and
# single letters are recognised by shape, and a lower-case word or a digit after the stop never starts a sentence.
_ABBREVIATIONS = frozenset({
    "approx", "art", "arts", "ca", "cf", "dept", "dr", "fig", "incl", "jr", "mr", "mrs", "ms", "nos", "para", "pp",
    "prof", "sec", "sr", "st", "vs",  # en
    "abs", "bspw", "bzw", "evtl", "ggf", "gem", "inkl", "insb", "lit", "nr", "sog", "vgl", "ziff", "zzgl",  # de
    "bijv", "bv", "evt", "jl", "resp", "zgn",  # nl
    "al", "chap", "env", "ex", "mme", "mlle",  # fr
})
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_GERMAN_MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
                           r"|Dezember)\b")
_CLOSERS = "\"'”’»)\\]*_"
_CANDIDATE = re.compile(rf"[.!?…]+[{_CLOSERS}]*(?=\s|\Z)|:[*_]*(?=[^\S\n]*\n)")
_DIGIT_WORD = re.compile(r"\d+[A-Z]")  # "3D Printing" may start a sentence; "131." after "BE 0441." does not
_WRAP_CHARS = 60  # a line this long without a full stop was wrapped by a PDF extraction, not ended
TERMINAL = re.compile(rf"[.!?:;…][{_CLOSERS}]*\Z")
"""Punctuation that ends a text as a sentence or clause: ".", "!", "?", ":", ";" or "…", with any closers after it."""


def continues(text: str, start: int, end: int) -> bool:
    """Whether the paragraph `text[start:end]` reads as the rest of a sentence cut by a blank line: it starts in lower
    case, a digit or "(", or it is a last word or two ending the sentence ("AVG.")."""
    rest = text[start:end].strip()
    return (text[start].islower() or text[start].isdigit() or text[start] == "("
            or (len(rest.split()) <= 2 and bool(TERMINAL.search(rest)) and not rest.endswith(":")))


def wrapped(text: str, start: int, end: int) -> bool:
    """Whether the paragraph `text[start:end]` ends in a line as long as the extraction wraps at, so the sentence goes
    on after the blank line ("... van de Nederlandse Autoriteit" / "Persoonsgegevens (AP) en ...")."""
    return len(text[text.rfind("\n", start, end) + 1:end].strip()) >= _WRAP_CHARS


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the sentences of `text[start:end]` in text order, each without surrounding whitespace."""
    cuts = [start]
    cuts.extend(m.end() for m in _CANDIDATE.finditer(text, start, end) if _ends_sentence(text, m, start, end))
    cuts.append(end)
    spans = (_strip(text, a, b) for a, b in zip(cuts, cuts[1:], strict=False))
    return [span for span in spans if span is not None]


def _ends_sentence(text: str, mark: re.Match[str], start: int, end: int) -> bool:
    if mark.group().startswith(":"):
        return True
    following = mark.end()
    while following < end and text[following].isspace():
        following += 1
    if following == end:
        return True
    first = text[following]
    if first.islower() or first in ",;:)]}" or (first.isdigit() and not _DIGIT_WORD.match(text, following)):
        return False
    if not mark.group().startswith((".", "…")):
        return True
    begin = mark.start()
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    word = re.split(r"[-/]", text[begin:mark.start()].lstrip("([{\"'“‘«*_"))[-1]
    if word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word):
        return False
    return not (word.isdigit() and _GERMAN_MONTH.match(text, following))  # "am 25. Mai 2018"


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
