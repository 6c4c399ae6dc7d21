"""Which run of a build this task writes for, so a run that was given up can't publish.

A build whose worker went silent runs again once, on another worker (its `delivery`
goes from 1 to 2). The first worker may not be dead, only stalled: when it wakes, every
write it makes for the build (its events, its stage moves and stage records, its log
lines, its field updates, its guide and pictures, its last word) names the delivery it
runs, and a write for a delivery that is no longer the build's moves nothing.
"""

from __future__ import annotations

import contextvars
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, select, true
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from livebuild.store.db.models import Job

_writing: contextvars.ContextVar[tuple[str, int] | None] = contextvars.ContextVar(
    "livebuild_delivery", default=None
)


def writing_for(job_id: str, delivery: int) -> None:
    """From here on, this task (and those it starts) writes for this run of the build."""
    _writing.set((job_id, delivery))


def writing() -> tuple[str, int] | None:
    """The build and run this task writes for, if it writes for one."""
    return _writing.get()


def delivery_of(job_id: str) -> int | None:
    """The run of this build that this task writes for; None when it writes for none."""
    current = _writing.get()
    return None if current is None or current[0] != job_id else current[1]


async def run_for_delivery(
    conn: AsyncConnection, job_id: str, plain: Any, of_run: Any, **values: Any
) -> CursorResult[Any]:
    """`plain` run for the build, or `of_run` (which names `the_delivery`) when this task
    writes for a run of it: the statements are built once, the run chosen per call."""
    run = delivery_of(job_id)
    if run is None:
        done: CursorResult[Any] = await conn.execute(plain, {"the_job": job_id, **values})
    else:
        done = await conn.execute(of_run, {"the_job": job_id, "the_delivery": run, **values})
    return done


def this_delivery(job_id: str) -> ColumnElement[bool]:
    """A condition that holds while the build still is the run this task writes for."""
    run = delivery_of(job_id)
    return true() if run is None else Job.delivery == run


async def still_this_delivery(session: AsyncSession, job_id: str | None = None) -> bool:
    """Whether the build still is the run this task writes for, its row held until the
    session commits (so it can't be queued to run again in between); True for a write
    made outside any run (a request, a sweeper). Without `job_id`, for whatever this task
    writes on its build's behalf (its project's plan, say)."""
    current = _writing.get()
    if current is None or current[0] != (job_id or current[0]):
        return True
    job_id = current[0]
    query = select(Job.id).where(Job.id == job_id, Job.delivery == current[1]).with_for_update()
    return (await session.execute(query)).first() is not None
