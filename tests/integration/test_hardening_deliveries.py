"""A run of a build that was given up can't publish: every write names its delivery."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from livebuild.core.clock import utcnow
from livebuild.core.errors import BuildEnded
from livebuild.core.events import StageStarted
from livebuild.core.stages import Stage
from livebuild.store.db.models import Job
from livebuild.store.deliveries import writing_for
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.leases import Holder
from livebuild.store.repository import LOCAL_USER_ID, Repository


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
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    events, repository, job_id = one_job
    first, second = Holder("first"), Holder("second")
    assert await repository.leases.claim(job_id, first, 30)

    wrote, moved_on = asyncio.Event(), asyncio.Event()

    async def zombie() -> None:
        # The first worker's build task: it stalled, and wakes after the build moved on.
        writing_for(job_id, 1)
        await events.append(job_id, _started())
        await repository.transition(job_id, Stage.SCAFFOLD, Stage.STARTING)
        wrote.set()
        await moved_on.wait()
        with pytest.raises(BuildEnded):
            await events.append(job_id, _started())
        with pytest.raises(Exception):  # noqa: B017 - refused, whichever way it says so
            await repository.transition(job_id, Stage.CODE, Stage.SCAFFOLD)
        assert await repository.fail(job_id, "its last word", "debug") is None

    async def sweeper() -> None:
        await wrote.wait()
        await _expire(repository, job_id)
        assert await repository.leases.run_again(job_id)
        assert not await repository.leases.run_again(job_id)
        assert await repository.leases.claim(job_id, second, 30)
        moved_on.set()

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
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    _, repository, job_id = one_job
    assert await repository.leases.claim(job_id, Holder("one"), 30)
    await _expire(repository, job_id)
    assert await repository.leases.run_again(job_id)
    assert await repository.leases.claim(job_id, Holder("two"), 30)
    await _expire(repository, job_id)
    assert not await repository.leases.run_again(job_id)


async def test_a_given_up_runs_late_stage_record_log_and_updates_are_refused(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    _, repository, job_id = one_job
    assert await repository.leases.claim(job_id, Holder("first"), 30)
    job = await repository.get_job(job_id)
    writing_for(job_id, 1)
    await repository.append_logs(job_id, ["first run writing its code"])
    await repository.record_stage(job_id, Stage.SCAFFOLD, 1, utcnow(), 1.0, 10)
    await _expire(repository, job_id)
    # Another worker queues the build to run again, and runs it.
    assert await repository.leases.run_again(job_id)
    assert await repository.leases.claim(job_id, Holder("second"), 30)
    # The first worker wakes: its stage record, its log lines, its updates move nothing.
    await repository.record_stage(job_id, Stage.CODE, 1, utcnow(), 2.0, 500)
    await repository.append_logs(job_id, ["a late line from the first run"])
    await repository.update_job(job_id, preview_port=1, manifest={"app.py": "stale"})
    await repository.add_tokens(job_id, 700)
    await repository.save_section(job_id, "overview", "a late guide")
    await repository.set_project_brief(job.project_id, {"name": "a late plan"})
    assert (await repository.get_project(job.project_id, LOCAL_USER_ID)).brief == {}
    job = await repository.get_job(job_id)
    assert job.preview_port is None and job.manifest is None and job.tokens == 10
    assert [r.stage for r in await repository.stage_runs(job_id)] == ["scaffold"]
    assert [line for _, line in await repository.log_lines(job_id)] == [
        "first run writing its code"
    ]
    assert await repository.doc_sections(job_id) == {}
    # The run that is the build's writes as usual.
    writing_for(job_id, 2)
    await repository.record_stage(job_id, Stage.SCAFFOLD, 1, utcnow(), 1.0, 5)
    await repository.append_logs(job_id, ["second run"])
    await repository.update_job(job_id, preview_port=4321)
    job = await repository.get_job(job_id)
    assert job.preview_port == 4321 and job.tokens == 15
    assert len(await repository.stage_runs(job_id)) == 2
    assert (await repository.log_lines(job_id))[-1][1] == "second run"


async def test_a_sweeper_that_looked_before_another_queued_the_build_again_leaves_it_queued(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    # Every worker sweeps. One sees the orphan; another queues it to run again first;
    # the first then finds it can't queue it again and ends what it saw: nothing.
    _, repository, job_id = one_job
    assert await repository.leases.claim(job_id, Holder("dead"), 30)
    await _expire(repository, job_id)
    [seen] = await repository.leases.orphaned()
    assert await repository.leases.run_again(job_id)
    assert not await repository.leases.run_again(job_id)
    ended = await repository.fail(
        job_id, "interrupted", "debug", lease_expired=True, delivery=seen.delivery
    )
    assert ended is None
    # Even a sweeper that does not say which run it saw leaves a queued build alone.
    assert await repository.fail(job_id, "interrupted", "debug", lease_expired=True) is None
    job = await repository.get_job(job_id)
    assert job.status == Stage.QUEUED.value and job.error_message is None
    # Claimed by a live worker, it is the new run's: the old run's sweeper ends nothing.
    assert await repository.leases.claim(job_id, Holder("alive"), 30)
    await _expire(repository, job_id)
    assert await repository.fail(job_id, "x", "d", lease_expired=True, delivery=1) is None
    assert (await repository.get_job(job_id)).status == Stage.STARTING.value
