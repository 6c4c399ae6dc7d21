"""A build runs at most once, however often its job is delivered, and leases decide recovery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.brief import derive_brief
from livebuild.core.clock import utcnow
from livebuild.core.errors import BuildEnded
from livebuild.core.events import StageStarted
from livebuild.core.stages import Stage
from livebuild.engine.keeper import LeaseKeeper
from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.services import Services
from livebuild.store.db.models import Job, Worker
from livebuild.store.leases import Holder
from livebuild.store.repository import Repository
from tests.conftest import IDEA, make_settings


@pytest.fixture
async def services(tmp_path: Path, database_url: str) -> AsyncIterator[Services]:
    """The real parts, with no queue taking jobs: the test delivers them itself."""
    opened = await Services.open(make_settings(tmp_path, database_url=database_url))
    try:
        yield opened
    finally:
        await opened.close()


async def _queued_job(services: Services) -> str:
    repo = services.repository
    project = await repo.create_project("local", "Pawpath", IDEA, derive_brief(IDEA).to_dict())
    return (await repo.create_job(project.id, "local", None)).id


async def _types(services: Services, job_id: str) -> list[str]:
    return [event.type for event in await services.events.read(job_id)]


async def test_a_job_delivered_twice_at_once_builds_once(services: Services) -> None:
    job_id = await _queued_job(services)
    await asyncio.gather(services.pipeline.run(job_id), services.pipeline.run(job_id))
    types = await _types(services, job_id)
    assert (await services.repository.get_job(job_id)).status == "ready"
    assert types.count("build.completed") == 1
    assert "build.failed" not in types
    assert types[-1] == "build.completed"


async def test_a_job_delivered_again_after_it_finished_is_a_no_op(services: Services) -> None:
    job_id = await _queued_job(services)
    await services.pipeline.run(job_id)
    before = await _types(services, job_id)
    await services.pipeline.run(job_id)
    assert await _types(services, job_id) == before
    assert before.count("build.completed") == 1 and before[-1] == "build.completed"


async def test_nothing_is_stored_after_the_terminal_event(services: Services) -> None:
    job_id = await _queued_job(services)
    await services.pipeline.run(job_id)
    late = StageStarted(stage="code", label="x", narration="x", agent_role="Coder", estimate_s=1)
    with pytest.raises(BuildEnded):
        await services.events.append(job_id, late)
    assert (await _types(services, job_id))[-1] == "build.completed"


async def test_recovery_leaves_a_live_workers_build_alone(services: Services) -> None:
    repo = services.repository
    job_id = await _queued_job(services)
    other = Holder(worker_id="another-worker")
    assert await repo.leases.claim(job_id, other, lease_s=60)
    assert await services.pipeline.recover() == 0
    assert (await repo.get_job(job_id)).status == "starting"


async def test_recovery_ends_a_build_whose_lease_ran_out_exactly_once(services: Services) -> None:
    repo = services.repository
    job_id = await _queued_job(services)
    assert await repo.leases.claim(job_id, Holder(worker_id="gone"), lease_s=60)
    await repo.update_job(job_id, lease_expires_at=utcnow() - timedelta(seconds=1))
    ended = await asyncio.gather(*(services.pipeline.recover() for _ in range(3)))
    assert sum(ended) == 1
    job = await repo.get_job(job_id)
    assert job.status == Stage.FAILED.value and "interrupted" in (job.error_message or "")
    assert (await _types(services, job_id)).count("build.failed") == 1


async def test_recovery_spares_a_build_whose_worker_renewed_its_lease_meanwhile(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow worker renews its lease just after a sweeper found it run out: it keeps the build."""
    repo = services.repository
    job_id = await _queued_job(services)
    slow = Holder(worker_id="slow-but-alive")
    assert await repo.leases.claim(job_id, slow, lease_s=60)
    await repo.update_job(job_id, lease_expires_at=utcnow() - timedelta(seconds=1))
    found = repo.leases.orphaned

    async def found_then_renewed() -> list[Job]:
        orphans = await found()
        assert [job.id for job in orphans] == [job_id]
        assert await repo.leases.renew(slow, [job_id], lease_s=60) == {job_id}
        return orphans

    monkeypatch.setattr(repo.leases, "orphaned", found_then_renewed)
    assert await services.pipeline.recover() == 0
    assert (await repo.get_job(job_id)).status == "starting"
    assert "build.failed" not in await _types(services, job_id)


