"""A process-wide socket guard for subprocesses under test: records and refuses every non-loopback connection.

Run a program under it with `python rel_netguard.py RECORD_FILE SCRIPT_OR_-m MODULE [ARGS...]`. Each refused
attempt (a connect to an address outside 127.0.0.0/8 and ::1, or a name lookup of another host) is appended to
RECORD_FILE as one JSON line with a short stack, then fails with `OSError(ENETUNREACH)` as it would offline.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import runpy
import socket
import sys
import traceback
from pathlib import Path

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_loopback_host(host: object) -> bool:
    text = str(host).strip("[]")
    if text in _LOOPBACK_NAMES or text == "0.0.0.0":
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def install(record: Path) -> None:
    """Patch socket connects and name lookups of this process so non-loopback ones are recorded and refused."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def note(kind: str, target: object) -> None:
        stack = "".join(traceback.format_stack(limit=12)[:-2])
        with record.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"kind": kind, "target": repr(target), "stack": stack}) + "\n")

    def allowed(address: object) -> bool:
        if isinstance(address, tuple) and address:
            return _is_loopback_host(address[0])
        return True  # unix sockets

    def connect(sock: socket.socket, address: object) -> object:
        if not allowed(address):
            note("connect", address)
            raise OSError(errno.ENETUNREACH, f"network guard: refused connect to {address!r}")
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: object) -> int:
        if not allowed(address):
            note("connect", address)
            return errno.ENETUNREACH
        return real_connect_ex(sock, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not _is_loopback_host(host.decode() if isinstance(host, bytes) else host):
            note("lookup", host)
            raise socket.gaierror(socket.EAI_NONAME, f"network guard: refused lookup of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo


def main(argv: list[str]) -> None:
    record = Path(argv[1])
    record.touch()
    install(record)
    if argv[2] == "-m":
        sys.argv = [argv[3], *argv[4:]]
        runpy.run_module(argv[3], run_name="__main__", alter_sys=True)
    else:
        sys.argv = argv[2:]
        sys.path.insert(0, str(Path(argv[2]).resolve().parent))
        runpy.run_path(argv[2], run_name="__main__")


if __name__ == "__main__":
    main(sys.argv)
