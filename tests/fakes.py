"""Runners that misbehave on purpose, built on the real offline runner."""

from __future__ import annotations

import asyncio

from livebuild.core.stages import Stage
from livebuild.engine.runners.base import StageOutput, StageRequest, write_files
from livebuild.engine.runners.offline import OfflineRunner

CRASHING_APP = "import sys\nprint('boot: missing config value')\nraise SystemExit(3)\n"
SILENT_APP = "import time\ntime.sleep(60)\n"
FAILING_SMOKE = "import sys\nprint('the add form did not save', file=sys.stderr)\nsys.exit(1)\n"


class CrashingAppRunner(OfflineRunner):
    """Writes an app that exits as soon as it starts."""

    def __init__(self, app_source: str = CRASHING_APP) -> None:
        self.app_source = app_source

    async def run_stage(self, request: StageRequest) -> StageOutput:
        output = await super().run_stage(request)
        if request.stage is Stage.SCAFFOLD:
            write_files(request.workspace, {"app.py": self.app_source})
        return output


class FailingChecksRunner(OfflineRunner):
    """Writes a smoke test that fails on the first `failures` attempts."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    async def run_stage(self, request: StageRequest) -> StageOutput:
        output = await super().run_stage(request)
        if request.stage is Stage.CHECKS and request.attempt <= self.failures:
            write_files(request.workspace, {"tests/smoke.py": FAILING_SMOKE})
        return output


class GatedRunner(OfflineRunner):
    """Waits at the start of `stage` until the test opens the gate."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.reached = asyncio.Event()
        self.gate = asyncio.Event()

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage is self.stage:
            self.reached.set()
            await self.gate.wait()
        return await super().run_stage(request)
