"""The build queues: one behaviour suite, run against each backend."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, create_database, make_settings, stream_all, wait_done


@pytest.fixture(params=["inprocess", "postgres"])
async def queue_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "inprocess":
        return make_settings(tmp_path)
    return make_settings(
        tmp_path,
        database_url=await create_database(request.getfixturevalue("postgres_base")),
        queue="postgres",
        worker_stall_s=3.0,
    )


@pytest.fixture
async def app(queue_settings: Settings) -> FastAPI:
    return create_app(queue_settings)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client_for(app):
        yield c


def _services(app: FastAPI) -> Services:
    services: Services = app.state.services
    return services


async def test_a_build_runs_to_ready(client: httpx.AsyncClient) -> None:
    project = (await client.post("/api/projects", json={"idea": IDEA})).json()
    build = await client.post(f"/api/projects/{project['id']}/builds")
    assert build.status_code == 202
    status = await wait_done(client, build.json()["job_id"])
    assert status["status"] == "ready"


async def test_two_starts_at_once_give_one_build(client: httpx.AsyncClient) -> None:
    project = (await client.post("/api/projects", json={"idea": IDEA})).json()
    answers = await asyncio.gather(
        *(client.post(f"/api/projects/{project['id']}/builds") for _ in range(2))
    )
    assert sorted(a.status_code for a in answers) == [202, 409]
    started = next(a for a in answers if a.status_code == 202)
    assert (await wait_done(client, started.json()["job_id"]))["status"] == "ready"


async def test_a_job_submitted_again_builds_once(app: FastAPI, client: httpx.AsyncClient) -> None:
    project = (await client.post("/api/projects", json={"idea": IDEA})).json()
    job_id = (await client.post(f"/api/projects/{project['id']}/builds")).json()["job_id"]
    queue = _services(app).queue
    await asyncio.gather(queue.submit(job_id), queue.submit(job_id))
    events = await stream_all(client, job_id)
    await asyncio.sleep(0.5)
    await queue.submit(job_id)
    await asyncio.sleep(1.0)
    types = [e["type"] for e in (await client.get(f"/api/jobs/{job_id}/events")).json()["events"]]
    assert types == [e["type"] for e in events]
    assert types.count("build.completed") == 1 and types[-1] == "build.completed"
