"""The learned ranker: a calibrated linear score over the passage features, stored as plain JSON, scored with numpy.

The model file (`ranker_model.json` beside this module) is written by `python -m eval train-ranker`; it holds the
feature names, the scaler (mean and scale per feature), the coefficients and intercept (fitted listwise and calibrated
to a probability of relevance by `eval/ranker_fit.py`), the learned question-passage
match per embedder that the `match` features read (`match.py`), and the SHA-256 of the training data. Scoring needs no scikit-learn:
standardise, dot product, logistic.

Usage::

    model = RankerModel.load(DEFAULT_RANKER_MODEL)
    probabilities = model.score(matrix)      # one per candidate, higher is better
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.retrieval.match import BilinearMatch
from core.errors import ConfigError

__all__ = ["DEFAULT_RANKER_MODEL", "MODEL_FORMAT", "RankerModel"]

DEFAULT_RANKER_MODEL = Path(__file__).resolve().parent / "ranker_model.json"
MODEL_FORMAT = "privacy-assistant/ranker-logreg/1"


@dataclass(frozen=True)
class RankerModel:
    """A calibrated linear score (logistic link) over named features, with the scaler it was trained with.

    Attributes:
        features: the feature names, in column order.
        mean, scale: the standardisation of each feature.
        coef, intercept: the linear score and its calibration to log-odds of relevance.
        depth: how many fused candidates it re-scores.
        matches: embedder -> the learned question-passage match behind its `match` features (missing: 0).
        training: where it came from (data hash, counts, settings), as written by the training script.
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    depth: int = 30
    matches: Mapping[str, BilinearMatch] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        width = len(self.features)
        for name in ("mean", "scale", "coef"):
            value = getattr(self, name)
            if value.shape != (width,) or not np.all(np.isfinite(value)):
                raise ConfigError(f"ranker model {name} must hold {width} finite numbers, got shape {value.shape}")
        if np.any(self.scale <= 0):
            raise ConfigError("ranker model scale must be > 0 for every feature")
        if not math.isfinite(self.intercept):
            raise ConfigError(f"ranker model intercept must be finite, got {self.intercept!r}")
        if isinstance(self.depth, bool) or not isinstance(self.depth, int) or self.depth < 1:
            raise ConfigError(f"ranker model depth must be an integer >= 1, got {self.depth!r}")

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of relevance of each row of the (candidates, features) `matrix`."""
        logits = ((matrix - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of the model file."""
        return {"format": MODEL_FORMAT, "features": list(self.features),
                "mean": [round(float(v), 8) for v in self.mean], "scale": [round(float(v), 8) for v in self.scale],
                "coef": [round(float(v), 8) for v in self.coef], "intercept": round(float(self.intercept), 8),
                "depth": self.depth, "matches": {name: match.to_dict() for name, match in self.matches.items()},
                "training": self.training}

    def save(self, path: Path) -> None:
        """Write the model file (indented JSON, keys in a stable order)."""
        path.write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, *, features: Sequence[str] | None = None) -> RankerModel:
        """Read a model file.

        Args:
            path: the JSON file written by `save`.
            features: the feature names the caller computes; the model must use exactly these, in this order.

        Raises:
            ConfigError: the file is missing or unreadable, is not a ranker model, or its features differ.
        """
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"ranker model {path} cannot be read: {exc}",
                              hint="train one with `python -m eval train-ranker`") from exc
        except json.JSONDecodeError as exc:
            raise ConfigError(f"ranker model {path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(document, dict) or document.get("format") != MODEL_FORMAT:
            raise ConfigError(f"ranker model {path} is not a {MODEL_FORMAT} file")
        try:
            model = cls(features=tuple(document["features"]), mean=np.asarray(document["mean"], dtype=np.float64),
                        scale=np.asarray(document["scale"], dtype=np.float64),
                        coef=np.asarray(document["coef"], dtype=np.float64),
                        intercept=float(document["intercept"]), depth=document.get("depth", 30),
                        matches={str(name): BilinearMatch.from_dict(match)
                                 for name, match in (document.get("matches") or {}).items()},
                        training=dict(document.get("training") or {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"ranker model {path} is malformed: {exc!r}") from exc
        if features is not None and tuple(features) != model.features:
            missing = sorted(set(features).symmetric_difference(model.features))
            raise ConfigError(f"ranker model {path} was trained on other features than the retriever computes",
                              hint=f"differing: {', '.join(missing) or 'the order'}; retrain with"
                                   " `python -m eval train-ranker`")
        return model
