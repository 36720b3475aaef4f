"""Entry point of `python -m eval`: offline defaults, then the command line (see `eval.cli`)."""

from __future__ import annotations

import sys

from core.offline import use_offline_environment

use_offline_environment()

from eval.cli import main  # noqa: E402  (the environment must be set before chromadb and matplotlib are imported)

if __name__ == "__main__":
    sys.exit(main())
