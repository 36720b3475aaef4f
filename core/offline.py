"""Keep every entry point offline and quiet: no model downloads, no telemetry, plots without a display."""

from __future__ import annotations

import os

__all__ = ["use_offline_environment"]

# Defaults only: a variable the caller set already keeps its value.
_DEFAULTS = (
    ("HF_HUB_OFFLINE", "1"),  # models are local; never ask the Hugging Face hub
    ("TRANSFORMERS_OFFLINE", "1"),
    ("ANONYMIZED_TELEMETRY", "False"),  # chromadb's telemetry
    ("MPLBACKEND", "Agg"),  # the eval report draws its chart without a display
)


def use_offline_environment() -> None:
    """Set the offline environment of this process (and its children); call it before anything heavy is imported.

    The libraries read these variables when they are imported, so an entry point calls this first, before it
    imports chromadb, transformers, gradio or matplotlib. Gradio's analytics are always turned off, whatever the
    caller's environment says; the other variables are defaults.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    for name, value in _DEFAULTS:
        os.environ.setdefault(name, value)
