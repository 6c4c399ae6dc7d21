"""A project as a place, over real HTTP on every database backend: a draft's idea is
replanned in place, a version is copied into a new project, and deleting a project takes
everything it held with it."""

from __future__ import annotations

import io
import zipfile

import httpx

from livebuild.settings import Settings
from tests.conftest import IDEA, start_build, wait_done

GARDEN = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."


async def test_a_new_idea_replans_the_same_draft(client: httpx.AsyncClient) -> None:
    draft = (await client.post("/api/projects", json={"idea": IDEA})).json()
    again = await client.put(
        f"/api/projects/{draft['id']}/idea", json={"idea": "A recipe box for busy parents"}
    )
    assert again.status_code == 200, again.text
    assert again.json()["id"] == draft["id"] and "recipe" in again.json()["idea"]
    listed = (await client.get("/api/projects")).json()["projects"]
    assert [p["id"] for p in listed] == [draft["id"]]
    empty = await client.put(f"/api/projects/{draft['id']}/idea", json={"idea": "  "})
    assert empty.status_code == 422

    build = (await client.post(f"/api/projects/{draft['id']}/builds")).json()
    await wait_done(client, build["job_id"])
    built = await client.put(f"/api/projects/{draft['id']}/idea", json={"idea": IDEA})
    assert built.status_code == 409 and "change" in built.json()["detail"]


async def test_duplicate_copies_a_versions_plan_files_and_records(
    client: httpx.AsyncClient,
) -> None:
    draft = (await client.post("/api/projects", json={"idea": GARDEN})).json()
    nothing = await client.post(f"/api/projects/{draft['id']}/duplicate", json={})
    assert nothing.status_code == 409 and "build this project first" in nothing.json()["detail"]
    first = (await client.post(f"/api/projects/{draft['id']}/builds")).json()
    await wait_done(client, first["job_id"])
    plan_v1 = (await client.get(f"/api/projects/{draft['id']}")).json()["brief"]
    # The founder's own record, kept by v0.1's app.
    sheet = "Bed,Status\nGreenfield raised bed,\n"
    url = f"/api/projects/{draft['id']}/data/beds.csv"
    assert (await client.post(url, content=sheet)).json() == {"imported": 1}
    change = {"change_request": "Add a supplier to each bed"}
    second = (await client.post(f"/api/projects/{draft['id']}/builds", json=change)).json()
    await wait_done(client, second["job_id"])
    plan_v2 = (await client.get(f"/api/projects/{draft['id']}")).json()["brief"]
    assert plan_v2 != plan_v1

    copy = await client.post(f"/api/projects/{draft['id']}/duplicate", json={"version": "v0.1"})
    assert copy.status_code == 201, copy.text
    body = copy.json()
    assert body["id"] != draft["id"]
    assert body["copied_from"] == {"project_id": draft["id"], "version": "v0.1"}
    assert body["build_url"].endswith(f"/projects/{body['id']}/build?job_id={body['job_id']}")
    built = await wait_done(client, body["job_id"])
    assert built["status"] == "ready", built.get("error")
    project = (await client.get(f"/api/projects/{body['id']}")).json()
    assert project["brief"] == plan_v1 and len(project["builds"]) == 1
    assert project["builds"][0]["version"] == "v0.1"
    # Its files are v0.1's, byte for byte, and its records came along.
    assert await _files(client, body["job_id"]) == await _files(client, first["job_id"])
    records = await client.get(f"/api/projects/{body['id']}/data/beds.csv")
    assert "Greenfield raised bed" in records.text
    versions = (await client.get(f"/api/projects/{body['id']}/versions")).json()["versions"]
    assert versions[0]["copied"] and versions[0]["restored_from"] is None
    assert versions[0]["summary"] == [
        f"Copied from {draft['name']} v0.1, with its files and records."
    ]

    latest = (await client.post(f"/api/projects/{draft['id']}/duplicate")).json()
    assert latest["copied_from"]["version"] == "v0.2"
    await wait_done(client, latest["job_id"])
    for bad in ("v0.9", "nonsense"):
        answer = await client.post(f"/api/projects/{draft['id']}/duplicate", json={"version": bad})
        assert answer.status_code in (404, 422) and answer.json()["detail"]


async def _files(client: httpx.AsyncClient, job_id: str) -> dict[str, bytes]:
    """The app's own files in a version's zip (the README names the version's address)."""
    answer = await client.get(f"/api/jobs/{job_id}/app.zip")
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        return {
            name.split("/", 1)[-1]: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".py", ".css"))
        }


async def test_delete_takes_everything_with_it(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    build = await start_build(client)
    project_id, job = build["project_id"], build["job_id"]
    busy = await client.delete(f"/api/projects/{project_id}")
    assert busy.status_code in (204, 409)
    if busy.status_code == 409:
        assert "being built" in busy.json()["detail"]
        await wait_done(client, job)
        token = (await client.post(f"/api/jobs/{job}/share")).json()["token"]
        edit = await client.put(
            f"/api/jobs/{job}/docs/overview", json={"markdown": "Our own words."}
        )
        assert edit.status_code in (200, 204), edit.text
        manifest_files = list((settings.data_dir / "blobs" / "sha256").rglob("*"))
        assert manifest_files
        gone = await client.delete(f"/api/projects/{project_id}")
        assert gone.status_code == 204
        assert (await client.get(f"/s/{token}")).status_code == 404
    for path in (
        f"/api/projects/{project_id}",
        f"/api/jobs/{job}",
        f"/api/jobs/{job}/docs",
        f"/api/jobs/{job}/shares",
    ):
        assert (await client.get(path)).status_code == 404, path
    assert (await client.get("/api/projects")).json()["projects"] == []
    assert not (settings.workspaces_dir / job).exists()
    assert not [p for p in (settings.data_dir / "blobs").rglob("*") if p.is_file()]
    assert (await client.delete(f"/api/projects/{project_id}")).status_code == 404
