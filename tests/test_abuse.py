"""Hostile input over real HTTP: secrets pasted by mistake, texts shaped to be slow, bad strings."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import make_settings, start_build, stream_all, wait_done

ANTHROPIC = "sk-ant-api03-Q7wErTy8uIoP1aSdFgH2jKlZ3xCvBnM4"
AWS = "AKIAIOSFODNN7EXAMPLE"
PASSWORD = "Tr0ub4dor-and-3"
LEAKS = (ANTHROPIC[10:], AWS, PASSWORD)


async def test_a_change_request_with_secrets_reaches_no_surface(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client)
    await wait_done(client, first["job_id"])
    change = f"Add reviews. My key is {ANTHROPIC}, aws {AWS} and password={PASSWORD}"
    second = await client.post(
        f"/api/projects/{first['project_id']}/builds", json={"change_request": change}
    )
    assert second.status_code == 202, second.text
    job_id = second.json()["job_id"]
    events = await stream_all(client, job_id)
    surfaces = [
        str(events),
        (await client.get(f"/api/jobs/{job_id}")).text,
        (await client.get(f"/api/jobs/{job_id}/events")).text,
        (await client.get(f"/api/jobs/{job_id}/docs")).text,
        (await client.get(f"/api/jobs/{job_id}/docs.md")).text,
        (await client.get(f"/api/jobs/{job_id}/logs")).text,
        (await client.get(f"/api/projects/{first['project_id']}")).text,
    ]
    docs = (await client.get(f"/api/jobs/{job_id}/docs")).json()
    assert docs["changelog"] and "Add reviews" in docs["changelog"]
    for text in surfaces:
        for leak in LEAKS:
            assert leak not in text


async def test_an_idea_and_name_with_secrets_are_stored_redacted(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.post(
        "/api/projects",
        json={"idea": f"A recipe box. Use {ANTHROPIC} for the AI bit", "name": f"Box {AWS}"},
    )
    assert answer.status_code == 201
    for leak in LEAKS:
        assert leak not in answer.text
    listed = await client.get("/api/projects")
    assert ANTHROPIC[10:] not in listed.text and AWS not in listed.text


async def test_slow_shaped_ideas_do_not_hold_up_other_requests(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    app = create_app(settings)
    ideas = ["a-" * 10000, "token-" * 3333, "a" * 20000, "x=" * 10000]
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        httpx.AsyncClient(base_url=settings.base_url, timeout=120) as client,
    ):
        creating = [
            asyncio.create_task(client.post("/api/projects", json={"idea": idea})) for idea in ideas
        ]
        slowest = 0.0
        while not all(task.done() for task in creating):
            started = time.perf_counter()
            assert (await client.get("/api/projects")).status_code == 200
            slowest = max(slowest, time.perf_counter() - started)
            await asyncio.sleep(0.05)
        answers = await asyncio.gather(*creating)
    assert [a.status_code for a in answers] == [201] * len(ideas)
    assert slowest < 2.0


async def test_lone_surrogates_are_a_clear_422(client: httpx.AsyncClient) -> None:
    body = '{"idea": "A shop for \\ud800 socks"}'
    headers = {"content-type": "application/json"}
    idea = await client.post("/api/projects", content=body, headers=headers)
    assert idea.status_code == 422 and "character" in idea.json()["detail"]
    named = await client.post(
        "/api/projects", content='{"idea": "A sock shop", "name": "S\\udfffocks"}', headers=headers
    )
    assert named.status_code == 422
    project = (await client.post("/api/projects", json={"idea": "A sock shop"})).json()
    change = await client.post(
        f"/api/projects/{project['id']}/builds",
        content='{"change_request": "Add \\ud83d colours"}',
        headers=headers,
    )
    assert change.status_code == 422 and "character" in change.json()["detail"]
