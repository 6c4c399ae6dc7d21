"""The sandbox contract: run one job's app and commands in isolation."""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from livebuild.engine.sandbox._shared import Fingerprint, fingerprint

LogSink = Callable[[str], Awaitable[None]]


class SandboxError(Exception):
    """The app could not be started or did not answer; the message is technical."""


@dataclass(frozen=True)
class CommandResult:
    exit_code: int
    output: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


class Sandbox(abc.ABC):
    """One job's app: its workspace, its process and the addresses it answers on.

    Two ways reach a running app. `transport()` is how livebuild's own HTTP clients (the
    preview proxy) reach it: a backend that runs the app elsewhere (a Unix socket, a
    container, another host) returns a transport that gets there. `port` is a loopback
    TCP port on this host for clients that only speak TCP: Chromium, and the URL the
    smoke test is given. A backend that isolates the network makes that URL mean the
    same app inside its own sandboxes.
    """

    def __init__(self, job_id: str, workspace: Path, base_path: str) -> None:
        self.job_id = job_id
        self.workspace = workspace
        self.base_path = base_path
        self._started_fingerprint: Fingerprint = ()
        # How many times the app was (re)started: one app process serves one count, so
        # callers can tell whether what they saw of it is still what runs.
        self.launches = 0

    @property
    @abc.abstractmethod
    def port(self) -> int | None:
        """The loopback port on this host where the app answers while it runs."""

    def transport(self) -> httpx.AsyncBaseTransport | None:
        """How livebuild's HTTP clients reach the app; None: through `port`."""
        return None

    def data_view(self) -> Path | None:
        """Where the host reads the running app's data folder, when not the folder itself
        (a disk mounted only in the sandbox's namespace); None otherwise."""
        return None

    @property
    @abc.abstractmethod
    def running(self) -> bool: ...

    async def start(self) -> None:
        """Start the app, or restart it if its files changed, and wait until it answers."""
        current = await asyncio.to_thread(fingerprint, self.workspace)
        if self.running and current == self._started_fingerprint:
            return
        if not (self.workspace / "app.py").is_file():
            await self.stop()
            raise SandboxError("the workspace has no app.py to start")
        await self._relaunch(current)
        self.launches += 1

    async def _relaunch(self, files: Fingerprint) -> None:
        """Start the app from `files`, ending what runs first (a backend that can run new
        code in place, without ending its isolation, does that instead)."""
        await self.stop()
        await self._launch(files)

    @abc.abstractmethod
    async def _launch(self, files: Fingerprint) -> None:
        """Start `app.py` (nothing of an earlier start is running) and wait until it answers;
        once it runs, remember `files` as what it was started from."""

    @abc.abstractmethod
    async def run_python(self, args: list[str], timeout_s: float) -> CommandResult:
        """Run the sandbox's Python with `args` in the workspace, under the same limits."""

    @abc.abstractmethod
    async def stop(self) -> None:
        """Stop the app and everything it started."""


class SandboxProvider(abc.ABC):
    @abc.abstractmethod
    def create(self, job_id: str, workspace: Path, base_path: str, log: LogSink) -> Sandbox: ...
