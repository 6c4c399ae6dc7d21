"""A field moved from one record kind to another keeps the values already typed: a real
generated app, version 1 then version 2 over the same data folder, with the carry livebuild
leaves for it (`carry.json`), as a change build does."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from livebuild.appgen import app_files
from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from livebuild.engine.carry import RENAMES, data_notes
from livebuild.engine.carry_renames import renames_between
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, wait_done
from tests.integration.test_appgen import fetch, running_app, write_app

IDEA = "Appointments for a dog grooming salon, with the dogs' owners."
PHONE = "+44 7700 900123"


def grooming(owner_kind: str = "text") -> Brief:
    appointment = Entity(
        "Appointment",
        "Appointments",
        "appointments",
        (
            Field("title", "Title", "text"),
            Field("owner", "Owner", owner_kind, links_to="owners" if owner_kind == "link" else ""),
            Field("phone", "Phone", "phone"),
            Field("on", "Date", "date"),
        ),
        ({"title": "Full groom", "owner": "Sam Lee", "phone": "+1 555 010 0142"},),
    )
    owner = Entity(
        "Owner",
        "Owners",
        "owners",
        (Field("name", "Name", "text"), Field("email", "Email", "email")),
        ({"name": "Sam Lee", "email": "sam@example.com"},),
    )
    return replace(derive_brief(IDEA), entities=(appointment, owner))


def test_a_phone_moved_to_the_owner_keeps_what_was_typed(tmp_path: Path) -> None:
    v1 = grooming()
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(v1, Stage.CHECKS)), data) as base:
        assert fetch(f"{base}/owners", {"name": "Ana Diaz", "email": "ana@example.com"})[0] == 303
        booked = {"title": "Nail trim", "owner": "Ana Diaz", "phone": PHONE, "on": "2026-03-02"}
        assert fetch(f"{base}/appointments", booked)[0] == 303
    changed = apply_change(v1, "the phone number should be on the owner, not the appointment")
    assert changed.made == ["Moved Phone from Appointments to Owners."], changed.unmade
    v2 = changed.brief
    # Said before it runs: the values go with the field.
    notes = data_notes(v1, v2, "v1")
    assert any("go with it" in n and "each owner" in n for n in notes), notes
    (data / RENAMES).write_text(renames_between(v1, v2).as_json(), encoding="utf-8")
    with running_app(write_app(tmp_path / "v2", app_files(v2, Stage.CHECKS)), data) as base:
        owners = fetch(f"{base}/owners")[1]
        ana = re.search(r'href="/owners/(\d+)">Ana Diaz<', owners)
        assert ana is not None, owners
        assert PHONE in fetch(f"{base}/owners/{ana.group(1)}")[1]
        # The appointment no longer shows a phone of its own.
        assert PHONE not in fetch(f"{base}/appointments")[1]
    assert not (data / RENAMES).exists()


def test_a_move_that_cant_carry_its_values_says_so_first() -> None:
    v1 = grooming()
    unlinked = replace(
        v1.entities[0], fields=tuple(f for f in v1.entities[0].fields if f.name != "owner")
    )
    v1 = replace(v1, entities=(unlinked, v1.entities[1]))
    changed = apply_change(v1, "move phone from appointments to owners")
    assert len(changed.made) == 1 and "don't say which of your owners" in changed.made[0]
    assert [f.name for f in changed.brief.entities[1].fields][-1] == "phone"
    assert renames_between(v1, changed.brief).as_json().count("moves") == 0
    assert any("kept aside" in n for n in data_notes(v1, changed.brief, "v1"))


def _plan_patch() -> dict[str, Any]:
    fields = {
        "Appointment": [("Title", "text"), ("Owner", "text"), ("Phone", "phone"), ("Date", "date")],
        "Owner": [("Name", "text"), ("Email", "email")],
    }
    return {
        "entities": [
            {
                "singular": one,
                "plural": one + "s",
                "fields": [
                    {"name": label.lower(), "label": label, "kind": kind, "choices": []}
                    for label, kind in said
                ],
            }
            for one, said in fields.items()
        ]
    }


async def _page(client: httpx.AsyncClient, project_id: str, path: str) -> str:
    hop = await client.get(f"/app/{project_id}/{path}")
    assert hop.status_code == 307, hop.text
    page = await client.get(hop.headers["location"])
    assert page.status_code == 200, page.text[-300:]
    return page.text


async def test_a_moved_fields_values_survive_the_new_version(sqlite_settings: Settings) -> None:
    async for client in _client_for(create_app(sqlite_settings)):
        created = await client.post("/api/projects", json={"idea": IDEA})
        assert created.status_code == 201, created.text
        project = created.json()["id"]
        patched = await client.patch(f"/api/projects/{project}", json={"brief": _plan_patch()})
        assert patched.status_code == 200, patched.text
        first = await client.post(f"/api/projects/{project}/builds")
        v1 = await wait_done(client, first.json()["job_id"])
        assert v1["status"] == "ready", v1["error"]
        for path, form in (
            ("owners", {"name": "Ana Diaz", "email": "ana@example.com"}),
            ("appointments", {"title": "Nail trim", "owner": "Ana Diaz", "phone": PHONE}),
        ):
            saved = await client.post(v1["preview_url"] + path, data=form)
            assert saved.status_code == 303, saved.text[-300:]
        asked = await client.post(
            f"/api/projects/{project}/builds",
            json={"change_request": "the phone number should be on the owner, not the appointment"},
        )
        assert asked.status_code == 202, asked.text
        told = (await client.get(f"/api/jobs/{asked.json()['job_id']}")).json()
        assert any("go with it" in line for line in told["change_result"]["made"]), told
        v2 = await wait_done(client, asked.json()["job_id"])
        assert v2["status"] == "ready", v2["error"]
        owners = await _page(client, project, "owners?q=Ana")
        ana = re.search(r'href="[^"]*/owners/(\d+)">Ana Diaz<', owners)
        assert ana is not None, owners
        assert PHONE in await _page(client, project, f"owners/{ana.group(1)}")
