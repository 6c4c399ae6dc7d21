"""A build claimed from the PostgreSQL queue is claimed for everyone at once.

A worker that freezes (paused, swapped out, its machine stalled) right after claiming a
build must not hold the claim in a transaction only it can end: other workers would still
see the build waiting but skip its locked row, and the stalled-job sweep would never see it
running, so the build would wait for as long as the frozen worker sleeps.
"""

from __future__ import annotations

import procrastinate
import psycopg
from sqlalchemy.ext.asyncio import create_async_engine

from livebuild.engine.queue.procrastinate import (
    QUEUE_NAME,
    TASK_NAME,
    ensure_schema,
    queue_connector,
)
from livebuild.store.db.engine import libpq_url
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
