"""A sandbox that is a boundary: bubblewrap namespaces, an unprivileged uid, no network.

The app sees a read-only `/usr` and Python, its workspace read-only at `/app`, its data
at `/data` (the one writable place), a private `/proc`, `/dev` and a small `/tmp`. The
workspace is read-only because livebuild writes the next stage's files there: a tree the
app could change under it would let the app plant links for livebuild to write through. It has
its own network namespace with only `lo`; livebuild reaches it through one Unix socket
that a relay inside the sandbox forwards to the app's port (see `_inside.py`). The app's
sandbox is made once and kept: its relay supervises the app and runs new code in place.

When livebuild runs as root, bwrap runs privileged without a user namespace and the app
drops to a host uid of its own. A user namespace would map the app to host root, and the
kernel does not apply the process limit to root: a fork bomb would go unchecked. As any
other user, bwrap makes a user namespace and the app is uid 65534 inside it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import tempfile
from pathlib import Path

import httpx

from livebuild.core.tasks import cancel_and_wait
from livebuild.engine.sandbox._bwrap_setup import (  # noqa: F401 - names bwrap.py serves
    _APP,
    _BWRAP_ENV,
    _DATA,
    _DISK_MAX_ENTRIES,
    _NOBODY,
    _SOCKET,
    _TMP_BYTES,
    _UID_SPAN,
    _bwrap_argv,
    _disk_usage,
    _lifeline,
    _own,
    _spec,
    _Uids,
    app_environment,
    app_limits,
)
from livebuild.engine.sandbox._bwrap_setup import Runtime as Runtime
from livebuild.engine.sandbox._bwrap_setup import find_runtime as find_runtime
from livebuild.engine.sandbox._bwrap_setup import self_test as self_test
from livebuild.engine.sandbox._jail import STOP_TIMEOUT_S, Jail, start_jail
from livebuild.engine.sandbox._lines import forward_lines
from livebuild.engine.sandbox._ready import Listening, wait_until_answers
from livebuild.engine.sandbox._relay import QUEUE, Relay
from livebuild.engine.sandbox._shared import LAUNCHER_FLAGS, Fingerprint, answers
from livebuild.engine.sandbox._spawned import Spawned
from livebuild.engine.sandbox._totals import (
    Group,
    Totals,
    disk_image,
    group_name,
    launching,
    make_group,
    sweep,
    trim,
)
from livebuild.engine.sandbox.base import (
    CommandResult,
    LogSink,
    Sandbox,
    SandboxError,
    SandboxProvider,
)
from livebuild.settings import Settings

_OUTPUT_LIMIT = 64_000
_DISK_CHECK_S = 1.0
_SWEEP_S = 5.0


class BwrapSandbox(Sandbox):
    def __init__(
        self,
        settings: Settings,
        runtime: Runtime,
        uids: _Uids,
        job_id: str,
        workspace: Path,
        base_path: str,
        log: LogSink,
    ) -> None:
        super().__init__(job_id, workspace, base_path)
        self._settings = settings
        self._runtime = runtime
        self._uids = uids
        self._log = log
        self.data_dir = workspace.parent / "data"
        self._jail: Jail | None = None
        self._uid: int | None = None
        self._folder: Path | None = None
        self._listener: socket.socket | None = None
        self._relay: Relay | None = None
        self._transport: httpx.AsyncHTTPTransport | None = None
        self._port: int | None = None
        self._reader: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        # The sandbox's totals: its cgroup, and whether its data is a disk of its own.
        self._group: Group | None = None
        self._disk = False
        # Whether the watcher found it over its disk (no disk image): its overflow goes.
        self._overflowed = False

    @property
    def port(self) -> int | None:
        return self._port if self.running else None

    @property
    def running(self) -> bool:
        return self._jail is not None and self._jail.process.returncode is None

    @property
    def socket_path(self) -> Path | None:
        return None if self._folder is None else self._folder / "app.sock"

    def transport(self) -> httpx.AsyncBaseTransport | None:
        return self._transport if self.running else None

    def data_view(self) -> Path | None:
        # The app's disk is mounted in its launcher's namespace: its root shows that view.
        if not self._disk or self._jail is None or not self.running:
            return None
        return Path(f"/proc/{self._jail.process.pid}/root") / self.data_dir.relative_to("/")

    async def _spawn(
        self,
        args: list[str],
        port: int,
        relay: str | None,
        app_socket: Path | None,
        listening: Listening | None = None,
    ) -> Jail:
        fd = self._listener.fileno() if relay == "serve" and self._listener else None
        told = None if listening is None else listening.write_fd
        lifeline = _lifeline()
        # The app's own sandbox is kept across restarts: its launcher stays as supervisor.
        ours, theirs = socket.socketpair() if fd is not None else (None, None)
        held = None if theirs is None else theirs.fileno()
        spec = _spec(self._uid, app_limits(self._settings), relay, port, fd, told, lifeline, held)
        argv = _bwrap_argv(
            self._runtime,
            self.workspace,
            self.data_dir,
            app_environment(port, self.base_path),
            app_socket,
        )
        command = [self._runtime.python, *LAUNCHER_FLAGS, spec, *args]
        keep = [lifeline] + [f for f in (fd, told, held) if f is not None]
        try:
            return await start_jail(argv, command, keep, self._launching, listening, ours)
        except BaseException:
            if ours is not None:
                ours.close()
            raise
        finally:
            if theirs is not None:
                theirs.close()

    async def _relaunch(self, files: Fingerprint) -> None:
        """Run the new code in the sandbox already running, when it still obeys; else end
        it and start a new one."""
        jail = self._jail
        with Listening() as listening:
            try:
                if jail is not None and self.running and await jail.restart(listening):
                    self._started_fingerprint = files
                    return await self._wait_ready(jail, listening)
            except SandboxError:
                await self.stop()
                raise
        await super()._relaunch(files)

    async def _launch(self, files: Fingerprint) -> None:
        with Listening() as listening:
            await self._start(files, listening)

    async def _start(self, files: Fingerprint, listening: Listening) -> None:
        try:
            await self._open()
            assert self._listener is not None
            port = self._relay_port()
            self._jail = await self._spawn(["app.py"], port, "serve", None, listening)
        except BaseException:
            await self.stop()
            raise
        self._listener.close()
        self._listener = None
        self._port = self._relay_port()
        self._started_fingerprint = files
        self._reader = asyncio.create_task(self._forward_output(self._jail.process))
        if not self._disk:
            self._watcher = asyncio.create_task(self._watch_disk())
        try:
            await self._wait_ready(self._jail, listening)
        except SandboxError:
            # Nothing of a failed start stays behind: no socket, no relay, no uid.
            await self.stop()
            raise

    @property
    def _image(self) -> Path:
        return self.data_dir.with_name("data.img")

    def _launching(self, argv: list[str]) -> list[str]:
        """How a jail starts: in the cgroup, on the disk (the running app's, if one runs)."""
        if not self._disk:
            return launching(argv, self._group)
        if self._jail is not None and self.running:
            return launching(argv, self._group, enter=self._jail.process.pid)
        return launching(argv, self._group, disk=(self._image, self.data_dir), owner=self._uid)

    async def _take_uid(self) -> None:
        """Its uid, its data (on a disk of its own where one can be made), its cgroup."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._uid is None and self._runtime.privileged:
            self._uid = self._uids.take(self.job_id)
            await asyncio.to_thread(_own, self.data_dir, self._uid)
        s = self._settings
        if not self._disk:
            self._disk = await asyncio.to_thread(
                disk_image, self._image, s.sandbox_disk_mb, self._uid, self.data_dir
            )
        if self._group is None:
            totals = Totals(s.sandbox_memory_mb * 1024 * 1024, s.sandbox_cpus, s.sandbox_processes)
            self._group = await asyncio.to_thread(make_group, group_name(self.job_id), totals)

    def _relay_port(self) -> int:
        assert self._relay is not None
        return self._relay.port

    async def _open(self) -> None:
        """Everything the app needs before it runs: its uid, its folders, its socket."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._folder = Path(tempfile.mkdtemp(prefix="livebuild-sandbox-"))
        path = self._folder / "app.sock"
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(str(path))
        self._listener.listen(QUEUE)
        await self._take_uid()
        if self._uid is not None:
            # The smoke test's sandbox connects to this socket as the same uid.
            os.chown(path, self._uid, self._uid)
        # Plain HTTP over the socket: never TLS, so no certificate store to load, which
        # would add a tenth of a second to every start.
        self._transport = httpx.AsyncHTTPTransport(uds=str(path), verify=False)
        # Chromium and the smoke test speak TCP: a loopback relay on the host forwards
        # to the socket, on the same port number the app listens on inside.
        self._relay = Relay(lambda: self.socket_path)
        await self._relay.open()

    async def _forward_output(self, process: Spawned) -> None:
        assert process.stdout is not None
        await forward_lines(process.stdout, self._log)

    async def _watch_disk(self) -> None:
        limit = self._settings.sandbox_disk_mb * 1024 * 1024
        roots = [self.workspace, self.data_dir]
        while self.running:
            used = await asyncio.to_thread(_disk_usage, roots)
            if used < 0 or used > limit:
                await self._log(
                    f"the app wrote more than {self._settings.sandbox_disk_mb} MB "
                    "to its disk, so it was stopped"
                )
                self._overflowed = True
                if self._jail is not None:
                    await self._jail.kill()
                await self._trim()
                return
            await asyncio.sleep(_DISK_CHECK_S)

    async def _wait_ready(self, jail: Jail, listening: Listening) -> None:
        path = str(self.socket_path)
        await wait_until_answers(
            lambda: answers(lambda: asyncio.open_unix_connection(path)),
            jail.process,
            listening,
            self._settings.sandbox_start_timeout_s,
        )

    async def run_python(self, args: list[str], timeout_s: float) -> CommandResult:
        """Run in a sandbox of its own, reaching the app only through its socket."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        await self._take_uid()
        app_socket = self.socket_path if self.running else None
        relay = "reach" if app_socket is not None else None
        port = self._port if self._port is not None and self.running else 8000
        jail = await self._spawn(args, port, relay, app_socket)
        assert jail.process.stdout is not None
        try:
            # `timeout`, not `wait_for`, which on Python 3.11 drops a stop that comes as the
            # command ends.
            async with asyncio.timeout(timeout_s):
                output = await jail.process.stdout.read()
            await jail.process.wait()
        except TimeoutError:
            await jail.kill()
            rest = await jail.process.stdout.read()
            text = rest.decode(errors="replace")[-_OUTPUT_LIMIT:]
            return CommandResult(exit_code=-1, output=text, timed_out=True)
        finally:
            await jail.kill()
            if self._jail is None:
                # No app runs: nothing else holds the totals this command was given.
                await self._release_totals()
        text = output.decode(errors="replace")[-_OUTPUT_LIMIT:]
        return CommandResult(exit_code=jail.process.returncode or 0, output=text)

    async def stop(self) -> None:
        """End the app, then free what it held; the freeing happens whatever the ending does."""
        try:
            await self._end_app()
        finally:
            await self._release()

    async def _end_app(self) -> None:
        jail, self._jail = self._jail, None
        if jail is not None:
            await jail.kill()
        relay, self._relay = self._relay, None
        if relay is not None:
            relay.close()
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            await cancel_and_wait(watcher)
        reader, self._reader = self._reader, None
        if reader is not None:
            # With every process gone the pipe ends; reading to its end lets the last
            # lines reach the log.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader, STOP_TIMEOUT_S)

    async def _trim(self) -> None:
        """What an app wrote past its disk limit does not stay on the host's disk."""
        if self._overflowed:
            limit = self._settings.sandbox_disk_mb * 1024 * 1024
            await asyncio.shield(asyncio.to_thread(trim, self.data_dir, limit))
            self._overflowed = False

    async def _release_totals(self) -> None:
        await self._trim()
        group, self._group = self._group, None
        if group is not None:
            await asyncio.to_thread(group.remove)
        self._disk = False

    async def _release(self) -> None:
        await self._release_totals()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        if self._uid is not None:
            self._uids.give_back(self._uid)
            self._uid = None
        self._port = None
        transport, self._transport = self._transport, None
        if transport is not None:
            await transport.aclose()


async def _sweeping() -> None:
    """Now and then, end the sandboxes that other livebuilds on this host, killed
    outright, left behind (see `_totals.sweep`)."""
    while True:
        await asyncio.sleep(_SWEEP_S)
        await asyncio.to_thread(sweep)


class BwrapSandboxProvider(SandboxProvider):
    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        self._settings = settings
        self._runtime = runtime
        self._uids = _Uids(settings.sandbox_uid_base)
        self._sweeper: asyncio.Task[None] | None = None
        if runtime.privileged:
            sweep()
            self._sweep_now_and_then()

    def _sweep_now_and_then(self) -> None:
        if self._sweeper is None:
            with contextlib.suppress(RuntimeError):  # no event loop yet: the first create
                self._sweeper = asyncio.get_running_loop().create_task(_sweeping())

    def create(self, job_id: str, workspace: Path, base_path: str, log: LogSink) -> Sandbox:
        if self._runtime.privileged:
            self._sweep_now_and_then()
        return BwrapSandbox(
            self._settings, self._runtime, self._uids, job_id, workspace, base_path, log
        )
