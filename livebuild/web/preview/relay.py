"""A worker's internal relay: API processes elsewhere reach the apps this worker runs.

The API process's preview origin has already shaped the request (forwarding headers,
cookies, the body with its length); the relay only carries it to the local app and
its answer back. It listens on the worker's internal address, never a public one, and
answers only callers with the cluster key.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask

from livebuild.core.urls import CLUSTER_KEY_HEADER, RELAY_NO_APP_HEADER, worker_relay_path
from livebuild.web.deps import PreviewsDep
from livebuild.web.preview.cluster_only import cluster_caller

router = APIRouter(include_in_schema=False, dependencies=[Depends(cluster_caller)])

_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "host"}
)
# The key proves the caller to this relay; the app must never learn it.
_NOT_FORWARDED = _HOP_BY_HOP | {"content-length", CLUSTER_KEY_HEADER.lower()}


@router.api_route(worker_relay_path("{job_id}") + "/{path:path}", methods=_METHODS)
async def relay(request: Request, job_id: str, previews: PreviewsDep, path: str = "") -> Response:
    app = previews.address(job_id)
    if app is None:
        return Response(status_code=503, headers={RELAY_NO_APP_HEADER: "1"})
    previews.used(job_id)
    client: httpx.AsyncClient = request.app.state.proxy_client
    body = await request.body()
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _NOT_FORWARDED]
    url = httpx.URL(f"{app.url}/{path}", query=request.url.query.encode())
    upstream_request = client.build_request(request.method, url, headers=headers, content=body)
    try:
        upstream = await client.send(upstream_request, stream=True)
    except httpx.HTTPError:
        return Response(status_code=503, headers={RELAY_NO_APP_HEADER: "1"})
    response = StreamingResponse(
        _body(upstream),
        status_code=upstream.status_code,
        background=BackgroundTask(upstream.aclose),
    )
    # Raw, so repeated headers (an app's several Set-Cookie) all come through; an app can't
    # send the relay's own marker: only the relay says there is no app.
    response.raw_headers = [
        (k.lower().encode("latin-1"), v.encode("latin-1"))
        for k, v in upstream.headers.multi_items()
        if k.lower() not in _HOP_BY_HOP and k.lower() != RELAY_NO_APP_HEADER.lower()
    ]
    return response


async def _body(upstream: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in upstream.aiter_raw():
        yield chunk
