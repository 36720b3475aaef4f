"""The web app: customer chat, staff console and login (Gradio), and the JSON API; `app.py` wires them.

Names are imported on first use, so that `app.py` can load the assistant and Gradio in parallel.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "AnswerLimiter": "webapp.limits",
    "AssistantService": "webapp.service",
    "ChatHandlers": "webapp.chat",
    "ConsoleHandlers": "webapp.console",
    "LoginGuard": "webapp.auth",
    "LoginRateLimiter": "webapp.auth",
    "StaffCredentials": "webapp.auth",
    "build_api": "webapp.api",
    "build_chat": "webapp.chat",
    "build_console": "webapp.console",
    "build_console_disabled": "webapp.console",
    "create_app": "webapp.server",
    "serve": "webapp.server",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'webapp' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
