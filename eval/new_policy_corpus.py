"""Policies new to the system: a scratch corpus of real policies that the lexicons were not written for.

The shop corpus is what the gold set asks about. To measure how answers hold up on policies the system has never
seen, `eval/new_policies/manifests/` describes seven real policies of `../shared/extra_policies` (Shapeways, 3D Hubs,
OctoPrint, neosearch, Ecobalyse, Démarches simplifiées, CoronaCheck), and `eval/new_policies/gold.jsonl` asks them
questions in four languages. This module lays out their corpus folder; `make eval-new-policies` then ingests it into
its own store and runs `python -m eval` on it. The product corpus and index are never touched.

    python -m eval.new_policy_corpus --extra ../shared/extra_policies --out .cache/new_policies/corpus
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from core.errors import IngestError

__all__ = ["MANIFESTS", "build_corpus", "main"]

PACKAGE_DIR = Path(__file__).resolve().parent
MANIFESTS = PACKAGE_DIR / "new_policies" / "manifests"
REFERENCE = PACKAGE_DIR.parent / "policies_corpus" / "gdpr"


def build_corpus(*, extra: Path, out: Path, manifests: Path = MANIFESTS, reference: Path = REFERENCE) -> list[str]:
    """Lay out a corpus folder: one company folder per manifest, with its policy copied from `extra`, plus the GDPR.

    Args:
        extra: the folder of extra policies, one subfolder per language (`../shared/extra_policies`).
        out: the corpus folder to write; replaced when it exists.
        manifests: `<company id>.toml` files whose documents name a file of `extra/<language>/`.
        reference: the GDPR folder of the product corpus, copied whole (answers cite its articles).

    Returns:
        The company ids laid out, in file-name order.

    Raises:
        IngestError: a manifest is unreadable or names no single language, or its policy file is not in `extra`.
    """
    sources: dict[str, list[tuple[Path, Path]]] = {}
    for manifest in sorted(manifests.glob("*.toml")):
        try:
            documents = tomllib.loads(manifest.read_text(encoding="utf-8")).get("documents", [])
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise IngestError(manifest, None, f"cannot read the manifest: {exc}") from exc
        files = []
        for document in documents:
            languages, name = document.get("languages", []), document.get("file")
            if not isinstance(name, str) or len(languages) != 1:
                raise IngestError(manifest, None, f"document {name!r} must name a file and one language")
            source = extra / languages[0] / name
            if not source.is_file():
                raise IngestError(source, None, "extra policy not found",
                                  hint=f"pass --extra the folder of extra policies (given: {extra})")
            files.append((manifest, source))
        sources[manifest.stem] = files
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(reference, out / reference.name)
    for company, files in sources.items():
        folder = out / company
        folder.mkdir(parents=True)
        for manifest, source in files:
            shutil.copyfile(manifest, folder / "manifest.toml")
            shutil.copyfile(source, folder / source.name)
    return list(sources)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m eval.new_policy_corpus`: lay out the corpus; exit 1 with `path: reason` when a source is missing."""
    parser = argparse.ArgumentParser(prog="python -m eval.new_policy_corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, required=True, help="folder of extra policies (../shared/extra_policies)")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to write (replaced)")
    args = parser.parse_args(argv)
    try:
        companies = build_corpus(extra=args.extra, out=args.out)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(companies)} policies new to the system in {args.out}: {', '.join(companies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
