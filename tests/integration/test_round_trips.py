"""How many times a build talks to its database: each stage move is one transaction.

A build's own writes (its stage moves, events, log lines, stage records) are counted with
an SQLAlchemy listener on the real engine, on SQLite and PostgreSQL, while one build runs
from queued to ready.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.core.clock import utcnow
from livebuild.core.errors import TransitionRefused
from livebuild.core.events import StageStarted
from livebuild.core.stages import STAGE_INFO, WORK_STAGES, Stage
from livebuild.settings import Settings
from livebuild.store.deliveries import writing
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.leases import Holder
from livebuild.store.repository import Repository
from livebuild.store.stage_writes import NotHeld, log_lines, move, renew_lease
from livebuild.web.app import create_app
from tests.conftest import API_HEADERS, start_build, wait_done

# One build with the offline runner: seven stages (one without a move), a few log lines
# of its own and its last word. Measured on SQLite: 92 transactions (151 statements)
# before a stage move was one transaction, 45 (114) after; 38 (100) once the app's port is
# recorded only when it changes and what the app prints as it starts goes with the stage's
# own write.
MAX_TRANSACTIONS = 40


def _in_build() -> bool:
    """Whether the statement is the build's own (its task, or one it started)."""
    return writing() is not None


async def count_build(settings: Settings) -> Counter[str]:
    counts: Counter[str] = Counter()

    def statement(*_: Any) -> None:
        if _in_build():
            counts["statements"] += 1

    def begin(*_: Any) -> None:
        if _in_build():
            counts["transactions"] += 1

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        engine = app.state.services.engine.sync_engine
        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "begin", begin)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=API_HEADERS
        ) as client:
            build = await start_build(client)
            assert (await wait_done(client, build["job_id"]))["status"] == "ready"
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)
    return counts


async def test_a_build_moves_through_its_stages_in_few_transactions(settings: Settings) -> None:
    counts = await count_build(settings)
    print(dict(counts))
    assert 0 < counts["transactions"] <= MAX_TRANSACTIONS, counts


@pytest.fixture
async def stored(
    job_store: tuple[AsyncEngine, Repository, str],
) -> tuple[SqlEventLog, Repository, str]:
    engine, repository, job_id = job_store
    assert await repository.leases.claim(job_id, Holder("mine"), 30)
    return SqlEventLog(engine), repository, job_id


def _started() -> StageStarted:
    return StageStarted(
        stage="scaffold", label="Planning", narration="x", agent_role="Planner", estimate_s=1.0
    )


async def test_a_stage_move_and_its_event_are_written_together(
    stored: tuple[SqlEventLog, Repository, str],
) -> None:
    events, repository, job_id = stored
    writes = [
        renew_lease(job_id, "mine", 30),
        move(job_id, Stage.SCAFFOLD, Stage.STARTING),
        log_lines(job_id, ["[scaffold] started"]),
    ]
    await events.append(job_id, _started(), writes=writes)
    assert (await repository.get_job(job_id)).status == "scaffold"
    assert [e.type for e in await events.read(job_id)] == ["build.stage.started"]
    assert [line for _, line in await repository.log_lines(job_id)] == ["[scaffold] started"]


async def test_a_worker_that_lost_the_lease_writes_nothing_of_the_move(
    stored: tuple[SqlEventLog, Repository, str],
) -> None:
    """A stalled worker waking after another took its build: no event, no move, no line."""
    events, repository, job_id = stored
    writes = [
        renew_lease(job_id, "a stalled worker", 30),
        move(job_id, Stage.SCAFFOLD, Stage.STARTING),
        log_lines(job_id, ["[scaffold] started"]),
    ]
    with pytest.raises(NotHeld):
        await events.append(job_id, _started(), writes=writes)
    refused = [move(job_id, Stage.CODE, Stage.SCAFFOLD), log_lines(job_id, ["[code] started"])]
    with pytest.raises(TransitionRefused):
        await events.append(job_id, _started(), writes=refused)
    assert (await repository.get_job(job_id)).status == "starting"
    assert await events.read(job_id) == []
    assert await repository.log_lines(job_id) == []


async def test_every_stage_estimate_comes_from_its_own_recent_runs_in_one_read(
    job_store: tuple[AsyncEngine, Repository, str],
) -> None:
    """A build reads its stages' estimates once: each stage's median of its own recent
    runs, its default before it has any."""
    _, repository, job_id = job_store
    assert await repository.estimates() == {
        s: STAGE_INFO[s].default_estimate_s for s in WORK_STAGES
    }
    began = utcnow()
    for attempt, seconds in enumerate((1.0, 2.0, 9.0), start=1):
        await repository.record_stage(job_id, Stage.CODE, attempt, began, seconds, 0)
    await repository.record_stage(job_id, Stage.CHECKS, 1, began, 0.5, 0)
    estimates = await repository.estimates()
    assert estimates[Stage.CODE] == 2.0
    assert estimates[Stage.CHECKS] == 0.5
    assert estimates[Stage.DEPS] == STAGE_INFO[Stage.DEPS].default_estimate_s


async def test_a_stage_ends_with_its_run_its_tokens_and_its_picture_for_the_run_writing(
    stored: tuple[SqlEventLog, Repository, str],
) -> None:
    """A stage's end and its picture, each written beside its event: the run counted for
    estimates, its tokens on the build, the picture listed and shown as the latest; a run
    that was given up writes none of them, and the run that is the build's writes on."""
    from datetime import timedelta

    from livebuild.core.errors import BuildEnded
    from livebuild.store.db.models import Job, Snapshot
    from livebuild.store.deliveries import writing_for
    from livebuild.store.stage_writes import snapshot_row, stage_record

    events, repository, job_id = stored

    def picture(n: int) -> Snapshot:
        return Snapshot(
            job_id=job_id, stage="code", key=f"k{n}", url=f"/shots/{n}.png", width=1280,
            height=800, size_bytes=9000 + n, sha256=f"{n:064d}", captured_at=utcnow(),
        )  # fmt: skip

    writing_for(job_id, 1)
    ended = [stage_record(job_id, Stage.CODE, 1, utcnow(), 2.5, 40), snapshot_row(picture(1))]
    await events.append(job_id, _started(), writes=ended)
    job = await repository.get_job(job_id)
    assert job.tokens == 40 and job.snapshot_url == "/shots/1.png"
    assert [(r.stage, r.duration_s, r.tokens) for r in await repository.stage_runs(job_id)] == [
        ("code", 2.5, 40)
    ]
    assert [(s.key, s.size_bytes) for s in await repository.snapshots(job_id)] == [("k1", 9001)]
    # The build is given up on and runs again: the first run's late writes move nothing.
    async with repository.sessions.begin() as session:
        row = await session.get(Job, job_id)
        assert row is not None
        row.lease_expires_at = utcnow() - timedelta(seconds=1)
    assert await repository.leases.run_again(job_id)
    late = [stage_record(job_id, Stage.DEPS, 1, utcnow(), 1.0, 500), snapshot_row(picture(2))]
    with pytest.raises(BuildEnded):
        await events.append(job_id, _started(), writes=late)
    writing_for(job_id, 2)
    await events.append(job_id, _started(), writes=[snapshot_row(picture(3))])
    job = await repository.get_job(job_id)
    assert job.tokens == 40 and job.snapshot_url == "/shots/3.png"
    assert [s.key for s in await repository.snapshots(job_id)] == ["k1", "k3"]
    assert len(await repository.stage_runs(job_id)) == 1
