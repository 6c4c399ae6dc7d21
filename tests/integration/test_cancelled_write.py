"""A build cancelled inside one of its writes (a stop landing mid-statement) leaves the
database free for the next write: the failed build's own last word is written at once,
not after the whole busy wait, and nothing of the cancelled write is kept. On SQLite the
connection thrown away mid-statement used to keep its write lock until Python collected
it; PostgreSQL ends the transaction of a dropped connection itself."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from livebuild.core.stages import Stage
from livebuild.store.db.engine import create_engine
from livebuild.store.db.models import Job
from livebuild.store.repository import Repository

# Far below the 30 s SQLite waits for a lock: a write kept waiting by a lock left behind
# fails here, not after the whole wait.
PROMPT_S = 5.0
TOKEN_COUNT = "UPDATE jobs SET tokens"


@contextlib.asynccontextmanager
async def _writes_held(engine: AsyncEngine, job_id: str) -> AsyncIterator[None]:
    """Another connection holds the build's row for writing until the block ends, so a
    write to it that starts meanwhile waits inside its statement (SQLite: on the
    connection's own thread; PostgreSQL: in the server)."""
    async with engine.connect() as holder:
        await holder.execute(update(Job).where(Job.id == job_id).values(tokens=Job.tokens))
        try:
            yield
        finally:
            await holder.rollback()


def _signal_when_sent(engine: AsyncEngine, prefix: str) -> asyncio.Event:
    """An event set as a statement starting with `prefix` is handed to the driver."""
    sent = asyncio.Event()

    def before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith(prefix):
            sent.set()

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    return sent


class _Build:
    """A build's token count, cancelled while its statement runs (as a stop cancels a
    build), which then writes its last word as `Ending._fail` does: in its own cancelled
    task, the cancellation still in hand (and with it the statement's cursor)."""

    def __init__(self, repository: Repository, job_id: str) -> None:
        self.repository = repository
        self.job_id = job_id
        self.told_s: float | None = None

    async def run(self) -> None:
        try:
            await self.repository.record_stage(
                self.job_id, Stage.CODE, 1, datetime.now(UTC), 1.0, tokens=500
            )
        except asyncio.CancelledError:
            began = time.monotonic()
            await asyncio.shield(self.repository.append_logs(self.job_id, ["build failed"]))
            self.told_s = time.monotonic() - began
            raise


async def _cancel_inside_token_count(engine: AsyncEngine, build: _Build) -> asyncio.Task[None]:
    """`build`, cancelled inside its token-count `UPDATE ... RETURNING`; the statement then
    runs to its end on its own. The cancelled task is handed back: held, as a stopping
    service holds its cancelled workers, it keeps its cancellation (and traceback)."""
    async with _writes_held(engine, build.job_id):
        sent = _signal_when_sent(engine, TOKEN_COUNT)
        task = asyncio.create_task(build.run())
        await sent.wait()
        task.cancel()
    # The held row is let go: the cancelled statement gets it and runs to its end.
    await asyncio.wait({task}, timeout=3 * PROMPT_S)
    return task


async def test_a_build_cancelled_mid_write_tells_its_failure_at_once(
    job_store: tuple[AsyncEngine, Repository, str],
) -> None:
    engine, repository, job_id = job_store
    build = _Build(repository, job_id)
    task = await _cancel_inside_token_count(engine, build)
    assert task.cancelled()
    # Its "build failed" line was written without waiting out a lock left behind.
    assert build.told_s is not None and build.told_s < PROMPT_S, build.told_s
    assert [line for _, line in await repository.log_lines(job_id)] == ["build failed"]
    job = await repository.get_job(job_id)
    assert job.tokens == 0  # the cancelled write is not half kept
    assert await repository.stage_runs(job_id) == []


async def test_the_lock_is_not_left_for_the_next_start(
    job_store: tuple[AsyncEngine, Repository, str], database_url: str
) -> None:
    engine, repository, job_id = job_store
    build = _Build(repository, job_id)
    task = await _cancel_inside_token_count(engine, build)
    await engine.dispose()
    # The next start (a new engine on the same database) writes without waiting, while
    # the cancelled build is still held.
    again = create_engine(database_url)
    try:
        async with again.begin() as conn:
            await asyncio.wait_for(_count(conn, job_id), PROMPT_S)
    finally:
        await again.dispose()
    assert task.cancelled()
    assert (await repository.get_job(job_id)).tokens == 7


async def _count(conn: AsyncConnection, job_id: str) -> None:
    await conn.execute(update(Job).where(Job.id == job_id).values(tokens=Job.tokens + 7))
