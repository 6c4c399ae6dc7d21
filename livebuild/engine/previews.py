"""The running apps of finished and running builds, waking them and putting them to sleep."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from livebuild.engine.preview_limit import RunningLimit
from livebuild.engine.sandbox import Sandbox, SandboxError, SandboxProvider

LogWriter = Callable[[str], Awaitable[None]]

log = logging.getLogger(__name__)

# How long a wake waits for the job's old app to stop (its processes ended, its cgroup, uid
# and disk freed: a few seconds, twice the jail's own bounds and more) before it gives up
# with "couldn't wake" rather than starting a second app beside one that won't end.
_STOP_WAIT_S = 30.0


class PreviewUnavailable(Exception):
    """A sleeping app could not be started again."""


@dataclass(frozen=True)
class AppAddress:
    """How livebuild itself reaches a running app (never what a browser is shown)."""

    url: str
    # Sent with every request to that address (a worker's relay needs the cluster key).
    headers: tuple[tuple[str, str], ...] = ()


def app_address(sandbox: Sandbox) -> AppAddress | None:
    """The one place that knows how an app is reached: today a port on loopback."""
    port = sandbox.port
    return None if port is None else AppAddress(f"http://127.0.0.1:{port}")


class Previews:
    def __init__(
        self,
        sandboxes: SandboxProvider,
        keepalive_s: float,
        open_log: Callable[[str], LogWriter],
        per_user: int,
    ) -> None:
        self._provider = sandboxes
        self._keepalive_s = keepalive_s
        self._open_log = open_log
        self._sandboxes: dict[str, Sandbox] = {}
        self._expiry: dict[str, asyncio.TimerHandle] = {}
        self._waking: dict[str, asyncio.Lock] = {}
        # How many wakes of each job hold or wait for its lock: the lock is forgotten only
        # at none (a released lock looks free while a queued wake is about to take it).
        self._wakers: dict[str, int] = {}
        self._limit = RunningLimit(per_user)
        # Stops run as tasks of their own so that a caller being cancelled (a build
        # cut short by shutdown) never leaves an app half torn down.
        self._stopping: set[asyncio.Task[None]] = set()
        # Each job's old app still stopping: a wake waits for that stop (its processes,
        # cgroup, uid, disk), or the old app's cleanup would end the new one or share its
        # disk with it. Not for the copy of its records nor the routing record after it.
        self._sleeping: dict[str, asyncio.Task[None]] = {}
        # This process's internal address when it is a worker other processes reach.
        self.own_address: str | None = None
        # Told when an app here stops, so other processes stop routing its previews here.
        self.on_stopped: Callable[[str], Awaitable[None]] | None = None
        # Told first when an app here stopped, its records left as they are (kept aside).
        self.after_stop: Callable[[str], Awaitable[None]] | None = None

    def create(
        self, job_id: str, workspace: Path, base_path: str, log: LogWriter, *, owner_id: str
    ) -> Sandbox:
        """A sandbox for a build's app, served under `base_path`; not started yet.

        It counts toward its owner's running apps but is not put to sleep until `ready`.
        """
        sandbox = self._provider.create(job_id, workspace, base_path, log)
        self.add(sandbox, owner_id, building=True)
        return sandbox

    def add(self, sandbox: Sandbox, owner_id: str, *, building: bool = False) -> None:
        self._sandboxes[sandbox.job_id] = sandbox
        self._limit.started(sandbox.job_id, owner_id, building=building)
        self._make_room(sandbox.job_id)

    def ready(self, job_id: str) -> None:
        """The build has finished: its app is the owner's most recently used, on the idle timer."""
        self._limit.built(job_id)
        self.keep_alive(job_id, self._keepalive_s)
        self._make_room(job_id)

    def used(self, job_id: str) -> None:
        """A request reached the app through its preview: it is in use, so not idle."""
        self._limit.used(job_id)
        # Only a finished build's app is on the idle timer; one still building has none.
        if job_id in self._expiry:
            self.keep_alive(job_id, self._keepalive_s)

    def _make_room(self, job_id: str) -> None:
        # The same sleep as the idle timer's: the founder sees the app asleep, ready to wake.
        for other in self._limit.to_sleep(job_id):
            self._begin_stop(other)

    def running_ids(self) -> list[str]:
        """The builds whose apps run here now."""
        return [job_id for job_id, sandbox in self._sandboxes.items() if sandbox.running]

    def get(self, job_id: str) -> Sandbox | None:
        sandbox = self._sandboxes.get(job_id)
        return sandbox if sandbox is not None and sandbox.running else None

    def elsewhere(self, worker_address: str | None) -> str | None:
        """The internal address of the worker running an app this process doesn't run."""
        if worker_address is None or worker_address == self.own_address:
            return None
        return worker_address

    def address(self, job_id: str) -> AppAddress | None:
        sandbox = self.get(job_id)
        return None if sandbox is None else app_address(sandbox)

    async def wake(self, job_id: str, workspace: Path, base_path: str, *, owner_id: str) -> None:
        """Start a finished build's app again if it has gone to sleep, and keep it awake."""
        lock = self._waking.setdefault(job_id, asyncio.Lock())
        self._wakers[job_id] = self._wakers.get(job_id, 0) + 1
        try:
            async with lock:
                if self.get(job_id) is None:
                    await self._asleep(job_id)
                    await self._restart(job_id, workspace, base_path, owner_id)
                else:
                    self._limit.used(job_id)
                self.keep_alive(job_id, self._keepalive_s)
        finally:
            self._wakers[job_id] -= 1
            if not self._wakers[job_id]:
                del self._wakers[job_id], self._waking[job_id]

    async def _asleep(self, job_id: str) -> None:
        """Wait until the job's old app has stopped, if it is stopping; a bounded wait."""
        going = self._sleeping.get(job_id)
        if going is None:
            return
        # `wait`, not `await`: the stop's own failure is the sleep's, not the wake's.
        done, _ = await asyncio.wait({going}, timeout=_STOP_WAIT_S)
        if not done:
            raise PreviewUnavailable(f"the app's last stop took over {_STOP_WAIT_S:.0f}s")

    async def _restart(self, job_id: str, workspace: Path, base_path: str, owner_id: str) -> None:
        log = self._open_log(job_id)
        sandbox = self._provider.create(job_id, workspace, base_path, log)
        try:
            await sandbox.start()
        except (SandboxError, OSError) as error:
            await log(f"preview restart failed: {error}")
            await sandbox.stop()
            raise PreviewUnavailable(str(error)) from error
        self.add(sandbox, owner_id)

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
        self._limit.forget(job_id)
        sandbox = self._sandboxes.pop(job_id, None)
        if sandbox is None:
            return None
        halt = asyncio.create_task(sandbox.stop())
        self._sleeping[job_id] = halt
        halt.add_done_callback(lambda done: self._halted(job_id, done))
        task = asyncio.create_task(self._put_to_sleep(sandbox, halt))
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)
        return task

    def _halted(self, job_id: str, halt: asyncio.Task[None]) -> None:
        if self._sleeping.get(job_id) is halt:
            del self._sleeping[job_id]

    async def _put_to_sleep(self, sandbox: Sandbox, halt: asyncio.Task[None]) -> None:
        await halt
        if self.after_stop is not None and self.get(sandbox.job_id) is None:
            await self.after_stop(sandbox.job_id)
        # A wake may have started the app again meanwhile: then it still runs here.
        if self.on_stopped is None or self.get(sandbox.job_id) is not None:
            return
        try:
            await self.on_stopped(sandbox.job_id)
        except Exception:
            # Only the routing record is stale: a preview visit then finds the app asleep.
            log.exception("recording that build %s's app stopped failed", sandbox.job_id)

    async def stop(self, job_id: str) -> None:
        task = self._begin_stop(job_id)
        if task is not None:
            await asyncio.shield(task)

    def stop_soon(self, job_id: str) -> None:
        """Stop the app in the background (`stop_all` still waits for it at shutdown)."""
        self._begin_stop(job_id)

    async def stop_all(self) -> None:
        for job_id in list(self._sandboxes):
            self._begin_stop(job_id)
        await asyncio.gather(*self._stopping, return_exceptions=True)
