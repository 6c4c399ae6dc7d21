"""`livebuild worker` with stages slowed down, so a test can act while a build is mid-way.

Run as `python -m tests.scale_worker PORT`; everything but the runner's pace is the real
worker: settings from the environment, the real queue, pipeline, sandbox and server.

The pace is SCALE_STAGE_DELAY_S seconds a stage, or, when SCALE_PACE_FILE names a file, the
seconds written in it, read at each stage: a test sets the pace of a shared cluster's workers
for its own builds (see `tests.cluster.Cluster.paced`) and gives it back after.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from pathlib import Path

import uvicorn

from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.settings import Settings
from livebuild.web.worker_app import create_worker_app


class SlowRunner(OfflineRunner):
    def __init__(self, delay_s: float, pace: Path | None = None) -> None:
        self.delay_s = delay_s
        self.pace = pace

    def _delay(self) -> float:
        if self.pace is not None:
            with contextlib.suppress(OSError, ValueError):
                return float(self.pace.read_text())
        return self.delay_s

    async def run_stage(self, request: StageRequest) -> StageOutput:
        await asyncio.sleep(self._delay())
        return await super().run_stage(request)


def main() -> None:
    port = int(sys.argv[1])
    settings = Settings()
    address = f"http://{settings.worker_host}:{port}"
    delay = float(os.environ.get("SCALE_STAGE_DELAY_S", "0"))
    pace = os.environ.get("SCALE_PACE_FILE")
    runner = SlowRunner(delay, Path(pace) if pace else None)
    app = create_worker_app(settings, address=address, runner=runner)
    uvicorn.run(app, host=settings.worker_host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
