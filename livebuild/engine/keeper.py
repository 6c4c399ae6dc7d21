"""Keeping a worker's leases fresh and ending the builds of workers that went silent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.pipeline import BuildPipeline
from livebuild.store.db.patience import patient_for

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Renews this process's leases and recovers expired ones, every third of the stall time.

    Every worker sweeps, so recovery needs no leader: ending a build is a guarded update
    that exactly one sweeper wins, and the winner alone announces the failure. Renewing
    runs on a loop of its own: a slow sweep (the queue's, another worker's orphans) never
    holds up this worker's own leases, which would then lapse while it is alive.
    """

    def __init__(
        self,
        pipeline: BuildPipeline,
        stall_s: float,
        sweeps: Sequence[Callable[[], Awaitable[object]]] = (),
        *,
        run_again: bool = False,
    ) -> None:
        self._pipeline = pipeline
        self._stall_s = stall_s
        # Queue-specific clean-ups that run with every sweep (stalled queue jobs, say).
        self._sweeps = tuple(sweeps)
        self._tasks: list[asyncio.Task[None]] = []
        # Whether an orphaned build's first run is queued again (another worker takes it).
        self._run_again = run_again

    @property
    def interval_s(self) -> float:
        return max(self._stall_s / 3, 0.1)

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._loop(self.renew, "lease renewal"), name="livebuild-leases"),
            asyncio.create_task(self._loop(self.sweep, "recovery sweep"), name="livebuild-sweep"),
        ]

    async def tick(self) -> int:
        """One renewal and one sweep; returns how many orphaned builds it ended."""
        await self.renew()
        return await self.sweep()

    async def renew(self) -> None:
        pipeline = self._pipeline
        await pipeline.repository.leases.seen(pipeline.holder)
        running = list(pipeline.running)
        held = await pipeline.repository.leases.renew(pipeline.holder, running, self._stall_s)
        for lost in set(running) - held:
            # Another worker ended it after this one went quiet: the founder has heard the
            # build's last word, so this worker stops it and writes nothing more for it.
            log.warning("lost the lease on build %s; stopping it", lost)
            await pipeline.let_go(lost)

    async def sweep(self) -> int:
        for sweep in self._sweeps:
            await sweep()
        return await self._pipeline.recover(expired_only=True, run_again=self._run_again)

    async def _loop(self, step: Callable[[], Awaitable[object]], what: str) -> None:
        # A renewal waits out a short outage; the lease outlives the wait.
        patient_for(self._stall_s / 2)
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await step()
            except asyncio.CancelledError:
                raise
            except Exception:
                # The database may be briefly unreachable; the next round tries again,
                # and a lease outlives several missed renewals.
                log.exception("%s failed", what)

    async def stop(self) -> None:
        for task in self._tasks:
            await cancel_and_wait(task)
        self._tasks = []
