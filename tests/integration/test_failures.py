"""Builds that cannot finish end cleanly, and nothing is ever left running forever."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.core.stages import Stage
from livebuild.engine.runners import Runner
from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import IDEA, _client_for, make_settings, start_build, stream_all, wait_done
from tests.fakes import SILENT_APP, CrashingAppRunner, FailingChecksRunner

FORBIDDEN = ("Traceback", "/", "SystemExit", "Error", "python", "app.py")


async def _client(settings: Settings, runner: Runner) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client_for(create_app(settings, runner=runner)):
        yield client


def assert_founder_safe(text: str) -> None:
    for word in FORBIDDEN:
        assert word not in text, f"{word!r} leaked into {text!r}"


async def test_an_app_that_cannot_start_fails_cleanly(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path), CrashingAppRunner()):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "failed"
        error = status["error"]
        assert "couldn't get your app to start" in error["message"]
        assert len(error["debug_id"]) == 12
        assert_founder_safe(error["message"])
        events = (await client.get(f"/api/jobs/{build['job_id']}/events")).json()["events"]
        failed = events[-1]
        assert failed["type"] == "build.failed" and failed["debug_id"] == error["debug_id"]
        assert status["preview_url"] is None
        logs = "\n".join((await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"])
        assert "boot: missing config value" in logs and "exited with code 3" in logs
        assert error["debug_id"] in logs
        again = await client.post(f"/api/projects/{build['project_id']}/builds")
        assert again.status_code == 202
        await wait_done(client, again.json()["job_id"])


async def test_an_app_that_never_answers_times_out(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, sandbox_start_timeout_s=1.0)
    async for client in _client(settings, CrashingAppRunner(SILENT_APP)):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "failed"
        logs = "\n".join((await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"])
        assert "did not answer" in logs


async def test_failed_checks_send_the_build_back_to_scaffold_once(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path), FailingChecksRunner(failures=1)):
        build = await start_build(client)
        events = await stream_all(client, build["job_id"])
        stages = [
            (e["type"][12:], e["stage"]) for e in events if e["type"].startswith("build.stage")
        ]
        assert stages.count(("started", "scaffold")) == 2
        retry = next(
            e for e in events if e["type"] == "build.stage.completed" and e["stage"] == "checks"
        )
        assert retry["outcome"] == "retry"
        second_scaffold = [
            e for e in events if e["type"] == "build.stage.started" and e["stage"] == "scaffold"
        ][1]
        assert second_scaffold["attempt"] == 2
        assert events[-1]["type"] == "build.completed"


async def test_checks_that_keep_failing_end_the_build(tmp_path: Path) -> None:
    async for client in _client(make_settings(tmp_path), FailingChecksRunner(failures=5)):
        build = await start_build(client)
        status = await wait_done(client, build["job_id"])
        assert status["status"] == "failed"
        assert "final checks" in status["error"]["message"]
        logs = "\n".join((await client.get(f"/api/jobs/{build['job_id']}/logs")).json()["lines"])
        assert "the add form did not save" in logs


@pytest.fixture
async def crashed(tmp_path: Path) -> AsyncIterator[tuple[Settings, dict[str, Any]]]:
    """A database in which a previous process left one build mid-stage and one queued."""
    settings = make_settings(tmp_path)
    services = await Services.open(settings)
    repo = services.repository
    first = await repo.create_project("local", "One", IDEA, _brief())
    second = await repo.create_project("local", "Two", IDEA, _brief())
    running = await repo.create_job(first.id, "local", None)
    await repo.transition(running.id, Stage.STARTING, Stage.QUEUED)
    await repo.transition(running.id, Stage.SCAFFOLD, Stage.STARTING)
    await repo.transition(running.id, Stage.CODE, Stage.SCAFFOLD)
    queued = await repo.create_job(second.id, "local", None)
    await services.engine.dispose()
    yield settings, {"running": running.id, "queued": queued.id, "project": first.id}


def _brief() -> dict[str, Any]:
    from livebuild.brief import derive_brief

    return derive_brief(IDEA).to_dict()


async def test_restart_ends_interrupted_builds_and_resumes_queued_ones(
    crashed: tuple[Settings, dict[str, Any]],
) -> None:
    settings, ids = crashed
    async for client in _client_for(create_app(settings)):
        status = (await client.get(f"/api/jobs/{ids['running']}")).json()
        assert status["status"] == "failed"
        assert "interrupted" in status["error"]["message"]
        events = await stream_all(client, ids["running"])
        assert events[-1]["type"] == "build.failed"
        resumed = await wait_done(client, ids["queued"])
        assert resumed["status"] == "ready"
        again = await client.post(f"/api/projects/{ids['project']}/builds")
        assert again.status_code == 202
        await wait_done(client, again.json()["job_id"])


async def test_stopping_the_guide_never_swallows_a_shutdown() -> None:
    from types import SimpleNamespace

    from livebuild.engine.pipeline import BuildPipeline

    async def slow_to_stop() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            await asyncio.sleep(0.2)  # the guide tidies up before it ends
            raise

    run = SimpleNamespace(docs=asyncio.create_task(slow_to_stop()))
    await asyncio.sleep(0)
    stopping = asyncio.create_task(BuildPipeline._stop_docs(run))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    stopping.cancel()  # the service shuts down while the guide is being stopped
    with pytest.raises(asyncio.CancelledError):
        await stopping
