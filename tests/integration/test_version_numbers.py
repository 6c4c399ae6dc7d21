"""Only versions that were made take a number: a change that wasn't made is "Not made"."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import httpx
from sqlalchemy import update

from livebuild.store.db.engine import create_engine
from livebuild.store.db.models import Job
from tests.conftest import start_build, wait_done

IDEA = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."
DECLINED = "Make it sparkle like a unicorn"
REAL = "Add a Tastings page with rating and date"


async def _next(client: httpx.AsyncClient, project_id: str, body: dict[str, str]) -> dict[str, Any]:
    answer = await client.post(f"/api/projects/{project_id}/builds", json=body)
    assert answer.status_code == 202, answer.text
    return await wait_done(client, answer.json()["job_id"])


async def _labels(client: httpx.AsyncClient, project_id: str) -> list[str]:
    listing = (await client.get(f"/api/projects/{project_id}/versions")).json()["versions"]
    return [v["label"] for v in listing]


async def test_declined_changes_use_up_no_version_number(client: httpx.AsyncClient) -> None:
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    await wait_done(client, first["job_id"])
    for _ in range(3):
        declined = await _next(client, project_id, {"change_request": DECLINED})
        assert declined["status"] == "failed" and declined["label"] == "Not made"
        # The build page's status names what the try was tried on, as the versions list does.
        assert declined["tried_on"] == "v0.1"
    v2 = await _next(client, project_id, {"change_request": REAL})
    # The founder sees v0.1 then v0.2, never a jump to v0.5.
    assert (v2["status"], v2["version"], v2["label"]) == ("ready", "v0.2", "v0.2")
    assert await _labels(client, project_id) == ["v0.1", *["Not made"] * 3, "v0.2"]
    # The tries keep the number they were asked under (a string, as the contract has it), and
    # say what they were tried on; their label says they were not made.
    listing = (await client.get(f"/api/projects/{project_id}/versions")).json()["versions"]
    assert [v["version"] for v in listing] == ["v0.1", "v0.2", "v0.2", "v0.2", "v0.2"]
    assert [v["tried_on"] for v in listing] == [None, "v0.1", "v0.1", "v0.1", None]
    said = ("version", "label", "tried_on")
    for entry in listing:
        status = (await client.get(f"/api/jobs/{entry['job_id']}")).json()
        assert [status[key] for key in said] == [entry[key] for key in said]
    # The projects list names the versions that run; the three tries are one line, not three.
    card = (await client.get("/")).text.split(f'data-project="{project_id}"', 1)[1]
    builds = re.findall(r'<span class="chip">([^<]*)</span> <span[^>]*>([^<]*)</span>', card)
    assert builds == [
        ("v0.2", "Ready"),
        ("Not made", "3 changes; the app is as it was"),
        ("v0.1", "Ready"),
    ]

    # Every way of naming v0.2 reaches the version that was made, not a declined try.
    download = await client.get(f"/api/jobs/{v2['job_id']}/app.zip")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        folders = {name.split("/", 1)[0] for name in archive.namelist()}
    assert len(folders) == 1 and folders.pop().endswith("-v0.2")
    copy = await client.post(f"/api/projects/{project_id}/duplicate", json={"version": "v0.2"})
    assert copy.status_code == 201, copy.text
    assert copy.json()["copied_from"]["version"] == "v0.2"
    await wait_done(client, copy.json()["job_id"])
    v3 = await _next(client, project_id, {"restore": "v0.2"})
    assert (v3["status"], v3["version"], v3["restored_from"]) == ("ready", "v0.3", "v0.2")
    diff = (await client.get(f"/api/jobs/{v3['job_id']}/diff")).json()
    assert diff["base_version"] == "v0.2" and diff["files"] == []
    shared = (await client.post(f"/api/jobs/{v2['job_id']}/share")).json()
    page = await client.get(f"/s/{shared['token']}")
    assert "v0.2" in page.text and "v0.5" not in page.text


async def test_a_project_with_gaps_keeps_the_labels_it_showed(
    client: httpx.AsyncClient, database_url: str
) -> None:
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    await wait_done(client, first["job_id"])
    made = await _next(client, project_id, {"change_request": REAL})
    # Numbered before this fix: v0.2 to v0.4 were declined changes, so this one is v0.5.
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(update(Job).where(Job.id == made["job_id"]).values(version=5))
    await engine.dispose()
    await _next(client, project_id, {"change_request": DECLINED})
    after = await _next(client, project_id, {"change_request": "Use a dark theme"})
    assert after["version"] == "v0.6"
    assert await _labels(client, project_id) == ["v0.1", "v0.5", "Not made", "v0.6"]
    assert (await client.get(f"/api/jobs/{made['job_id']}")).json()["version"] == "v0.5"
