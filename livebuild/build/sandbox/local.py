"""A sandbox on this machine: own process group, scrubbed environment, resource limits."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

from livebuild.build.sandbox._lines import LineSplitter
from livebuild.build.sandbox._shared import Fingerprint, answers
from livebuild.build.sandbox.base import (
    CommandResult,
    LogSink,
    Sandbox,
    SandboxError,
    SandboxProvider,
)
from livebuild.core.net import free_port
from livebuild.settings import Settings

# Runs in the child before the app: applies the limits, then replaces itself with
# the app, so the limits cover the app and whatever it starts.
_LAUNCHER = """
import ctypes, os, resource, signal, sys
try:  # die with livebuild, even when it is killed without a chance to clean up
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
except (OSError, AttributeError):
    pass
cpu, mem, fsize = (int(v) for v in sys.argv[1:4])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
os.execv(sys.executable, [sys.executable, "-I", "-B", *sys.argv[4:]])
"""
_OUTPUT_LIMIT = 64_000
_READ_CHUNK = 64 * 1024
_STOP_GRACE_S = 3.0


class LocalSandbox(Sandbox):
    def __init__(
        self, settings: Settings, job_id: str, workspace: Path, base_path: str, log: LogSink
    ) -> None:
        super().__init__(job_id, workspace, base_path)
        self._settings = settings
        self._log = log
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._port: int | None = None
        self.data_dir = workspace.parent / "data"

    @property
    def port(self) -> int | None:
        return self._port if self.running else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    def _environment(self, port: int) -> dict[str, str]:
        # Built from nothing rather than filtered from os.environ: no host variable leaks.
        return {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.data_dir),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "APP_BASE_PATH": self.base_path,
            "APP_DATA_DIR": str(self.data_dir),
        }

    def _launch_argv(self, args: list[str]) -> list[str]:
        s = self._settings
        return [
            sys.executable,
            "-I",
            "-c",
            _LAUNCHER,
            str(s.sandbox_cpu_s),
            str(s.sandbox_memory_mb * 1024 * 1024),
            str(s.sandbox_file_mb * 1024 * 1024),
            *args,
        ]

    async def _spawn(self, args: list[str], port: int) -> asyncio.subprocess.Process:
        """Start the sandbox's Python with `args`, limited, in a process group of its own."""
        return await asyncio.create_subprocess_exec(
            *self._launch_argv(args),
            cwd=self.workspace,
            env=self._environment(port),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )

    async def _launch(self, files: Fingerprint) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        self._process = await self._spawn(["app.py"], port)
        self._port = port
        self._started_fingerprint = files
        self._reader = asyncio.create_task(self._forward_output(self._process))
        await self._wait_ready(self._process, port)

    async def _forward_output(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        # Read in chunks, never by line: a line longer than the stream's buffer would end the
        # reading, and an app whose output is no longer drained blocks on its next write.
        lines = LineSplitter()
        while chunk := await process.stdout.read(_READ_CHUNK):
            for line in lines.feed(chunk):
                await self._log(line)
        if (last := lines.flush()) is not None:
            await self._log(last)

    async def _wait_ready(self, process: asyncio.subprocess.Process, port: int) -> None:
        deadline = time.monotonic() + self._settings.sandbox_start_timeout_s
        delay = 0.005
        while True:
            if process.returncode is not None:
                if self._reader is not None:
                    # let the last lines of output reach the log before reporting
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.shield(self._reader), 1.0)
                raise SandboxError(f"the app exited with code {process.returncode} on start")
            if await answers(lambda: asyncio.open_connection("127.0.0.1", port)):
                return
            if time.monotonic() > deadline:
                await self.stop()
                raise SandboxError(
                    f"the app did not answer within {self._settings.sandbox_start_timeout_s:g}s"
                )
            # Wake up early if the process dies instead of sleeping the full delay.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(process.wait()), delay)
            delay = min(delay * 2, 0.1)

    async def run_python(self, args: list[str], timeout_s: float) -> CommandResult:
        process = await self._spawn(args, self._port or free_port())
        try:
            output, _ = await asyncio.wait_for(process.communicate(), timeout_s)
        except TimeoutError:
            await _kill_group(process)
            # Drain what is left so the pipes close with the process, not at garbage collection.
            output, _ = await process.communicate()
            text = output.decode(errors="replace")[-_OUTPUT_LIMIT:]
            return CommandResult(exit_code=-1, output=text, timed_out=True)
        finally:
            if process.returncode is None:
                await _kill_group(process)
        text = output.decode(errors="replace")[-_OUTPUT_LIMIT:]
        return CommandResult(exit_code=process.returncode or 0, output=text)

    async def stop(self) -> None:
        process, self._process = self._process, None
        reader, self._reader = self._reader, None
        if process is not None:
            await _kill_group(process)
        if reader is not None:
            # With the whole group gone the pipe reaches its end; reading to it lets the
            # last lines reach the log and the transport close properly.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader, _STOP_GRACE_S)


async def _kill_group(process: asyncio.subprocess.Process) -> None:
    """Terminate the process and everything in its group, forcefully if it lingers."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), _STOP_GRACE_S)
    # Children that outlived the leader still belong to its group.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.returncode is None:
        await process.wait()


class LocalSandboxProvider(SandboxProvider):
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def create(self, job_id: str, workspace: Path, base_path: str, log: LogSink) -> Sandbox:
        return LocalSandbox(self._settings, job_id, workspace, base_path, log)
