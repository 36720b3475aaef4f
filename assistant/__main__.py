"""Entry point of `python -m assistant`: offline defaults, then the command line."""

from __future__ import annotations

import sys

from core.offline import use_offline_environment

use_offline_environment()

from assistant.cli import main  # noqa: E402  (the environment must be set before chromadb is imported)

if __name__ == "__main__":
    sys.exit(main())
