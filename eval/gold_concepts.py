"""Concept items of a gold set (one question asked in several languages): their checks across files and their split.

Usage::

    splits = concept_splits([item for item in gold if item.concept])   # concept -> "dev" | "test"
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from core.errors import GoldSetError, relative_path
from eval.gold_items import SPLITS, GoldItem, GoldItemError

__all__ = ["CONCEPT_SPLIT_SEED", "check_concepts", "concept_splits", "problem", "where"]

CONCEPT_SPLIT_SEED = 20261205
"""Seed of the concept split (`concept_splits`), documented in eval/gold/README.md."""
_CONCEPT_SHARED = ("company", "category", "answerable", "company_in_question", "split")
"""Fields every item of one concept must agree on."""


def concept_splits(items: Iterable[GoldItem]) -> dict[str, str]:
    """Assign every concept of `items` to dev or test, the same for all of its items.

    The procedure (documented in eval/gold/README.md) is the item split at concept level: concepts are
    grouped by category, the categories taken in sorted order; inside each category the sorted concept ids
    are shuffled with one `random.Random(CONCEPT_SPLIT_SEED)` shared by all categories and assigned
    alternately to dev and test, the starting side flipping after every category with an odd number of
    concepts. Pass every concept item of every gold file: the result depends on the whole set.

    Args:
        items: gold items; those without a concept are ignored.

    Returns:
        Concept id -> "dev" or "test".

    Raises:
        ValueError: the items of one concept name different categories (the validator reports this per line).
    """
    categories: dict[str, str] = {}
    for item in items:
        if item.concept is None:
            continue
        category = categories.setdefault(item.concept, item.category)
        if category != item.category:
            raise ValueError(f"concept {item.concept!r} has items of categories {category!r} and {item.category!r}")
    by_category: dict[str, list[str]] = {}
    for concept, category in categories.items():
        by_category.setdefault(category, []).append(concept)
    rng = random.Random(CONCEPT_SPLIT_SEED)
    side = 0
    splits: dict[str, str] = {}
    for category in sorted(by_category):
        concepts = sorted(by_category[category])
        rng.shuffle(concepts)
        for index, concept in enumerate(concepts):
            splits[concept] = SPLITS[(index + side) % 2]
        side ^= len(concepts) % 2
    return splits


def check_concepts(entries: list[tuple[Path, GoldItem | None, list[GoldSetError]]]) -> None:
    """Add a problem to each item of a concept that repeats a language, differs from the concept's first item
    in a shared field, or belongs to a concept asked in fewer than two languages."""
    groups: dict[str, list[tuple[Path, GoldItem, list[GoldSetError]]]] = {}
    for file, item, item_problems in entries:
        if item is not None and item.concept is not None:
            groups.setdefault(item.concept, []).append((file, item, item_problems))
    for concept, group in groups.items():
        first_file, first, _ = group[0]
        by_language: dict[str, tuple[Path, GoldItem]] = {}
        for file, item, item_problems in group:
            earlier_file, earlier = by_language.setdefault(item.lang, (file, item))
            if earlier is not item:
                item_problems.append(problem(
                    file, item.line, f"concept {concept!r} already has a {item.lang} item ({earlier.id} at "
                                     f"{where(earlier_file, earlier.line)})", item.id,
                    hint="a concept has at most one item per language"))
            differ = [f"{name} {getattr(item, name)!r} (not {getattr(first, name)!r})"
                      for name in _CONCEPT_SHARED if getattr(item, name) != getattr(first, name)]
            if differ:
                item_problems.append(problem(
                    file, item.line, f"concept {concept!r} differs from {first.id} at "
                                     f"{where(first_file, first.line)}: {', '.join(differ)}", item.id,
                    hint=f"the items of a concept share {', '.join(_CONCEPT_SHARED)}"))
        if len(by_language) < 2:
            for file, item, item_problems in group:
                item_problems.append(problem(file, item.line, f"concept {concept!r} is asked only in "
                                                               f"{', '.join(sorted(by_language))}; a concept needs "
                                                               "items in at least 2 languages", item.id))


def where(file: Path, line: int) -> str:
    return f"{relative_path(file)}:{line}"


def problem(file: Path, line: int, reason: str, item_id: str = "", hint: str | None = None) -> GoldItemError:
    return GoldItemError(file, line, reason, item_id=item_id, hint=hint)
