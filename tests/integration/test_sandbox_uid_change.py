"""An app woken under another uid (its slot held by another sandbox) still opens its records.

A job's sandbox uid is the first free one from its slot; when another sandbox holds that
slot, the app wakes as another uid, and its disk (a file system of its own) must be its."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from livebuild.core.stages import Stage
from livebuild.engine.sandbox._bwrap_setup import _Uids
from livebuild.engine.sandbox._totals import can_mount_images
from tests.boxed_app import booking_app, bwrap_provider, discard
from tests.conftest import make_settings


async def test_an_app_woken_as_another_uid_keeps_its_records(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, sandbox_start_timeout_s=30)
    provider = bwrap_provider(settings, privileged=True)
    if not can_mount_images():
        pytest.skip("disk images can't be mounted here")
    workspace = booking_app(settings, "job-uid", Stage.READY)
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
