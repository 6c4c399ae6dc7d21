"""The same change asked twice (a double click, a resend, a second tab) makes one version: the
second ask is answered plainly, and no version that changes nothing is made."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from livebuild.core.stages import Stage
from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done
from tests.fakes import GatedRunner


async def _versions(client: httpx.AsyncClient, project_id: str) -> list[str]:
    listed = (await client.get(f"/api/projects/{project_id}/versions")).json()
    rows = listed["versions"] if isinstance(listed, dict) else listed
    return [row["label"] for row in rows]


async def _built_then_gated(client: httpx.AsyncClient, runner: GatedRunner) -> dict[str, Any]:
    """A first version built to its end, with the gate then shut again: the next build waits
    at the runner's stage until the test opens it."""
    first = await start_build(client)
    runner.gate.set()
    await wait_done(client, first["job_id"])
    runner.gate.clear()
    runner.reached.clear()
    return first


async def test_the_same_change_twice_makes_one_version(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    async for client in _client_for(create_app(make_settings(tmp_path), runner=runner)):
        first = await _built_then_gated(client, runner)
        builds = f"/api/projects/{first['project_id']}/builds"
        asked = await client.post(builds, json={"change_request": "use a dark theme"})
        assert asked.status_code == 202
        await runner.reached.wait()
        # While it is being made: the founder is told it is under way, in that version.
        again = await client.post(builds, json={"change_request": "Use a dark theme."})
        assert again.status_code == 409
        assert "v0.2" in again.json()["detail"] and "already" in again.json()["detail"]
        runner.gate.set()
        assert (await wait_done(client, asked.json()["job_id"]))["status"] == "ready"
        # Once made: asking the same again changes nothing, so no empty v0.3 is made.
        late = await client.post(builds, json={"change_request": "use a dark theme"})
        assert late.status_code == 409, late.text
        detail = late.json()["detail"]
        assert "v0.2" in detail and "no new version" in detail
        assert await _versions(client, first["project_id"]) == ["v0.1", "v0.2"]
        # A different change still makes its version, once, however many tabs send it at once
        # (held at its code stage until all five are answered).
        runner.gate.clear()
        runner.reached.clear()
        asks = await asyncio.gather(
            *(
                client.post(builds, json={"change_request": "add a phone number to clients"})
                for _ in range(5)
            )
        )
        runner.gate.set()
        made = [ask for ask in asks if ask.status_code == 202]
        assert len(made) == 1
        for refused in (ask for ask in asks if ask.status_code != 202):
            assert refused.status_code == 409
            assert "v0.3 is already making this change" in refused.json()["detail"]
        await wait_done(client, made[0].json()["job_id"])


async def test_the_same_words_pointed_at_something_else_are_a_new_change(tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    async for client in _client_for(create_app(make_settings(tmp_path), runner=runner)):
        first = await _built_then_gated(client, runner)
        builds = f"/api/projects/{first['project_id']}/builds"
        plan = (await client.get(f"/api/projects/{first['project_id']}")).json()["brief"]
        one, other = ({"page": "list", "entity": e["singular"]} for e in plan["entities"][:2])
        asked = await client.post(
            builds, json={"change_request": "add a birthday field", "target": one}
        )
        assert asked.status_code == 202
        await runner.reached.wait()
        # Aimed at something else while it builds: not "no need to ask again", but wait.
        elsewhere = await client.post(
            builds, json={"change_request": "add a birthday field", "target": other}
        )
        assert elsewhere.status_code == 409
        assert "no need to ask again" not in elsewhere.json()["detail"]
        again = await client.post(
            builds, json={"change_request": "add a birthday field", "target": one}
        )
        assert "v0.2 is already making this change" in again.json()["detail"]
        runner.gate.set()
        assert (await wait_done(client, asked.json()["job_id"]))["status"] == "ready"
        # Once made, the same words aimed at the other thing make the next version.
        later = await client.post(
            builds, json={"change_request": "add a birthday field", "target": other}
        )
        assert later.status_code == 202, later.text
        await wait_done(client, later.json()["job_id"])


class CodeOnly(OfflineRunner):
    """Makes a change in the code alone, as the model runner does ("make the title bigger")."""

    reads_requests = True

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage is Stage.CODE and request.change_request is not None:
            return StageOutput(change_made=["Made the title bigger."])
        return await super().run_stage(request)


async def test_a_change_that_left_the_plan_as_it_was_can_be_asked_again(tmp_path: Path) -> None:
    # A change made in the code alone (the title bigger) may not show, or not be enough: asking
    # again makes the next version, as the contract promises, not a "no new version" answer.
    async for client in _client_for(create_app(make_settings(tmp_path), runner=CodeOnly())):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        builds = f"/api/projects/{first['project_id']}/builds"
        asked = await client.post(builds, json={"change_request": "make the title bigger"})
        assert asked.status_code == 202, asked.text
        done = await wait_done(client, asked.json()["job_id"])
        assert done["change_result"]["made"] == ["Made the title bigger."], done
        again = await client.post(builds, json={"change_request": "make the title bigger"})
        assert again.status_code == 202, again.text
        assert again.json()["version"] == "v0.3"
        await wait_done(client, again.json()["job_id"])


async def test_a_change_the_app_already_has_is_answered_with_no_version(tmp_path: Path) -> None:
    # "walkers should have a notes box" beside Notes changed nothing, yet became a failed
    # "Not made" version (or an empty one): the founder is told the app already does that.
    async for client in _client_for(create_app(make_settings(tmp_path))):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        builds = f"/api/projects/{first['project_id']}/builds"
        said = {
            "walkers should have a notes box": "Notes field on Walkers",
            "add walkers": "already has Walkers",
            "add a client page": "already has Clients",
        }
        for words, there in said.items():
            asked = await client.post(builds, json={"change_request": words})
            assert asked.status_code == 409, (words, asked.text)
            detail = asked.json()["detail"]
            assert detail.startswith("Your app already does that"), detail
            assert "no new version" in detail and "v0.1 is unchanged" in detail
            assert there in detail
        assert await _versions(client, first["project_id"]) == ["v0.1"]
        # What couldn't be read is still a change that wasn't made, offered to say again.
        unread = await client.post(builds, json={"change_request": "make it sparkle"})
        assert unread.status_code == 202
        assert (await wait_done(client, unread.json()["job_id"]))["status"] == "failed"


async def test_a_runner_that_reads_requests_makes_what_the_plan_already_has(
    tmp_path: Path,
) -> None:
    # The model runner reads the whole request itself, not the plan's reading of it, which may
    # be of a part only ("keep the light theme but make the text bigger"): what the plan
    # already has is the runner's to judge, never a 409 before a version exists.
    async for client in _client_for(create_app(make_settings(tmp_path), runner=CodeOnly())):
        first = await start_build(client)
        await wait_done(client, first["job_id"])
        builds = f"/api/projects/{first['project_id']}/builds"
        asked = await client.post(
            builds, json={"change_request": "walkers should have a notes box"}
        )
        assert asked.status_code == 202, asked.text
        done = await wait_done(client, asked.json()["job_id"])
        assert done["status"] == "ready", done
        assert await _versions(client, first["project_id"]) == ["v0.1", "v0.2"]
