"""Starting a process without copying the event loop's process.

uvloop starts a child with a full `fork()`: from a worker of 130-300 MB that is 5-12 ms of
CPU with the loop stalled. CPython's own `subprocess` starts it with `vfork()` (~0.5 ms),
so the sandbox starts that way; its end is seen through a pidfd on the loop, and its
output is read through the loop like any pipe.
"""

from __future__ import annotations

import asyncio
import os
import subprocess


class Spawned:
    """A started process as the sandbox uses it: `pid`, `returncode`, `stdout`, `wait()`,
    `kill()`; the same shape as asyncio's `Process` for those."""

    def __init__(self, popen: subprocess.Popen[bytes], stdout: asyncio.StreamReader) -> None:
        self._popen = popen
        self.stdout = stdout
        self.pid = popen.pid
        self._ended: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pidfd = os.pidfd_open(popen.pid)
        asyncio.get_running_loop().add_reader(self._pidfd, self._exited)

    @property
    def returncode(self) -> int | None:
        return self._popen.returncode

    def _exited(self) -> None:
        # The pidfd is readable once the process has ended: reap it (only this one).
        if self._popen.poll() is None:
            return
        asyncio.get_running_loop().remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        if not self._ended.done():
            self._ended.set_result(self._popen.returncode)

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)

    def kill(self) -> None:
        """SIGKILL, unless it has already been reaped (its pid may be someone else's)."""
        self._popen.kill()


async def spawn(argv: list[str], *, cwd: str, env: dict[str, str], pass_fds: list[int]) -> Spawned:
    """Start `argv` in a session of its own, stdin empty, stdout and stderr to one pipe."""
    # On the loop, not in a thread: a vfork start (~0.5 ms) costs less than the hand-off.
    popen, read_end = _start(argv, cwd, env, pass_fds)
    loop = asyncio.get_running_loop()
    stdout = asyncio.StreamReader(loop=loop)
    transport = None
    try:
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(stdout, loop=loop), os.fdopen(read_end, "rb", 0)
        )
        return Spawned(popen, stdout)
    except BaseException:
        # Not started, or its pidfd not had (EMFILE on a busy worker): nothing would end it.
        popen.kill()
        popen.wait()
        if transport is not None:
            transport.close()
        raise


def _start(
    argv: list[str], cwd: str, env: dict[str, str], pass_fds: list[int]
) -> tuple[subprocess.Popen[bytes], int]:
    read_end, write_end = os.pipe()
    try:
        popen = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=write_end,
            pass_fds=pass_fds,
            start_new_session=True,
        )
    except BaseException:
        os.close(read_end)
        raise
    finally:
        os.close(write_end)
    return popen, read_end
