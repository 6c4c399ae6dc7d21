"""The public API of CONTRACT.md, through real HTTP in-process, on every database backend."""

from __future__ import annotations

import asyncio

import httpx

from tests.conftest import IDEA, start_build, stream_all, wait_done
from tests.shared_build import FinishedBuild

STAGES = ["starting", "scaffold", "code", "deps", "checks"]


async def test_create_project_derives_a_brief(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/projects", json={"idea": IDEA, "name": "Pawpath"})
    assert response.status_code == 201
    project = response.json()
    assert project["name"] == "Pawpath"
    assert project["idea"] == IDEA
    assert project["brief"]["product_name"] == "Pawpath"
    assert project["brief"]["features"]
    assert project["created_at"].endswith("Z")


async def test_a_build_runs_every_stage_and_the_app_really_runs(
    finished_build: FinishedBuild, finished_client: httpx.AsyncClient
) -> None:
    client, build = finished_client, finished_build.build
    assert build["status"] == "queued" and build["version"] == "v0.1"
    assert build["build_url"].endswith(
        f"/projects/{build['project_id']}/build?job_id={build['job_id']}"
    )

    events = await stream_all(client, build["job_id"])
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    started = [e for e in events if e["type"] == "build.stage.started"]
    completed = [e for e in events if e["type"] == "build.stage.completed"]
    assert [e["stage"] for e in started] == STAGES
    assert [e["stage"] for e in completed] == STAGES
    for event in started:
        assert event["label"] and event["label"] != event["stage"]
        assert event["narration"].startswith("We")
        assert event["agent_role"] and event["estimate_s"] >= 0
    assert all(e["tokens"] > 0 for e in completed if e["stage"] != "starting")
    assert all(e["duration_s"] >= 0 for e in completed)
    final = events[-1]
    assert final["type"] == "build.completed" and final["version"] == "v0.1"

    status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
    assert status["status"] == "ready"
    assert status["error"] is None and status["finished_at"] and status["elapsed_s"] > 0
    assert ".localhost:" in status["preview_url"] and "/preview/" not in status["preview_url"]

    # The old preview path leads to the preview's own origin, which serves the app.
    page = await client.get(f"/preview/{build['job_id']}/", follow_redirects=True)
    assert page.status_code == 200
    project = (await client.get(f"/api/projects/{build['project_id']}")).json()
    assert project["name"] in page.text and 'data-ready="true"' in page.text

    history = (await client.get(f"/api/jobs/{build['job_id']}/events")).json()["events"]
    assert history == events
    tail = (await client.get(f"/api/jobs/{build['job_id']}/events?after=3")).json()["events"]
    assert [e["id"] for e in tail] == [e["id"] for e in events[3:]]


async def test_narration_names_the_product(
    finished_build: FinishedBuild, finished_client: httpx.AsyncClient
) -> None:
    # The shared build's project was created with the name Pawpath.
    events = await stream_all(finished_client, finished_build.build["job_id"])
    narrations = [e["narration"] for e in events if e["type"] == "build.stage.started"]
    assert any("Pawpath" in n for n in narrations)
    assert len(set(narrations)) == len(narrations)


async def test_one_active_build_per_project_and_versions_count_up(
    client: httpx.AsyncClient,
) -> None:
    project = (await client.post("/api/projects", json={"idea": IDEA})).json()
    first = await client.post(f"/api/projects/{project['id']}/builds")
    second = await client.post(f"/api/projects/{project['id']}/builds")
    assert first.status_code == 202
    assert second.status_code == 409
    assert "already being built" in second.json()["detail"]
    await wait_done(client, first.json()["job_id"])
    third = await client.post(
        f"/api/projects/{project['id']}/builds", json={"change_request": "Add a dark mode"}
    )
    assert third.status_code == 202 and third.json()["version"] == "v0.2"
    await wait_done(client, third.json()["job_id"])
    detail = (await client.get(f"/api/projects/{project['id']}")).json()
    assert [b["version"] for b in detail["builds"]] == ["v0.1", "v0.2"]
    assert detail["builds"][1]["change_request"] == "Add a dark mode"


async def test_racing_build_requests_start_exactly_one(client: httpx.AsyncClient) -> None:
    project = (await client.post("/api/projects", json={"idea": IDEA})).json()
    answers = await asyncio.gather(
        *(client.post(f"/api/projects/{project['id']}/builds") for _ in range(5))
    )
    codes = sorted(a.status_code for a in answers)
    assert codes == [202, 409, 409, 409, 409]
    winner = next(a for a in answers if a.status_code == 202)
    await wait_done(client, winner.json()["job_id"])


async def test_estimates_come_from_history(client: httpx.AsyncClient) -> None:
    first = await start_build(client)
    events = await stream_all(client, first["job_id"])
    durations = {
        e["stage"]: e["duration_s"] for e in events if e["type"] == "build.stage.completed"
    }
    second = await start_build(client, IDEA + " With reviews.")
    later = await stream_all(client, second["job_id"])
    estimates = {e["stage"]: e["estimate_s"] for e in later if e["type"] == "build.stage.started"}
    assert estimates["code"] == round(durations["code"], 2)


async def test_logs_are_technical_and_redacted(
    finished_build: FinishedBuild, finished_client: httpx.AsyncClient
) -> None:
    job_id = finished_build.build["job_id"]
    lines = (await finished_client.get(f"/api/jobs/{job_id}/logs")).json()["lines"]
    text = "\n".join(lines)
    assert "[scaffold] started" in text and "smoke tests passed" in text
    assert str(finished_build.settings.data_dir) not in text


async def test_bad_input_gets_clear_4xx(client: httpx.AsyncClient) -> None:
    empty = await client.post("/api/projects", json={"idea": "   "})
    assert empty.status_code == 422 and "can't be empty" in empty.json()["detail"]
    long = await client.post("/api/projects", json={"idea": "x" * 20_001})
    assert long.status_code == 422 and "20,000" in long.json()["detail"]
    exact_idea = ("Track my houseplants and when I water them. " * 500)[:20_000]
    exact = await client.post("/api/projects", json={"idea": exact_idea})
    assert exact.status_code == 201
    malformed = await client.post(
        "/api/projects", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 422 and "JSON" in malformed.json()["detail"]
    not_object = await client.post("/api/projects", json=["idea"])
    assert not_object.status_code == 422
    missing = await client.post("/api/projects", json={})
    assert missing.status_code == 422 and "idea" in missing.json()["detail"]
    wrong_type = await client.post("/api/projects", json={"idea": 42})
    assert wrong_type.status_code == 422
    huge = await client.post("/api/projects", content=b"x" * 300_000)
    assert huge.status_code == 413 and "too large" in huge.json()["detail"]
    for path in (
        "/api/jobs/nope",
        "/api/projects/nope",
        "/api/jobs/nope/events",
        "/api/jobs/nope/events/stream",
        "/api/jobs/nope/logs",
        "/no/such/page",
    ):
        answer = await client.get(path)
        assert answer.status_code == 404, path
        assert "Traceback" not in answer.text and "detail" in answer.json()
    unknown_build = await client.post("/api/projects/nope/builds")
    assert unknown_build.status_code == 404
    bad_after = await client.get("/api/jobs/nope/events?after=-1")
    assert bad_after.status_code in (404, 422)


async def test_malformed_last_event_id_is_a_400(
    finished_build: FinishedBuild, finished_client: httpx.AsyncClient
) -> None:
    answer = await finished_client.get(
        f"/api/jobs/{finished_build.build['job_id']}/events/stream",
        headers={"Last-Event-ID": "abc"},
    )
    assert answer.status_code == 400 and "Last-Event-ID" in answer.json()["detail"]


async def test_openapi_lives_under_api(client: httpx.AsyncClient) -> None:
    spec = await client.get("/api/openapi.json")
    assert spec.status_code == 200 and "/api/projects" in spec.json()["paths"]
    assert (await client.get("/api/docs")).status_code == 200
    assert (await client.get("/docs")).status_code == 404


async def test_builds_of_different_projects_run_side_by_side(client: httpx.AsyncClient) -> None:
    ideas = [IDEA, "A recipe box for busy parents", "Invoices for freelance designers"]
    builds = [await start_build(client, idea) for idea in ideas]
    results = await asyncio.gather(*(wait_done(client, b["job_id"]) for b in builds))
    assert [r["status"] for r in results] == ["ready"] * 3
    names = set()
    for build in builds:
        page = await client.get(f"/preview/{build['job_id']}/", follow_redirects=True)
        name = (await client.get(f"/api/projects/{build['project_id']}")).json()["name"]
        assert page.status_code == 200 and name in page.text
        names.add(name)
    assert len(names) == 3


async def test_pages_refuse_a_build_of_another_project(client: httpx.AsyncClient) -> None:
    first = await start_build(client)
    second = await start_build(client, "A recipe box for busy parents")
    await asyncio.gather(wait_done(client, first["job_id"]), wait_done(client, second["job_id"]))
    for page in ("build", "deploy"):
        own = await client.get(f"/projects/{first['project_id']}/{page}?job_id={first['job_id']}")
        assert own.status_code == 200, page
        crossed = await client.get(
            f"/projects/{first['project_id']}/{page}?job_id={second['job_id']}"
        )
        missing = await client.get(f"/projects/{first['project_id']}/{page}?job_id={'0' * 32}")
        assert crossed.status_code == 404, page
        assert crossed.text == missing.text


async def test_what_the_app_prints_as_it_starts_reaches_the_builds_log(
    finished_build: FinishedBuild, finished_client: httpx.AsyncClient
) -> None:
    """The app's own lines (kept for the end of each stage's write) are all in the log, each
    start's before the build's last word."""
    job_id = finished_build.build["job_id"]
    stamped = (await finished_client.get(f"/api/jobs/{job_id}/logs")).json()["lines"]
    lines = [line.partition(" ")[2] for line in stamped]
    serving = [i for i, line in enumerate(lines) if line.startswith("Serving on http")]
    answering = [line for line in lines if line.startswith("app answering on port")]
    assert len(serving) == len(answering) >= 4
    assert max(serving) < next(i for i, line in enumerate(lines) if line.startswith("build ready"))
