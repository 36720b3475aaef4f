"""Staff login: constant-time credential check, and a per-client limit on failed logins in front of Gradio's route."""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import ConfigError

__all__ = ["LoginGuard", "LoginRateLimiter", "StaffCredentials"]

logger = logging.getLogger(__name__)


class StaffCredentials:
    """The staff user name and password, checked in constant time; usable as Gradio's `auth` callable.

    Args:
        user: the staff user name (settings.staff_user).
        password: the staff password (settings.staff_password). Never logged or shown in `repr`.

    Raises:
        ConfigError: the user name or the password is empty.
    """

    def __init__(self, *, user: str, password: str) -> None:
        if not user or not password:
            raise ConfigError("staff console needs both staff_user (PA_STAFF_USER) and staff_password "
                              "(PA_STAFF_PASSWORD)")
        self._user = user.encode("utf-8")
        self._password = password.encode("utf-8")

    def __repr__(self) -> str:
        return "StaffCredentials(user=***, password=***)"

    def __call__(self, user: str, password: str) -> bool:
        """Return True when both the user name and the password match."""
        user_ok = hmac.compare_digest(user.strip().encode("utf-8"), self._user)
        password_ok = hmac.compare_digest(password.encode("utf-8"), self._password)
        return user_ok and password_ok


class LoginRateLimiter:
    """Count failed logins per client in a sliding window and refuse a client that reached the limit.

    Usage::

        limiter = LoginRateLimiter(max_failures=5, window_seconds=60)
        if limiter.allowed(client):
            ...  # try the login; on failure: limiter.record_failure(client)

    Args:
        max_failures: failed attempts allowed per client within the window.
        window_seconds: length of the sliding window.
        clock: monotonic time source in seconds (tests pass a fake clock).

    Raises:
        ConfigError: `max_failures` < 1 or `window_seconds` <= 0.
    """

    def __init__(self, *, max_failures: int = 5, window_seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if isinstance(max_failures, bool) or not isinstance(max_failures, int) or max_failures < 1:
            raise ConfigError(f"login rate limit max_failures must be an integer >= 1, got {max_failures!r}")
        if not window_seconds > 0:
            raise ConfigError(f"login rate limit window_seconds must be > 0, got {window_seconds!r}")
        self.max_failures = max_failures
        self.window_seconds = float(window_seconds)
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and now - failures[0] >= self.window_seconds:
            failures.popleft()
        return failures

    def allowed(self, client: str) -> bool:
        """Return False while `client` has `max_failures` failures within the window."""
        with self._lock:
            now = self._clock()
            failures = self._recent(client, now)
            if not failures:
                self._failures.pop(client, None)
            return len(failures) < self.max_failures

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again (0 when allowed now)."""
        with self._lock:
            now = self._clock()
            failures = self._recent(client, now)
            if len(failures) < self.max_failures:
                return 0.0
            return max(0.0, failures[len(failures) - self.max_failures] + self.window_seconds - now)

    def record_failure(self, client: str) -> None:
        """Count one failed login of `client` now."""
        with self._lock:
            now = self._clock()
            self._recent(client, now).append(now)

    def reset(self, client: str) -> None:
        """Forget the failures of `client` (after a successful login)."""
        with self._lock:
            self._failures.pop(client, None)


class LoginGuard:
    """ASGI middleware refusing POSTs to the login route with 429 once the client hit the failure limit.

    A login answered with status 400 (Gradio's "Incorrect credentials") counts as a failure; a 200 resets the
    client's count. The client is the connecting address; user names and passwords are never logged.

    Usage::

        app.add_middleware(LoginGuard, path="/staff/login", limiter=LoginRateLimiter())

    Args:
        app: the ASGI app serving the login route.
        path: the login route, e.g. `/staff/login`.
        limiter: the failure counter.
    """

    def __init__(self, app: ASGIApp, *, path: str, limiter: LoginRateLimiter) -> None:
        self.app = app
        self.paths = {path.rstrip("/"), path.rstrip("/") + "/"}
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.limiter.allowed(client):
            wait = int(self.limiter.retry_after(client)) + 1
            logger.warning("staff login refused: too many failed attempts from %s (retry in %d s)", client, wait)
            response = JSONResponse({"detail": f"Too many failed logins. Try again in {wait} seconds."},
                                    status_code=429, headers={"Retry-After": str(wait)})
            await response(scope, receive, send)
            return
        status: dict[str, int] = {}

        async def send_and_watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, send_and_watch)
        if status.get("code") == 400:
            self.limiter.record_failure(client)
            logger.info("staff login failed from %s", client)
        elif status.get("code") == 200:
            self.limiter.reset(client)
            logger.info("staff login succeeded from %s", client)
