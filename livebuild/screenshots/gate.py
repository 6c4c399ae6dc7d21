"""Who captures next on the machine's browser: a bounded number at once, a founder's
picture (the first and the last of a build, the ones a build page waits on) before the
pictures between stages, in arrival order within each, and "busy" past a bound on waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
from collections.abc import AsyncIterator

FOUNDER, BACKGROUND = 0, 1


class GateFull(Exception):
    """Too many captures already wait: this one is skipped rather than kept waiting."""


class PriorityGate:
    def __init__(self, slots: int, max_waiting: int) -> None:
        self.slots = slots
        self.max_waiting = max_waiting
        self.running = 0
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @contextlib.asynccontextmanager
    async def turn(self, priority: int) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self.running < self.slots and not self._waiting:
            self.running += 1
            return
        if len(self._waiting) >= self.max_waiting:
            raise GateFull("too many screenshots are waiting for the browser")
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (priority, next(self._seq), turn)
        heapq.heappush(self._waiting, entry)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed the slot just as it was abandoned: pass it on
            else:
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, turn = heapq.heappop(self._waiting)
            if not turn.done():
                turn.set_result(None)  # the slot passes straight to the next in line
                return
        self.running -= 1
