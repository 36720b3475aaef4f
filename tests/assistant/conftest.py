"""Fixtures shared by the assistant's specifications."""

from __future__ import annotations

import pytest

from assistant.engine import build_engine
from assistant.intent import IntentClassifier
from assistant.pipeline import AskPipeline


@pytest.fixture(scope="module")
def seed_pipeline(seed_settings) -> AskPipeline:
    """The pipeline over the full corpus with the real embedders and the calibrated abstain threshold."""
    return build_engine(seed_settings).pipeline


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    """The question-intent classifier with its real lexicons, naming no shops."""
    classifier = IntentClassifier()
    classifier.warm_up()
    return classifier
