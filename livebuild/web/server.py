"""Running the app under uvicorn, in the foreground or beside other work."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import resource
import socket
from collections.abc import Coroutine, Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI

# Objects allocated (net) between young collections in a serving process.
YOUNG_GENERATION = 50_000


class _Server(uvicorn.Server):
    """A uvicorn server beside a command's own work: it says when it has started, instead of
    being polled, and leaves Ctrl-C to the command, which stops it as it ends.

    uvicorn would take Ctrl-C over while it serves, stop, then hand the signal back to
    whatever handled it before. With two such servers a signal handed back can reach a
    handler that no longer acts, or one that ignores it (a command started with Ctrl-C
    ignored): the servers stopped, the command never ended."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


class BackgroundServer:
    def __init__(self, app: FastAPI, host: str, port: int, log_level: str = "warning") -> None:
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level=log_level,
            lifespan="on",
            timeout_graceful_shutdown=3,
        )
        self._server = _Server(config)
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> BackgroundServer:
        self._task = asyncio.create_task(self._server.serve())
        ready = asyncio.create_task(self._server.ready.wait())
        done, _ = await asyncio.wait({self._task, ready}, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            await self._task  # re-raises why it could not start
            raise RuntimeError("the server stopped before it started")
        return self

    async def __aexit__(self, *_: object) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task


class _PreviewServer(uvicorn.Server):
    """The preview port's server: Ctrl-C belongs to the main server, which stops this one."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def serve_with_previews(app: FastAPI, host: str, port: int, preview_port: int) -> None:
    """Serve livebuild on `port` and its previews, on an origin of their own, on `preview_port`."""
    main = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    previews = _PreviewServer(
        uvicorn.Config(app.state.preview_app, host=host, port=preview_port, log_level="warning")
    )
    preview_task = asyncio.create_task(previews.serve())
    try:
        await main.serve()
    finally:
        previews.should_exit = True
        await preview_task


def run_server(app: FastAPI, main: Coroutine[Any, Any, None]) -> None:
    """Run a serving coroutine the way `uvicorn.run` would: on uvloop where installed.

    Every open event stream holds a socket, and a stream server spends most of its time
    writing to them, which uvloop does several times faster than the default loop. The
    soft limit on open files is raised to the hard one for the same reason: the common
    default of 1,024 would refuse browsers long before the process is busy.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    # Everything built at start-up (modules, the app, its settings) lives as long as the
    # process: parked outside the collector, so full collections scan only what requests
    # and open streams keep, and thousands of open streams do not pause every stream.
    gc.collect()
    gc.freeze()
    # Each waiting stream holds a couple of small objects between events. With the default
    # young-generation size (700) every event promotes thousands of them towards the old
    # generation, and the full collections that follow pause every stream for hundreds of
    # milliseconds; a larger young generation lets them die young instead.
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
    loop_factory = uvicorn.Config(app).get_loop_factory()
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(main)
