"""Entry point of the web app: read the settings once, warm the assistant in the background, serve the UI."""

from __future__ import annotations

from core.offline import use_offline_environment

use_offline_environment()  # before gradio is imported anywhere

import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from core.errors import AssistantError  # noqa: E402
from core.redact import RedactingFilter  # noqa: E402
from core.settings import load_settings  # noqa: E402

if TYPE_CHECKING:
    from webapp.service import AssistantService

logger = logging.getLogger("app")


def main() -> int:
    """Start the app; return the exit code (1 with a one-line message when the settings are invalid)."""
    handler = logging.StreamHandler()
    handler.setLevel(logging.INFO)  # bm25s sets its own logger to DEBUG when it is imported
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())  # no personal data from questions in the log
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for chatty in ("bm25s", "httpx"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    try:
        settings = load_settings(os.environ)
    except AssistantError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    logger.info("settings (secrets masked): %s", settings.public_dict())
    created = threading.Event()
    holder: dict[str, AssistantService] = {}

    def start_assistant() -> None:
        try:
            from webapp.service import AssistantService

            holder["service"] = AssistantService(settings=settings)
        finally:
            created.set()
        try:
            holder["service"].warm_up()
        except AssistantError as exc:
            logger.error("the assistant could not start: %s", exc)

    # The assistant imports and loads its models while Gradio is imported and the UI is built;
    # the UI waits for the models per question.
    threading.Thread(target=start_assistant, name="warm-up", daemon=True).start()
    from webapp.server import create_app, serve

    created.wait()
    if "service" not in holder:
        sys.stderr.write("error: the assistant could not be created; see the log above\n")
        return 1
    serve(create_app(settings=settings, service=holder["service"]), settings=settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
