"""The sandbox's relay passes each piece on at once: a kept (HTTP/1.1) connection whose
pieces waited for the last one's acknowledgement (Nagle against a delayed ACK) held every
answer ~40 ms, ~0.7 s a build's checks (bench.machine: stages of 12 builds 4.5 -> 13 s)."""

from __future__ import annotations

import socket

from livebuild.engine.sandbox._inside import _Relayed


def test_relayed_tcp_connections_send_each_piece_at_once() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    upstream = socket.create_connection(listener.getsockname())
    served, _ = listener.accept()
    client, other = socket.socketpair(socket.AF_UNIX)
    relayed = _Relayed()
    try:
        relayed.add(client, upstream)
        assert upstream.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        relayed.add(served, socket.create_connection(listener.getsockname()))
        assert served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        for sock in list(relayed.peers):
            relayed.close(sock)
        for sock in (other, listener):
            sock.close()
