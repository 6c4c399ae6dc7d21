"""The first program inside a bwrap sandbox: identity, limits, the one socket, then the app.

It runs as the sandbox's own Python (`python -I -c <this file>`), so it uses the standard
library only. The first argument is a JSON object:

  uid, gid     host identity to drop to (when bwrap ran privileged), or null
  limits       {"CPU": n, "AS": n, ...}: rlimits applied before anything untrusted runs
  relay        "serve": accept on the inherited Unix socket `fd`, connect to 127.0.0.1:`port`
               "reach": listen on 127.0.0.1:`port`, connect to the Unix socket `socket`
               null: no relay

The remaining arguments are what to run, with the same Python. The relay is forked before
the exec so it lives inside the same namespaces and limits, and dies with them.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import socket
import sys
from typing import Any

_CHUNK = 65536


def _limit(limits: dict[str, int]) -> None:
    for name, value in limits.items():
        soft = hard = int(value)
        if name == "CPU":
            hard = soft + 5  # SIGXCPU first, SIGKILL a little later
        resource.setrlimit(getattr(resource, "RLIMIT_" + name), (soft, hard))


def _pump(listener: socket.socket, connect: Any) -> None:
    """Copy bytes between each accepted connection and a fresh upstream one, single-threaded.

    One thread for everything: threads count against the sandbox's process limit.
    """
    selector = selectors.DefaultSelector()
    peers: dict[socket.socket, socket.socket] = {}
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)

    def close(sock: socket.socket) -> None:
        for end in (sock, peers.pop(sock, None)):
            if end is not None:
                peers.pop(end, None)
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(end)
                end.close()

    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            if sock is listener:
                try:
                    client, _address = listener.accept()
                except OSError:
                    continue
                try:
                    upstream = connect()
                except OSError:
                    client.close()
                    continue
                peers[client], peers[upstream] = upstream, client
                for end in (client, upstream):
                    end.setblocking(True)
                    selector.register(end, selectors.EVENT_READ)
                continue
            try:
                data = sock.recv(_CHUNK)
            except OSError:
                data = b""
            peer = peers.get(sock)
            if not data or peer is None:
                close(sock)
                continue
            try:
                peer.sendall(data)
            except OSError:
                close(sock)


def _relay(spec: dict[str, Any]) -> None:
    port = int(spec["port"])
    if spec["relay"] == "serve":
        listener = socket.socket(fileno=int(spec["fd"]))

        def connect() -> socket.socket:
            return socket.create_connection(("127.0.0.1", port))
    else:
        listener = socket.create_server(("127.0.0.1", port))
        path = str(spec["socket"])

        def connect() -> socket.socket:
            upstream = socket.socket(socket.AF_UNIX)
            try:
                upstream.connect(path)
            except OSError:
                upstream.close()
                raise
            return upstream

    # The listener exists before the fork, so whatever runs next can connect at once.
    if os.fork() == 0:
        try:
            _pump(listener, connect)
        finally:
            os._exit(0)
    listener.close()


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec.get("uid") is not None:
        os.setgroups([])
        os.setgid(int(spec["gid"]))
        os.setuid(int(spec["uid"]))
    _limit(spec["limits"])
    if spec.get("relay"):
        _relay(spec)
    os.execv(sys.executable, [sys.executable, "-I", "-B", *sys.argv[2:]])


if __name__ == "__main__":
    main()
