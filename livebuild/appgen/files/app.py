"""Entry point: `python app.py`. Standard library only (Python 3.11+).

Environment: PORT (default 8000), HOST (default 127.0.0.1), APP_BASE_PATH (public
URL prefix, default none), APP_DATA_DIR (SQLite folder, default ./data) and APP_THREADS
(visitors served at once, default 128).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.dont_write_bytecode = True
# `python -I app.py` leaves the script's folder off sys.path; the page modules live there.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import hashlib  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import queue  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from types import FrameType  # noqa: E402
from typing import ClassVar  # noqa: E402
from urllib.parse import parse_qsl, urlsplit  # noqa: E402

import content  # noqa: E402
import layout  # noqa: E402
import web  # noqa: E402

STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".js": "text/javascript; charset=utf-8",
}
# A spreadsheet of tens of thousands of rows fits; anything larger is refused unread.
MAX_BODY = 16_000_000
# A response's body goes in pieces of this size, each with the stalled-visitor timeout.
SEND_PIECE = 256 * 1024
# A visitor's thread needs half the 8 MB a thread reserves by default: with 1 MB a page's
# recursion through C (a sort's key calling back) crashed the app before Python's limit.
STACK = 4 * 1024 * 1024
# A visitor has this long for a request's line and headers, however it paces them.
HEAD_S = 10
# A kept connection waiting for its next request looks this often whether others wait.
CROWD_CHECK_S = 0.2
CONNECTION_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})


def healthz(request: web.Request) -> web.Response:
    return web.Response(body="ok", content_type="text/plain; charset=utf-8")


def static_file(request: web.Request, name: str) -> web.Response:
    path = web.STATIC_DIR / name
    if path.suffix not in STATIC_TYPES or not path.is_file():
        return layout.error_page(404)
    body = path.read_bytes()
    # Pages link static files as `?v=` and their content's fingerprint (web.static_url):
    # that address always means these bytes, so it may be kept for good. Any other address
    # of the file (an old page's, a hand-typed one) is checked with the app every time.
    named = request.arg("v") == hashlib.sha256(body).hexdigest()[:12]
    cache = "public, max-age=31536000, immutable" if named else "no-cache"
    return web.Response(
        body=body, content_type=STATIC_TYPES[path.suffix], headers={"Cache-Control": cache}
    )


def load_routes() -> list[web.Route]:
    routes = [
        web.route("GET", "/healthz", healthz),
        web.route("GET", r"/static/([A-Za-z0-9_.-]+)", static_file),
    ]
    for module_name in content.MODULES:
        module = importlib.import_module(module_name)
        startup = getattr(module, "startup", None)
        if startup is not None:
            startup()
        routes.extend(module.routes())
    return routes


def strip_base(path: str) -> str:
    """Accept paths with or without the public prefix (proxies usually strip it)."""
    base = web.BASE_PATH
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :]
    path = "/" + path.lstrip("/")
    return path.rstrip("/") or "/"


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[list[web.Route]] = []
    server_version = "app/1.0"
    sys_version = ""
    # Keep-alive: a page's pictures, styles and scripts share a connection instead of
    # opening one each. An idle connection (and the thread serving it) ends after `timeout`
    # seconds of waiting for the next request; every response says its length.
    protocol_version = "HTTP/1.1"
    timeout = 5
    # An answer's headers and body go out as written: on a kept connection, Nagle held the
    # body until the headers' acknowledgement came, ~40 ms delayed, on every answer.
    disable_nagle_algorithm = True
    # Once a request has come, only a visitor making no progress for this long is dropped:
    # a large export to a phone on a slow link takes as long as it takes (a socket's
    # timeout bounds a whole send, so the body goes in pieces, each with its own).
    stalled_timeout = 60

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self.rfile = io.BufferedReader(Paced(self))
        self.kept = False  # an answer was given on this connection

    def handle_one_request(self) -> None:
        now = time.monotonic()
        # The next request's first byte must come within `timeout`, its whole head in HEAD_S.
        self.idle_until = now + self.timeout
        self.head_until: float | None = now + HEAD_S
        self.first_byte = True
        super().handle_one_request()
        self.kept = True

    def parse_request(self) -> bool:
        try:
            return super().parse_request()
        finally:
            # The head is in; from here on only a visitor making no progress is dropped.
            self.head_until = None
            self.connection.settimeout(self.stalled_timeout)

    def crowded(self) -> bool:
        return isinstance(self.server, Server) and self.server.unserved > 0

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:
            # the visitor hung up between requests on a kept connection: nothing to tell
            self.close_connection = True

    def do_GET(self) -> None:
        self.dispatch("GET")

    def do_HEAD(self) -> None:
        self.dispatch("HEAD")

    def do_POST(self) -> None:
        self.dispatch("POST")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        if self.headers.get("Transfer-Encoding") or (
            method != "POST" and self.headers.get("Content-Length", "0") != "0"
        ):
            # A body this server does not read must not be read as the next request.
            self.close_connection = True
        try:
            body = self.read_body() if method == "POST" else b""
            content_type = self.headers.get("Content-Type", "")
            request = web.Request(
                method=method,
                path=strip_base(parts.path),
                query=dict(parse_qsl(parts.query, keep_blank_values=True)),
                form=web.parse_form(body, content_type),
                body=body,
                content_type=content_type,
            )
            response = self.find(request)
        except ValueError:
            # What is left of a refused request must not be read as the next one.
            self.close_connection = True
            response = layout.error_page(400)
        except Exception:
            traceback.print_exc()
            response = layout.error_page(500)
        try:
            self.send(response, include_body=method != "HEAD")
        except (BrokenPipeError, ConnectionResetError):
            # the visitor hung up (a cancelled page load, a phone losing signal): nothing to tell
            self.close_connection = True

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("request body too large")
        return self.rfile.read(length)

    def find(self, request: web.Request) -> web.Response:
        method = "GET" if request.method == "HEAD" else request.method
        path_matched = False
        for route in self.routes:
            match = route.pattern.fullmatch(request.path)
            if match is None:
                continue
            if route.method == method:
                return route.handler(request, *match.groups())
            path_matched = True
        return layout.error_page(405 if path_matched else 404)

    def send(self, response: web.Response, include_body: bool) -> None:
        body = (
            response.body
            if isinstance(response.body, bytes)
            else response.body.encode("utf-8", "replace")
        )
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.content_type.startswith("text/html"):
            self.send_header("Cache-Control", "no-store")
        for key, value in response.headers.items():
            # The connection's fate and the body's length are the server's to say: a route's
            # `Connection: keep-alive` would keep a connection with an unread body on it.
            if key.lower() not in CONNECTION_HEADERS:
                self.send_header(key, value)
        if self.close_connection:
            # Say so: a pool that is not told puts the connection back, and the next request
            # sent on it (another visitor's) fails as the connection closes.
            self.send_header("Connection", "close")
        self.end_headers()
        if include_body:
            view = memoryview(body)
            for start in range(0, len(body), SEND_PIECE):
                self.wfile.write(view[start : start + SEND_PIECE])


class Paced(io.RawIOBase):
    """A visitor's side of a connection, read against its handler's deadlines."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        handler = self.handler
        sock: socket.socket = handler.connection
        if handler.head_until is None:
            sock.settimeout(handler.stalled_timeout)
            return sock.recv_into(buffer)
        while True:
            left = handler.head_until - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request's head came too slowly")
            if not handler.first_byte:
                sock.settimeout(left)
                return sock.recv_into(buffer)
            # A kept connection gives its thread up to a visitor who waits for one.
            crowded = handler.kept and handler.crowded()
            idle = handler.idle_until - time.monotonic()
            sock.settimeout(0.0 if crowded else max(0.0, min(CROWD_CHECK_S, idle, left)))
            try:
                read = sock.recv_into(buffer)
            except (TimeoutError, BlockingIOError):
                if crowded or idle <= CROWD_CHECK_S:
                    return 0  # closed quietly, as when the visitor goes
                continue
            handler.first_byte = False
            return read


