"""A build's own work never keeps the status API waiting: writing an app is CPU the event
loop doesn't spend, so every other founder's status page answers while it happens (in the
burst of 30 builds, its steps held the loop for up to 280 ms each)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from livebuild.engine.runners import offline
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, wait_done


async def test_the_status_api_answers_while_an_app_is_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendering, answered = threading.Event(), threading.Event()
    waited_out: list[bool] = []
    real = offline.app_files  # type: ignore[attr-defined]

    def app_files(*args: Any) -> dict[str, str]:
        # The real rendering, held until a status request was answered meanwhile (or ten
        # seconds, which only a blocked event loop would need).
        rendering.set()
        waited_out.append(not answered.wait(10))
        return real(*args)

    monkeypatch.setattr(offline, "app_files", app_files)
    async for client in _client_for(create_app(make_settings(tmp_path))):
        build = await start_build(client)
        assert await asyncio.to_thread(rendering.wait, 10)
        status = await asyncio.wait_for(client.get(f"/api/jobs/{build['job_id']}"), 5)
        assert status.status_code == 200 and status.json()["status"] == "scaffold"
        answered.set()
        job = await wait_done(client, build["job_id"])
        assert job["status"] == "ready"
    assert waited_out and not any(waited_out)
