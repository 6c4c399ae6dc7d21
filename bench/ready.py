"""Idea to `ready` with the offline runner, screenshots and documentation off."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from livebuild.settings import Settings
from livebuild.web.app import create_app

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

IDEAS = [
    "A booking app for independent dog walkers",
    "A recipe box for busy parents",
    "Invoices and expenses for freelance designers",
    "A volunteer rota for a community garden",
    "Ticket triage for a small support team",
    "A reading tracker for book clubs",
    "Class schedules for a yoga studio",
]


async def _measure(data_dir: Path) -> list[float]:
    settings = Settings(
        data_dir=data_dir, allowed_hosts="bench", screenshots_enabled=False, docs_enabled=False
    )
    app = create_app(settings)
    timings = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS
        ) as client:
            for idea in IDEAS:
                started = time.perf_counter()
                project = (await client.post("/api/projects", json={"idea": idea})).json()
                job = (await client.post(f"/api/projects/{project['id']}/builds")).json()
                async with client.stream(
                    "GET", f"/api/jobs/{job['job_id']}/events/stream"
                ) as response:
                    body = (await response.aread()).decode()
                timings.append(time.perf_counter() - started)
                assert "build.completed" in body, body[-500:]
    return timings


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        timings = asyncio.run(_measure(Path(data_dir)))
    return {
        "builds": len(timings),
        "median_s": statistics.median(timings),
        "min_s": min(timings),
        "max_s": max(timings),
    }
