"""One running bwrap: how it starts, and how it ends with everything it started."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from livebuild.engine.sandbox._bwrap_setup import _BWRAP_ENV
from livebuild.engine.sandbox._ready import Listening
from livebuild.engine.sandbox._spawned import Spawned, spawn

STOP_TIMEOUT_S = 5.0
# How long a kept sandbox's supervisor has to end the app and fork it again before
# livebuild gives up on it and starts a new sandbox (an app that stopped its supervisor).
RESTART_TIMEOUT_S = 2.0


@dataclass
class Jail:
    """One running bwrap: its process on the host, and its pid 1 whose end ends them all;
    `control`: the socket to its supervisor, when the sandbox is kept across app restarts."""

    process: Spawned
    pidfd: int | None
    ending: asyncio.Task[None] | None = None
    control: socket.socket | None = None

    async def restart(self, listening: Listening) -> bool:
        """Ask the supervisor to run the app again (told through `listening` when it
        listens); False if it can't (gone, stopped, or not answering in time)."""
        control = self.control
        if control is None or self.process.returncode is not None or self.ending is not None:
            return False
        try:
            socket.send_fds(control, [b"s"], [listening.write_fd])
            listening.started()
            async with asyncio.timeout(RESTART_TIMEOUT_S):
                answer = await asyncio.get_running_loop().sock_recv(control, 1)
        except (OSError, TimeoutError):
            return False
        return answer == b"k"

    async def kill(self) -> None:
        # Stop and the disk watcher may both end a sandbox: the ending happens once, and
        # a caller being cancelled does not cut it short.
        if self.ending is None:
            self.ending = asyncio.create_task(self._end())
        await asyncio.shield(self.ending)

    async def _end(self) -> None:
        control, self.control = self.control, None
        if control is not None:
            control.close()
        if self.pidfd is not None:
            # SIGKILL to the namespace's pid 1 makes the kernel kill every process in it,
            # double-forked daemons included.
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        await self.process.wait()
        if self.pidfd is not None:
            # pid 1 only exits once the kernel has reaped everything else in its namespace.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_exited(self.pidfd), STOP_TIMEOUT_S)
            os.close(self.pidfd)
            self.pidfd = None


async def start_jail(
    argv: list[str],
    command: list[str],
    keep: list[int],
    launching: Callable[[list[str]], list[str]],
    listening: Listening | None,
    control: socket.socket | None = None,
) -> Jail:
    """Start bwrap (`argv`: its options) running `command` inside, passing it `keep`
    (`control`: livebuild's end of the socket whose other end is in `keep`)."""
    # Options go through a pipe, so pid 1's command line shows no host paths.
    args_read, args_write = os.pipe()
    info_read, info_write = os.pipe()
    with os.fdopen(args_write, "wb") as pipe:
        pipe.write(b"".join(a.encode() + b"\0" for a in argv[1:]))
    try:
        bwrap = [argv[0], "--info-fd", str(info_write), "--args", str(args_read), "--"]
        # Not `create_subprocess_exec`: under uvloop that copies the whole worker (`fork`).
        process = await spawn(
            launching([*bwrap, *command]),
            cwd="/",
            env=dict(_BWRAP_ENV),
            pass_fds=[args_read, info_write, *keep],
        )
    except BaseException:
        os.close(info_read)  # a failed start gives back every descriptor it took
        raise
    finally:
        os.close(args_read)
        os.close(info_write)
        if listening is not None:
            listening.started()
    pidfd = None
    info_pipe = _InfoPipe(info_read)
    try:
        info = await asyncio.to_thread(info_pipe.read_all)
        with contextlib.suppress(ValueError, KeyError, ProcessLookupError):
            pidfd = os.pidfd_open(int(json.loads(info)["child-pid"]))
        if control is not None:
            control.setblocking(False)
        return Jail(process, pidfd, control=control)
    except BaseException:
        # Cancelled (a stop while it starts) or failed: the sandbox must not outlive its build.
        info_pipe.give_up()
        await Jail(process, pidfd).kill()
        raise


async def _exited(pidfd: int) -> None:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def ready() -> None:
        if not done.done():
            done.set_result(None)

    loop.add_reader(pidfd, ready)
    try:
        await done
    finally:
        loop.remove_reader(pidfd)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    return b"".join(chunks)


class _InfoPipe:
    """The read end of bwrap's info pipe, closed exactly once: by the thread reading it, or by
    a start that gave up before that thread ran. Closed under a thread still reading it, the
    fd's number could be another file's by its next read."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._lock = threading.Lock()
        self._taken = False

    def _take(self) -> bool:
        with self._lock:
            taken, self._taken = self._taken, True
        return not taken

    def read_all(self) -> bytes:
        if not self._take():
            return b""
        try:
            return _read_all(self.fd)
        finally:
            os.close(self.fd)

    def give_up(self) -> None:
        """A start that gave up: close it, unless the thread has it (it ends at EOF, once bwrap
        is killed)."""
        if self._take():
            os.close(self.fd)
