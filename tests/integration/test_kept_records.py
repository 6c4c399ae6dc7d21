"""A founder never loses a record, even with the disk their app ran on.

Each ready version's records are kept in the private area when it becomes ready, when its
app stops and when it is superseded. One machine (SQLite, the offline runner, the real app
over in-process HTTP); "losing the disk" removes the version's data folder as a lost
worker would. Which copy wins: the live app's records over an older kept copy; a restore
starts from the records of the moment, never from the restored version's old copy.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import tarfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from livebuild.engine.carry import IMAGE, holds_data
from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, start_build, wait_done

IDEA = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."


@dataclass
class Machine:
    client: httpx.AsyncClient
    services: Services
    settings: Settings

    async def build(self, project_id: str, body: dict[str, str]) -> dict[str, Any]:
        answer = await self.client.post(f"/api/projects/{project_id}/builds", json=body)
        assert answer.status_code == 202, answer.text
        job = await wait_done(self.client, answer.json()["job_id"])
        assert job["status"] == "ready", job["error"]
        return job

    async def first(self) -> dict[str, Any]:
        started = await start_build(self.client, IDEA)
        job = await wait_done(self.client, started["job_id"])
        assert job["status"] == "ready", job["error"]
        return job

    async def add(self, job: dict[str, Any], name: str) -> None:
        saved = await self.client.post(
            job["preview_url"] + "beds", data={"bed": name, "status": ""}
        )
        assert saved.status_code == 303, saved.text[-300:]

    async def beds(self, project_id: str) -> str:
        hop = await self.client.get(f"/app/{project_id}/beds")
        assert hop.status_code == 307, hop.text
        page = await self.client.get(hop.headers["location"])
        assert page.status_code == 200, page.text[-300:]
        return page.text

    async def sleep(self, job: dict[str, Any]) -> None:
        """The app goes to sleep as after its idle timer; its records are kept aside."""
        await self.services.previews.stop(job["job_id"])
        assert await self.kept(job) is not None

    async def kept(self, job: dict[str, Any]) -> float | None:
        return await self.services.carrier.kept_at(
            await self.services.repository.get_job(job["job_id"])
        )

    def lose_disk(self, job: dict[str, Any]) -> None:
        """The machine that kept the version's records is gone, and its disk with it."""
        folder = self.settings.workspaces_dir / job["job_id"]
        shutil.rmtree(folder / "data", ignore_errors=True)
        # Where the sandbox gives the app a disk of its own, that disk too.
        (folder / IMAGE).unlink(missing_ok=True)
        assert not holds_data(folder, None)


@pytest.fixture
async def machine(sqlite_settings: Settings) -> AsyncIterator[Machine]:
    app = create_app(sqlite_settings)
    async for client in _client_for(app):
        yield Machine(client, app.state.services, sqlite_settings)


async def test_a_version_lost_with_its_disk_comes_back_from_its_kept_copy(machine: Machine) -> None:
    v1 = await machine.first()
    await machine.add(v1, "Greenfield HOA")
    await machine.sleep(v1)
    machine.lose_disk(v1)
    answer = await machine.client.post(
        f"/api/projects/{v1['project_id']}/builds",
        json={"change_request": "add a supplier to beds"},
    )
    told = (await machine.client.get(f"/api/jobs/{answer.json()['job_id']}")).json()
    # Said before it runs: the copy is used, and anything newer can't be.
    assert any(
        "starts from the copy of them kept" in line for line in told["change_result"]["made"]
    )
    assert (await wait_done(machine.client, answer.json()["job_id"]))["status"] == "ready"
    assert "Greenfield HOA" in await machine.beds(v1["project_id"])


async def test_a_sleeping_app_woken_without_its_disk_brings_its_records_back(
    machine: Machine,
) -> None:
    v1 = await machine.first()
    await machine.add(v1, "Greenfield HOA")
    await machine.sleep(v1)
    machine.lose_disk(v1)
    # Opened at its stable address, it wakes with its records, not a fresh set of samples.
    assert "Greenfield HOA" in await machine.beds(v1["project_id"])


async def test_the_live_apps_records_win_over_an_older_kept_copy(machine: Machine) -> None:
    v1 = await machine.first()
    await machine.add(v1, "Greenfield HOA")
    await machine.sleep(v1)
    kept = await machine.kept(v1)
    # Woken again, the app takes a record the kept copy doesn't have.
    assert "Greenfield HOA" in await machine.beds(v1["project_id"])
    await machine.add(v1, "Herb spiral")
    await machine.build(v1["project_id"], {"change_request": "add a supplier to beds"})
    beds = await machine.beds(v1["project_id"])
    assert "Greenfield HOA" in beds and "Herb spiral" in beds
    # And the superseded version's copy caught up with its last records.
    await machine.services.carrier.drain()
    newer = await machine.kept(v1)
    assert kept is not None and newer is not None and newer > kept


