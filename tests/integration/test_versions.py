"""Versions over HTTP: a change changes the app, a restore brings an old one back."""

from __future__ import annotations

import io
import json
import re
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
    v4_files = await app_files(client, v4["job_id"])
    # The same files; only the renames it ships name the version that last upgrades the data.
    assert json.loads(v4_files.pop("renames.json"))["version"] == 4
    assert v4_files == {k: v for k, v in v1_files.items() if k != "renames.json"}
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
    # One change not read: a way to say it, not "one change per sentence".
    assert "Try saying it like" in message and "per sentence" not in message
    assert answer["change_result"]["made"] == []

    partly = await _next(
        client, first["project_id"], {"change_request": "Call it Plotwise. Add an FAQ page"}
    )
    assert partly["status"] == "ready"
    result = partly["change_result"]
    assert len(result["made"]) == 1 and result["made"][0].endswith(" to Plotwise.")
    assert any("FAQ" in line for line in result["unmade"])
    # The part no app can do says so and the closest thing; no hint on how to phrase it.
    assert result["suggestion"] is None
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


async def _add(client: httpx.AsyncClient, root: str, slug: str, values: dict[str, str]) -> None:
    saved = await client.post(root + slug, data=values)
    assert saved.status_code == 303, saved.text


async def _listing(client: httpx.AsyncClient, job: dict[str, Any], slug: str) -> str:
    answer = await client.get(job["preview_url"] + slug)
    assert answer.status_code == 200, answer.text
    return answer.text


async def test_the_founders_records_survive_changes_and_restores(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    v1 = await wait_done(client, first["job_id"])
    project = (await client.get(f"/api/projects/{project_id}")).json()
    stable = project["app_url"]
    assert stable.endswith(f"/app/{project_id}/")
    opened = await client.get(stable + "beds?q=x")
    assert (
        opened.status_code == 307 and opened.headers["location"] == v1["preview_url"] + "beds?q=x"
    )
    await _add(client, v1["preview_url"], "beds", {"bed": "Greenfield raised bed", "status": ""})
    samples = (await _listing(client, v1, "beds")).count("<tr")

    v2 = await _next(client, project_id, {"change_request": "add a supplier to beds"})
    assert v2["status"] == "ready", v2["error"]
    beds = await _listing(client, v2, "beds")
    # The founder's bed is there, and no second set of samples was added beside it.
    assert "Greenfield raised bed" in beds and beds.count("<tr") == samples
    await _add(
        client, v2["preview_url"], "beds", {"bed": "Herb spiral", "supplier": "Acme", "status": ""}
    )
    moved = await client.get(stable)
    assert moved.headers["location"] == v2["preview_url"]
    # The version before keeps its own records, still viewable.
    assert "Herb spiral" not in await _listing(client, v1, "beds")

    v3 = await _next(client, project_id, {"change_request": "rename beds to plots"})
    assert v3["status"] == "ready", v3["error"]
    plots = await _listing(client, v3, "plots")
    assert "Greenfield raised bed" in plots and "Herb spiral" in plots
    # The download carries the renames, so its files run over v0.1's or v0.2's data too.
    shipped = json.loads((await app_files(client, v3["job_id"]))["renames.json"])
    assert shipped["version"] == 3
    assert [s["version"] for s in shipped["steps"]] == [3]
    assert shipped["steps"][0]["tables"] == [["beds", "plots"]]
    # The title field named after the record kind follows it: a plot's title is "plot".
    await _add(client, v3["preview_url"], "plots", {"plot": "Asparagus row", "status": ""})

    v4 = await _next(client, project_id, {"restore": "v0.1"})
    assert v4["status"] == "ready", v4["error"]
    beds = await _listing(client, v4, "beds")
    for name in ("Greenfield raised bed", "Herb spiral", "Asparagus row"):
        assert name in beds
    # Back to v0.2's plan: the supplier, kept aside meanwhile, shows again.
    v5 = await _next(client, project_id, {"restore": "v0.2"})
    assert v5["status"] == "ready", v5["error"]
    spiral = await client.get(v5["preview_url"] + "beds?q=Herb")
    record = re.search(r'href="/beds/(\d+)"', spiral.text)
    assert record is not None
    assert "Acme" in (await client.get(v5["preview_url"] + f"beds/{record.group(1)}")).text


async def test_the_hosted_apps_records_come_and_go_as_csv(client: httpx.AsyncClient) -> None:
    first = await start_build(client, IDEA)
    project_id = first["project_id"]
    early = await client.get(f"/api/projects/{project_id}/data/beds.csv")
    assert early.status_code in (404, 409)
    v1 = await wait_done(client, first["job_id"])
    sheet = "Bed,Status\nGreenfield raised bed,\nHerb spiral,\n"
    url = f"/api/projects/{project_id}/data/beds.csv"
    imported = await client.post(url, content=sheet, headers={"Content-Type": "text/csv"})
    assert imported.status_code == 200 and imported.json() == {"imported": 2}
    bad = await client.post(url, content="Bed,Status\nOne,\n,\n,Active\nTwo,Nonsense\n")
    assert bad.status_code == 422
    # A blank line is skipped; rows are numbered as the spreadsheet numbers them.
    assert [r["row"] for r in bad.json()["rows"]] == [4, 5] and bad.json()["detail"]
    exported = await client.get(url)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "Greenfield raised bed" in exported.text and "One" not in exported.text
    assert "Herb spiral" in (await _listing(client, v1, "beds"))
    missing = await client.get(f"/api/projects/{project_id}/data/nope.csv")
    assert missing.status_code == 404


async def test_a_whole_spreadsheet_fits_while_other_bodies_stay_small(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client, IDEA)
    await wait_done(client, first["job_id"])
    sheet = "Bed,Status\n" + "".join(
        f"Raised bed number {n:06d} by the shed,\n" for n in range(9000)
    )
    assert len(sheet) > 300_000
    url = f"/api/projects/{first['project_id']}/data/beds.csv"
    answer = await client.post(url, content=sheet, headers={"Content-Type": "text/csv"})
    assert answer.status_code == 200 and answer.json() == {"imported": 9000}
    big = await client.post("/api/projects", json={"idea": "x" * 300_000})
    assert big.status_code == 413


async def test_a_change_says_before_it_runs_what_happens_to_kept_records(
    client: httpx.AsyncClient,
) -> None:
    first = await start_build(client, IDEA)
    await wait_done(client, first["job_id"])
    answer = await client.post(
        f"/api/projects/{first['project_id']}/builds",
        json={"change_request": "remove the notes field from beds"},
    )
    assert answer.status_code == 202
    told = (await client.get(f"/api/jobs/{answer.json()['job_id']}")).json()["change_result"]
    assert (
        "The notes field of your beds is kept aside, not deleted: restoring v0.1 brings it back."
        in told["made"]
    )
    await wait_done(client, answer.json()["job_id"])
