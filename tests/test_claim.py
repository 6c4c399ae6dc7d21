"""A build runs at most once, however often its job is delivered, and leases decide recovery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from livebuild.brief import derive_brief
from livebuild.core.clock import utcnow
from livebuild.core.errors import BuildEnded
from livebuild.core.events import StageStarted
from livebuild.core.stages import Stage
from livebuild.services import Services
from livebuild.store.leases import Holder
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


async def test_a_live_worker_keeps_its_lease(services: Services) -> None:
    repo = services.repository
    job_id = await _queued_job(services)
    holder = Holder(worker_id="me")
    assert await repo.leases.claim(job_id, holder, lease_s=0.5)
    assert await repo.leases.renew(holder, [job_id], lease_s=60) == {job_id}
    assert await repo.leases.renew(Holder(worker_id="not-me"), [job_id], lease_s=60) == set()
    await asyncio.sleep(0.6)
    assert await services.pipeline.recover() == 0
