"""The PostgreSQL queue, on Procrastinate: any number of API and worker processes share it.

Procrastinate delivers each job at least once. What makes a build run once is the
pipeline's claim; what this module adds is the rest of running at scale:

- a job lock per project, so the database itself never runs two builds of one project;
- a queueing lock per build, so submitting a build again while it waits is a no-op;
- the stalled-job sweep Procrastinate leaves to its users: jobs still `doing` on a
  worker that stopped heartbeating (or whose worker row was pruned, which leaves the
  job's worker empty) are retried; the redelivery finds its build claimed or ended and
  does nothing, or runs it if it was never claimed;
- a queue worker that stops on its own is started again, and its builds go on meanwhile.
  Procrastinate's worker ends its loop when a job fetch fails (a database outage that
  cuts the connection under it), and then aborts the jobs it runs: each was a build,
  which ended as interrupted, and the process, still up and healthy to its probes,
  fetched nothing more. Here the builds are this process's own tasks (kept by their
  leases, not by the queue job), and the queue worker is started again after a pause;
- Procrastinate's LISTEN connection gives up at the first refused reconnect, silently
  (its worker watches its side tasks only until the first one ends, and the periodic
  deferrer, with no periodic task, ends at once): here it waits out the outage;
- shutdown ends running builds, as interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import procrastinate
import psycopg
from procrastinate.connector import Notify
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.stages import Stage
from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.keeper import LeaseKeeper
from livebuild.engine.pipeline import BuildPipeline
from livebuild.engine.queue.base import BuildQueue
from livebuild.store.db.engine import MIGRATION_LOCK, libpq_url, unbounded_transaction
from livebuild.store.repository import Repository

log = logging.getLogger(__name__)

QUEUE_NAME = "builds"
TASK_NAME = "livebuild.engine"
# How long a queue worker that stopped on its own waits before starting again, at first
# and at most; a worker that ran this long before stopping starts from the first again.
_RESTART_S = (0.5, 5.0)
_RESTART_RESET_S = 60.0


class _PatientConnector(procrastinate.PsycopgConnector):
    """Procrastinate's connector, with a LISTEN connection that waits out an outage.

    Procrastinate's listener reconnects only while the database answers; the first
    refused connection ends it for good, and new builds then wait for the next poll.
    """

    async def listen_notify(self, on_notification: Notify, channels: Iterable[str]) -> None:
        pause = _RESTART_S[0]
        while True:
            try:
                await super().listen_notify(on_notification=on_notification, channels=channels)
            except ConnectorException as error:
                log.warning("the queue listener lost the database (%r); retrying", error)
            await asyncio.sleep(pause)
            pause = min(pause * 2, _RESTART_S[1])


def queue_connector(database_url: str, pool_size: int) -> procrastinate.PsycopgConnector:
    """The queue's connections, each statement committed by the server as it ends.

    Procrastinate makes each call (a claim, a heartbeat, a finish) one statement on a
    pooled connection, and psycopg would leave it in a transaction that the client commits
    afterwards. A worker frozen between the two (paused, swapped out, its machine stalled)
    then holds a claimed build uncommitted: other workers still see it waiting, their
    claims skip its locked row, the stalled-job sweep never sees it running, and nothing
    moves until the frozen worker does. In autocommit, the claim is made and seen at once,
    and a worker that goes silent after it is swept like any other.
    """
    # Set on each new connection, not as a connection argument: Procrastinate opens its
    # LISTEN connection with the pool's arguments and `autocommit=True` of its own.
    return _PatientConnector(
        conninfo=libpq_url(database_url),
        min_size=1,
        max_size=pool_size,
        configure=_autocommit,
    )


async def _autocommit(connection: psycopg.AsyncConnection[Any]) -> None:
    await connection.set_autocommit(True)


async def ensure_schema(engine: AsyncEngine) -> bool:
    """Install Procrastinate's tables once; True if this process did it."""
    async with engine.begin() as conn:
        await unbounded_transaction(conn)
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
        self.app = procrastinate.App(connector=queue_connector(database_url, pool_size))
        self._task = self.app.task(name=TASK_NAME, queue=QUEUE_NAME)(self._build)
        self._keeper = LeaseKeeper(
            pipeline,
            stall_s,
            sweeps=(self._retry_stalled, self._resubmit_forgotten),
            run_again=True,
        )
        self._worker: asyncio.Task[None] | None = None
        self._builds: set[asyncio.Task[None]] = set()

    async def _build(self, job_id: str) -> None:
        # The build is this process's task, not the queue job's: when Procrastinate aborts
        # its jobs because one of its connections failed, the build goes on (its lease
        # says whose it is), and `stop` alone ends it.
        build = asyncio.create_task(self._pipeline.run(job_id), name=f"delivery-{job_id}")
        self._builds.add(build)
        build.add_done_callback(self._builds.discard)
        await asyncio.shield(build)

    async def start(self) -> None:
        await ensure_schema(self._engine)
        await self.app.open_async()
        if not self._run_worker:
            return
        await self._repository.leases.register(self._pipeline.holder, "worker", self._concurrency)
        await self._pipeline.recover(expired_only=True, run_again=True)
        self._worker = asyncio.create_task(
            self._keep_working(), name="livebuild-procrastinate-worker"
        )
        self._keeper.start()

    def _worker_options(self) -> dict[str, Any]:
        return {
            "queues": [QUEUE_NAME],
            "concurrency": self._concurrency,
            "name": self._pipeline.holder.worker_id,
            "install_signal_handlers": False,
            "update_heartbeat_interval": max(self._stall_s / 4, 0.5),
            "stalled_worker_timeout": self._stall_s,
            # LISTEN/NOTIFY brings new jobs at once; polling is the fallback.
            "fetch_job_polling_interval": 1.0,
            "abort_job_polling_interval": 2.0,
            # Builds are long and outlive the queue job: a stopping queue worker doesn't
            # wait for them (`stop` ends them itself).
            "shutdown_graceful_timeout": 0.0,
            "delete_jobs": "successful",
        }

    async def _keep_working(self) -> None:
        """Run Procrastinate's worker, and start it again whenever it stops on its own."""
        pause = _RESTART_S[0]
        while True:
            began = time.monotonic()
            try:
                await self.app.run_worker_async(**self._worker_options())
                log.warning("the queue worker stopped; starting it again")
            except Exception as error:
                log.warning("the queue worker stopped (%r); starting it again", error)
            if time.monotonic() - began > _RESTART_RESET_S:
                pause = _RESTART_S[0]
            await asyncio.sleep(pause)
            pause = min(pause * 2, _RESTART_S[1])

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

    async def stop(self) -> None:
        await self._keeper.stop()
        if self._worker is not None:
            await cancel_and_wait(self._worker)
            self._worker = None
            # The queue worker no longer holds them: this process's builds end here, as
            # interrupted.
            for build in list(self._builds):
                await cancel_and_wait(build)
            await self._repository.leases.unregister(self._pipeline.holder)
        await self.app.close_async()
