"""The Gradio user interface: customer chat, staff console and login; `app.py` wires them."""

from webapp.auth import LoginGuard, LoginRateLimiter, StaffCredentials
from webapp.chat import ChatHandlers, build_chat
from webapp.console import ConsoleHandlers, build_console, build_console_disabled
from webapp.library import PolicyLibrary, SectionView
from webapp.server import create_app, serve
from webapp.service import AssistantService

__all__ = [
    "AssistantService",
    "ChatHandlers",
    "ConsoleHandlers",
    "LoginGuard",
    "LoginRateLimiter",
    "PolicyLibrary",
    "SectionView",
    "StaffCredentials",
    "build_chat",
    "build_console",
    "build_console_disabled",
    "create_app",
    "serve",
]
