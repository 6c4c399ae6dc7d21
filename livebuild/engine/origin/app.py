"""The preview origin: a server that answers only previews of generated apps.

It runs on a host and port of its own, so an app's page never shares an origin
(or a cookie) with livebuild; the build's secret token in the address is the
only credential it needs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from livebuild.core.preview_address import PreviewAddress
from livebuild.core.urls import (
    CLUSTER_KEY_HEADER,
    RELAY_NO_APP_HEADER,
    RESERVED_COOKIES,
    worker_relay_path,
)
from livebuild.engine.origin.paths import bound_path
from livebuild.engine.origin.pointer import (
    POINTER_PATH,
    add_pointer,
    pointer_script,
    wants_pointer,
)
from livebuild.engine.origin.proxy import PublicSide, forward
from livebuild.engine.previews import AppAddress, Previews
from livebuild.safety.limits import BodySizeLimit
from livebuild.settings import Settings
from livebuild.store.repository import Repository

_REMEMBERED = 4096

_ASLEEP = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>Preview asleep</title>
<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;
color:#1f2937;background:#f8fafc"><main style="max-width:32rem;text-align:center">
<h1 style="font-weight:600">This preview is resting</h1>
<p>The app isn't running right now. Previews stay awake for a while after a build
finishes, then go to sleep to save resources.</p></main></body></html>"""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class PreviewOrigin:
    """The ASGI app of the preview origin; it owns the HTTP client that reaches the apps."""

    def __init__(
        self, settings: Settings, repository: Repository, previews: Previews, cluster_key: str
    ) -> None:
        self.address = PreviewAddress(settings.preview_template)
        self._repository = repository
        self._previews = previews
        self._livebuild_origin = _origin(settings.base_url)
        # Shared by every visitor, so connections are reused across them. A kept connection
        # is dropped after 2 s idle, well before the app's own idle close (5 s, generated
        # app.py), so a request is never sent on a connection the app is closing (httpx would
        # not retry it, and the visitor would see the resting page or lose a form post).
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(30.0, connect=5.0),
            limits=httpx.Limits(keepalive_expiry=2.0),
            follow_redirects=False,
        )
        # An app's own import page takes a whole spreadsheet; the app bounds it itself too.
        self._app = BodySizeLimit(
            self._handle,
            settings.max_body_bytes,
            wider=(re.compile(r".*/import|.*\.csv"), settings.max_import_bytes),
        )
        self._jobs: dict[str, str] = {}
        self._cluster_key = cluster_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._app(scope, receive, send)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        target = self.address.match(request.headers.get("host", ""), raw_path.decode("latin-1"))
        path = None if target is None else bound_path(target.path)
        if target is None or path is None:
            return PlainTextResponse("Not found.", status_code=404)
        job_id = await self._job_of(target.token)
        if job_id is None:
            return PlainTextResponse("Not found.", status_code=404)
        app = self._previews.address(job_id)
        if app is not None:
            self._previews.used(job_id)
        else:
            app = await self._elsewhere(job_id)
        if app is None:
            return HTMLResponse(_ASLEEP, status_code=503)
        base_path = self.address.base_path(target.token)
        if target.path == POINTER_PATH and request.method == "GET":
            script = pointer_script(self._livebuild_origin, base_path)
            return Response(
                script,
                media_type="text/javascript",
                headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
            )
        public = PublicSide(
            origin=self.address.origin(target.token),
            base_path=base_path,
            frame_ancestors=self._livebuild_origin,
            reserved_cookies=RESERVED_COOKIES,
        )
        try:
            response = await forward(request, self._client, app, path, public)
        except httpx.HTTPError:
            return HTMLResponse(_ASLEEP, status_code=503)
        if RELAY_NO_APP_HEADER in response.headers:
            # The worker that ran it has no app running any more (it slept, or restarted).
            if response.background is not None:
                await response.background()
            return HTMLResponse(_ASLEEP, status_code=503)
        if wants_pointer(request.method, request.headers.get("sec-fetch-dest")):
            return await add_pointer(response, base_path)
        return response

    async def _elsewhere(self, job_id: str) -> AppAddress | None:
        """The relay of the worker process that runs the app, when this process doesn't."""
        job = await self._repository.get_job(job_id)
        worker = self._previews.elsewhere(job.worker_address)
        if worker is None or job.status == "failed":
            return None
        return AppAddress(
            worker + worker_relay_path(job_id), headers=((CLUSTER_KEY_HEADER, self._cluster_key),)
        )

    async def _job_of(self, token: str) -> str | None:
        # A token never moves to another job, so a page's many requests need one lookup.
        job_id = self._jobs.get(token)
        if job_id is None:
            job = await self._repository.job_for_preview(token)
            if job is None:
                return None
            job_id = job.id
            if len(self._jobs) >= _REMEMBERED:
                self._jobs.pop(next(iter(self._jobs)))
            self._jobs[token] = job_id
        return job_id

    async def aclose(self) -> None:
        await self._client.aclose()
