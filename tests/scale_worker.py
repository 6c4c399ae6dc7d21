"""`livebuild worker` with stages slowed down, so a test can act while a build is mid-way.

Run as `python -m tests.scale_worker PORT`; everything but the runner's pace is the real
worker: settings from the environment, the real queue, pipeline, sandbox and server.
"""

from __future__ import annotations

import asyncio
import os
import sys

import uvicorn

from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.settings import Settings
from livebuild.web.worker_app import create_worker_app


class SlowRunner(OfflineRunner):
    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s

    async def run_stage(self, request: StageRequest) -> StageOutput:
        await asyncio.sleep(self.delay_s)
        return await super().run_stage(request)


def main() -> None:
    port = int(sys.argv[1])
    settings = Settings()
    address = f"http://{settings.worker_host}:{port}"
    delay = float(os.environ.get("SCALE_STAGE_DELAY_S", "0"))
    app = create_worker_app(settings, address=address, runner=SlowRunner(delay))
    uvicorn.run(app, host=settings.worker_host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
