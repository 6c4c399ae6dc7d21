"""What one stage move of a build writes, made in the transaction that stores its event.

A stage starting is its lease renewed, its job moved and its log line; a stage ending is
its lease renewed, its run recorded (and its tokens counted) and its log line; a picture
after a stage is its row, the build's latest picture and its log lines. Each is
handed to `EventLog.append(..., writes=...)` so the event and what it announces commit
together: one round of BEGIN/COMMIT instead of one per part, and a follower never sees
the event of a move that did not happen (nor a move without its event).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import ReturningUpdate

from livebuild.core.clock import utcnow
from livebuild.core.errors import NotFound, TransitionRefused
from livebuild.core.stages import TRANSITIONS, Stage
from livebuild.store.db.models import Job, LogLine, Snapshot, StageRun
from livebuild.store.deliveries import run_for_delivery, this_delivery
from livebuild.store.eventlog.base import Write
from livebuild.store.leases import RUNNING


class NotHeld(Exception):
    """The worker no longer holds the build's lease: another ended or took it."""


# Renewed with every event a build sends: built once, not for each (see `eventlog.sql`).
_RENEW = (
    update(Job)
    .where(
        Job.id == bindparam("the_job"),
        Job.worker_id == bindparam("the_worker"),
        Job.status.in_([s.value for s in RUNNING]),
    )
    .values(lease_expires_at=bindparam("until", type_=Job.lease_expires_at.type))
    .returning(Job.id)
)
# A stage's tokens counted on its build, and a picture shown as its latest: each only while
# the build is still the run writing (`_OF_RUN`, when the task writes for a run).
_COUNTED = (
    update(Job)
    .where(Job.id == bindparam("the_job"))
    .values(tokens=Job.tokens + bindparam("spent", type_=Job.tokens.type))
    .returning(Job.id)
)
_COUNTED_OF_RUN = _COUNTED.where(Job.delivery == bindparam("the_delivery"))
_SHOWN = (
    update(Job)
    .where(Job.id == bindparam("the_job"))
    .values(snapshot_url=bindparam("shown_url", type_=Job.snapshot_url.type))
    .returning(Job.id)
)
_SHOWN_OF_RUN = _SHOWN.where(Job.delivery == bindparam("the_delivery"))
_STAGE_RUN = insert(StageRun)
_SNAPSHOT = insert(Snapshot)


async def _of_run(
    conn: AsyncConnection, job_id: str, plain: Any, of_run: Any, **values: Any
) -> bool:
    """Whether the update `plain` (or, for the run this task writes for, `of_run`) of the
    build's row was made."""
    done = await run_for_delivery(conn, job_id, plain, of_run, **values)
    return done.scalar() is not None


def renew_lease(job_id: str, worker_id: str, lease_s: float) -> Write:
    """Extend the worker's lease on the build, or raise `NotHeld` (and write nothing)."""

    async def write(conn: AsyncConnection) -> None:
        until = utcnow() + timedelta(seconds=lease_s)
        asked = {"the_job": job_id, "the_worker": worker_id, "until": until}
        held = (await conn.execute(_RENEW, asked)).scalar()
        if held is None:
            raise NotHeld(job_id)

    return write


def guarded_move(
    job_id: str, target: Stage, expected: Stage, fields: dict[str, Any]
) -> ReturningUpdate[tuple[str]]:
    """The job moved to `target` only if it is still in `expected` and still the run this
    task writes for, returning its id if it moved. Build it where it runs: which run the
    task writes for is read as it is built."""
    return (
        update(Job)
        .where(Job.id == job_id, Job.status == expected.value, this_delivery(job_id))
        .values(status=target.value, **fields)
        .returning(Job.id)
    )


def move(job_id: str, target: Stage, expected: Stage, **fields: Any) -> Write:
    """Move the job from `expected` to `target` (as `Repository.transition` does)."""
    if target not in TRANSITIONS[expected]:
        raise TransitionRefused(expected.value, target.value)

    async def write(conn: AsyncConnection) -> None:
        moved = (await conn.execute(guarded_move(job_id, target, expected, fields))).scalar()
        if moved is None:
            current = (await conn.execute(select(Job.status).where(Job.id == job_id))).scalar()
            if current is None:
                raise NotFound("build")
            raise TransitionRefused(current, target.value)

    return write


def stage_record(
    job_id: str, stage: Stage, attempt: int, started_at: datetime, duration_s: float, tokens: int
) -> Write:
    """The stage's run, for estimates, and its tokens counted on the build."""

    async def write(conn: AsyncConnection) -> None:
        if not await _of_run(conn, job_id, _COUNTED, _COUNTED_OF_RUN, spent=tokens):
            return  # a run that was given up records nothing
        await conn.execute(
            _STAGE_RUN,
            {
                "job_id": job_id,
                "stage": stage.value,
                "attempt": attempt,
                "started_at": started_at,
                "duration_s": duration_s,
                "tokens": tokens,
            },
        )

    return write


def snapshot_row(snapshot: Snapshot) -> Write:
    """A stage's picture listed with the build and shown as its latest (as
    `Repository.add_snapshot` does on its own), beside the event that announces it."""

    async def write(conn: AsyncConnection) -> None:
        job_id = snapshot.job_id
        if not await _of_run(conn, job_id, _SHOWN, _SHOWN_OF_RUN, shown_url=snapshot.url):
            return  # a run that was given up lists nothing
        await conn.execute(
            _SNAPSHOT,
            {
                "job_id": job_id,
                "stage": snapshot.stage,
                "key": snapshot.key,
                "url": snapshot.url,
                "width": snapshot.width,
                "height": snapshot.height,
                "size_bytes": snapshot.size_bytes,
                "sha256": snapshot.sha256,
                "captured_at": snapshot.captured_at,
            },
        )

    return write


def log_lines(job_id: str, lines: list[str]) -> Write:
    """Lines of the build's technical log (already redacted). Written beside the event,
    whose own guard keeps a given-up run from writing them."""

    async def write(conn: AsyncConnection) -> None:
        if lines:
            now = utcnow()
            await conn.execute(
                insert(LogLine), [{"job_id": job_id, "ts": now, "line": line} for line in lines]
            )

    return write
