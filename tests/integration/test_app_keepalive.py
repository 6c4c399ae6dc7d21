"""The generated app keeps a connection for the next request (a page's pictures and styles
share one), closes it once idle, and never reads an unread body as a request."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from livebuild.appgen import BUILD_STAGES, app_files
from livebuild.brief import derive_brief
from tests.integration.test_appgen import DOG_IDEA, free_port, running_app, write_app


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


@contextmanager
def _app_with_routes(tmp_path: Path, script: str) -> Iterator[socket.socket]:
    """The generated app with `script`'s routes; yields a connection to it."""
    app_dir = _app(tmp_path)
    (app_dir / "routes_app.py").write_text(script, encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env.update(PORT=str(port), HOST="127.0.0.1", APP_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "routes_app.py"], cwd=app_dir, env=env)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)
        with sock:
            yield sock
    finally:
        proc.terminate()
        proc.wait(timeout=10)


_SLOW_APP = """
import app, web
BODY = b"x" * (8 * 1024 * 1024)
app.Handler.timeout = 1  # the idle close, short so the test is quick
app.load_routes = lambda: [
    web.route("GET", "/healthz", app.healthz),
    web.route("GET", "/export.csv", lambda request: web.Response(body=BODY)),
]
app.main()
"""


def test_a_large_answer_to_a_slow_reader_arrives_whole(tmp_path: Path) -> None:
    """The idle close bounds only the wait for the next request: an 8 MB export read over
    several times the idle time (a phone on a slow link) arrives whole."""
    with _app_with_routes(tmp_path, _SLOW_APP) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sock.sendall(b"GET /export.csv HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n")
        began, received = time.monotonic(), b""
        while chunk := sock.recv(65536):
            received += chunk
            time.sleep(0.02)  # ~2 MB/s: 8 MB takes ~4 idle times
    head, _, body = received.partition(b"\r\n\r\n")
    assert time.monotonic() - began > 2, "the reader was not slow; the test proves nothing"
    assert head.startswith(b"HTTP/1.1 200"), head
    got = len(body)
    assert got == 8 * 1024 * 1024


_KEEPING_ROUTE_APP = """
import app, web
HEADERS = {"Connection": "keep-alive", "Keep-Alive": "timeout=99", "Content-Length": "1"}
app.load_routes = lambda: [
    web.route("GET", "/healthz", app.healthz),
    web.route("GET", "/", lambda request: web.Response(body=b"page", headers=HEADERS)),
]
app.main()
"""


def test_a_route_s_connection_headers_do_not_keep_an_unread_body(tmp_path: Path) -> None:
    """A route that says `Connection: keep-alive` (or its own length) changes neither the
    close decision nor the length: the unread body is not read as a second request."""
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: app\r\n\r\n"
    with _app_with_routes(tmp_path, _KEEPING_ROUTE_APP) as sock:
        head = f"GET / HTTP/1.1\r\nHost: app\r\nContent-Length: {len(smuggled)}\r\n\r\n"
        sock.sendall(head.encode() + smuggled)
        answer = _read_to_end(sock, within_s=8)
    assert answer.count(b"HTTP/1.1 ") == 1, answer[:300]
    headers = answer.partition(b"\r\n\r\n")[0].lower()
    assert headers.count(b"content-length") == 1 and b"keep-alive" not in headers, headers
    assert answer.endswith(b"page")


def test_the_app_sends_each_answer_at_once(tmp_path: Path) -> None:
    # On a kept connection an answer's body waited for its headers' acknowledgement (Nagle
    # against a delayed ACK): ~40 ms on every answer, ~0.7 s on each build's checks.
    shown = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, '.'); import app;"
            " print(app.Handler.disable_nagle_algorithm)",
        ],
        cwd=_app(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "True"
