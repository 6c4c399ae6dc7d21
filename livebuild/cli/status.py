"""What an operator sees in `livebuild status`: workers, the queue and the running builds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from livebuild.core.clock import as_utc, seconds_between, utcnow
from livebuild.core.stages import Stage
from livebuild.settings import Settings
from livebuild.store.db.engine import create_engine, migrate
from livebuild.store.repository import Repository


@dataclass
class StatusReport:
    queued: int
    workers: list[str]
    running: list[str]


async def read_status(settings: Settings) -> StatusReport:
    engine = create_engine(
        settings.resolved_database_url,
        idle_transaction_s=settings.database_idle_transaction_s,
    )
    try:
        await migrate(engine)
        repository = Repository(engine)
        now = utcnow()
        workers = [
            f"{w.id}  {w.role}  concurrency {w.concurrency}  {w.address or '-'}  "
            f"last seen {seconds_between(w.last_seen_at, now):.0f}s ago"
            + ("  (silent: taken for dead)" if _silent(w.last_seen_at, settings) else "")
            for w in await repository.leases.workers()
        ]
        running = [
            f"{job.id}  {job.status}  on {job.worker_id or '-'}  "
            f"lease {_lease(job.lease_expires_at)}"
            for job in await repository.leases.running()
        ]
        queued = len(await repository.jobs_in(frozenset({Stage.QUEUED})))
        return StatusReport(queued=queued, workers=workers, running=running)
    finally:
        await engine.dispose()


def _silent(last_seen: datetime, settings: Settings) -> bool:
    return seconds_between(last_seen, utcnow()) > settings.worker_stall_s


def _lease(expires: datetime | None) -> str:
    if expires is None:
        return "-"
    left = (as_utc(expires) - utcnow()).total_seconds()
    return f"{left:.0f}s left" if left >= 0 else f"expired {-left:.0f}s ago"