async def test_a_restore_starts_from_the_records_of_the_moment_not_an_old_copy(
    machine: Machine,
) -> None:
    v1 = await machine.first()
    project_id = v1["project_id"]
    await machine.add(v1, "Greenfield HOA")
    await machine.sleep(v1)  # v0.1's copy: Greenfield HOA only
    v2 = await machine.build(project_id, {"change_request": "add a supplier to beds"})
    await machine.add(v2, "Herb spiral")
    await machine.sleep(v2)
    machine.lose_disk(v2)
    machine.lose_disk(v1)
    v3 = await machine.build(project_id, {"restore": "v0.1"})
    assert v3["restored_from"] == "v0.1"
    beds = await machine.beds(project_id)
    assert "Greenfield HOA" in beds and "Herb spiral" in beds


async def test_one_projects_build_never_gets_another_projects_kept_records(
    machine: Machine,
) -> None:
    a = await machine.first()
    await machine.add(a, "Greenfield HOA")
    await machine.sleep(a)
    b = await machine.first()
    assert "Greenfield HOA" not in await machine.beds(b["project_id"])
    await machine.sleep(b)
    machine.lose_disk(b)
    await machine.build(b["project_id"], {"change_request": "add a supplier to beds"})
    assert "Greenfield HOA" not in await machine.beds(b["project_id"])
    # B's build asks for B's copy alone: A's is where it was, under A's project.
    area = machine.settings.data_dir / "private" / "records"
    assert {p.name for p in area.iterdir()} == {a["project_id"], b["project_id"]}
    assert [p.name for p in (area / a["project_id"]).iterdir()] == [f"{a['job_id']}.tar"]


async def test_a_running_apps_new_records_are_copied_every_so_often(
    sqlite_settings: Settings,
) -> None:
    settings = sqlite_settings.model_copy(update={"records_copy_s": 0.2})
    app = create_app(settings)
    async for client in _client_for(app):
        machine = Machine(client, app.state.services, settings)
        v1 = await machine.first()
        await machine.services.carrier.drain()
        at_ready = await machine.kept(v1)
        assert at_ready is not None
        await machine.add(v1, "Greenfield HOA")
        # Without the app stopping or a new version: the copy catches up by itself. (A newer
        # copy alone isn't enough: one made of the app's own start-up writes can land first.)
        kept = settings.data_dir / "private" / "records" / v1["project_id"]
        deadline = time.monotonic() + 20
        while (await machine.kept(v1) or 0) <= at_ready or not any(
            b"Greenfield HOA" in copy.read_bytes() for copy in kept.glob(f"{v1['job_id']}*")
        ):
            assert time.monotonic() < deadline, "the running app's records were not copied"
            await asyncio.sleep(0.1)
        # The machine is lost with the app running: what was copied is what comes back.
        machine.services.previews.after_stop = None
        await machine.services.previews.stop(v1["job_id"])
        machine.lose_disk(v1)
        assert "Greenfield HOA" in await machine.beds(v1["project_id"])


@pytest.mark.parametrize("hostile", ["link", "climbing", "oversized"])
async def test_a_tampered_kept_copy_is_refused_whole(machine: Machine, hostile: str) -> None:
    v1 = await machine.first()
    await machine.add(v1, "Greenfield HOA")
    await machine.sleep(v1)
    machine.lose_disk(v1)
    kept = machine.settings.data_dir / "private" / "records" / v1["project_id"]
    copy = kept / f"{v1['job_id']}.tar"
    outside = machine.settings.data_dir / "planted.txt"
    with tarfile.open(copy, "w") as archive:
        if hostile == "link":
            member = tarfile.TarInfo("app.sqlite3")
            member.type = tarfile.SYMTYPE
            member.linkname = str(machine.settings.data_dir / "livebuild.store.db")
            archive.addfile(member)
        else:
            name = "../../../planted.txt" if hostile == "climbing" else "app.sqlite3"
            size = 10 if hostile == "climbing" else machine.settings.sandbox_disk_mb * 2**20 + 1
            member = tarfile.TarInfo(name)
            member.size = size
            archive.addfile(member, io.BytesIO(b"x" * size))
    v2 = await machine.build(v1["project_id"], {"change_request": "add a supplier to beds"})
    # The change is still made, from none of the tampered copy.
    assert v2["status"] == "ready"
    assert not outside.exists()
    data = machine.settings.workspaces_dir / v2["job_id"] / "data"
    assert not (data / "app.sqlite3").is_symlink()
    assert "Greenfield HOA" not in await machine.beds(v1["project_id"])