class Server(ThreadingHTTPServer):
    # Visitors who come at once wait in the queue (its default, 5, dropped the rest: each
    # then waited a second or more for its connection to be tried again).
    request_queue_size = 128
    # At most this many visitors are served at once, each by a thread kept for the next;
    # the others wait their turn, taken in as they come. A sandbox lets an app run 64
    # threads (it says APP_THREADS=24), and a thread a visitor turned away all those past it.
    handler_threads = 128

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.waiting: queue.SimpleQueue[tuple[socket.socket, object]] = queue.SimpleQueue()
        self.counting = threading.Lock()
        self.threads = 0  # started, never more than handler_threads
        self.idle = 0  # waiting for a visitor
        self.unserved = 0  # visitors waiting for a thread

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        with self.counting:
            more = False
            if self.idle:
                self.idle -= 1
            elif self.threads < self.handler_threads:
                self.threads += 1
                more = True
            else:
                self.unserved += 1
        if more and not self.started():
            with self.counting:
                # No thread to be had (the sandbox's limits): wait for one of those running.
                self.threads -= 1
                if self.idle:
                    self.idle -= 1
                elif self.threads:
                    self.unserved += 1
                else:
                    self.shutdown_request(request)
                    return
        self.waiting.put((request, client_address))

    def started(self) -> bool:
        try:
            threading.Thread(target=self.serve_waiting, daemon=True).start()
        except RuntimeError:  # can't start new thread
            return False
        return True

    def serve_waiting(self) -> None:
        while True:
            request, client_address = self.waiting.get()
            # Answers it, reports an error as the server would, and closes the connection.
            self.process_request_thread(request, client_address)
            with self.counting:
                if self.unserved:
                    self.unserved -= 1
                else:
                    self.idle += 1


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    Handler.routes = load_routes()
    Server.handler_threads = int(os.environ.get("APP_THREADS") or Server.handler_threads)
    threading.stack_size(STACK)
    server = Server((host, port), Handler)
    server.daemon_threads = True

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever() to return, so it must not run on this thread
        try:
            threading.Thread(target=server.shutdown, daemon=True).start()
        except RuntimeError:  # no thread to be had: leave serve_forever() from here
            raise SystemExit(0) from None

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"Serving on http://{host}:{server.server_port}{web.BASE_PATH}/", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
