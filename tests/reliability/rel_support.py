"""Support of the reliability suite: the app as a subprocess, a Gradio queue client, a fake LLM and the figures file.

Every server here listens on 127.0.0.1 only. Each test that measures something records it with the `figures`
fixture; at the end of the session the figures are merged into `test-artifacts/reliability/figures.json`, the
source of the table in `docs/reliability.md`.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from loopback_llm import QuietHandler, completion, serve

PROJECT = Path(__file__).resolve().parents[2]
FIGURES_FILE = PROJECT / "test-artifacts" / "reliability" / "figures.json"
READY_TIMEOUT = 600.0
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
               "ANONYMIZED_TELEMETRY": "False"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**settings: str) -> dict[str, str]:
    """The current environment without any PA_* variable, plus the offline switches and `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PA_")}
    return {**env, **OFFLINE_ENV, **settings}


# ------------------------------------------------------------------------------------------------ figures


class Figures:
    """Measured figures of this session, by test id; written to FIGURES_FILE at the end."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def record(self, test: str, **values: Any) -> None:
        """Record (or extend) the figures of `test`."""
        self.rows.setdefault(test, {}).update(values, recorded_at=datetime.now(UTC).isoformat(timespec="seconds"))

    def write(self) -> None:
        """Merge the rows into the figures file, under a lock: each pytest-xdist worker writes its own rows."""
        if not self.rows:
            return
        FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
        with FIGURES_FILE.with_suffix(".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                existing = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                existing = {}
            existing.update(self.rows)
            FIGURES_FILE.write_text(json.dumps(existing, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                    encoding="utf-8")


@pytest.fixture(scope="session")
def figures() -> Iterator[Figures]:
    """Collects the figures a test measured; merged into test-artifacts/reliability/figures.json at the end."""
    collected = Figures()
    yield collected
    collected.write()


# ------------------------------------------------------------------------------------------------ the app


class AppProcess:
    """`python app.py` as a subprocess on a free loopback port, its output captured in a log file.

    Args:
        env: the full environment of the process (PA_* settings included; PA_PORT is set here).
        log_path: file receiving stdout and stderr; its folder is the run's working folder (`root`).
        command: the command to run instead of `python app.py` (e.g. one that installs a socket guard first).
    """

    def __init__(self, *, env: dict[str, str], log_path: Path, command: list[str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "PA_HOST": "127.0.0.1", "PA_PORT": str(self.port)}
        self.log_path = log_path
        self.root = log_path.parent
        self.command = command or [sys.executable, "app.py"]
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_seconds = 0.0

    def start(self, *, timeout: float = READY_TIMEOUT, until_state: str = "ready") -> AppProcess:
        """Start the app and wait until /healthz reports `until_state` (ready by default, or e.g. failed)."""
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(self.command, cwd=PROJECT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT)
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"app exited with {self.process.returncode}:\n{self.log()[-4000:]}")
            try:
                health = self.health()
                if health["state"] == until_state or (until_state == "ready" and health["ready"]):
                    break
            except (httpx.HTTPError, ValueError):
                pass
            if time.monotonic() - started > timeout:
                pytest.fail(f"app not ready after {timeout:.0f} s:\n{self.log()[-4000:]}")
            time.sleep(0.25)
        self.ready_seconds = time.monotonic() - started
        return self

    def health(self) -> dict[str, Any]:
        return httpx.get(f"{self.base}/healthz", timeout=5).json()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class GradioSession:
    """One browser-like session on a Gradio app, speaking its queue protocol (join, then the SSE data stream).

    The chat's events are private to the Gradio client libraries, so this client does what the page does:
    it looks up the event's index in `/config` and posts to `/gradio_api/queue/join`.

    Args:
        base: the app's URL, e.g. http://127.0.0.1:7860.
        path: where the Gradio app is mounted ("" for the chat, "/staff" for the console).
        client: an httpx client to share cookies (a logged-in staff session); a new one by default.
    """

    def __init__(self, *, base: str, path: str = "", client: httpx.Client | None = None, timeout: float = 600.0) -> None:
        self.root = base + path
        self.client = client or httpx.Client(timeout=timeout)
        self.timeout = timeout
        self.session_hash = uuid.uuid4().hex[:11]
        self._config: dict[str, Any] | None = None

    def config(self) -> dict[str, Any]:
        if self._config is None:
            response = self.client.get(f"{self.root}/config")
            response.raise_for_status()
            self._config = response.json()
        return self._config

    def event(self, trigger: str, *, elem_id: str | None = None, value: str | None = None) -> tuple[int, int]:
        """(fn_index, trigger id) of the `trigger` event of the component with `elem_id` (or showing `value`)."""
        config = self.config()
        component = next(c["id"] for c in config["components"]
                         if (elem_id is not None and c.get("props", {}).get("elem_id") == elem_id)
                         or (value is not None and c.get("props", {}).get("value") == value))
        for index, dependency in enumerate(config["dependencies"]):
            for target, event in dependency["targets"]:
                if target == component and event == trigger:
                    return dependency.get("id", index), component
        raise LookupError(f"no {trigger} event on #{elem_id or value}")

    def call(self, fn_index: int, data: list[Any], *, trigger_id: int | None = None) -> list[Any]:
        """Run one event and return its final output data.

        Raises:
            RuntimeError: the queue refused the event or the event ended with an error.
        """
        joined = self.client.post(f"{self.root}/gradio_api/queue/join", json={
            "data": data, "event_data": None, "fn_index": fn_index, "trigger_id": trigger_id,
            "session_hash": self.session_hash})
        if joined.status_code != 200:
            raise RuntimeError(f"queue/join answered HTTP {joined.status_code}: {joined.text[:300]}")
        event_id = joined.json()["event_id"]
        outputs: list[Any] | None = None
        with self.client.stream("GET", f"{self.root}/gradio_api/queue/data",
                                params={"session_hash": self.session_hash}, timeout=self.timeout) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") not in (None, event_id):
                    continue
                kind = message.get("msg")
                if kind == "process_generating":
                    outputs = _apply(outputs, message["output"].get("data"))
                elif kind == "process_completed":
                    if not message.get("success", False):
                        raise RuntimeError(f"event failed: {json.dumps(message.get('output'))[:300]}")
                    final = message["output"].get("data")
                    return outputs if outputs is not None else list(final or [])
                elif kind == "close_stream":
                    break
        raise RuntimeError("the data stream closed before the event completed")


def _apply(current: list[Any] | None, data: list[Any] | None) -> list[Any] | None:
    """Apply one streamed update: the first one holds every output, later ones one diff list per output."""
    if data is None:
        return current
    if current is None:
        return list(data)
    return [_patch(old, diff) for old, diff in zip(current, data, strict=False)]


def _patch(target: Any, diff: list[list[Any]]) -> Any:
    """Apply Gradio's output diff (["replace"|"append"|"add"|"delete", path, value] edits) to `target`."""
    target = copy.deepcopy(target)
    for action, path, value in diff:
        if not path:
            target = value if action == "replace" else target + value
            continue
        parent = target
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if action == "replace":
            parent[last] = value
        elif action == "append":
            parent[last] = parent[last] + value
        elif action == "add" and isinstance(parent, list):
            parent.insert(int(last), value)
        elif action == "add":
            parent[last] = value
        elif action == "delete":
            del parent[int(last) if isinstance(parent, list) else last]
    return target


def staff_client(base: str, *, user: str, password: str) -> httpx.Client:
    """An httpx client logged in to the staff console.

    Raises:
        AssertionError: the login was refused.
    """
    client = httpx.Client(timeout=600.0)
    response = client.post(f"{base}/staff/login", data={"username": user, "password": password})
    assert response.status_code == 200, f"staff login failed: HTTP {response.status_code} {response.text[:200]}"
    return client


# ------------------------------------------------------------------------------------------------ fake LLM


@dataclass
class LLMScript:
    """What the fake LLM endpoint replies, and the requests it received."""

    reply: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)


@contextlib.contextmanager
def serve_fake_llm(script: LLMScript) -> Iterator[str]:
    """Serve `script` as an OpenAI-compatible endpoint on a free loopback port; yields its base URL (with /v1)."""

    class Handler(QuietHandler):
        def do_POST(self) -> None:
            script.requests.append({"path": self.path, "headers": dict(self.headers.items()),
                                    "body": self.read_json()})
            self.send_json(completion(script.reply))

    with serve(Handler) as base_url:
        yield f"{base_url}/v1"


@pytest.fixture
def fake_llm() -> Iterator[tuple[str, LLMScript]]:
    """A real OpenAI-compatible HTTP server on a free loopback port; it replies with `script.reply`."""
    script = LLMScript()
    with serve_fake_llm(script) as url:
        yield url, script
