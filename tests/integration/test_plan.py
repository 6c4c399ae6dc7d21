"""Correcting the plan before building: PATCH a project's brief over HTTP, on each database,
and the build makes exactly what the corrected plan says."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import httpx

from livebuild.core.stages import Stage
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, wait_done
from tests.fakes import GatedRunner
from tests.unit.test_merge_plan import _entity


async def _project(client: httpx.AsyncClient, idea: str = IDEA) -> dict[str, Any]:
    response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _patch(client: httpx.AsyncClient, project_id: str, body: Any) -> httpx.Response:
    return await client.patch(f"/api/projects/{project_id}", json=body)


def _hikes(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The founder's edit: the first entity becomes Hikes, with a renamed title, a changed
    kind, a field removed and one added."""
    edited = copy.deepcopy(entities)
    first = edited[0]
    old_names = [f["name"] for f in first["fields"]]
    first["singular"] = "Hike"
    del first["plural"], first["slug"]
    first["fields"][0]["label"] = "Trail name"
    first["fields"][1] = {"label": "Difficulty", "kind": "choice", "choices": ["Easy", "Steep"]}
    first["fields"].pop()
    first["fields"].append({"label": "Distance (km)", "kind": "number"})
    assert old_names[-1] not in {f.get("name") for f in first["fields"]}
    return edited


async def test_patch_renames_things_and_keeps_sample_rows_believable(
    client: httpx.AsyncClient,
) -> None:
    project = await _project(client)
    brief = project["brief"]
    removed = brief["entities"][0]["fields"][-1]["name"]

    response = await _patch(
        client,
        project["id"],
        {
            "name": "Trailmate",
            "brief": {"entities": _hikes(brief["entities"]), "features": ["Plan hikes together"]},
        },
    )

    assert response.status_code == 200, response.text
    body = response.json()
    merged = body["brief"]
    assert body["name"] == merged["product_name"] == "Trailmate"
    assert merged["features"] == ["Plan hikes together"]
    # Keys the patch left out stay as they were.
    assert merged["problem"] == brief["problem"] and merged["theme"] == brief["theme"]
    hikes = merged["entities"][0]
    assert (hikes["singular"], hikes["plural"], hikes["slug"]) == ("Hike", "Hikes", "hikes")
    names = [f["name"] for f in hikes["fields"]]
    assert hikes["fields"][0]["label"] == "Trail name"
    assert names[-1] == "distance_km" and hikes["fields"][-1]["kind"] == "number"
    for row in hikes["seed"]:
        assert list(row) == names
        assert float(row["distance_km"]) >= 0
        assert row[names[1]] in ("Easy", "Steep")
        assert removed not in row
    assert merged["entities"][1] == brief["entities"][1]

    again = (await client.get(f"/api/projects/{project['id']}")).json()
    assert again["brief"] == merged and again["name"] == "Trailmate"


async def test_a_new_entity_gets_a_slug_plural_and_sample_rows(client: httpx.AsyncClient) -> None:
    project = await _project(client)
    entities = project["brief"]["entities"]
    first = entities[0]
    added = {
        "singular": "Trail",
        "fields": [
            {"label": "Trail"},
            {"label": first["singular"]},
            {"label": "Length", "kind": "number"},
            {"label": "Opened", "kind": "date"},
            {"label": "Fee", "kind": "money"},
            {"label": "Ranger email", "kind": "email"},
            {"label": "Notes", "kind": "longtext"},
        ],
    }
    response = await _patch(client, project["id"], {"brief": {"entities": [*entities, added]}})

    assert response.status_code == 200, response.text
    trail = response.json()["brief"]["entities"][-1]
    assert (trail["plural"], trail["slug"]) == ("Trails", "trails")
    assert len(trail["seed"]) >= 5
    titles = {row[first["fields"][0]["name"]] for row in first["seed"]}
    for row in trail["seed"]:
        assert all(row.values())
        # A field named after another entity lists that entity's records.
        assert row[trail["fields"][1]["name"]] in titles
        assert "@" in row["ranger_email"] and row["opened"][:4].isdigit()


