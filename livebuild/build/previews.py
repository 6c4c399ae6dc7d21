"""The running apps of finished and running builds, and when they go to sleep."""

from __future__ import annotations

import asyncio

from livebuild.build.sandbox import Sandbox


class Previews:
    def __init__(self) -> None:
        self._sandboxes: dict[str, Sandbox] = {}
        self._expiry: dict[str, asyncio.TimerHandle] = {}
        # Stops run as tasks of their own so that a caller being cancelled (a build
        # cut short by shutdown) never leaves an app half torn down.
        self._stopping: set[asyncio.Task[None]] = set()

    def add(self, sandbox: Sandbox) -> None:
        self._sandboxes[sandbox.job_id] = sandbox

    def get(self, job_id: str) -> Sandbox | None:
        sandbox = self._sandboxes.get(job_id)
        return sandbox if sandbox is not None and sandbox.running else None

    def keep_alive(self, job_id: str, seconds: float) -> None:
        """Stop the job's app after `seconds`; a later call resets the timer."""
        if job_id in self._expiry:
            self._expiry.pop(job_id).cancel()
        loop = asyncio.get_running_loop()
        self._expiry[job_id] = loop.call_later(seconds, self._begin_stop, job_id)

    def _begin_stop(self, job_id: str) -> asyncio.Task[None] | None:
        handle = self._expiry.pop(job_id, None)
        if handle is not None:
            handle.cancel()
        sandbox = self._sandboxes.pop(job_id, None)
        if sandbox is None:
            return None
        task = asyncio.create_task(sandbox.stop())
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)
        return task

    async def stop(self, job_id: str) -> None:
        task = self._begin_stop(job_id)
        if task is not None:
            await asyncio.shield(task)

    async def stop_all(self) -> None:
        for job_id in list(self._sandboxes):
            self._begin_stop(job_id)
        await asyncio.gather(*self._stopping, return_exceptions=True)
