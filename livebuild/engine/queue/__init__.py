"""Build queues: where started builds wait for a worker. Chosen from settings."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.engine.pipeline import BuildPipeline
from livebuild.engine.queue.base import BuildQueue
from livebuild.settings import Settings
from livebuild.store.db.engine import is_sqlite
from livebuild.store.repository import Repository

QUEUE_NAMES: tuple[str, ...] = ("auto", "inprocess", "postgres")


def create_queue(
    settings: Settings,
    pipeline: BuildPipeline,
    repository: Repository,
    engine: AsyncEngine,
    *,
    run_worker: bool = True,
) -> BuildQueue:
    """`run_worker=False` gives an API process that only hands builds to workers elsewhere."""
    if settings.resolved_queue == "inprocess":
        from livebuild.engine.queue.inprocess import InProcessQueue

        if not run_worker:
            raise ValueError(
                "An API-only process needs a shared queue: use a PostgreSQL "
                "LIVEBUILD_DATABASE_URL (and leave LIVEBUILD_QUEUE at auto)."
            )
        return InProcessQueue(
            pipeline,
            repository,
            settings.resolved_concurrency,
            owns_database=is_sqlite(settings.resolved_database_url),
            stall_s=settings.worker_stall_s,
        )
    if settings.resolved_queue == "postgres":
        if is_sqlite(settings.resolved_database_url):
            raise ValueError("LIVEBUILD_QUEUE=postgres needs a PostgreSQL LIVEBUILD_DATABASE_URL.")
        from livebuild.engine.queue.procrastinate import ProcrastinateQueue

        return ProcrastinateQueue(
            pipeline,
            repository,
            engine,
            database_url=settings.resolved_database_url,
            concurrency=settings.resolved_concurrency,
            run_worker=run_worker,
            stall_s=settings.worker_stall_s,
        )
    raise ValueError(f"Unknown queue {settings.queue!r}; choose one of {', '.join(QUEUE_NAMES)}.")


__all__ = ["QUEUE_NAMES", "BuildQueue", "create_queue"]