async def test_names_in_any_language_are_built_as_named_but_cleaned(
    client: httpx.AsyncClient,
) -> None:
    project = await _project(client)
    entities = [
        {
            "singular": "Pflanze\u0007",
            "plural": "Pflanzen",
            "fields": [{"label": "名前"}, {"label": "<b>Größe</b>", "kind": "number"}],
        },
        {"singular": "植物", "fields": [{"label": "key sk-ant-api03-" + "x" * 40}]},
    ]
    response = await _patch(client, project["id"], {"brief": {"entities": entities}})

    assert response.status_code == 200, response.text
    first, second = response.json()["brief"]["entities"]
    assert (first["singular"], first["plural"], first["slug"]) == (
        "Pflanze",
        "Pflanzen",
        "pflanzen",
    )
    assert [f["label"] for f in first["fields"]] == ["名前", "<b>Größe</b>"]
    assert [f["name"] for f in first["fields"]] == ["field_1", "b_grosse_b"]
    assert second["singular"] == second["plural"] == "植物" and second["slug"]
    assert "x" * 40 not in second["fields"][0]["label"]


async def test_a_refused_plan_answers_422_where_and_leaves_the_plan_as_it_was(
    client: httpx.AsyncClient,
) -> None:
    project = await _project(client)
    bad = {"entities": [_entity("Hike", {"label": "Name"}, {"label": "Level", "kind": "choice"})]}

    response = await _patch(client, project["id"], {"brief": bad})

    assert response.status_code == 422, response.text
    assert "choices" in response.json()["detail"]
    assert response.json()["where"] == "brief.entities.0.fields.1.choices"
    unchanged = (await client.get(f"/api/projects/{project['id']}")).json()
    assert unchanged["brief"] == project["brief"]


async def test_patch_of_someone_elses_or_a_missing_project_is_404(
    client: httpx.AsyncClient,
) -> None:
    response = await _patch(client, "no-such-project", {"name": "x"})
    assert response.status_code == 404


async def test_the_plan_is_locked_while_a_build_runs(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    async for client in _client_for(create_app(make_settings(tmp_path), runner=runner)):
        project = await _project(client)
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        await runner.reached.wait()

        response = await _patch(client, project["id"], {"name": "Too late"})

        assert response.status_code == 409
        assert "once the build finishes" in response.json()["detail"]
        runner.gate.set()
        await wait_done(client, build["job_id"])
        after = await _patch(client, project["id"], {"name": "In time"})
        assert after.status_code == 200 and after.json()["name"] == "In time"


async def test_the_build_makes_the_renamed_plan(client: httpx.AsyncClient) -> None:
    project = await _project(client)
    old = project["brief"]["entities"][0]
    patched = await _patch(
        client, project["id"], {"brief": {"entities": _hikes(project["brief"]["entities"])}}
    )
    assert patched.status_code == 200, patched.text

    build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
    status = await wait_done(client, build["job_id"])
    assert status["status"] == "ready", status

    home = await client.get(f"/preview/{build['job_id']}/", follow_redirects=True)
    assert home.status_code == 200
    assert ">Hikes</a>" in home.text
    assert f">{old['plural']}</a>" not in home.text
    form = await client.get(f"/preview/{build['job_id']}/hikes/new", follow_redirects=True)
    assert form.status_code == 200
    for label in ("Trail name", "Difficulty", "Steep", "Distance (km)"):
        assert label in form.text
    gone = await client.get(f"/preview/{build['job_id']}/{old['slug']}", follow_redirects=True)
    assert gone.status_code == 404

    archive = zipfile.ZipFile(
        io.BytesIO((await client.get(f"/api/jobs/{build['job_id']}/app.zip")).content)
    )
    content = next(n for n in archive.namelist() if n.endswith("/content.py"))
    source = archive.read(content).decode()
    assert "'singular': 'Hike'" in source and f"'singular': '{old['singular']}'" not in source
