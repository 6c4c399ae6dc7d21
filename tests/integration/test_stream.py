"""The SSE stream over a real server: replay, live follow, resume, heartbeats, closing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from livebuild.core.stages import Stage
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import API_HEADERS, make_settings, start_build, stream_all
from tests.fakes import GatedRunner


async def test_stream_matches_history_and_closes_after_the_terminal_event(
    live: httpx.AsyncClient,
) -> None:
    build = await start_build(live)
    async with live.stream("GET", f"/api/jobs/{build['job_id']}/events/stream") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = (await response.aread()).decode()
    frames = [f for f in raw.split("\n\n") if "data: " in f]
    events = [json.loads(f.split("data: ", 1)[1]) for f in frames]
    for frame, event in zip(frames, events, strict=True):
        assert f"id: {event['id']}\n" in frame and f"event: {event['type']}\n" in frame
    assert events[-1]["type"] == "build.completed"
    history = (await live.get(f"/api/jobs/{build['job_id']}/events")).json()["events"]
    assert events == history


async def test_reconnecting_with_last_event_id_loses_and_repeats_nothing(
    live: httpx.AsyncClient,
) -> None:
    build = await start_build(live)
    job_id = build["job_id"]
    seen: list[dict[str, object]] = []
    async with live.stream("GET", f"/api/jobs/{job_id}/events/stream") as response:
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
                if len(seen) == 3:
                    break  # drop the connection mid-build
    rest = await stream_all(live, job_id, headers={"Last-Event-ID": str(seen[-1]["id"])})
    combined = seen + rest
    history = (await live.get(f"/api/jobs/{job_id}/events")).json()["events"]
    assert combined == history
    by_query = await stream_all(live, job_id, headers={})
    assert by_query == history
    after_end = await stream_all(live, job_id, headers={"Last-Event-ID": str(history[-1]["id"])})
    assert after_end == []


@pytest.fixture
async def gated(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, GatedRunner]]:
    runner = GatedRunner(Stage.CODE)
    settings = make_settings(tmp_path, heartbeat_s=0.2)
    async with (
        BackgroundServer(create_app(settings, runner=runner), "127.0.0.1", settings.port),
        httpx.AsyncClient(base_url=settings.base_url, timeout=30, headers=API_HEADERS) as client,
    ):
        yield client, runner
        runner.gate.set()


async def test_idle_streams_get_heartbeats_then_the_rest(
    gated: tuple[httpx.AsyncClient, GatedRunner],
) -> None:
    client, runner = gated
    build = await start_build(client)
    await runner.reached.wait()
    lines: list[str] = []
    async with client.stream(
        "GET", f"/api/jobs/{build['job_id']}/events/stream", params={"after": 1}
    ) as response:
        async for line in response.aiter_lines():
            lines.append(line)
            if line == ": heartbeat" and not runner.gate.is_set():
                runner.gate.set()
    ids = [json.loads(line[6:])["id"] for line in lines if line.startswith("data: ")]
    assert ids[0] == 2 and ids == list(range(2, ids[-1] + 1))
    assert ": heartbeat" in lines
    assert (
        json.loads(next(ln for ln in reversed(lines) if ln.startswith("data: "))[6:])["type"]
        == "build.completed"
    )


async def test_page_refresh_mid_build_rebuilds_the_full_history(
    gated: tuple[httpx.AsyncClient, GatedRunner],
) -> None:
    client, runner = gated
    build = await start_build(client)
    await runner.reached.wait()
    mid = (await client.get(f"/api/jobs/{build['job_id']}/events")).json()["events"]
    # The guide is written beside the build, so its sections may land at any point.
    last_stage = [e for e in mid if e["type"].startswith("build.stage.")][-1]
    assert (last_stage["type"], last_stage["stage"]) == ("build.stage.started", "code")
    status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
    assert status["status"] == "code" and status["agent_role"] == "Coder"
    runner.gate.set()
    full = await stream_all(client, build["job_id"])
    assert full[: len(mid)] == mid
