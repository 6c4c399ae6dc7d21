"""Refusing requests for another host name and state changes a foreign page could send.

A page on another site can make a browser send a simple POST (a form, or `fetch` without
custom headers) with the founder's cookie, and a DNS-rebinding page can reach a loopback
server under its own name. Requests for an unknown Host are refused; state-changing API
calls must carry a JSON body (a CSV import: a `text/csv` body) or the `X-Livebuild` header,
which a foreign page can only send after a CORS preflight that livebuild never grants.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from livebuild.safety._answers import send_detail

CLIENT_HEADER = "X-Livebuild"
UNKNOWN_HOST = "This server doesn't answer to that address. Open livebuild at its own address."
CROSS_SITE = "That request came from another site, so it was refused."
NOT_JSON = "Please send the request body as JSON."
# A CSV import's body can't be JSON: sent as text/csv, which a foreign page can't send
# without a preflight either, it needs no header (the contract's import takes a text/csv body).
CSV_NEEDS_HEADER = (
    "Send a CSV import with the header Content-Type: text/csv (or the header"
    f" {CLIENT_HEADER}: 1), then send the file again; nothing was imported."
)
NO_CLIENT_HEADER = f"Please send this request with the {CLIENT_HEADER} header or a JSON body."

_STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(base_url: str, port: int, *, local: bool, extra: str) -> frozenset[str]:
    """Lower-case `host` or `host:port` names; a bare name allows any port."""
    names = {urlsplit(base_url).netloc.lower()}
    if local:
        names.update(f"{name}:{port}" for name in _LOOPBACK)
    names.update(part.strip().lower() for part in extra.split(",") if part.strip())
    return frozenset(names)


def _host_allowed(host: str, allowed: frozenset[str]) -> bool:
    if "*" in allowed or host in allowed:
        return True
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in allowed


def _headers(scope: Scope) -> dict[bytes, bytes]:
    pairs: Iterable[tuple[bytes, bytes]] = scope.get("headers", [])
    return {name: value for name, value in pairs}


class HostAndOriginCheck:
    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if not _host_allowed(host, self.hosts):
            await send_detail(send, 400, UNKNOWN_HOST)
            return
        refusal = self._cross_site_refusal(scope, headers)
        if refusal is not None:
            await send_detail(send, *refusal)
            return
        await self.app(scope, receive, send)

    def _cross_site_refusal(
        self, scope: Scope, headers: dict[bytes, bytes]
    ) -> tuple[int, str] | None:
        if scope["type"] != "http" or scope["method"] not in _STATE_CHANGING:
            return None
        if not scope["path"].startswith("/api/"):
            return None
        site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
        if site and site not in ("same-origin", "none"):
            return 403, CROSS_SITE
        origin = headers.get(b"origin", b"").decode("latin-1").strip().lower()
        # A sandboxed frame or a file page says "null": never livebuild's own page.
        if origin and (origin == "null" or not _host_allowed(urlsplit(origin).netloc, self.hosts)):
            return 403, CROSS_SITE
        if CLIENT_HEADER.lower().encode() in headers:
            return None
        media = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
        importing = scope["path"].endswith(".csv")
        if media == b"application/json" or (importing and media == b"text/csv"):
            return None
        has_body = b"transfer-encoding" in headers or headers.get(
            b"content-length", b"0"
        ).strip() not in (b"", b"0")
        if has_body:
            return 415, CSV_NEEDS_HEADER if importing else NOT_JSON
        # A body-less call is a forgery risk only when a browser makes it: browsers name
        # their origin or send a cookie. API clients following the contract (no body on
        # share, preview or a plain build) send neither and need no extra header.
        if origin or site or b"cookie" in headers:
            return 403, NO_CLIENT_HEADER
        return None
