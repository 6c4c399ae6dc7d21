"""The running apps of finished and running builds, and when they go to sleep."""

from __future__ import annotations

import asyncio
import contextlib

from livebuild.sandbox import Sandbox


class Previews:
    def __init__(self) -> None:
        self._sandboxes: dict[str, Sandbox] = {}
        self._expiry: dict[str, asyncio.TimerHandle] = {}
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
        self._expiry[job_id] = loop.call_later(seconds, self._expire, job_id)

    def _expire(self, job_id: str) -> None:
        self._expiry.pop(job_id, None)
        task = asyncio.create_task(self.stop(job_id))
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    async def stop(self, job_id: str) -> None:
        handle = self._expiry.pop(job_id, None)
        if handle is not None:
            handle.cancel()
        sandbox = self._sandboxes.pop(job_id, None)
        if sandbox is not None:
            await sandbox.stop()

    async def stop_all(self) -> None:
        for task in list(self._stopping):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._stopping, return_exceptions=True)
        await asyncio.gather(*(self.stop(job_id) for job_id in list(self._sandboxes)))
