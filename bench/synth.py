"""Generate synthetic policy corpora from the real ones: renamed companies, recombined sections, four languages.

Each synthetic company gets one Markdown policy (`## <label>` per section) made of 8-16 sections drawn, in a
shuffled order, from the donor sections of one language: the shop policies of the corpus (en, nl) and the
EN/NL/DE/FR fixture policies (`tests/fixtures/extra_policies`). The donor company's name and aliases are replaced
by the synthetic name. A section that does not name its company keeps exactly the same text in every policy that
draws it, so its chunks hit the content-hash embedding cache: a 1000-policy corpus embeds only the donor sections
once plus the renamed ones, which is what makes a large scaling run affordable (and what it does not measure: the
cost of embedding 1000 policies of entirely new text, which `bench.scaling` projects from the measured rate).

The real corpus (the shops and the GDPR) is copied next to the synthetic companies, so the gold questions stay
answerable. Corpora are written to a temporary folder and never committed.

Usage::

    pool = DonorPool.from_corpus(Path("policies_corpus"), fixtures=Path("tests/fixtures/extra_policies"))
    corpus = write_corpus(Path("/tmp/synth-100"), size=100, pool=pool, real_corpus=Path("policies_corpus"))
    corpus.companies[0].name, corpus.languages
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from core.categories import normalize
from core.errors import ConfigError
from core.manifest import load_corpus
from core.settings import LANGUAGES
from core.types import DocumentSpec, Section
from ingest.parse import Parser

__all__ = ["DonorPool", "DonorSection", "SyntheticCompany", "SyntheticCorpus", "company_name", "write_corpus"]

_PREFIXES = ("Layer", "Voxel", "Nozzle", "Filament", "Resin", "Proto", "Extruda", "Slice", "Mesh", "Bedplate",
             "Infill", "Gcode", "Sinter", "Polymer", "Spool", "Vertex")
_SUFFIXES = ("works", "lab", "forge", "hub", "shop", "studio", "fab", "point", "craft", "factory", "makers", "depot")
_COUNTRIES = {"en": "NL", "nl": "BE", "de": "DE", "fr": "FR"}
_LANGUAGE_WEIGHTS = {"en": 0.4, "nl": 0.3, "de": 0.15, "fr": 0.15}
_SECTIONS = (8, 16)
_SPLIT_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
# Scraped-page donors whose headings are split over lines cannot be rewritten as clean Markdown sections.
_SKIPPED_DONORS = frozenset({"materialise"})


@dataclass(frozen=True)
class DonorSection:
    """A section that synthetic policies may reuse: its label, its body and the names to replace in it."""

    language: str
    label: str
    body: str
    source: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SyntheticCompany:
    """One generated company: its id, name, policy language and the donor sections it was built from."""

    id: str
    name: str
    language: str
    sections: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticCorpus:
    """A corpus folder with the real companies and `len(companies)` synthetic ones."""

    path: Path
    companies: tuple[SyntheticCompany, ...]
    real_companies: tuple[str, ...]

    @property
    def languages(self) -> dict[str, int]:
        """Synthetic policies per language."""
        return dict(sorted(Counter(company.language for company in self.companies).items()))


class DonorPool:
    """The sections synthetic policies are assembled from, grouped by language.

    Args:
        sections: donor sections (each with a non-empty body).

    Raises:
        ConfigError: no donor section at all.
    """

    def __init__(self, *, sections: list[DonorSection]) -> None:
        if not sections:
            raise ConfigError("the synthetic corpus needs donor sections, got none")
        self.by_language: dict[str, list[DonorSection]] = {}
        for section in sections:
            self.by_language.setdefault(section.language, []).append(section)

    @classmethod
    def from_corpus(cls, corpus_dir: Path, *, fixtures: Path | None = None) -> DonorPool:
        """Parse the shop policies of `corpus_dir` and the `<lang>/*.md` fixture policies into donor sections.

        Raises:
            IngestError: the corpus folder or a manifest is unusable.
            ParseError: a donor file cannot be parsed.
        """
        parser = Parser()
        parser.warm_up()
        donors: list[DonorSection | None] = []
        listing = load_corpus(corpus_dir)
        for manifest in listing.manifests:
            if manifest.reference or manifest.id in _SKIPPED_DONORS:
                continue
            names = tuple(sorted({manifest.name, *manifest.aliases}, key=len, reverse=True))
            for spec in manifest.documents:
                parsed = parser.run(spec=spec, company=manifest.id)
                donors.extend(_donor(section, source=f"{manifest.id}/{spec.file}", names=names)
                              for section in parsed.sections)
        if fixtures is not None and fixtures.is_dir():
            for language in LANGUAGES:
                for file in sorted((fixtures / language).glob("*.md")):
                    spec = DocumentSpec(file=file.name, path=file, languages=(language,))
                    parsed = parser.run(spec=spec, company="donor")
                    donors.extend(_donor(section, source=f"fixtures/{language}/{file.name}", names=())
                                  for section in parsed.sections)
        return cls(sections=[donor for donor in donors if donor is not None])

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with at least `_SECTIONS[0]` donor sections, in `LANGUAGES` order."""
        return tuple(lang for lang in LANGUAGES if len(self.by_language.get(lang, ())) >= _SECTIONS[0])


