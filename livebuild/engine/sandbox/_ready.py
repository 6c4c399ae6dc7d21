"""Waiting for a started app to answer: woken by its launcher, polling only as a fallback."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable
from typing import Protocol

from livebuild.engine.sandbox.base import SandboxError

# Polling only finds apps the launcher cannot see listen (a server in a child process);
# everything else is found the moment it listens.
_FIRST_POLL_S = 0.005
_LAST_POLL_S = 0.05


class Listening:
    """A pipe the sandbox's launcher writes to once the app listens on its port.

    Give `write_fd` to the launcher (and close it here once it has started); wait on
    `read_fd` with `wait_until_answers`.
    """

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()

    def started(self) -> None:
        """The launcher has its copy of the write end; ours must go, or no end is seen."""
        if self.write_fd >= 0:
            os.close(self.write_fd)
            self.write_fd = -1

    def close(self) -> None:
        self.started()
        if self.read_fd >= 0:
            os.close(self.read_fd)
            self.read_fd = -1

    def __enter__(self) -> Listening:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Started(Protocol):
    """A started process: asyncio's, or the sandbox's own (`_spawned.Spawned`)."""

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


async def wait_until_answers(
    probe: Callable[[], Awaitable[bool]],
    process: Started,
    listening: Listening,
    timeout_s: float,
) -> None:
    """Return once `probe` says the app answers; SandboxError if it exits or takes too long.

    A probe runs when the launcher says the app listens, so a usual start costs one probe
    after the app is up rather than up to a poll interval. A probe of a listening app waits
    for the answer in the app's backlog, bounded by the time left.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    woken: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        loop.remove_reader(listening.read_fd)
        if not woken.done():
            woken.set_result(None)

    loop.add_reader(listening.read_fd, wake)
    exited = asyncio.ensure_future(process.wait())
    delay = _FIRST_POLL_S
    seen_wake = False
    try:
        while True:
            if process.returncode is not None:
                raise SandboxError(f"the app exited with code {process.returncode} on start")
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise SandboxError(f"the app did not answer within {timeout_s:g}s")
            # `timeout`, not `wait_for`: on Python 3.11 `wait_for` drops a stop that comes
            # as the probe answers, and the build would run on while the service stops.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    if await probe():
                        return
            if woken.done() and not seen_wake:
                # It began listening while that probe ran: ask again now.
                seen_wake = True
                continue
            waits: set[asyncio.Future[None] | asyncio.Future[int]] = {exited}
            if not seen_wake:
                waits.add(woken)
            await asyncio.wait(
                waits, timeout=min(delay, remaining), return_when=asyncio.FIRST_COMPLETED
            )
            seen_wake = seen_wake or woken.done()
            delay = min(delay * 2, _LAST_POLL_S)
    finally:
        loop.remove_reader(listening.read_fd)
        exited.cancel()
