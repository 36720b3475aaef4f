"""Detect which company (or companies) a question is about, from the names, aliases and websites in the manifests.

Matching ignores accents, case, spaces, hyphens and dots ("pixel jet", "M3D-Print", "m3dprint.be") and
tolerates one typo in names of five characters or more ("Materialize", "Pixeljte"). The GDPR manifest
(`reference = true`) is never a shop; questions that name the GDPR (or AVG, DSGVO, RGPD) are flagged
instead. Questions that compare shops ("which shops ...", "vergelijk ...", "who keeps my data longest?") get every
shop (`assistant.comparison_cues`); a question that names one shop stays about that shop unless it asks about the
shops as a group ("... than the other shops").

Usage:
    directory = CompanyDirectory(manifests=read_manifests(Path("policies_corpus")))
    match = directory.run(question="Hoe lang bewaart Pixel Jet mijn gegevens?")
    match.companies  # ("pixeljet",)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.comparison_cues import CueKind, comparison_cue
from core.errors import IngestError
from core.manifest import load_corpus
from core.text import name_pattern, unaccented
from core.types import CompanyManifest

__all__ = ["CompanyDirectory", "CompanyMatch", "is_gdpr_question", "read_manifests"]

logger = logging.getLogger(__name__)

Source = Literal["explicit", "question", "previous", "none"]

_MAX_WINDOW = 5  # question words joined when looking for a multi-word name ("online 3d printen nl")
# Trailing words that make a shop's name longer without making it more distinctive ("J3D Prints" -> "J3D").
_GENERIC_NAME_WORDS = {"nv", "bv", "bvba", "srl", "sa", "gmbh", "ag", "ltd", "inc", "prints", "print", "printing",
                       "shop", "webshop", "store"}
# Other printing services and shops customers may ask about; none of them is in the corpus.
_OTHER_SHOPS = ("Shapeways", "3D Hubs", "Sculpteo", "Treatstock", "Craftcloud", "Xometry", "Protolabs", "i3D",
                "Printables", "Thingiverse", "Amazon", "Bol.com", "Coolblue", "Etsy", "eBay", "AliExpress",
                "Ultimaker", "Prusa", "MakerBot")
_OTHER_SHOP_NAMES = {re.sub(r"[\s.-]", "", name.casefold()): name for name in _OTHER_SHOPS}
# Matched in case-folded text: "3d hubs", "3D-Hubs" and "3dhubs" all name 3D Hubs.
_OTHER_SHOP_PATTERN = name_pattern((name.casefold() for name in _OTHER_SHOPS), gap=r"[\s.-]+", joiner=r"[\s.-]*",
                                   before=r"(?<![\w.-])", after=r"(?![\w-])", flags=0) or re.compile(r"(?!)")
_GDPR_NAMES = re.compile(
    r"\b(?:gdpr|avg|dsgvo|ds-gvo|rgpd|general data protection regulation|algemene verordening gegevensbescherming|"
    r"datenschutz-?grundverordnung|reglement general sur la protection des donnees|2016/679)\b"
)
_PREPOSITION_NAME = re.compile(
    r"(?<![\w-])(bij|at|bei|chez|Bij|At|Bei|Chez)\s+((?:[A-Z0-9][\w&'’.-]*)(?:[ ][A-Z0-9][\w&'’-]*){0,2})"
)
_DOMAIN = re.compile(r"(?<![@\w.-])((?:[\w-]+\.)+(?:com|nl|be|de|fr|eu|at|ch|lu|io|net|org|shop|store|co\.uk))\b",
                     re.IGNORECASE)
_NOT_A_SHOP = {
    "i", "ik", "ich", "je", "we", "wij", "wir", "nous", "you", "u", "jij", "sie", "vous", "the", "de", "het", "der",
    "die", "das", "le", "la", "les", "a", "an", "een", "ein", "eine", "un", "une", "this", "that", "deze", "dit",
    "article", "artikel", "art", "section", "chapter", "hoofdstuk", "kapitel", "chapitre", "eu", "europe", "europa",
    "checkout", "login", "registration", "registratie", "inscription", "home", "work", "christmas", "kerst",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober",
    "ap", "gba", "apd", "cnil", "edpb", "bfdi", "autoriteit", "gegevensbeschermingsautoriteit", "autorite",
    "datenschutzbehorde", "aufsichtsbehorde",
}


@dataclass(frozen=True)
class CompanyMatch:
    """The companies a question is about.

    `companies` holds shop ids in the order they were named (every shop for a comparison); `source`
    says where they came from; `unknown_name` is a shop the question names that is not in the corpus;
    `gdpr` is True when the question names the GDPR itself.
    """

    companies: tuple[str, ...]
    source: Source
    comparison: bool
    unknown_name: str = ""
    gdpr: bool = False


def _fold(text: str) -> str:
    return unaccented(text).casefold()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _fold(text))


def is_gdpr_question(question: str) -> bool:
    """Return True when `question` names the GDPR (GDPR, AVG, DSGVO, RGPD, the full name, or 2016/679).

    Args:
        question: the customer's question, in any of the four languages.
    """
    return bool(_GDPR_NAMES.search(_fold(question)))


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Whether the optimal-string-alignment distance of `a` and `b` is at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def _typos_allowed(key: str, *, words: int) -> int:
    if len(key) < 5:
        return 0
    if len(key) >= 12 and words == 1:
        return 2
    return 1


def _domain(website: str) -> str:
    host = re.sub(r"^[a-z]+://", "", website.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.")


class CompanyDirectory:
    """The companies of the corpus, and the detection of the ones a question is about.

    Args:
        manifests: every company manifest of the corpus (`read_manifests(corpus_dir)`); reference
            manifests (the GDPR) are kept for `get()` but are never shops.

    Raises:
        IngestError: two manifests share an id, or one name or alias points to two shops.
    """

    def __init__(self, *, manifests: Sequence[CompanyManifest]) -> None:
        self._manifests: dict[str, CompanyManifest] = {}
        for manifest in manifests:
            if manifest.id in self._manifests:
                raise IngestError(manifest.manifest_path, None, f"company id {manifest.id!r} is used by two manifests")
            self._manifests[manifest.id] = manifest
        self._shops = tuple(m for m in self._manifests.values() if not m.reference)
        self._keys: dict[str, str] = {}  # compact name -> shop id
        for shop in self._shops:
            for key in self._keys_of(shop):
                owner = self._keys.setdefault(key, shop.id)
                if owner != shop.id:
                    raise IngestError(shop.manifest_path, None,
                                      f"name or alias {key!r} also names company {owner!r}",
                                      hint="make the aliases of the two manifests distinct")
        self._reference_names = [
            _words(text) for m in self._manifests.values() if m.reference for text in (m.id, m.name, *m.aliases)
        ]

    @staticmethod
    def _keys_of(shop: CompanyManifest) -> set[str]:
        domain = _domain(shop.website)
        texts = [shop.id, shop.name, *shop.aliases, domain, domain.rsplit(".", 1)[0]]
        name_words = _words(shop.name)
        while len(name_words) > 1 and name_words[-1] in _GENERIC_NAME_WORDS:
            name_words.pop()
            texts.append(" ".join(name_words))
        return {"".join(_words(text)) for text in texts} - {""}

    @property
    def manifests(self) -> tuple[CompanyManifest, ...]:
        """Every manifest it was given, shops and reference sets, in the order given."""
        return tuple(self._manifests.values())

    def shop_aliases(self) -> tuple[str, ...]:
        """Return the id, name and aliases of every shop (reference sets excluded), shop by shop in manifest order.

        These are the words that name a shop in a question, and that say nothing about its language or topic.
        """
        return tuple(text for shop in self._shops for text in (shop.id, shop.name, *shop.aliases))

    def display_names(self) -> dict[str, str]:
        """Return the display name of each shop by id (reference sets excluded), in manifest order."""
        return {shop.id: shop.name for shop in self._shops}

    def document_kinds(self) -> dict[tuple[str, str], str]:
        """Return the kind of every document of every manifest by (company id, file name)."""
        return {(m.id, spec.file): spec.kind for m in self._manifests.values() for spec in m.documents}

    def names(self) -> tuple[str, ...]:
        """Return the display names of the shops (reference sets excluded), in id order."""
        return tuple(shop.name for shop in sorted(self._shops, key=lambda m: m.id))

    def ids(self) -> tuple[str, ...]:
        """Return the ids of the shops (reference sets excluded), sorted."""
        return tuple(sorted(shop.id for shop in self._shops))

    def get(self, company_id: str) -> CompanyManifest:
        """Return the manifest of `company_id` (shops and reference sets).

        Raises:
            KeyError: no company has that id; the message lists the known ids.
        """
        try:
            return self._manifests[company_id]
        except KeyError:
            raise KeyError(f"unknown company {company_id!r}; known: {', '.join(sorted(self._manifests))}") from None

    def is_gdpr_question(self, question: str) -> bool:
        """Return True when `question` names the GDPR, by its usual names or the reference manifests' aliases."""
        if is_gdpr_question(question):
            return True
        words = _words(question)
        return any(_contains(words, name) for name in self._reference_names if name)

    def resolve(self, name: str) -> str | None:
        """Return the shop id that `name` (an id, name, alias or website, typos tolerated) stands for, or None."""
        found = self._find(_words(name), whole=True)
        return found[0] if len(found) == 1 else None

    def named(self, question: str) -> tuple[str, ...]:
        """Return the ids of the shops `question` names, in order of first mention (no comparison cue, no history)."""
        return tuple(self._find(_words(question)))

    def _find(self, words: list[str], *, whole: bool = False) -> list[str]:
        """Shop ids named in `words`, in order of first mention; longer names win over the words inside them."""
        used = [False] * len(words)
        hits: list[tuple[int, str]] = []
        spans = [(len(words), 0)] if whole else [(n, i) for n in range(min(_MAX_WINDOW, len(words)), 0, -1)
                                                  for i in range(len(words) - n + 1)]
        for size, start in spans:
            if any(used[start:start + size]):
                continue
            window = "".join(words[start:start + size])
            shop = self._keys.get(window) or self._fuzzy(window, words=size)
            if shop:
                hits.append((start, shop))
                used[start:start + size] = [True] * size
        ordered: list[str] = []
        for _, shop in sorted(hits):
            if shop not in ordered:
                ordered.append(shop)
        return ordered

    def _fuzzy(self, window: str, *, words: int) -> str | None:
        if len(window) < 5:
            return None
        matches = {
            shop for key, shop in self._keys.items()
            if key[0] == window[0] and _edits_within(window, key, _typos_allowed(key, words=words))
        }
        return matches.pop() if len(matches) == 1 else None

    def _unknown_name(self, question: str) -> str:
        """The first shop-like name in `question` that is not a company of the corpus, or ""."""
        candidates = [(m.start(), _OTHER_SHOP_NAMES[re.sub(r"[\s.-]", "", m.group())])
                      for m in _OTHER_SHOP_PATTERN.finditer(_fold(question))]
        for match in _DOMAIN.finditer(question):
            candidates.append((match.start(), match.group(1)))
        for match in _PREPOSITION_NAME.finditer(question):
            name = match.group(2).rstrip(".'’")
            first = _words(name)[:1]
            if not first or first[0] in _NOT_A_SHOP:
                continue
            if match.group(1).lower() == "bei" and not _looks_like_brand(name):
                continue  # German capitalises every noun: "bei Bestellungen" names no shop
            candidates.append((match.start(2), name))
        for _, name in sorted(candidates):
            words_of_name = _words(name)
            if self._find(words_of_name) or _GDPR_NAMES.search(" ".join(words_of_name)):
                continue
            if any(_contains(words_of_name, ref) for ref in self._reference_names if ref):
                continue
            return name
        return ""

    def run(self, *, question: str, explicit: str | None = None, previous: str | None = None) -> CompanyMatch:
        """Decide which companies `question` is about.

        Precedence: an explicit choice (a shop's id, name or alias, or "all") wins; then the shops the question
        names (two or more are compared), or every shop when it asks to compare shops (`comparison_cue`: a cue
        about the shops as a group even when it names one, the other cues only when it names none, the named shop
        first); then the previous turn's company,
        unless the question is about the GDPR itself; otherwise none. A shop named in the question that is not
        in the corpus sets `unknown_name` when the question names no known shop (also with an explicit choice, so the answer can say it only
        knows the listed shops).

        Args:
            question: the customer's question.
            explicit: the company chosen in the UI or on the command line, if any.
            previous: the company of the previous turn of the conversation, if any.

        Returns:
            A CompanyMatch.
        """
        gdpr = self.is_gdpr_question(question)
        named = self._find(_words(question))
        unknown = "" if named else self._unknown_name(question)
        cue = comparison_cue(_fold(question))
        if explicit and explicit.strip():
            if _fold(explicit.strip()) in {"all", "*", "alle", "toutes", "tous"}:
                return CompanyMatch(self.ids(), "explicit", True, unknown, gdpr)
            shop = self.resolve(explicit)
            if shop is None:
                return CompanyMatch((), "explicit", False, explicit.strip(), gdpr)
            return CompanyMatch((shop,), "explicit", False, unknown, gdpr)
        if len(named) > 1:
            return CompanyMatch(tuple(named), "question", True, unknown, gdpr)
        if cue is CueKind.SHOPS or (cue is CueKind.UNNAMED and not named):
            return CompanyMatch((*named, *(shop for shop in self.ids() if shop not in named)), "question", True,
                                unknown, gdpr)
        if named:
            return CompanyMatch((named[0],), "question", False, "", gdpr)
        if unknown:
            return CompanyMatch((), "question", False, unknown, gdpr)
        if previous and not gdpr:
            shop = self.resolve(previous)
            if shop is not None:
                return CompanyMatch((shop,), "previous", False, "", gdpr)
        return CompanyMatch((), "none", False, "", gdpr)


def read_manifests(corpus_dir: Path) -> tuple[CompanyManifest, ...]:
    """Load the company manifests of `corpus_dir`; a company folder that does not load is logged and left out.

    Raises:
        IngestError: `corpus_dir` does not exist or is not a folder.
    """
    listing = load_corpus(corpus_dir)
    for error in listing.errors:
        logger.warning("company skipped: %s", error)
    return listing.manifests


def _contains(words: list[str], name: list[str]) -> bool:
    size = len(name)
    return any(words[i:i + size] == name for i in range(len(words) - size + 1))


def _looks_like_brand(name: str) -> bool:
    return bool(re.search(r"\d|\.\w|[a-z][A-Z]|^[A-Z]{2,}\b", name))
