"""The PostgreSQL queue, on Procrastinate: any number of API and worker processes share it.

Procrastinate delivers each job at least once. What makes a build run once is the
pipeline's claim; what this module adds is the rest of running at scale:

- a job lock per project, so the database itself never runs two builds of one project;
- a queueing lock per build, so submitting a build again while it waits is a no-op;
- the stalled-job sweep Procrastinate leaves to its users: jobs still `doing` on a
  worker that stopped heartbeating (or whose worker row was pruned, which leaves the
  job's worker empty) are retried; the redelivery finds its build claimed or ended and
  does nothing, or runs it if it was never claimed;
- shutdown aborts running jobs, and the pipeline ends their builds as interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.stages import Stage
from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.keeper import LeaseKeeper
from livebuild.engine.pipeline import BuildPipeline
from livebuild.engine.queue.base import BuildQueue
from livebuild.store.db.engine import MIGRATION_LOCK, libpq_url
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

QUEUE_NAME = "builds"
TASK_NAME = "livebuild.engine"


async def ensure_schema(engine: AsyncEngine) -> bool:
    """Install Procrastinate's tables once; True if this process did it."""
    async with engine.begin() as conn:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        present = (await conn.execute(text("SELECT to_regclass('procrastinate_jobs')"))).scalar()
        if present is not None:
            return False
        raw = await conn.get_raw_connection()
        # The schema is a multi-statement script: only the driver's simple protocol runs it.
        await raw.driver_connection.execute(  # type: ignore[union-attr]
            SchemaManager.get_schema()
        )
        return True


class ProcrastinateQueue(BuildQueue):
    def __init__(
        self,
        pipeline: BuildPipeline,
        repository: Repository,
        engine: AsyncEngine,
        *,
        database_url: str,
        concurrency: int,
        run_worker: bool,
        stall_s: float,
    ) -> None:
        self._pipeline = pipeline
        self._repository = repository
        self._engine = engine
        self._concurrency = concurrency
        self._run_worker = run_worker
        self._stall_s = stall_s
        pool_size = concurrency + 3 if run_worker else 2
        self.app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(
                conninfo=libpq_url(database_url), min_size=1, max_size=pool_size
            )
        )
        self._task = self.app.task(name=TASK_NAME, queue=QUEUE_NAME)(self._build)
        self._keeper = LeaseKeeper(
            pipeline,
            stall_s,
            sweeps=(self._retry_stalled, self._resubmit_forgotten),
            run_again=True,
        )
        self._worker: asyncio.Task[None] | None = None

    async def _build(self, job_id: str) -> None:
        await self._pipeline.run(job_id)

    async def start(self) -> None:
        await ensure_schema(self._engine)
        await self.app.open_async()
        if not self._run_worker:
            return
        await self._repository.leases.register(self._pipeline.holder, "worker", self._concurrency)
        await self._pipeline.recover(expired_only=True, run_again=True)
        self._worker = asyncio.create_task(
            self.app.run_worker_async(
                queues=[QUEUE_NAME],
                concurrency=self._concurrency,
                name=self._pipeline.holder.worker_id,
                install_signal_handlers=False,
                update_heartbeat_interval=max(self._stall_s / 4, 0.5),
                stalled_worker_timeout=self._stall_s,
                # LISTEN/NOTIFY brings new jobs at once; polling is the fallback.
                fetch_job_polling_interval=1.0,
                abort_job_polling_interval=2.0,
                # Builds are long; a stopping worker ends them as interrupted at once
                # rather than holding its shutdown hostage.
                shutdown_graceful_timeout=0.0,
                delete_jobs="successful",
            ),
            name="livebuild-procrastinate-worker",
        )
        self._keeper.start()

    async def submit(self, job_id: str) -> None:
        job = await self._repository.get_job(job_id)
        # The lock is per project: one build of a project runs at a time at the database.
        # The queueing lock is per build: waiting twice in line is refused, not duplicated.
        deferrer = self._task.configure(lock=f"project:{job.project_id}", queueing_lock=job_id)
        with contextlib.suppress(AlreadyEnqueued):
            await deferrer.defer_async(job_id=job_id)

    async def _retry_stalled(self) -> None:
        manager = self.app.job_manager
        stalled = await manager.get_stalled_jobs(
            queue=QUEUE_NAME, seconds_since_heartbeat=self._stall_s
        )
        for job in stalled:
            log.warning("queue job %s stalled on a silent worker; delivering it again", job.id)
            await manager.retry_job(job)

    async def _resubmit_forgotten(self) -> None:
        """Builds stored as queued whose job never reached the queue (the API died between)."""
        horizon = utcnow() - timedelta(seconds=self._stall_s)
        for job in await self._repository.jobs_in(frozenset({Stage.QUEUED})):
            old = job.created_at is not None and as_utc(job.created_at) < horizon
            if old and not await self._in_queue(job.id):
                await self.submit(job.id)

    async def _in_queue(self, job_id: str) -> bool:
        """Whether the queue still holds a delivery of the build (waiting, or running on a
        worker that may have stalled: the stalled-job sweep delivers that one again)."""
        async with self._engine.connect() as conn:
            found = await conn.execute(
                text(
                    "SELECT 1 FROM procrastinate_jobs WHERE queue_name = :queue "
                    "AND args->>'job_id' = :job AND status IN ('todo', 'doing') LIMIT 1"
                ),
                {"queue": QUEUE_NAME, "job": job_id},
            )
            return found.first() is not None

    async def queue_depth(self) -> int:
        async with self._engine.connect() as conn:
            return int(
                (
                    await conn.execute(
                        text(
                            "SELECT count(*) FROM procrastinate_jobs "
                            "WHERE queue_name = :queue AND status = 'todo'"
                        ),
                        {"queue": QUEUE_NAME},
                    )
                ).scalar_one()
            )

    async def stop(self) -> None:
        await self._keeper.stop()
        if self._worker is not None:
            await cancel_and_wait(self._worker)
            self._worker = None
            await self._repository.leases.unregister(self._pipeline.holder)
        await self.app.close_async()
