"""Who runs which build: the claim that starts a build, and the lease that keeps it.

A build is claimed once, by a guarded update from `queued`; a second delivery of the
same job finds nothing to claim and does nothing. The claiming worker renews the lease
while it works, so recovery can tell a live worker's build from an orphaned one.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from livebuild.core.clock import as_utc, utcnow
from livebuild.core.ids import new_id
from livebuild.core.stages import NON_TERMINAL, Stage
from livebuild.store.db.models import Job, Worker
from livebuild.store.db.patience import PatientStore

RUNNING: frozenset[Stage] = NON_TERMINAL - {Stage.QUEUED}


@dataclass(frozen=True)
class Holder:
    """A worker as the database knows it: its id and where its apps answer."""

    worker_id: str
    address: str | None = None


def new_worker_id() -> str:
    """Readable in `livebuild status`, unique even when a host reuses a pid."""
    return f"{socket.gethostname()}-{os.getpid()}-{new_id()[:6]}"[:64]


class JobLeases(PatientStore):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def claim(self, job_id: str, holder: Holder, lease_s: float) -> bool:
        """Take a queued build for `holder`: True for exactly one caller, however many try."""
        now = utcnow()
        async with self._sessions.begin() as session:
            claimed = (
                await session.execute(
                    update(Job)
                    .where(Job.id == job_id, Job.status == Stage.QUEUED.value)
                    .values(
                        status=Stage.STARTING.value,
                        started_at=now,
                        stage_started_at=now,
                        worker_id=holder.worker_id,
                        worker_address=holder.address,
                        lease_expires_at=now + timedelta(seconds=lease_s),
                    )
                    .returning(Job.id)
                )
            ).scalar()
        return claimed is not None

    async def renew(self, holder: Holder, job_ids: Iterable[str], lease_s: float) -> set[str]:
        """Extend the leases `holder` still has on these builds; returns the ones it still holds."""
        wanted = list(job_ids)
        if not wanted:
            return set()
        async with self._sessions.begin() as session:
            held = (
                await session.execute(
                    update(Job)
                    .where(
                        Job.id.in_(wanted),
                        Job.worker_id == holder.worker_id,
                        Job.status.in_([s.value for s in RUNNING]),
                    )
                    .values(lease_expires_at=utcnow() + timedelta(seconds=lease_s))
                    .returning(Job.id)
                )
            ).scalars()
            return set(held)

    async def run_again(self, job_id: str) -> bool:
        """Queue a first run whose lease ran out to run once more; False if it can't be.

        Its worker is taken for dead; the second run starts from a clean workspace on
        whichever worker claims it. A second run that is orphaned too is not run again.
        """
        now = utcnow()
        async with self._sessions.begin() as session:
            moved = (
                await session.execute(
                    update(Job)
                    .where(
                        Job.id == job_id,
                        Job.status.in_([s.value for s in RUNNING]),
                        or_(Job.lease_expires_at.is_(None), Job.lease_expires_at < now),
                        Job.delivery == 1,
                    )
                    .values(
                        status=Stage.QUEUED.value,
                        delivery=2,
                        worker_id=None,
                        worker_address=None,
                        lease_expires_at=None,
                        attempt=1,
                    )
                    .returning(Job.id)
                )
            ).scalar()
        return moved is not None

    async def orphaned(self, *, now: datetime | None = None) -> list[Job]:
        """Running builds whose lease has run out (or that never had one)."""
        moment = now or utcnow()
        async with self._sessions() as session:
            query = (
                select(Job)
                .where(
                    Job.status.in_([s.value for s in RUNNING]),
                    or_(Job.lease_expires_at.is_(None), Job.lease_expires_at < moment),
                )
                .order_by(Job.created_at)
            )
            return list((await session.execute(query)).scalars())

    async def running(self) -> list[Job]:
        async with self._sessions() as session:
            query = (
                select(Job)
                .where(Job.status.in_([s.value for s in RUNNING]))
                .order_by(Job.created_at)
            )
            return list((await session.execute(query)).scalars())

    # where a finished build's app runs

    async def serve_app(self, job_id: str, address: str) -> None:
        """Previews of the finished build now go to the worker at `address`."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == Stage.READY.value)
                .values(worker_address=address)
            )

    async def app_stopped(self, job_id: str, address: str) -> None:
        """The worker at `address` no longer runs the finished build's app."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Job)
                .where(
                    Job.id == job_id,
                    Job.status == Stage.READY.value,
                    # Another worker may have woken it since: its record stays.
                    Job.worker_address == address,
                )
                .values(worker_address=None)
            )

    # the workers themselves

    async def register(self, holder: Holder, role: str, concurrency: int) -> None:
        now = utcnow()
        async with self._sessions.begin() as session:
            await session.merge(
                Worker(
                    id=holder.worker_id,
                    role=role,
                    address=holder.address,
                    concurrency=concurrency,
                    started_at=now,
                    last_seen_at=now,
                )
            )

    async def seen(self, holder: Holder) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(Worker).where(Worker.id == holder.worker_id).values(last_seen_at=utcnow())
            )

    async def unregister(self, holder: Holder) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(Worker).where(Worker.id == holder.worker_id))

    async def workers(self, *, silent_for_s: float | None = None) -> list[Worker]:
        """Registered workers, newest first; with `silent_for_s`, only the ones that went quiet."""
        async with self._sessions() as session:
            query = select(Worker).order_by(Worker.started_at.desc())
            if silent_for_s is not None:
                query = query.where(
                    Worker.last_seen_at < utcnow() - timedelta(seconds=silent_for_s)
                )
            return list((await session.execute(query)).scalars())

    async def addresses(self, heard_within_s: float, *, besides: str | None) -> list[str]:
        """Where the workers heard from in the last `heard_within_s` serve apps, newest
        first, but `besides` (the asking worker's own)."""
        since = utcnow() - timedelta(seconds=heard_within_s)
        return [
            w.address
            for w in await self.workers()
            if w.address is not None and w.address != besides and as_utc(w.last_seen_at) >= since
        ]
