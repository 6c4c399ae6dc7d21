"""The in-process worker pool: builds run here, never inside a request handler."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class WorkerPool:
    def __init__(self, concurrency: int, run: Callable[[str], Awaitable[None]]) -> None:
        self._concurrency = concurrency
        self._run = run
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self._busy = 0

    def start(self) -> None:
        self._workers = [
            asyncio.create_task(self._work(), name=f"livebuild-worker-{n}")
            for n in range(self._concurrency)
        ]

    def submit(self, job_id: str) -> None:
        self._idle.clear()
        self._queue.put_nowait(job_id)

    async def _work(self) -> None:
        while True:
            job_id = await self._queue.get()
            self._busy += 1
            try:
                await self._run(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The pipeline turns failures into failed builds itself; this is a last resort
                # so that one broken job never takes a worker down with it.
                log.exception("build %s crashed its worker", job_id)
            finally:
                self._busy -= 1
                self._queue.task_done()
                if self._busy == 0 and self._queue.empty():
                    self._idle.set()

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def stop(self) -> None:
        for worker in self._workers:
            worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
