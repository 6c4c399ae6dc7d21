"""A livebuild server for the streaming benchmarks, run as its own process.

It is the real app plus two benchmark-only routes: one seeds a long history in
bulk, one appends events at a steady pace through the real event log.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from sqlalchemy import insert, update

from livebuild.core.events import BuildCompleted, StageStarted
from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.store.db.models import EventRow, Job
from livebuild.store.eventlog.base import envelope, utc_timestamp
from livebuild.store.repository import LOCAL_USER_ID
from livebuild.web.app import create_app

_tasks: set[asyncio.Task[None]] = set()


def stage_event(n: int) -> StageStarted:
    return StageStarted(
        stage="code",
        label="Building the main features",
        narration=f"We're building step {n}.",
        agent_role="Coder",
        estimate_s=2.0,
    )


def done_event() -> BuildCompleted:
    return BuildCompleted(
        version="v0.1", elapsed_s=1.0, preview_url=None, snapshot_url=None, tokens=0
    )


def build_app(data_dir: Path) -> FastAPI:
    # The bench server listens on a port of its own choosing, not the settings' port.
    app = create_app(Settings(data_dir=data_dir, allowed_hosts="127.0.0.1"))

    def services(request: Request) -> Services:
        found: Services = request.app.state.services
        return found

    @app.post("/bench/job")
    async def new_job(request: Request) -> dict[str, Any]:
        repo = services(request).repository
        project = await repo.create_project(LOCAL_USER_ID, "Bench", "bench", {})
        # A job row only: the benchmark drives its events itself.
        job = await repo.create_job(project.id, LOCAL_USER_ID, None)
        return {"job_id": job.id}

    @app.post("/bench/seed/{job_id}")
    async def seed(job_id: str, n: int, request: Request) -> dict[str, int]:
        engine = services(request).engine
        rows = []
        for i in range(1, n + 1):
            event = stage_event(i) if i < n else done_event()
            ts = utc_timestamp()
            rows.append(
                {
                    "job_id": job_id,
                    "id": i,
                    "type": event.type.value,
                    "ts": ts,
                    "data": envelope(event, event_id=i, job_id=job_id, ts=ts),
                }
            )
        async with engine.begin() as conn:
            await conn.execute(insert(EventRow), rows)
            await conn.execute(update(Job).where(Job.id == job_id).values(last_event_id=n))
        return {"seeded": n}

    @app.post("/bench/emit/{job_id}")
    async def emit(job_id: str, n: int, interval_ms: int, request: Request) -> dict[str, int]:
        log = services(request).events

        async def pace() -> None:
            for i in range(n):
                await log.append(job_id, stage_event(i))
                await asyncio.sleep(interval_ms / 1000)
            await log.append(job_id, done_event())

        task = asyncio.create_task(pace())
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
        return {"emitting": n}

    return app


if __name__ == "__main__":
    port, data_dir = int(sys.argv[1]), Path(sys.argv[2])
    uvicorn.run(build_app(data_dir), host="127.0.0.1", port=port, log_level="warning", backlog=2048)
