"""A restart ends the old app's connections: a browser holding one open for its next request
(HTTP/1.1 keep-alive) sees it close, and never sends that request into the new app's hands.

The supervisor relays every connection and forks each new app from itself: a relayed
connection still open at a restart must not be inherited by the new app, where nothing reads
it and nothing ever closes it (a picture waited its whole 10 s on one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from livebuild.engine.sandbox.base import Sandbox
from tests.integration.test_containment import (  # noqa: F401 - fixtures
    Lines,
    make_box,
    needs_bwrap,
    provider,
    settings,
)

pytestmark = needs_bwrap

# An app that keeps each connection for the next request, as the generated app does.
_KEEPING = """
import http.server, os
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"VERSION"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
server.daemon_threads = True
server.serve_forever()
"""


async def _ask(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
    """One request on a kept connection; its answer's body, read by its length."""
    writer.write(b"GET / HTTP/1.1\r\nHost: app\r\n\r\n")
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return await reader.readexactly(length)


async def test_a_restart_closes_the_connections_kept_to_the_old_app(
    make_box: Callable[[str, str], tuple[Sandbox, Lines]],  # noqa: F811
) -> None:
    box, _ = make_box("keeping", _KEEPING.replace("VERSION", "one"))
    await box.start()
    # Through the host's loopback port, the browser's way in.
    reader, writer = await asyncio.open_connection("127.0.0.1", box.port)
    try:
        assert await _ask(reader, writer) == b"one"
        assert await _ask(reader, writer) == b"one"  # the same connection, kept
        (box.workspace / "app.py").write_text(_KEEPING.replace("VERSION", "two"))
        await box.start()
        # The old app is gone, so is its connection: promptly, not after a timeout.
        assert await asyncio.wait_for(reader.read(), 5) == b""
    finally:
        writer.close()
    reader, writer = await asyncio.open_connection("127.0.0.1", box.port)
    try:
        assert await _ask(reader, writer) == b"two"
    finally:
        writer.close()
