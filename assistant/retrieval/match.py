"""The learned question-passage match: a low-rank bilinear form on one embedder's vectors, a ranker feature.

Cosine similarity treats every direction of the embedding alike. The match learns which directions of a question
go with which directions of the passage that answers it ("who gets my data" with the passage that names
recipients), from the dev questions and their answering passages: `score = (q @ left) . (p @ right)`. There is one
per embedder. It is trained by `python -m eval train-ranker` (`eval/ranker_match.py`) and stored in the ranker's
model file, so that both come and go together.

Usage::

    match = BilinearMatch(left=left, right=right)     # (dim, rank) float32 each
    match.score(query_vector, passage_matrix)          # one number per passage row
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.errors import ConfigError

__all__ = ["BilinearMatch"]


@dataclass(frozen=True, eq=False)
class BilinearMatch:
    """`score(q, p) = (q @ left) . (p @ right)` with `left` and `right` of shape (dim, rank)."""

    left: np.ndarray
    right: np.ndarray

    def __post_init__(self) -> None:
        if self.left.ndim != 2 or self.left.shape != self.right.shape:
            raise ConfigError(f"match factors must be two matrices of one shape, got {self.left.shape} and"
                              f" {self.right.shape}")
        if not (np.all(np.isfinite(self.left)) and np.all(np.isfinite(self.right))):
            raise ConfigError("match factors must be finite")

    @property
    def dim(self) -> int:
        """The vector size it reads."""
        return int(self.left.shape[0])

    def score(self, query: np.ndarray | None, passages: np.ndarray) -> np.ndarray:
        """The match of `query` with each row of `passages`; zeros without a query vector or of another size."""
        if query is None or query.shape != (self.dim,) or passages.ndim != 2 or passages.shape[1] != self.dim:
            return np.zeros(len(passages))
        return (passages @ self.right) @ (query @ self.left)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the shape and the factors as base64 of little-endian float32."""
        return {"shape": list(self.left.shape),
                "left": _encode(self.left), "right": _encode(self.right)}

    @classmethod
    def from_dict(cls, document: Any) -> BilinearMatch:
        """Read the JSON form written by `to_dict`.

        Raises:
            ConfigError: a field is missing or the factors do not have the stated shape.
        """
        try:
            shape = tuple(int(n) for n in document["shape"])
            left, right = _decode(document["left"], shape), _decode(document["right"], shape)
            return cls(left=left, right=right)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"ranker model match is malformed: {exc!r}") from exc


def _encode(matrix: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(matrix, dtype="<f4").tobytes()).decode("ascii")


def _decode(text: str, shape: tuple[int, ...]) -> np.ndarray:
    values = np.frombuffer(base64.b64decode(text, validate=True), dtype="<f4")
    if len(shape) != 2 or values.size != shape[0] * shape[1]:
        raise ValueError(f"{values.size} numbers do not fill the shape {shape}")
    return values.reshape(shape).astype(np.float64)
