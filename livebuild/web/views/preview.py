"""The generated app, reached through livebuild's own port."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from livebuild.core.urls import preview_path
from livebuild.web.auth import JobDep
from livebuild.web.deps import PreviewsDep

router = APIRouter(tags=["preview"], include_in_schema=False)

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
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

_ASLEEP = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>Preview asleep</title>
<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;
color:#1f2937;background:#f8fafc"><main style="max-width:32rem;text-align:center">
<h1 style="font-weight:600">This preview is resting</h1>
<p>The app isn't running right now. Previews stay awake for a while after a build
finishes, then go to sleep to save resources.</p></main></body></html>"""


@router.api_route("/preview/{job_id}", methods=_METHODS)
@router.api_route("/preview/{job_id}/{path:path}", methods=_METHODS)
async def preview(request: Request, job: JobDep, previews: PreviewsDep, path: str = "") -> Response:
    sandbox = previews.get(job.id)
    if sandbox is not None and sandbox.port is not None:
        upstream_url = f"http://127.0.0.1:{sandbox.port}/{path}"
    elif (worker := previews.elsewhere(job.worker_address)) is not None:
        # Another worker process runs this app: it serves the same path on its internal port.
        upstream_url = f"{worker}{preview_path(job.id)}/{path}"
    else:
        return HTMLResponse(_ASLEEP, status_code=503)
    client: httpx.AsyncClient = request.app.state.proxy_client
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP]
    url = httpx.URL(upstream_url, query=request.url.query.encode())
    upstream_request = client.build_request(
        request.method, url, headers=headers, content=request.stream()
    )
    transport = sandbox.transport() if sandbox is not None else None
    try:
        if transport is None:
            upstream = await client.send(upstream_request, stream=True)
        else:
            # The app is reached some other way than loopback TCP (a Unix socket, say).
            upstream = await transport.handle_async_request(upstream_request)
    except httpx.HTTPError:
        return HTMLResponse(_ASLEEP, status_code=503)
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
