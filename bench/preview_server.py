"""A livebuild server for the preview-latency benchmark, run as its own process.

It is the real app and its preview origin, plus two benchmark-only routes: the app's
direct address (the floor every proxy adds to), and the proxy previews had before they
moved to an origin of their own, rebuilt here as it was (`livebuild/web/views/preview.py`
before the preview origin replaced it) so both can be measured side by side. The old
proxy is never part of livebuild itself: its pages shared livebuild's cookies.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from starlette.background import BackgroundTask

from livebuild.engine.previews import Previews
from livebuild.settings import Settings
from livebuild.web.app import create_app
from livebuild.web.auth import JobDep
from livebuild.web.deps import PreviewsDep
from livebuild.web.server import serve_with_previews

# The previous proxy's own list: it dropped credentials and forwarded the rest.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "authorization",
        "cookie",
    }
)
_proxy_client = httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=5.0))


async def previous_proxy(
    request: Request, job: JobDep, previews: PreviewsDep, path: str = ""
) -> Response:
    """Same-origin `/bench/previous-preview/{job_id}/...`, as the removed route served it."""
    sandbox = previews.get(job.id)
    if sandbox is None or sandbox.port is None:
        return HTMLResponse("asleep", status_code=503)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP]
    url = httpx.URL(f"http://127.0.0.1:{sandbox.port}/{path}", query=request.url.query.encode())
    upstream_request = _proxy_client.build_request(
        request.method, url, headers=headers, content=request.stream()
    )
    try:
        upstream = await _proxy_client.send(upstream_request, stream=True)
    except httpx.HTTPError:
        return HTMLResponse("asleep", status_code=503)
    response_headers = {k: v for k, v in upstream.headers.items() if k.lower() not in _HOP_BY_HOP}
    return StreamingResponse(
        _body(upstream),
        status_code=upstream.status_code,
        headers=response_headers,
        background=BackgroundTask(upstream.aclose),
    )


async def _body(upstream: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in upstream.aiter_raw():
        yield chunk


def build_app(data_dir: Path, port: int, preview_port: int) -> FastAPI:
    settings = Settings(
        data_dir=data_dir,
        port=port,
        preview_port=preview_port,
        screenshots_enabled=False,
        docs_enabled=False,
    )
    app = create_app(settings)

    def direct(request: Request, job_id: str) -> dict[str, str]:
        previews: Previews = request.app.state.services.previews
        address = previews.address(job_id)
        if address is None:
            raise HTTPException(404)
        return {"url": address.url}

    # Ahead of the app's own routes, so `/preview/...`'s redirect is not in the way.
    app.router.routes[:0] = [
        APIRoute("/bench/direct/{job_id}", direct, methods=["GET"]),
        APIRoute("/bench/previous-preview/{job_id}/{path:path}", previous_proxy, methods=["GET"]),
    ]
    return app


if __name__ == "__main__":
    port, preview_port, data = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    asyncio.run(
        serve_with_previews(build_app(data, port, preview_port), "127.0.0.1", port, preview_port)
    )
