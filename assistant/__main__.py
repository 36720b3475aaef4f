"""Entry point of `python -m assistant`: offline defaults, then the command line."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.cli import main  # noqa: E402  (the environment must be set before chromadb is imported)

if __name__ == "__main__":
    sys.exit(main())