async def test_a_live_worker_keeps_its_lease(services: Services) -> None:
    repo = services.repository
    job_id = await _queued_job(services)
    holder = Holder(worker_id="me")
    assert await repo.leases.claim(job_id, holder, lease_s=0.5)
    assert await repo.leases.renew(holder, [job_id], lease_s=60) == {job_id}
    assert await repo.leases.renew(Holder(worker_id="not-me"), [job_id], lease_s=60) == set()
    await asyncio.sleep(0.6)
    assert await services.pipeline.recover() == 0


class _PausingRunner(OfflineRunner):
    """The offline runner, holding still in the code stage until told to go on."""

    def __init__(self) -> None:
        self.paused = asyncio.Event()
        self.go_on = asyncio.Event()

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage is Stage.CODE:
            self.paused.set()
            await self.go_on.wait()
        return await super().run_stage(request)


@pytest.fixture
async def paused(
    tmp_path: Path, database_url: str
) -> AsyncIterator[tuple[Services, _PausingRunner]]:
    runner = _PausingRunner()
    # The guide writes beside the build; it is left out so only the build itself writes.
    settings = make_settings(tmp_path, database_url=database_url, docs_enabled=False)
    opened = await Services.open(settings, runner=runner)
    try:
        yield opened, runner
    finally:
        runner.go_on.set()
        await opened.close()


async def _written(services: Services, job_id: str) -> tuple[object, ...]:
    """Everything a build writes about itself, to compare before and after."""
    repo = services.repository
    job = await repo.get_job(job_id)
    return (
        [event.data for event in await services.events.read(job_id)],
        len(await repo.stage_runs(job_id)),
        await repo.log_count(job_id),
        (job.status, job.tokens, job.manifest, job.preview_port, job.finished_at),
    )


async def _paused_build(
    services: Services, runner: _PausingRunner
) -> tuple[str, asyncio.Task[None]]:
    """A build delivered to this worker, holding still in its code stage."""
    job_id = await _queued_job(services)
    build = asyncio.create_task(services.pipeline.run(job_id))
    await asyncio.wait_for(runner.paused.wait(), 60)
    return job_id, build


async def _ended_by_another_worker(services: Services, job_id: str) -> tuple[object, ...]:
    """This worker went quiet past the stall time, and another's sweep ended its build."""
    await services.repository.update_job(job_id, lease_expires_at=utcnow() - timedelta(seconds=1))
    assert await services.pipeline.recover(expired_only=True) == 1
    return await _written(services, job_id)


async def test_a_worker_that_wakes_without_its_lease_writes_nothing_more(
    paused: tuple[Services, _PausingRunner],
) -> None:
    services, runner = paused
    job_id, build = await _paused_build(services, runner)
    ended = await _ended_by_another_worker(services, job_id)
    runner.go_on.set()  # it resumes before its lease keeper has noticed anything
    await asyncio.wait_for(build, 60)
    assert await _written(services, job_id) == ended
    assert services.previews.get(job_id) is None
    types = await _types(services, job_id)
    assert types[-1] == "build.failed" and types.count("build.failed") == 1


async def test_a_worker_whose_lease_keeper_finds_the_lease_gone_stops_the_build(
    paused: tuple[Services, _PausingRunner],
) -> None:
    services, runner = paused
    job_id, build = await _paused_build(services, runner)
    ended = await _ended_by_another_worker(services, job_id)
    await LeaseKeeper(services.pipeline, stall_s=60).tick()
    # The build stopped where it was, still paused, and the delivery ended quietly.
    await asyncio.wait_for(build, 10)
    assert not runner.go_on.is_set()
    assert job_id not in services.pipeline.running
    assert await _written(services, job_id) == ended
    assert services.previews.get(job_id) is None


async def test_the_workers_to_ask_for_an_app_are_the_others_heard_from_lately(
    job_store: tuple[AsyncEngine, Repository, str],
) -> None:
    engine, repository, _ = job_store
    leases = repository.leases
    for worker_id, address in [("me", "10.0.0.1:1"), ("quiet", "10.0.0.3:1"), ("api", None)]:
        await leases.register(Holder(worker_id, address), "worker", 1)
    await leases.register(Holder("other", "10.0.0.2:1"), "worker", 1)
    async with engine.begin() as connection:
        long_ago = utcnow() - timedelta(minutes=10)
        await connection.execute(
            update(Worker).where(Worker.id == "quiet").values(last_seen_at=long_ago)
        )
    assert await leases.addresses(60, besides="10.0.0.1:1") == ["10.0.0.2:1"]
    assert set(await leases.addresses(60, besides=None)) == {"10.0.0.1:1", "10.0.0.2:1"}
