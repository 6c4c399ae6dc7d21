"""Forwarding one request to a running app and its answer back, as the app would see it direct.

The body is read whole (it is bounded by the body-size limit) and sent with its
length: the generated apps read `Content-Length` and nothing else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from livebuild.engine.previews import AppAddress

_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)
# Set by the proxy itself: what a client claims about where it came from is not believed.
_FORWARDING = frozenset(
    {
        "forwarded",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-forwarded-prefix",
        "x-forwarded-port",
        "x-real-ip",
    }
)
_NOT_FORWARDED = _HOP_BY_HOP | _FORWARDING | {"host", "content-length"}
_NOT_RETURNED = _HOP_BY_HOP | {"set-cookie", "location", "referrer-policy", "x-robots-tag"}


@dataclass(frozen=True)
class PublicSide:
    """How the founder's browser sees the preview."""

    origin: str  # scheme://host[:port]
    base_path: str  # "" or "/prefix"
    frame_ancestors: str  # the only origin allowed to show the preview in a frame
    reserved_cookies: frozenset[str]  # livebuild's own cookie names


def _cookie_name(header: str) -> str:
    return header.split("=", 1)[0].strip()


def _reserved(name: str, reserved: frozenset[str]) -> bool:
    bare = name.lower().removeprefix("__host-").removeprefix("__secure-")
    return bare in {r.lower() for r in reserved}


def _request_cookies(value: str, reserved: frozenset[str]) -> str:
    kept = [
        part.strip()
        for part in value.split(";")
        if part.strip() and not _reserved(_cookie_name(part), reserved)
    ]
    return "; ".join(kept)


def rewrite_set_cookie(header: str, public: PublicSide) -> str | None:
    """The app's cookie, held by the preview alone; None for a cookie named like livebuild's."""
    name = _cookie_name(header)
    if not name or _reserved(name, public.reserved_cookies):
        return None
    first, *attributes = header.split(";")
    kept = [first.strip()]
    path = "/"
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        lowered = key.strip().lower()
        if lowered == "domain":
            # Host-only: a cookie for a parent domain would reach livebuild or other previews.
            continue
        if lowered == "path":
            path = value.strip() or "/"
            continue
        if attribute.strip():
            kept.append(attribute.strip())
    if public.base_path and not (path + "/").startswith(public.base_path + "/"):
        path = public.base_path + ("" if path == "/" else path)
    kept.insert(1, f"Path={path}")
    return "; ".join(kept)


def rewrite_location(location: str, app: AppAddress, public: PublicSide) -> str:
    """Keep redirects on the preview: the app's own address becomes the public one."""
    parts = urlsplit(location)
    inner = urlsplit(app.url)
    if parts.netloc and parts.netloc != inner.netloc:
        return location
    path = parts.path
    outside = not (path + "/").startswith(public.base_path + "/")
    if path.startswith("/") and public.base_path and outside:
        path = public.base_path + path
    if not parts.netloc:
        return urlunsplit(("", "", path, parts.query, parts.fragment))
    scheme, _, host = public.origin.partition("://")
    return urlunsplit((scheme, host, path or "/", parts.query, parts.fragment))


def _upstream_headers(
    request: Request, app: AppAddress, public: PublicSide
) -> list[tuple[str, str]]:
    headers = []
    own = {name.lower() for name, _ in app.headers}
    for name, value in request.headers.items():
        lowered = name.lower()
        if lowered in _NOT_FORWARDED or lowered in own:
            continue
        if lowered == "cookie":
            value = _request_cookies(value, public.reserved_cookies)
            if not value:
                continue
        headers.append((name, value))
    client = request.client.host if request.client else "unknown"
    scheme, _, host = public.origin.partition("://")
    headers += [
        ("X-Forwarded-For", client),
        ("X-Forwarded-Proto", scheme),
        ("X-Forwarded-Host", host),
        ("X-Forwarded-Prefix", public.base_path or "/"),
        *app.headers,
    ]
    return headers


async def forward(
    request: Request,
    client: httpx.AsyncClient,
    app: AppAddress,
    path: str,
    public: PublicSide,
) -> Response:
    """Send the request on to the app at `path` (its own path, below the preview root).

    Raises httpx.HTTPError when the app can't be reached.
    """
    query = request.url.query
    target = app.url + public.base_path + path + (f"?{query}" if query else "")
    body = await request.body()
    upstream = await client.send(
        client.build_request(
            request.method,
            target,
            headers=_upstream_headers(request, app, public),
            content=body if body or request.method not in ("GET", "HEAD") else None,
        ),
        stream=True,
    )
    # The app's header bytes as it sent them (UTF-8 ones too), not decoded and re-encoded.
    headers: list[tuple[bytes, bytes]] = []
    for name, value in upstream.headers.raw:
        lowered = name.lower()
        if lowered.decode("latin-1") in _NOT_RETURNED:
            continue
        headers.append((lowered, value))
    encoding = upstream.headers.encoding
    if "location" in upstream.headers:
        location = rewrite_location(upstream.headers["location"], app, public)
        headers.append((b"location", location.encode(encoding)))
    for cookie in upstream.headers.get_list("set-cookie"):
        rewritten = rewrite_set_cookie(cookie, public)
        if rewritten is not None:
            headers.append((b"set-cookie", rewritten.encode(encoding)))
    headers += [
        (b"content-security-policy", f"frame-ancestors {public.frame_ancestors}".encode()),
        # The preview's address is its credential: it must not leave in a Referer or an index.
        (b"referrer-policy", b"same-origin"),
        (b"x-robots-tag", b"noindex, nofollow"),
    ]
    if request.method == "HEAD":
        await upstream.aclose()
        response = Response(status_code=upstream.status_code)
    else:
        response = StreamingResponse(
            _body(upstream),
            status_code=upstream.status_code,
            background=BackgroundTask(upstream.aclose),
        )
    # The headers are set raw so that repeated ones (Set-Cookie) survive and the
    # app's Content-Length, HEAD answers included, is passed on unchanged.
    response.raw_headers = headers
    return response


async def _body(upstream: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in upstream.aiter_raw():
        yield chunk
