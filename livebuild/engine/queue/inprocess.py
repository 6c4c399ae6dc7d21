"""The in-process queue: builds run on this process's event loop, never in a request handler."""

from __future__ import annotations

import asyncio
import logging

from livebuild.core.stages import Stage
from livebuild.engine.keeper import LeaseKeeper
from livebuild.engine.pipeline import BuildPipeline
from livebuild.engine.queue.base import BuildQueue
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)
# How long a stop waits for its cancelled builds to record how they ended.
STOP_WAIT_S = 10.0


class InProcessQueue(BuildQueue):
    def __init__(
        self,
        pipeline: BuildPipeline,
        repository: Repository,
        concurrency: int,
        *,
        owns_database: bool,
        stall_s: float,
    ) -> None:
        self._pipeline = pipeline
        self._repository = repository
        self._concurrency = concurrency
        self._owns_database = owns_database
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._keeper = LeaseKeeper(pipeline, stall_s)

    async def start(self) -> None:
        # A process that owns its database knows whatever was mid-stage was cut short by
        # its predecessor; one sharing it only ends builds whose lease ran out.
        # Queued builds are picked up again either way.
        await self._pipeline.recover(expired_only=not self._owns_database)
        self._workers = [
            asyncio.create_task(self._work(), name=f"livebuild-worker-{n}")
            for n in range(self._concurrency)
        ]
        self._keeper.start()
        for job in await self._repository.jobs_in(frozenset({Stage.QUEUED})):
            await self.submit(job.id)

    async def submit(self, job_id: str) -> None:
        self._queue.put_nowait(job_id)

    async def _work(self) -> None:
        worker = asyncio.current_task()
        while True:
            job_id = await self._queue.get()
            try:
                await self._pipeline.run(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The pipeline turns failures into failed builds itself; this is a last resort
                # so that one broken job never takes a worker down with it.
                log.exception("build %s crashed its worker", job_id)
            finally:
                self._queue.task_done()
            if worker is not None and worker.cancelling():
                # A stop cancels the build this worker awaits, and the build may still end
                # as if nothing happened: it was finishing just then, or a wait inside it
                # took the cancellation for its own (Python 3.11's `wait_for` does when what
                # it waits for is done in the same moment). The stop is this worker's too:
                # waiting for the next build instead would hold the service's stop forever.
                raise asyncio.CancelledError

    async def stop(self) -> None:
        await self._keeper.stop()
        for worker in self._workers:
            worker.cancel()
        if self._workers:
            # A cancelled build records how it ended; one that is stuck doing so must not
            # hold the whole service's stop. It is left as it is, and the next start ends
            # it as interrupted (`recover`).
            _, late = await asyncio.wait(self._workers, timeout=STOP_WAIT_S)
            if late:
                log.warning(
                    "%d build(s) did not stop within %g s; they will be ended as interrupted "
                    "when livebuild starts again",
                    len(late),
                    STOP_WAIT_S,
                )
        self._workers = []
