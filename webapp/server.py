"""The web server: the customer chat at `/`, the staff console behind a login at `/staff`, the JSON API at `/api`,
and `/healthz`."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI

from core.settings import Settings
from webapp.api import API_PATH, NO_TELEMETRY, build_api
from webapp.auth import LoginGuard, LoginRateLimiter, StaffCredentials
from webapp.chat import build_chat
from webapp.console import build_console, build_console_disabled
from webapp.limits import AnswerLimiter
from webapp.service import AssistantService

__all__ = ["CONSOLE_PATH", "CSS", "create_app", "serve", "server_options"]

logger = logging.getLogger(__name__)

CONSOLE_PATH = "/staff"

CSS = """
.pa-source { border-left: 3px solid var(--color-accent); padding: 0.4em 0.8em; margin: 0.6em 0; }
.pa-quote { margin: 0.3em 0; font-style: italic; }
.pa-section-text { white-space: pre-wrap; font-family: inherit; }
.pa-warning { border-left: 3px solid var(--color-accent); padding: 0.2em 0.8em;
  background: var(--block-background-fill); }
.pa-meta { color: var(--body-text-color-subdued); font-size: 0.9em; }
.pa-side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.pa-grid td, .pa-grid th, .pa-table td, .pa-table th { border: 1px solid var(--border-color-primary);
  padding: 0.3em 0.5em; vertical-align: top; }
"""


def create_app(*, settings: Settings, service: AssistantService, login_limiter: LoginRateLimiter | None = None,
               answer_limiter: AnswerLimiter | None = None) -> FastAPI:
    """Build the ASGI app: chat at `/`, staff console at `/staff` (Gradio login, rate-limited), the JSON API at `/api`
    (`webapp.api`), `/healthz`.

    The console is mounted as its own Gradio app, so the chat page carries none of its events; with no
    staff credentials configured `/staff` only says that the console is disabled. The API is mounted before the
    chat, whose mount at `/` would otherwise receive `/api` requests too.

    Args:
        settings: validated settings (queue limits, staff credentials, API token).
        service: the assistant service the pages and the API call.
        login_limiter: failed-login counter; by default 5 failures per client per minute.
        answer_limiter: the API's answer queue; by default `settings.concurrency_limit` answering and
            `settings.max_queue` waiting, the numbers of the chat's Gradio queue.
    """
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, telemetry=NO_TELEMETRY)

    @app.get("/healthz")
    def healthz() -> dict[str, object]:
        """Readiness: `ready` turns true once the index is open and the pipeline is warm."""
        return {"ready": service.ready, "state": service.state, "index_version": service.index_version}

    app.mount(API_PATH, build_api(settings=settings, service=service, limiter=answer_limiter))

    if settings.staff_enabled:
        console = build_console(service=service, settings=settings)
        console.queue(default_concurrency_limit=settings.concurrency_limit, max_size=settings.max_queue)
        gr.mount_gradio_app(app, console, path=CONSOLE_PATH, footer_links=[], run_history=False, css=CSS,
                            auth=StaffCredentials(user=settings.staff_user, password=settings.staff_password),
                            auth_message="Staff console: log in with the staff account.",
                            server_name=settings.host, server_port=settings.port)
        app.add_middleware(LoginGuard, path=f"{CONSOLE_PATH}/login",
                           limiter=login_limiter or LoginRateLimiter(max_failures=5, window_seconds=60.0))
    else:
        logger.warning("staff console disabled: set PA_STAFF_USER and PA_STAFF_PASSWORD to enable it")
        gr.mount_gradio_app(app, build_console_disabled(), path=CONSOLE_PATH, footer_links=[], run_history=False,
                            server_name=settings.host, server_port=settings.port)

    chat = build_chat(service=service, settings=settings)
    chat.queue(default_concurrency_limit=settings.concurrency_limit, max_size=settings.max_queue)
    gr.mount_gradio_app(app, chat, path="/", footer_links=[], run_history=False, css=CSS,
                        server_name=settings.host, server_port=settings.port)
    return app


def server_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn options `serve` runs with: settings.host:settings.port, warnings only, no access log.

    The access log is off because its lines would name each client's address; no request body is ever logged.
    """
    return {"host": settings.host, "port": settings.port, "log_level": "warning", "access_log": False}


def serve(app: FastAPI, *, settings: Settings) -> None:
    """Serve `app` on settings.host:settings.port until interrupted (never shared through a public tunnel)."""
    base = f"http://{settings.host}:{settings.port}"
    logger.info("serving the chat on %s/, the staff console on %s%s and the JSON API on %s%s/docs",
                base, base, CONSOLE_PATH, base, API_PATH)
    uvicorn.run(app, **server_options(settings))
