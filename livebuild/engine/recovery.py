"""Leases and recovery: a build belongs to the worker holding its lease, and ends once."""

from __future__ import annotations

import time

from livebuild.core.clock import seconds_between
from livebuild.core.events import BuildFailed
from livebuild.core.ids import new_debug_id
from livebuild.core.messages import FOUNDER_MESSAGES
from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.guide_beside import GuideBeside
from livebuild.engine.run_state import BuildRun, LeaseLost


class Recovery(GuideBeside):
    """Lease checks, letting a lost build go, and ending the builds of silent workers."""

    async def let_go(self, job_id: str) -> None:
        """Stop a build this worker no longer holds the lease on, writing nothing more.

        Another worker has already ended it (this one went quiet past the stall time):
        the founder has heard the build's last word, and it was not this worker's.
        """
        build = self.running.get(job_id)
        if build is None or build.done() or job_id in self._ending:
            return
        self._lost.add(job_id)
        await cancel_and_wait(build)

    async def _check_lease(self, run: BuildRun) -> None:
        """Renew the build's lease, or raise `LeaseLost`. Always asked, however recently
        it was renewed: this process's clock may not have seen the time the lease did (a
        machine suspended and resumed, say), and a build another worker swept meanwhile
        must not go on to write its files and start its app."""
        held = await self.repository.leases.renew(
            self.holder, [run.job_id], self.settings.worker_stall_s
        )
        if run.job_id not in held:
            raise LeaseLost(run.job_id)
        run.renewed = time.monotonic()

    async def _let_go(self, run: BuildRun) -> None:
        """End a lost build's work here: its guide writer, its picture taking, its app."""
        await self._stop_docs(run)
        if self.snapshots is not None:
            self.snapshots.forget(run.job_id)
        await self.previews.stop(run.job_id)

    async def fail_job(
        self,
        job_id: str,
        message: str,
        debug_id: str,
        elapsed_s: float | None = None,
        *,
        lease_expired: bool = False,
        delivery: int | None = None,
    ) -> bool:
        """End a running job as failed and announce it; False if it had already ended.

        With `lease_expired`, False too if its worker holds its lease again or it was
        queued to run again; with `delivery`, if it no longer is that run.
        """
        previous = await self.repository.fail(
            job_id, message, debug_id, lease_expired=lease_expired, delivery=delivery
        )
        if previous is None:
            return False
        if elapsed_s is None:
            job = await self.repository.get_job(job_id)
            elapsed_s = seconds_between(job.started_at, job.finished_at)
        await self.events.append(
            job_id, BuildFailed(message=message, debug_id=debug_id, elapsed_s=round(elapsed_s, 3))
        )
        self.notifier.build_ended(job_id)
        return True

    async def recover(self, *, expired_only: bool = True, run_again: bool = False) -> int:
        """End the builds whose worker is gone; queued ones stay queued.

        A build belongs to the worker holding its lease, so only builds whose lease ran
        out are ended. A process that owns its database alone (`expired_only=False`)
        knows every running build was its predecessor's. With `run_again` (a queue that
        delivers to other workers), a build's first run is queued once more instead.
        """
        ended = 0
        orphans = (
            await self.repository.leases.orphaned()
            if expired_only
            else await self.repository.leases.running()
        )
        for job in orphans:
            if run_again and await self.repository.leases.run_again(job.id):
                await self.repository.append_logs(
                    job.id, [f"worker stopped answering in stage {job.status}; running again"]
                )
                continue
            debug_id = new_debug_id()
            message = FOUNDER_MESSAGES["interrupted"]
            # Every worker sweeps: another may have queued this run again since this one
            # looked, and only the run seen orphaned here is ended.
            ended_it = await self.fail_job(
                job.id, message, debug_id, lease_expired=expired_only, delivery=job.delivery
            )
            if ended_it:
                await self.repository.append_logs(
                    job.id, [f"build interrupted in stage {job.status} (debug id {debug_id})"]
                )
                ended += 1
        return ended
