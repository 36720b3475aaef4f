"""Drive `app.py` from outside: start it on a loopback port, wait for readiness, ask through its HTTP API, stop it.

The chat's submit event is called the way the browser calls it: `POST /gradio_api/queue/join` with the event's
`fn_index` (read from `/config`) and a fresh session, then the server-sent events of `/gradio_api/queue/data`
until `process_completed`. Each question gets its own session, so no conversation history is carried over.

Usage::

    with AppProcess(project_root=root, env=env, port=port) as app:
        app.wait_ready(timeout=300)
        client = ChatClient(base_url=app.url)
        seconds = client.ask("How long do you keep my data?", company="pixeljet")
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

__all__ = ["AppProcess", "ChatClient", "chat_env"]

logger = logging.getLogger(__name__)

def chat_env(*, corpus_dir: Path, store_dir: Path, data_dir: Path, embed_cache: Path, port: int,
             embedders: tuple[str, ...], chroma_url: str = "") -> dict[str, str]:
    """The environment for an app process: offline flags plus the PA_* settings of a benchmark index."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PA_")}
    env.update({
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False", "PA_CORPUS_DIR": str(corpus_dir), "PA_STORE_DIR": str(store_dir),
        "PA_DATA_DIR": str(data_dir), "PA_EMBED_CACHE": str(embed_cache), "PA_HOST": "127.0.0.1",
        "PA_PORT": str(port), "PA_EMBEDDERS": ",".join(embedders), "PA_CHROMA_URL": chroma_url,
    })
    return env


class AppProcess:
    """`python app.py` as a child process on 127.0.0.1; stopped (SIGINT, then SIGKILL) on exit.

    Args:
        project_root: the folder holding app.py (the working directory of the child).
        env: its environment (see `chat_env`).
        port: the port it listens on (must match PA_PORT in `env`).
        log_path: file receiving the child's stdout and stderr.
    """

    def __init__(self, *, project_root: Path, env: Mapping[str, str], port: int, log_path: Path) -> None:
        self.project_root = project_root
        self.env = dict(env)
        self.port = port
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.peak_rss_mb: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> AppProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the child; `self.started` is the monotonic time just before the spawn."""
        log = self.log_path.open("wb")
        self.started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, "app.py"], cwd=self.project_root, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def health(self) -> dict[str, Any] | None:
        """The /healthz document, or None while the server does not answer."""
        try:
            response = httpx.get(f"{self.url}/healthz", timeout=2.0)
            return response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, json.JSONDecodeError):
            return None

    def wait_ready(self, *, timeout: float) -> float:
        """Wait until /healthz says ready; return the seconds since the spawn.

        Raises:
            RuntimeError: the child exited, or it was not ready in time (the message quotes its log's tail).
        """
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app.py exited with code {self.process.returncode}: {self._tail()}")
            health = self.health()
            if health and health.get("ready"):
                return time.monotonic() - self.started
            if health and health.get("state") == "failed":
                raise RuntimeError(f"app.py failed to start: {self._tail()}")
            time.sleep(0.2)
        raise RuntimeError(f"app.py was not ready within {timeout:.0f} s: {self._tail()}")

    def stop(self) -> None:
        """Stop the child (SIGINT, then SIGKILL after 15 s) and record its peak RSS from `wait4`."""
        if self.process is None or self.peak_rss_mb is not None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            pid, _, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                self.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)
                self.process.returncode = 0
                return
            time.sleep(0.1)
        self.process.kill()
        _, _, usage = os.wait4(self.process.pid, 0)
        self.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)
        self.process.returncode = -9

    def _tail(self, chars: int = 800) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"


class ChatClient:
    """Ask the app's customer chat through its HTTP API, as the browser does.

    Args:
        base_url: the app's URL (http://127.0.0.1:<port>).
        timeout: seconds to wait for one answer.

    Raises:
        RuntimeError: the chat page has no question-submit event (the app changed).
    """

    def __init__(self, *, base_url: str, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._http = httpx.Client(timeout=timeout)
        config = self._http.get(f"{self.base_url}/config").json()
        by_id = {component["id"]: component for component in config.get("components", [])}
        self._fn_index: int | None = None
        self._inputs: list[dict[str, Any]] = []
        for number, dependency in enumerate(config.get("dependencies", [])):
            targets = dependency.get("targets", [])
            if any(by_id.get(target[0], {}).get("props", {}).get("elem_id") == "pa-question" and target[1] == "submit"
                   for target in targets):
                self._fn_index = dependency.get("id", number)
                self._inputs = [by_id.get(component, {}) for component in dependency.get("inputs", [])]
                break
        if self._fn_index is None:
            raise RuntimeError(f"the chat at {self.base_url} has no question submit event (elem_id pa-question)")

    def close(self) -> None:
        self._http.close()

    def _payload(self, question: str, company: str | None) -> list[Any]:
        data: list[Any] = []
        for component in self._inputs:
            kind, elem = component.get("type"), component.get("props", {}).get("elem_id")
            if elem == "pa-question":
                data.append(question)
            elif elem == "pa-company":
                data.append(company or _first_choice(component))
            elif elem == "pa-language":
                data.append(_first_choice(component))
            elif kind == "chatbot":
                data.append([])
            else:
                data.append(None)  # session state lives on the server
        return data

    def ask(self, question: str, *, company: str | None = None) -> tuple[float, list[Any]]:
        """Submit one question in a fresh session; return (seconds until the answer arrived, output data).

        Raises:
            RuntimeError: the server reported an error or closed the stream before answering.
        """
        session = uuid.uuid4().hex[:12]
        started = time.perf_counter()
        joined = self._http.post(f"{self.base_url}/gradio_api/queue/join", json={
            "data": self._payload(question, company), "fn_index": self._fn_index, "session_hash": session,
            "event_data": None, "trigger_id": None})
        if joined.status_code != 200:
            raise RuntimeError(f"queue/join answered {joined.status_code}: {joined.text[:200]}")
        with self._http.stream("GET", f"{self.base_url}/gradio_api/queue/data",
                               params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    seconds = time.perf_counter() - started
                    if not message.get("success", False):
                        raise RuntimeError(f"the chat failed: {str(message.get('output'))[:200]}")
                    return seconds, list(message.get("output", {}).get("data", []))
        raise RuntimeError("the chat closed the event stream before answering")


def _first_choice(component: Mapping[str, Any]) -> Any:
    """The value of a dropdown's first choice (the chat's "auto" entry)."""
    choices = component.get("props", {}).get("choices") or [[None, None]]
    first = choices[0]
    return first[1] if isinstance(first, (list, tuple)) else first
