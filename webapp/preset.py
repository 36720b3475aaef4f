"""The widget preset of a chat page, `/?company=<id>&lang=<xx>`: read and checked, plus the two rules it implies.

A shop embeds the chat with its own id and language. The page then answers every question from that shop's
policy; `lang` is the page's interface language and the default answer language.

Usage::

    preset = parse_preset({"company": "pixeljet", "lang": "fr"}, shops={"pixeljet": ("Pixeljet", "pixeljet.nl")})
    preset.company, preset.language, preset.problems   # 'pixeljet', 'fr', ()

Everything here is pure: the chat handlers pass in the query parameters, the shops' names and what the
assistant detected in a question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from core.settings import LANGUAGES

__all__ = ["COMPANY_PARAM", "LANG_PARAM", "Preset", "PresetProblem", "answer_language", "foreign_shop",
           "parse_preset"]

Parameter = Literal["company", "lang"]

COMPANY_PARAM: Parameter = "company"
LANG_PARAM: Parameter = "lang"
_SHOWN_CHARS = 60  # a rejected value is shown up to this many characters, then "…"
_LANGUAGE_TAG = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]{1,8})*$")  # "fr", "fr-BE", "nl_NL"


@dataclass(frozen=True)
class PresetProblem:
    """A query parameter that was given but names nothing we know.

    `value` is the received text, trimmed and cut to a displayable length, NOT escaped: escape it before display.
    `known` lists the accepted values (shop ids, or language codes).
    """

    parameter: Parameter
    value: str
    known: tuple[str, ...]


@dataclass(frozen=True)
class Preset:
    """What a chat page was told by its address: the shop (an id) and the language, each None when not set."""

    company: str | None = None
    language: str | None = None
    problems: tuple[PresetProblem, ...] = ()


def parse_preset(params: Mapping[str, str], *, shops: Mapping[str, Sequence[str]],
                 languages: Sequence[str] = LANGUAGES) -> Preset:
    """Read `company` and `lang` from a page's query parameters.

    `company` accepts a shop id, and also, exactly, one of the shop's other names: its display name, an alias
    or its website (case, accents, spaces, hyphens, dots and `https://www.` are ignored: "Pixel Jet",
    "pixeljet.nl"). No typo tolerance: an address fixes the shop for every visitor, so a near miss is reported,
    never guessed. `lang` accepts en, nl, de or fr in any case, with a region ("fr-BE", "nl_NL").
    An empty parameter counts as not given; any other value that matches nothing becomes a `PresetProblem` and
    that parameter stays unset, so the page works as an ordinary chat.

    Args:
        params: the query parameters (other parameters are ignored).
        shops: every shop id with its other names (reference sets such as the GDPR are not shops).
        languages: the accepted language codes.
    """
    problems: list[PresetProblem] = []
    company = language = None
    raw_company = (params.get(COMPANY_PARAM) or "").strip()
    if raw_company:
        company = _resolve_shop(raw_company, shops)
        if company is None:
            problems.append(PresetProblem(COMPANY_PARAM, _shown(raw_company), tuple(sorted(shops))))
    raw_language = (params.get(LANG_PARAM) or "").strip()
    if raw_language:
        tag = _LANGUAGE_TAG.match(raw_language.lower())
        language = tag.group(1) if tag and tag.group(1) in languages else None
        if language is None:
            problems.append(PresetProblem(LANG_PARAM, _shown(raw_language), tuple(languages)))
    return Preset(company=company, language=language, problems=tuple(problems))


def foreign_shop(preset: str | None, *, named: Sequence[str], unknown: str = "") -> str | None:
    """The shop, other than the page's own, that a question asks about: a shop id from `named`, else `unknown`.

    On a shop's page the assistant answers for that shop only, so that its widget is no comparison tool for
    competitors. A question naming another shop of the corpus, or a shop the corpus does not hold, gets a short
    "this page answers about <shop>" reply instead of an answer.

    Args:
        preset: the page's shop id, or None on an ordinary page (then nothing is foreign).
        named: ids of the shops of the corpus the question names, in order of mention.
        unknown: a shop-like name in the question that is not in the corpus, or "".
    """
    if preset is None:
        return None
    return next((shop for shop in named if shop != preset), None) or unknown or None


def answer_language(*, chosen: str | None, preset: str | None, detected: str, confident: bool,
                    languages: Collection[str] = LANGUAGES) -> str | None:
    """The answer language to ask for, or None to leave it to the assistant's own detection.

    A language picked on the page wins. Otherwise the question's own language wins when it was detected
    confidently and is one we answer in; otherwise the page's `lang` (a short "en hoe lang?" or a question in
    a language we do not answer in gets the page's language).

    Args:
        chosen: the language picked in the page's selector, or None for automatic.
        preset: the page's `lang`, or None.
        detected: the language detected in the question (any code).
        confident: whether the detection was confident (not a fallback or a guess).
        languages: the languages answers can be given in.
    """
    if chosen is not None:
        return chosen
    if preset is None or (confident and detected in languages):
        return None
    return preset


def _resolve_shop(value: str, shops: Mapping[str, Sequence[str]]) -> str | None:
    if value in shops:
        return value
    key = _compact(value)
    owners = {shop for shop, names in shops.items() if key in {_compact(name) for name in (shop, *names)}}
    return owners.pop() if key and len(owners) == 1 else None


def _compact(name: str) -> str:
    """`name` folded for comparison: no accents, case, scheme, `www.`, path, spaces, hyphens or dots."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"^[a-z]+://", "", folded.strip()).removeprefix("www.").split("/", 1)[0]
    return re.sub(r"[^a-z0-9]", "", folded)


def _shown(value: str) -> str:
    """`value` on one line, cut to `_SHOWN_CHARS` characters."""
    value = " ".join(value.split())
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"
