"""The text of a policy span for people, and the targets of the links in it.

A scrape's broken lines are repaired, markdown links shown as their text, emphasis and escapes dropped, and
whitespace collapsed.
"""

from __future__ import annotations

import re

__all__ = ["display_text"]

# A scrape that broke lines after every full stop: "BE 0441.\n131.\n254." -> "BE 0441.131.254.", "e.\ng." -> "e.g."
_SCRAPED_BREAK = re.compile(r"(?<=\.)[^\S\n]*\n\s*(?=[,;:)])|(?<=\d\.)[^\S\n]*\n\s*(?=\d+[.)])")
_SCRAPED_INITIALS = re.compile(r"(?<![^\W\d_])([^\W\d_]\.)[^\S\n]*\n\s*(?=[^\W\d_]\.)")
_LINK = re.compile(
    r"!?\[(?P<label>[^\]]*)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+|[^\s<>@]+@[^\s<>@]+)>"
    r"|(?P<bare>(?:https?://|mailto:|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’])")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"
                       r"|(?<!\w)_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)|`([^`]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def display_text(raw: str) -> tuple[str, tuple[str, ...]]:
    """The text of `raw` for people, and the link targets in it."""
    links: list[str] = []

    def link(match: re.Match[str]) -> str:
        if match["label"] is not None:
            links.append(_ESCAPE.sub(r"\1", match["target"]))
            return match["label"]
        target = match["auto"] or match["bare"]
        links.append(_ESCAPE.sub(r"\1", target))
        return target

    shown = _LINK.sub(link, _SCRAPED_INITIALS.sub(r"\1", _SCRAPED_BREAK.sub("", raw)))
    shown = _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:] if g is not None), shown).replace("**", "")
    shown = re.sub(r"\s+([)\]])", r"\1", re.sub(r"([(\[])\s+", r"\1", _ESCAPE.sub(r"\1", shown)))
    return " ".join(shown.split()), tuple(dict.fromkeys(links))