def _donor(section: Section, *, source: str, names: tuple[str, ...]) -> DonorSection | None:
    """The section without its heading lines, or None when nothing but headings is left."""
    headings = {normalize(part) for part in (*section.path, section.label, section.title) if part}
    lines = section.text.splitlines()
    start = 0
    while start < len(lines):
        line = lines[start].strip().lstrip("#").strip()
        if line and normalize(line) not in headings and not _SPLIT_NUMBER.match(line):
            break
        start += 1
    body = "\n".join(lines[start:]).strip()
    if len(body) < 40:
        return None
    return DonorSection(language=section.language, label=section.label, body=body, source=source, names=names)


def company_name(index: int) -> str:
    """The deterministic, distinct name of synthetic company number `index` (0-based)."""
    prefix = _PREFIXES[index % len(_PREFIXES)]
    suffix = _SUFFIXES[(index // len(_PREFIXES)) % len(_SUFFIXES)]
    round_ = index // (len(_PREFIXES) * len(_SUFFIXES))
    return f"{prefix}{suffix}" + (f" {round_ + 1}" if round_ else "")


def _rename(body: str, names: tuple[str, ...], new: str) -> str:
    for name in names:  # longest first, so "J3D Prints" goes before "J3D"
        body = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", new, body, flags=re.IGNORECASE)
    return body


def _policy(company: str, sections: list[DonorSection]) -> str:
    parts = [f"## {section.label}\n\n{_rename(section.body, section.names, company)}" for section in sections]
    return "\n\n".join(parts) + "\n"


def _manifest(company_id: str, name: str, language: str) -> str:
    domain = company_id.replace("-", "") + ".example"
    return "\n".join((
        "# Synthetic company generated by bench/synth.py for scaling benchmarks (not a real shop).",
        f'id = "{company_id}"',
        f'name = "{name}"',
        f'country = "{_COUNTRIES[language]}"',
        f'website = "https://{domain}"',
        f'contact_email = "privacy@{domain}"',
        'supervisory_authority = "Synthetic supervisory authority"',
        'effective_date = "2024-01-01"',
        f'aliases = ["{name.lower()}"]',
        "reference = false",
        "",
        "[[documents]]",
        'file = "policy.md"',
        f'languages = ["{language}"]',
        'kind = "policy"',
        "",
    ))


def write_corpus(out_dir: Path, *, size: int, pool: DonorPool, real_corpus: Path, seed: int = 13) -> SyntheticCorpus:
    """Write the real corpus plus `size` distinct synthetic companies to `out_dir` (created; must be empty or absent).

    Args:
        out_dir: the corpus folder to create.
        size: number of synthetic policies (0 copies the real corpus only).
        pool: donor sections.
        real_corpus: the real corpus folder, copied company by company.
        seed: seed of the generator; the same seed gives the same corpus.

    Returns:
        What was written.

    Raises:
        ConfigError: `size` is negative, `out_dir` is not empty, or the pool has no language with enough sections.
    """
    if size < 0:
        raise ConfigError(f"synthetic corpus size must be >= 0, got {size!r}")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ConfigError(f"synthetic corpus folder {out_dir} is not empty")
    languages = pool.languages
    if not languages:
        raise ConfigError("the donor pool has no language with enough sections for a synthetic policy")
    out_dir.mkdir(parents=True, exist_ok=True)
    real = sorted(p for p in real_corpus.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    for folder in real:
        shutil.copytree(folder, out_dir / folder.name)
    rng = random.Random(seed)
    weights = [_LANGUAGE_WEIGHTS[lang] for lang in languages]
    companies: list[SyntheticCompany] = []
    seen: set[str] = set()
    index = 0
    while len(companies) < size:
        name = company_name(index)
        index += 1
        language = rng.choices(languages, weights=weights)[0]
        donors = pool.by_language[language]
        count = rng.randint(_SECTIONS[0], min(_SECTIONS[1], len(donors)))
        chosen = rng.sample(donors, count)
        text = _policy(name, chosen)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:  # the same draw twice: draw again for this name
            continue
        seen.add(digest)
        company_id = "synth-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        folder = out_dir / company_id
        folder.mkdir()
        (folder / "policy.md").write_text(text, encoding="utf-8")
        (folder / "manifest.toml").write_text(_manifest(company_id, name, language), encoding="utf-8")
        companies.append(SyntheticCompany(id=company_id, name=name, language=language, sections=count,
                                          sources=tuple(dict.fromkeys(d.source for d in chosen))))
    return SyntheticCorpus(path=out_dir, companies=tuple(companies), real_companies=tuple(p.name for p in real))
