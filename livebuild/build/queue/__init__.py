"""Build queues: where started builds wait for a worker. Chosen from settings."""

from __future__ import annotations

from livebuild.build.pipeline import BuildPipeline
from livebuild.build.queue.base import BuildQueue
from livebuild.settings import Settings
from livebuild.store.repository import Repository


def create_queue(settings: Settings, pipeline: BuildPipeline, repository: Repository) -> BuildQueue:
    from livebuild.build.queue.inprocess import InProcessQueue
    from livebuild.store.db.engine import is_sqlite

    return InProcessQueue(
        pipeline,
        repository,
        settings.concurrency,
        owns_database=is_sqlite(settings.resolved_database_url),
        stall_s=settings.worker_stall_s,
    )


__all__ = ["BuildQueue", "create_queue"]
