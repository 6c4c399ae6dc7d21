"""A run of a build that was given up can't publish: every write names its delivery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from livebuild.core.clock import utcnow
from livebuild.core.errors import BuildEnded
from livebuild.core.events import StageStarted
from livebuild.core.stages import Stage
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.db.models import Job
from livebuild.store.deliveries import writing_for
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.leases import Holder
from livebuild.store.repository import LOCAL_USER_ID, Repository


@pytest.fixture
async def setup(database_url: str) -> AsyncIterator[tuple[SqlEventLog, Repository, str]]:
    engine = create_engine(database_url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    project = await repository.create_project(LOCAL_USER_ID, "Demo", "an idea", {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    yield SqlEventLog(engine), repository, job.id
    await engine.dispose()


def _started() -> StageStarted:
    return StageStarted(
        stage="code", label="Building", narration="x", agent_role="Coder", estimate_s=1.0
    )


async def _expire(repository: Repository, job_id: str) -> None:
    async with repository.sessions.begin() as session:
        job = await session.get(Job, job_id)
        assert job is not None
        job.lease_expires_at = utcnow() - timedelta(seconds=1)


async def test_a_first_run_given_up_writes_nothing_once_the_build_runs_again(
    setup: tuple[SqlEventLog, Repository, str],
) -> None:
    events, repository, job_id = setup
    first, second = Holder("first"), Holder("second")
    assert await repository.leases.claim(job_id, first, 30)

    async def zombie() -> None:
        # The first worker's build task: it stalled, and wakes after the build moved on.
        writing_for(job_id, 1)
        await events.append(job_id, _started())
        await repository.transition(job_id, Stage.SCAFFOLD, Stage.STARTING)
        await asyncio.sleep(0.2)
        with pytest.raises(BuildEnded):
            await events.append(job_id, _started())
        with pytest.raises(Exception):  # noqa: B017 - refused, whichever way it says so
            await repository.transition(job_id, Stage.CODE, Stage.SCAFFOLD)
        assert await repository.fail(job_id, "its last word", "debug") is None

    async def sweeper() -> None:
        await asyncio.sleep(0.1)
        await _expire(repository, job_id)
        assert await repository.leases.run_again(job_id)
        assert not await repository.leases.run_again(job_id)
        assert await repository.leases.claim(job_id, second, 30)

    await asyncio.gather(zombie(), sweeper())
    job = await repository.get_job(job_id)
    assert job.status == Stage.STARTING.value and job.delivery == 2
    assert job.worker_id == "second" and job.error_message is None
    assert [e.type for e in await events.read(job_id)] == ["build.stage.started"]
    # The second run writes as usual.
    writing_for(job_id, 2)
    await events.append(job_id, _started())
    assert len(await events.read(job_id)) == 2


async def test_a_second_run_is_never_queued_again(
    setup: tuple[SqlEventLog, Repository, str],
) -> None:
    _, repository, job_id = setup
    assert await repository.leases.claim(job_id, Holder("one"), 30)
    await _expire(repository, job_id)
    assert await repository.leases.run_again(job_id)
    assert await repository.leases.claim(job_id, Holder("two"), 30)
    await _expire(repository, job_id)
    assert not await repository.leases.run_again(job_id)
