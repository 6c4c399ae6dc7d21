"""A build claimed from the PostgreSQL queue is claimed for everyone at once.

A worker that freezes (paused, swapped out, its machine stalled) right after claiming a
build must not hold the claim in a transaction only it can end: other workers would still
see the build waiting but skip its locked row, and the stalled-job sweep would never see it
running, so the build would wait for as long as the frozen worker sleeps. The same holds
for livebuild's own transactions (a build's stage and event writes): the server ends one
left idle, and its locks go with it.
"""

from __future__ import annotations

import asyncio

import procrastinate
import psycopg
import pytest
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from livebuild.core.clock import utcnow
from livebuild.core.stages import Stage
from livebuild.engine.queue.procrastinate import (
    QUEUE_NAME,
    TASK_NAME,
    ensure_schema,
    queue_connector,
)
from livebuild.store.db.engine import create_engine, libpq_url, migrate
from livebuild.store.db.models import Job
from livebuild.store.leases import Holder, new_worker_id
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.conftest import create_database


async def test_a_build_claimed_by_a_worker_that_then_freezes_is_seen_claimed_by_the_others(
    postgres_base: str,
) -> None:
    url = await create_database(postgres_base)
    engine = create_async_engine(url)
    try:
        await ensure_schema(engine)
    finally:
        await engine.dispose()
    connector = queue_connector(url, 2)
    app = procrastinate.App(connector=connector)
    async with app.open_async():
        task = app.configure_task(TASK_NAME, queue=QUEUE_NAME, lock="project:p")
        job_id = await task.defer_async(job_id="b")
        worker = await app.job_manager.register_worker()
        # The claim as the queue's worker makes it: one call on a pooled connection; the
        # worker freezes before it does anything more with that connection.
        async with connector.pool.connection() as frozen:
            claimed = await frozen.execute(
                "SELECT id FROM procrastinate_fetch_job_v2(%s, %s)", ([QUEUE_NAME], worker)
            )
            assert (await claimed.fetchone()) == (job_id,)
            with psycopg.connect(libpq_url(url), autocommit=True) as other:
                # Another worker sees it running (the sweep can deliver it again once the
                # frozen worker's heartbeat is old), and its row is not held.
                row = other.execute(
                    "SELECT status, worker_id FROM procrastinate_jobs WHERE id = %s "
                    "FOR UPDATE NOWAIT",
                    (job_id,),
                ).fetchone()
                assert row == ("doing", worker)


async def test_a_worker_frozen_inside_its_own_transaction_lets_its_build_be_swept(
    postgres_base: str,
) -> None:
    # The frozen worker's engine, as livebuild makes it, with a short idle limit; the
    # sweeping worker's engine has none, so only the frozen side's setting can end it.
    url = await create_database(postgres_base)
    frozen_engine = create_engine(url, idle_transaction_s=0.5)
    sweeping_engine = create_engine(url, idle_transaction_s=0)
    try:
        await migrate(frozen_engine)
        worker = Repository(frozen_engine)
        await worker.ensure_local_user()
        project = await worker.create_project(LOCAL_USER_ID, "P", "idea", {})
        job = await worker.create_job(project.id, LOCAL_USER_ID, None)
        holder = Holder(worker_id=new_worker_id())
        # A lease that has already run out: the worker is silent, as a frozen one is.
        assert await worker.leases.claim(job.id, holder, lease_s=0)
        # The worker writes its build's stage in a transaction, then freezes before commit.
        frozen = worker.sessions()
        await frozen.begin()
        await frozen.execute(update(Job).where(Job.id == job.id).values(stage_started_at=utcnow()))
        # Another worker's sweep ends the build as stalled instead of waiting on its row for
        # as long as the frozen worker sleeps.
        sweeper = Repository(sweeping_engine)
        swept = await asyncio.wait_for(
            sweeper.fail(job.id, "interrupted", "abc", lease_expired=True), timeout=60
        )
        assert swept is Stage.STARTING
        assert (await sweeper.get_job(job.id)).status == Stage.FAILED.value
        # Thawed, the worker finds its transaction ended, not its write made.
        with pytest.raises(DBAPIError):
            await frozen.commit()
        await frozen.close()
    finally:
        await frozen_engine.dispose()
        await sweeping_engine.dispose()
