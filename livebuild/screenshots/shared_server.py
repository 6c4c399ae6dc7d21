"""The machine's screenshot service: one Chromium every livebuild process here shares.

It listens on loopback, answers only callers holding its token, loads only pages on this
machine (a build's app), takes a bounded number of pictures at once with a founder's
picture first, and exits when the last process using it has gone or it sat idle too long.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from livebuild.core.heap import give_back
from livebuild.core.machine_service import alive
from livebuild.core.net import is_loopback
from livebuild.screenshots.browser import BrowserUnavailable, CaptureError, ScreenshotBrowser

# Not `shared` (the client side): this process needs neither the settings nor an HTTP client.
from livebuild.screenshots.gate import BACKGROUND, FOUNDER, MAX_HOLD_S, GateFull, PriorityGate

MAX_BODY = 4096
# A service nobody joined (its starter died while it loaded) does not wait forever.
UNUSED_S = 60.0
MAX_USERS = 256


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse({"error": message, "kind": kind}, status)


def page_allowed(url: str) -> bool:
    """Only a page served on this machine: the service never fetches the wider web."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return False
    return is_loopback(host) or host.endswith(".localhost")


class ScreenshotServer:
    def __init__(self, pool: ScreenshotBrowser, gate: PriorityGate, token: str) -> None:
        self.pool = pool
        self.gate = gate
        self.token = token
        self.users: dict[str, int] = {}  # each joined client, by its name, and its process
        self.had_users = False
        self.started = self.last_used = time.monotonic()
        self.app = Starlette(
            routes=[
                Route("/health", self.health),
                Route("/capture", self.capture, methods=["POST"]),
                Route("/users", self.user, methods=["POST"]),
                Route("/hold", self.hold, methods=["POST"]),
            ]
        )

    def _allowed(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    async def _body(self, request: Request) -> dict[str, Any] | None:
        raw = b""
        async for piece in request.stream():
            raw += piece
            if len(raw) > MAX_BODY:
                return None
        with contextlib.suppress(ValueError):
            body = json.loads(raw)
            return body if isinstance(body, dict) else None
        return None

    async def health(self, request: Request) -> Response:
        if not self._allowed(request):
            return _error(401, "this screenshot service needs its token", "unauthorized")
        return JSONResponse(
            {
                "capturing": self.gate.running,
                "waiting": self.gate.waiting,
                "users": len(self.users),
                "held": self.gate.held,
            }
        )

    async def hold(self, request: Request) -> Response:
        """A founder's model reading starts (`seconds`, its bound) or ends (`release`)."""
        if not self._allowed(request):
            return _error(401, "this screenshot service needs its token", "unauthorized")
        body = await self._body(request) or {}
        seconds, name = body.get("seconds"), body.get("release")
        if isinstance(name, str) and len(name) <= 64:
            self.gate.release(name)
            return JSONResponse({"held": self.gate.held})
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            return _error(
                400, "a hold is a number of seconds, or one to release", "invalid_request"
            )
        if not 0 < seconds <= MAX_HOLD_S:
            return _error(400, f"a hold lasts at most {MAX_HOLD_S:g} seconds", "invalid_request")
        held = self.gate.hold(float(seconds))
        if held is None:
            return _error(503, "too many holds on this screenshot service", "busy")
        return JSONResponse({"hold": held})

    async def user(self, request: Request) -> Response:
        """A process joins (or leaves): the service lives while any of them does."""
        if not self._allowed(request):
            return _error(401, "this screenshot service needs its token", "unauthorized")
        body = await self._body(request)
        pid = body.get("pid") if body else None
        name = body.get("name") if body else None
        if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
            return _error(400, "a user is a process id and a name", "invalid_request")
        if not isinstance(name, str) or not 0 < len(name) <= 64:
            return _error(400, "a user is a process id and a name", "invalid_request")
        if body and body.get("leave") is True:
            self.users.pop(name, None)
        elif len(self.users) < MAX_USERS:
            self.users[name] = pid
            self.had_users = True
        else:
            return _error(503, "too many processes use this screenshot service", "busy")
        self.last_used = time.monotonic()
        return JSONResponse({"users": len(self.users)})

    async def capture(self, request: Request) -> Response:
        if not self._allowed(request):
            return _error(401, "this screenshot service needs its token", "unauthorized")
        body = await self._body(request)
        url = body.get("url") if body else None
        if not isinstance(url, str) or len(url) > 2048 or not page_allowed(url):
            return _error(400, "a capture names a page on this machine", "invalid_request")
        priority = FOUNDER if body and body.get("priority") == "founder" else BACKGROUND
        self.last_used = time.monotonic()
        try:
            async with self.gate.turn(priority):
                shot = await self.pool.capture(url)
        except GateFull as error:
            return _error(503, str(error), "busy")
        except BrowserUnavailable as error:
            return _error(503, str(error), "unavailable")
        except CaptureError as error:
            return _error(502, str(error), "capture")
        finally:
            self.last_used = time.monotonic()
            if not (self.gate.running or self.gate.waiting):
                give_back()  # a batch of pictures is done: its encoding buffers go back
        headers = {"x-capture-status": str(shot.status), "x-capture-s": f"{shot.duration_s:.4f}"}
        return Response(shot.png, media_type="image/png", headers=headers)

    def finished(self, idle_s: float) -> bool:
        """Whether nobody needs the service any more: its users gone, or idle too long."""
        self.users = {name: pid for name, pid in self.users.items() if alive(pid)}
        if self.gate.running or self.gate.waiting:
            return False
        idle = time.monotonic() - self.last_used
        if self.users:
            return idle >= idle_s
        return self.had_users or time.monotonic() - self.started >= UNUSED_S


async def watch(server: ScreenshotServer, idle_s: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        if server.finished(idle_s):
            stop.set()
