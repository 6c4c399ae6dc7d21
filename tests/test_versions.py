"""Versions over HTTP: a change changes the app, a restore brings an old one back."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import httpx

from tests.conftest import start_build, wait_done

IDEA = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."


async def app_files(client: httpx.AsyncClient, job_id: str) -> dict[str, str]:
    answer = await client.get(f"/api/jobs/{job_id}/app.zip")
    assert answer.status_code == 200, answer.text
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        return {
            name.split("/", 1)[1]: archive.read(name).decode()
            for name in archive.namelist()
            if not name.endswith("/")
        }


async def _next(client: httpx.AsyncClient, project_id: str, body: dict[str, str]) -> dict[str, Any]:
    answer = await client.post(f"/api/projects/{project_id}/builds", json=body)
    assert answer.status_code == 202, answer.text
    return await wait_done(client, answer.json()["job_id"])


async def test_change_change_restore_keeps_every_version(client: httpx.AsyncClient) -> None:
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    v1 = await wait_done(client, first["job_id"])
    assert v1["status"] == "ready" and v1["previous_snapshot_url"] is None
    v1_files = await app_files(client, v1["job_id"])

    v2 = await _next(
        client, project_id, {"change_request": "Add a Tastings page with rating and date"}
    )
    assert v2["status"] == "ready", v2["error"]
    assert v2["change_request"] == "Add a Tastings page with rating and date"
    assert v2["restored_from"] is None
    # While it is made, the change is told as being made, not as done.
    history = (await client.get(f"/api/jobs/{v2['job_id']}/events")).json()["events"]
    told = [e["narration"] for e in history if e["type"] == "build.stage.started"]
    assert "Making your change: adding a Tastings page with rating and date." in told
    # And no stage tells a fresh build's story ("adding a dashboard and search…").
    assert all("change" in line or "v0.1" in line for line in told), told
    v2_files = await app_files(client, v2["job_id"])
    assert "Tastings" in v2_files["content.py"] and "Tastings" not in v1_files["content.py"]
    diff = (await client.get(f"/api/jobs/{v2['job_id']}/diff")).json()
    assert diff["base_version"] == "v0.1"
    assert diff["summary"] == ["Added a Tastings page with rating and date"]
    changed = {f["path"]: f for f in diff["files"]}
    assert changed["content.py"]["status"] == "modified"
    assert "+" in changed["content.py"]["diff"] and "Tastings" in changed["content.py"]["diff"]
    # Only what changed is in the diff: the page modules are the same files as before.
    assert "records.py" not in changed and "app.py" not in changed

    v3 = await _next(client, project_id, {"change_request": "call it Plotwise. Use a dark theme"})
    assert v3["status"] == "ready", v3["error"]
    v3_files = await app_files(client, v3["job_id"])
    assert "Plotwise" in v3_files["content.py"] and "Tastings" in v3_files["content.py"]
    summary = (await client.get(f"/api/jobs/{v3['job_id']}/diff")).json()["summary"]
    assert any("to Plotwise" in line for line in summary)
    assert "Switched to a dark theme" in summary

    v4 = await _next(client, project_id, {"restore": "v0.1"})
    assert v4["status"] == "ready" and v4["restored_from"] == "v0.1"
    assert await app_files(client, v4["job_id"]) == v1_files
    restored = (await client.get(f"/api/jobs/{v4['job_id']}/diff")).json()
    assert restored["base_version"] == "v0.1" and restored["files"] == []
    assert restored["summary"] == ["Brought back v0.1 exactly as it was"]

    listing = (await client.get(f"/api/projects/{project_id}/versions")).json()["versions"]
    assert [v["version"] for v in listing] == ["v0.1", "v0.2", "v0.3", "v0.4"]
    assert all(v["status"] == "ready" for v in listing)
    assert listing[1]["summary"] == ["Added a Tastings page with rating and date"]
    assert listing[3]["restored_from"] == "v0.1"
    assert set(listing[0]) >= {
        "version",
        "job_id",
        "status",
        "change_request",
        "restored_from",
        "summary",
        "snapshot_url",
        "created_at",
    }
    # Rolling back never deleted anything: v0.3 is still downloadable as it was.
    assert await app_files(client, v3["job_id"]) == v3_files

    docs = (await client.get(f"/api/jobs/{v2['job_id']}/docs")).json()
    assert "Added a Tastings page with rating and date" in docs["changelog"]
    assert "Add a Tastings page" not in docs["changelog"]


async def test_a_change_it_cannot_make_is_answered_plainly(client: httpx.AsyncClient) -> None:
    first = await start_build(client, IDEA)
    await wait_done(client, first["job_id"])
    answer = await _next(
        client, first["project_id"], {"change_request": "Make it sparkle like a unicorn"}
    )
    assert answer["status"] == "failed"
    message = answer["error"]["message"]
    assert "couldn't work out how to" in message and "sparkle" in message
    assert "Try one change per sentence" in message
    assert answer["change_result"]["made"] == []

    partly = await _next(
        client, first["project_id"], {"change_request": "Call it Plotwise. Add an FAQ page"}
    )
    assert partly["status"] == "ready"
    result = partly["change_result"]
    assert len(result["made"]) == 1 and result["made"][0].endswith(" to Plotwise.")
    assert any("FAQ" in line for line in result["unmade"]) and result["suggestion"]
    docs = (await client.get(f"/api/jobs/{partly['job_id']}/docs")).json()
    assert "couldn't do" in docs["changelog"] and "FAQ" in docs["changelog"]


async def test_restoring_a_missing_or_unfinished_version_is_refused(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client, IDEA)
    await wait_done(client, first["job_id"])
    project_id = first["project_id"]
    missing = await client.post(f"/api/projects/{project_id}/builds", json={"restore": "v0.9"})
    assert missing.status_code == 404
    nonsense = await client.post(f"/api/projects/{project_id}/builds", json={"restore": "latest"})
    assert nonsense.status_code == 422 and "v0.1" in nonsense.json()["detail"]


async def test_a_change_said_in_everyday_words_is_built(client: httpx.AsyncClient) -> None:
    first = await start_build(client, IDEA)
    await wait_done(client, first["job_id"])
    said = (
        "Harvests should have a weight in kg too, and could we note the plot number for each bed?"
    )
    v2 = await _next(client, first["project_id"], {"change_request": said})
    assert v2["status"] == "ready", v2["error"]
    assert v2["change_result"]["made"] == [
        "Added weight to Harvests.",
        "Added plot number to Beds.",
    ]
    assert v2["change_result"]["unmade"] == [] and v2["change_result"]["suggestions"] == []
    job = v2["job_id"]
    form = await client.get(f"/preview/{job}/harvests/new", follow_redirects=True)
    assert form.status_code == 200 and "Weight" in form.text
    assert 'inputmode="decimal"' in form.text.split("Weight", 1)[1][:300]
    # A plot number is written down, not counted: "A-12" saves.
    beds = await client.get(f"/preview/{job}/beds/new", follow_redirects=True)
    assert "Plot number" in beds.text
    project = (await client.get(f"/api/projects/{first['project_id']}")).json()
    beds_plan = next(e for e in project["brief"]["entities"] if e["slug"] == "beds")
    status = next(f for f in beds_plan["fields"] if f["name"] == "status")
    saved = await client.post(
        f"/preview/{job}/beds",
        data={"bed": "North bed", "status": status["choices"][0], "plot_number": "A-12"},
        follow_redirects=True,
    )
    assert saved.status_code == 200, saved.text[-500:]
    assert "A-12" in saved.text
