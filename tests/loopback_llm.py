"""A real HTTP server on 127.0.0.1 for the tests of the LLM endpoint protocol (OpenAI chat completions).

Each test module supplies its own request handler (what the fake endpoint answers); this module runs it on a free
loopback port and builds the completion bodies.

Usage::

    class Handler(QuietHandler):
        def do_POST(self) -> None:
            self.send_json(completion("The answer [1]."))

    with serve(Handler) as base_url:    # 'http://127.0.0.1:<port>'
        ...
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["QuietHandler", "completion", "serve"]


def completion(content: str) -> bytes:
    """The JSON body of a chat completion whose one choice says `content`."""
    return json.dumps({"id": "x", "object": "chat.completion",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}).encode()


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and can send a JSON body."""

    def read_json(self) -> dict:
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))

    def send_json(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on a free loopback port; yield the base URL; shut the server down afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
