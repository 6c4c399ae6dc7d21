"""Job transitions are atomic and report distinct outcomes, on every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from livebuild.core.errors import NotFound, TransitionRefused
from livebuild.core.stages import Stage
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.repository import LOCAL_USER_ID, Repository


@pytest.fixture
async def repo(database_url: str) -> AsyncIterator[Repository]:
    engine = create_engine(database_url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    yield repository
    await engine.dispose()


async def test_transitions_follow_the_table(repo: Repository) -> None:
    project = await repo.create_project(LOCAL_USER_ID, "P", "idea", {})
    job = await repo.create_job(project.id, LOCAL_USER_ID, None)
    await repo.transition(job.id, Stage.STARTING, Stage.QUEUED)
    with pytest.raises(TransitionRefused) as refused:
        await repo.transition(job.id, Stage.CODE, Stage.STARTING)
    assert (refused.value.current, refused.value.target) == ("starting", "code")
    with pytest.raises(TransitionRefused) as stale:
        await repo.transition(job.id, Stage.STARTING, Stage.QUEUED)
    assert stale.value.current == "starting"
    with pytest.raises(NotFound):
        await repo.transition("missing", Stage.STARTING, Stage.QUEUED)
    assert (await repo.get_job(job.id)).status == "starting"


async def test_fail_ends_a_running_job_once_and_frees_the_project(repo: Repository) -> None:
    project = await repo.create_project(LOCAL_USER_ID, "P", "idea", {})
    job = await repo.create_job(project.id, LOCAL_USER_ID, None)
    assert await repo.fail(job.id, "stopped", "abc") is Stage.QUEUED
    assert await repo.fail(job.id, "stopped again", "def") is None
    ended = await repo.get_job(job.id)
    assert ended.status == "failed" and ended.debug_id == "abc" and ended.finished_at
    # The project is free again; nothing was made, so the retry is still its first version.
    second = await repo.create_job(project.id, LOCAL_USER_ID, None)
    assert second.version == 1
    with pytest.raises(TransitionRefused):
        await repo.finish(second.id)
