"""The generated booking app (walkers and walks) in a real bwrap sandbox, for the tests that
send it visitors or wake it: one place that skips where bwrap can't run and starts the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox.base import Sandbox
from livebuild.settings import Settings
from tests.conftest import make_settings
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import write_app


def bwrap_provider(settings: Settings, privileged: bool = False) -> bwrap.BwrapSandboxProvider:
    """The bwrap provider for `settings`; the test is skipped, saying why, where bwrap (or,
    with `privileged`, its privileged mode) can't run here."""
    runtime = bwrap.find_runtime()
    problem = bwrap.self_test()
    if problem is not None or runtime is None or (privileged and not runtime.privileged):
        pytest.skip(f"no {'privileged ' if privileged else ''}bwrap sandbox: {problem}")
    return bwrap.BwrapSandboxProvider(settings, runtime)


def booking_app(settings: Settings, job: str, stage: Stage = Stage.CHECKS) -> Path:
    """The booking app of `stage`, written in job `job`'s workspace."""
    workspace = settings.workspaces_dir / job / "app"
    workspace.mkdir(parents=True)
    write_app(workspace, app_files(walkers_and_walks(), stage))
    return workspace


async def discard(line: str) -> None:
    pass


@asynccontextmanager
async def booking_app_in_bwrap(tmp_path: Path, job: str) -> AsyncIterator[Sandbox]:
    """The booking app started in a bwrap sandbox with the default limits, stopped after."""
    settings = make_settings(tmp_path, sandbox_start_timeout_s=30)
    provider = bwrap_provider(settings)
    box = provider.create(job, booking_app(settings, job), f"/preview/{job}", discard)
    await box.start()
    try:
        yield box
    finally:
        await box.stop()
