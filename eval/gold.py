"""Load and validate evaluation gold files: questions with the sections, verbatim quotes and facts that answer them.

A gold file is JSON Lines, one item per line (schema in `eval/gold/README.md`). Each line is checked on its own
(`eval.gold_checks`, against a `GoldCorpus` when one is given); ids and questions must be unique, and items sharing
a `concept` (the same question in several languages) are checked together across all files read. Problems are
`GoldSetError`s printed as `path:line: reason`.

Usage:
    gold = load_gold(Path("eval/gold"), corpus_dir=Path("policies_corpus"), split="dev")
    for item in gold:
        print(item.id, item.question, [ref.section for ref in item.gold])
    problems = validate_gold(Path("held_out.jsonl"), corpus_dir=Path("policies_corpus"))
    splits = concept_splits([item for item in gold if item.concept])   # concept -> "dev" | "test"
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from core.errors import ConfigError, GoldSetError
from eval.gold_checks import ItemChecker
from eval.gold_concepts import CONCEPT_SPLIT_SEED, check_concepts, concept_splits, problem, where
from eval.gold_corpus import GoldCorpus
from eval.gold_items import (
    ABSTAIN_CATEGORIES,
    CATEGORIES,
    QUOTE_WORDS,
    SPLITS,
    GoldItem,
    GoldItemError,
    GoldRef,
    GoldSet,
)

__all__ = [
    "ABSTAIN_CATEGORIES",
    "CATEGORIES",
    "CONCEPT_SPLIT_SEED",
    "QUOTE_WORDS",
    "SPLITS",
    "GoldItem",
    "GoldItemError",
    "GoldRef",
    "GoldSet",
    "concept_splits",
    "load_gold",
    "validate_gold",
]

_SPACE = re.compile(r"\s+")


def load_gold(path: Path, *, corpus_dir: Path | None = None, split: str = "all", strict: bool = True,
              corpus: GoldCorpus | None = None) -> GoldSet:
    """Load and validate a gold file, or every `*.jsonl` file of a folder.

    Without a corpus only the fields are checked; with `corpus_dir` (or a prepared `corpus`) companies,
    documents, section labels and quotes are checked against the corpus as the ingest parser sees it.

    Args:
        path: a gold file, or a folder whose `*.jsonl` files are read in name order.
        corpus_dir: the corpus folder to check references against.
        split: "dev", "test" or "all"; items of other splits are left out after validation.
        strict: raise on the first problem (True), or return the valid items with every problem (False).
        corpus: an already loaded corpus; takes the place of `corpus_dir`.

    Returns:
        The valid items of `split`, and the problems when `strict` is False.

    Raises:
        ConfigError: `split` is not dev, test or all.
        GoldSetError: the path cannot be read, or (when `strict`) an item is invalid; the message says how many
            more problems there are.
        IngestError: the corpus folder or a manifest is invalid.
    """
    if split not in (*SPLITS, "all"):
        raise ConfigError(f"unknown gold split {split!r}; accepted: {', '.join((*SPLITS, 'all'))}")
    if corpus is None and corpus_dir is not None:
        corpus = GoldCorpus.from_dir(corpus_dir)
    items, problems = _read_all(path, corpus)
    if strict and problems:
        first = problems[0]
        more = len(problems) - 1
        hint = f"{more} more problem{'s' if more > 1 else ''} in the gold set" if more else first.hint
        raise GoldItemError(first.path, first.line, first.reason, item_id=getattr(first, "item_id", ""), hint=hint)
    chosen = tuple(item for item in items if split == "all" or item.split == split)
    return GoldSet(path=path, items=chosen, problems=tuple(problems))


def validate_gold(path: Path, *, corpus_dir: Path | None = None, corpus: GoldCorpus | None = None,
                  ) -> list[GoldSetError]:
    """Return every problem of a gold file (or folder of gold files), in file and line order.

    Args:
        path: a gold file, or a folder of `*.jsonl` gold files.
        corpus_dir: the corpus folder to check references against (none: fields only).
        corpus: an already loaded corpus; takes the place of `corpus_dir`.

    Returns:
        The problems, one `GoldSetError` per problem (`path:line: reason`); empty when the file is valid.

    Raises:
        GoldSetError: the path does not exist or holds no gold file.
        IngestError: the corpus folder or a manifest is invalid.
    """
    if corpus is None and corpus_dir is not None:
        corpus = GoldCorpus.from_dir(corpus_dir)
    return _read_all(path, corpus)[1]


def _gold_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if not files:
            raise GoldSetError(path, None, "no *.jsonl gold file in this folder")
        return files
    if not path.is_file():
        raise GoldSetError(path, None, "gold file not found")
    return [path]


def _read_all(path: Path, corpus: GoldCorpus | None) -> tuple[list[GoldItem], list[GoldSetError]]:
    entries: list[tuple[Path, GoldItem | None, list[GoldSetError]]] = []
    seen_ids: dict[str, tuple[Path, int]] = {}
    seen_questions: dict[tuple[str, str | None], tuple[Path, int]] = {}
    for file in _gold_files(path):
        for item, item_problems in _read_file(file, corpus):
            if item is not None:
                first = seen_ids.get(item.id)
                if first is not None:
                    item_problems.append(problem(file, item.line, f"duplicate id {item.id!r} (first at "
                                                                   f"{where(*first)})", item.id))
                key = (_SPACE.sub(" ", item.question).strip().casefold(), item.company)
                earlier = seen_questions.get(key)
                if earlier is not None:
                    item_problems.append(problem(file, item.line, f"duplicate question (same question and company "
                                                                   f"at {where(*earlier)})", item.id))
                seen_ids.setdefault(item.id, (file, item.line))
                seen_questions.setdefault(key, (file, item.line))
            entries.append((file, item, item_problems))
    check_concepts(entries)
    items = [item for _, item, item_problems in entries if item is not None and not item_problems]
    return items, [problem for _, _, item_problems in entries for problem in item_problems]


def _read_file(file: Path, corpus: GoldCorpus | None) -> Iterator[tuple[GoldItem | None, list[GoldSetError]]]:
    try:
        source = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        raise GoldSetError(file, line, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                           hint="save the gold file as UTF-8") from exc
    except OSError as exc:
        raise GoldSetError(file, None, f"cannot read gold file ({exc.strerror})") from exc
    for number, raw in enumerate(source.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield None, [problem(file, number, f"invalid JSON: {exc.msg} (column {exc.colno})")]
            continue
        yield ItemChecker(file, number, corpus).check(data)
