"""The generated app keeps a connection for the next request (a page's pictures and styles
share one), closes it once idle, and never reads an unread body as a request."""

from __future__ import annotations

import http.client
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from livebuild.appgen import BUILD_STAGES, app_files
from livebuild.brief import derive_brief
from tests.integration.test_appgen import DOG_IDEA, running_app, write_app


def _app(tmp_path: Path) -> Path:
    return write_app(tmp_path / "app", app_files(derive_brief(DOG_IDEA), BUILD_STAGES[-1]))


def _address(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def _read_to_end(sock: socket.socket, within_s: float) -> bytes:
    sock.settimeout(within_s)
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_requests_share_a_connection_until_it_is_idle(tmp_path: Path) -> None:
    with running_app(_app(tmp_path), tmp_path / "data") as base:
        connection = http.client.HTTPConnection(*_address(base), timeout=5)
        for path in ("/", "/healthz", "/"):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            if path == "/":
                first = connection.sock
        assert connection.sock is first is not None
        began = time.monotonic()
        assert _read_to_end(first, within_s=15) == b""  # closed by the app once idle
        assert time.monotonic() - began < 10
        connection.close()


def test_a_body_it_does_not_read_is_not_taken_for_a_second_request(tmp_path: Path) -> None:
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: app\r\n\r\n"
    with running_app(_app(tmp_path), tmp_path / "data") as base:
        for headers in (f"Content-Length: {len(smuggled)}", "Transfer-Encoding: chunked"):
            with socket.create_connection(_address(base)) as sock:
                request = f"GET / HTTP/1.1\r\nHost: app\r\n{headers}\r\n\r\n".encode()
                sock.sendall(request + smuggled)
                answer = _read_to_end(sock, within_s=8)
            assert answer.count(b"HTTP/1.1 ") == 1, answer[:300]


def test_a_visitor_who_hangs_up_between_requests_leaves_no_trace(tmp_path: Path) -> None:
    """The app waits on a kept connection for the next request; a reset there is no error
    (`running_app` asserts the app printed nothing)."""
    with running_app(_app(tmp_path), tmp_path / "data") as base:
        for _ in range(10):
            with socket.create_connection(_address(base), timeout=5) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: app\r\n\r\n")
                assert sock.recv(65536).startswith(b"HTTP/1.1 200")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01" + b"\x00" * 7)
