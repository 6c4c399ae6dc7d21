"""One finished build, served for as long as the test session runs, for checks that only read.

The app runs under a real uvicorn server on its own thread and event loop, so tests on any
event loop reach it over loopback HTTP like any other client.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from livebuild.settings import Settings
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer


@dataclass(frozen=True)
class FinishedBuild:
    """A build that has finished, and the settings of the server still serving it."""

    settings: Settings
    build: dict[str, Any]  # the answer to the request that started the build

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.settings.base_url,
            timeout=30,
            headers={"X-Livebuild": "1"},
            mounts={"all://*.localhost": LoopbackPreviews()},
        )


class LoopbackPreviews(httpx.AsyncBaseTransport):
    """Reaches `*.localhost` preview links on loopback, as browsers do; this machine's
    resolver may not know those names."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Host"] = request.url.netloc.decode()
        request.url = request.url.copy_with(host="127.0.0.1")
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


class _ServerThread:
    def __init__(self, app: FastAPI, port: int, preview_port: int) -> None:
        self._app = app
        self._port = port
        self._preview_port = preview_port
        self._started = threading.Event()
        self._failure: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        # The generated apps die with the thread that started them, so it lives as long
        # as the server does.
        self._thread = threading.Thread(target=self._run, name="shared-build", daemon=True)

    def __enter__(self) -> _ServerThread:
        self._thread.start()
        if not self._started.wait(120):
            raise RuntimeError("the shared build's server did not start")
        if self._failure is not None:
            raise self._failure
        return self

    def __exit__(self, *_: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:
            self._failure = error
        finally:
            self._started.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with (
            BackgroundServer(self._app, "127.0.0.1", self._port),
            BackgroundServer(self._app.state.preview_app, "127.0.0.1", self._preview_port),
        ):
            self._started.set()
            await self._stop.wait()


def _build(http: httpx.Client, idea: str, name: str | None = None) -> dict[str, Any]:
    body = {"idea": idea} | ({"name": name} if name else {})
    project = http.post("/api/projects", json=body)
    assert project.status_code == 201, project.text
    build = http.post(f"/api/projects/{project.json()['id']}/builds")
    assert build.status_code == 202, build.text
    return dict(build.json())


def _wait_ready(http: httpx.Client, job_id: str) -> None:
    last: dict[str, Any] = {}
    with http.stream("GET", f"/api/jobs/{job_id}/events/stream", timeout=120) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                last = json.loads(line[6:])
    assert last.get("type") == "build.completed", last
    status = http.get(f"/api/jobs/{job_id}").json()
    assert status["status"] == "ready", status


@contextmanager
def finished_build(
    settings: Settings, idea: str, name: str | None = None
) -> Iterator[FinishedBuild]:
    """Serve the app, build `idea` to the end, and hand the build out."""
    with (
        _ServerThread(create_app(settings), settings.port, settings.preview_port),
        httpx.Client(base_url=settings.base_url, timeout=30, headers={"X-Livebuild": "1"}) as http,
    ):
        build = _build(http, idea, name)
        _wait_ready(http, build["job_id"])
        yield FinishedBuild(settings, build)
