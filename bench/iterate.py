"""Change request → next version ready, offline, against a fresh v0.1 build of the same app."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from livebuild.screenshots.browser import find_chromium
from livebuild.settings import Settings
from livebuild.web.app import create_app

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

IDEA = "A garden planner for allotment growers: beds, plantings and harvests."
ROUNDS = 3


async def _until_done(client: httpx.AsyncClient, job_id: str) -> None:
    async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as response:
        body = (await response.aread()).decode()
    assert "build.completed" in body, body[-500:]


async def _timed(client: httpx.AsyncClient, project_id: str, body: dict[str, Any]) -> float:
    started = time.perf_counter()
    job = (await client.post(f"/api/projects/{project_id}/builds", json=body)).json()
    await _until_done(client, job["job_id"])
    return time.perf_counter() - started


def _blob_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in (data_dir / "blobs" / "sha256").rglob("*") if p.is_file())


async def _measure(data_dir: Path, pictures: bool) -> dict[str, list[float]]:
    # What the founder waits for: the pictures and the guide are part of a version being
    # ready, and "only what changed is re-shot" is half of what this measures.
    settings = Settings(
        data_dir=data_dir, allowed_hosts="bench", screenshots_enabled=pictures, docs_enabled=True
    )
    app = create_app(settings)
    out: dict[str, list[float]] = {"fresh": [], "field": [], "entity": [], "storage": []}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS
        ) as client:
            for _ in range(ROUNDS):
                project = (await client.post("/api/projects", json={"idea": IDEA})).json()
                out["fresh"].append(await _timed(client, project["id"], {}))
                plural = project["brief"]["entities"][0]["plural"]
                before = _blob_bytes(data_dir)
                field = {"change_request": f"add a Supplier field to {plural}"}
                out["field"].append(await _timed(client, project["id"], field))
                out["storage"].append(_blob_bytes(data_dir) - before)
                entity = {"change_request": "add a Tastings page with score and date"}
                out["entity"].append(await _timed(client, project["id"], entity))
    return out


def run() -> dict[str, float]:
    pictures = find_chromium(None) is not None
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        timings = asyncio.run(_measure(Path(data_dir), pictures))
    fresh = statistics.median(timings["fresh"])
    field = statistics.median(timings["field"])
    entity = statistics.median(timings["entity"])
    return {
        "fresh_s": fresh,
        "field_s": field,
        "entity_s": entity,
        "field_ratio": field / fresh,
        "entity_ratio": entity / fresh,
        # Later rounds build the same app again, so their files are already stored:
        # the first round's cost is the real one.
        "storage_bytes": timings["storage"][0],
        "pictures": float(pictures),
    }


if __name__ == "__main__":
    print(run())
