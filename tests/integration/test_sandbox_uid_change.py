"""An app woken under another uid (its slot held by another sandbox) still opens its records.

A job's sandbox uid is the first free one from its slot; when another sandbox holds that
slot, the app wakes as another uid, and its disk (a file system of its own) must be its."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox._bwrap_setup import _Uids
from livebuild.engine.sandbox._totals import can_mount_images
from tests.conftest import make_settings
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import write_app


async def test_an_app_woken_as_another_uid_keeps_its_records(tmp_path: Path) -> None:
    runtime = bwrap.find_runtime()
    problem = bwrap.self_test()
    if problem is not None or runtime is None or not runtime.privileged:
        pytest.skip(f"no privileged bwrap sandbox: {problem}")
    if not can_mount_images():
        pytest.skip("disk images can't be mounted here")
    settings = make_settings(tmp_path, sandbox_start_timeout_s=30)
    workspace = settings.workspaces_dir / "job-uid" / "app"
    workspace.mkdir(parents=True)
    write_app(workspace, app_files(walkers_and_walks(), Stage.READY))

    async def discard(line: str) -> None:
        pass

    provider = bwrap.BwrapSandboxProvider(settings, runtime)
    box = provider.create("job-uid", workspace, "/preview/job-uid", discard)
    await box.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{box.port}") as client:
            added = await client.post("/walkers", data={"name": "Rosa Founder", "rate": "21"})
            assert added.status_code in (200, 303)
    finally:
        await box.stop()
    other = _Uids(settings.sandbox_uid_base)
    held = other.take("job-uid")  # another sandbox now holds this job's slot
    try:
        await box.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{box.port}") as client:
                listed = await client.get("/walkers")
                assert listed.status_code == 200 and "Rosa Founder" in listed.text
                added = await client.post("/walkers", data={"name": "Sam Second", "rate": "22"})
                assert added.status_code in (200, 303)
                assert "Sam Second" in (await client.get("/walkers")).text
        finally:
            await box.stop()
    finally:
        other.give_back(held)
