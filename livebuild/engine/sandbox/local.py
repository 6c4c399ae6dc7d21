"""A sandbox on this machine: own process group, scrubbed environment, resource limits."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path

from livebuild.core.net import free_port
from livebuild.engine.sandbox._lines import forward_lines
from livebuild.engine.sandbox._ready import Listening, wait_until_answers
from livebuild.engine.sandbox._shared import LAUNCHER_FLAGS, Fingerprint, answers
from livebuild.engine.sandbox.base import (
    CommandResult,
    LogSink,
    Sandbox,
    SandboxError,
    SandboxProvider,
)
from livebuild.settings import Settings

_OUTPUT_LIMIT = 64_000
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

    def _launch_argv(self, args: list[str], port: int, listening: int | None) -> list[str]:
        s = self._settings
        spec = {
            "uid": None,
            "limits": {
                "CPU": s.sandbox_cpu_s,
                "AS": s.sandbox_memory_mb * 1024 * 1024,
                "FSIZE": s.sandbox_file_mb * 1024 * 1024,
                "CORE": 0,
                "NOFILE": 256,
            },
            "relay": None,
            "port": port,
            "listening": listening,
            "orphan_kill": True,
        }
        return [sys.executable, *LAUNCHER_FLAGS, json.dumps(spec), *args]

    async def _spawn(
        self, args: list[str], port: int, listening: Listening | None = None
    ) -> asyncio.subprocess.Process:
        """Start the sandbox's Python with `args`, limited, in a process group of its own."""
        fd = None if listening is None else listening.write_fd
        try:
            return await asyncio.create_subprocess_exec(
                *self._launch_argv(args, port, fd),
                cwd=self.workspace,
                env=self._environment(port),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
                pass_fds=() if fd is None else (fd,),
            )
        finally:
            if listening is not None:
                listening.started()

    async def _launch(self, files: Fingerprint) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        listening = Listening()
        try:
            self._process = await self._spawn(["app.py"], port, listening)
            self._port = port
            self._started_fingerprint = files
            self._reader = asyncio.create_task(self._forward_output(self._process))
            await self._wait_ready(self._process, port, listening)
        finally:
            listening.close()

    async def _forward_output(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        await forward_lines(process.stdout, self._log)

    async def _wait_ready(
        self, process: asyncio.subprocess.Process, port: int, listening: Listening
    ) -> None:
        try:
            await wait_until_answers(
                lambda: answers(lambda: asyncio.open_connection("127.0.0.1", port)),
                process,
                listening,
                self._settings.sandbox_start_timeout_s,
            )
        except SandboxError:
            if process.returncode is not None and self._reader is not None:
                # let the last lines of output reach the log before reporting
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(self._reader), 1.0)
            else:
                await self.stop()
            raise

    async def run_python(self, args: list[str], timeout_s: float) -> CommandResult:
        process = await self._spawn(args, self._port or free_port())
        try:
            # `timeout`, not `wait_for`, which on Python 3.11 drops a stop that comes as the
            # command ends.
            async with asyncio.timeout(timeout_s):
                output, _ = await process.communicate()
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
