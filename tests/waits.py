"""Waiting on the thing itself: a process's end wakes the waiter (a pidfd), no polling."""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import time
from collections.abc import Callable, Iterable


def _pidfds(pids: Iterable[int]) -> dict[int, int]:
    fds = {}
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # already gone
            fds[os.pidfd_open(pid)] = pid
    return fds


def still_running(pids: Iterable[int], within_s: float) -> list[int]:
    """Wait up to `within_s` for every process in `pids` to end (the kernel wakes us as
    each one does); the ones that have not ended by then."""
    fds = _pidfds(pids)
    deadline = time.monotonic() + within_s
    try:
        while fds and (left := deadline - time.monotonic()) > 0:
            ended, _, _ = select.select(list(fds), [], [], left)
            for fd in ended:
                del fds[fd]
                os.close(fd)
        return sorted(fds.values())
    finally:
        for fd in fds:
            os.close(fd)


async def ended(pid: int, within_s: float) -> bool:
    """Whether the process `pid` ends within `within_s`, without blocking the event loop."""
    return not await asyncio.to_thread(still_running, [pid], within_s)


def all_ended(find: Callable[[], list[int]], within_s: float) -> bool:
    """Whether every process `find` lists ends within `within_s`: the ones found are waited
    on (woken as each ends), then `find` is asked again for any that started meanwhile."""
    deadline = time.monotonic() + within_s
    while found := find():
        if time.monotonic() > deadline:
            return False
        still_running(found, deadline - time.monotonic())
    return True
