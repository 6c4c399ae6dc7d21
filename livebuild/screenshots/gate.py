"""Who captures next on the machine's browser: a bounded number at once, a founder's
picture (the first and the last of a build, the ones a build page waits on) before the
pictures between stages, in arrival order within each, and "busy" past a bound on waiting.

While a founder waits on the local model (a plan or a change being read), the background
pictures are held: the model gets the cores, and a founder's pictures still go. A hold ends
when its holder lets go or its time runs out, whichever is first, so a holder that died
never stops the pictures for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import secrets
from collections.abc import AsyncIterator, Callable

FOUNDER, BACKGROUND = 0, 1
MAX_HOLDS = 64
# The longest a founder's reading may hold the background pictures (the service's bound).
MAX_HOLD_S = 120.0


class GateFull(Exception):
    """Too many captures already wait: this one is skipped rather than kept waiting."""


class PriorityGate:
    def __init__(
        self, slots: int, max_waiting: int, on_held: Callable[[bool], None] | None = None
    ) -> None:
        """`on_held` hears when background captures start and stop being held."""
        self.on_held = on_held
        self.slots = slots
        self.max_waiting = max_waiting
        self.running = 0
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._holds: dict[str, asyncio.TimerHandle] = {}

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def held(self) -> bool:
        """Whether background captures wait for a founder's model reading."""
        return bool(self._holds)

    def hold(self, seconds: float) -> str | None:
        """Hold background captures for at most `seconds`; None past the bound on holds."""
        if len(self._holds) >= MAX_HOLDS:
            return None
        name = secrets.token_hex(8)
        self._holds[name] = asyncio.get_running_loop().call_later(seconds, self.release, name)
        if len(self._holds) == 1 and self.on_held is not None:
            self.on_held(True)
        return name

    def release(self, name: str) -> None:
        timer = self._holds.pop(name, None)
        if timer is not None:
            timer.cancel()
            if not self._holds and self.on_held is not None:
                self.on_held(False)
            self._grant()

    @contextlib.asynccontextmanager
    async def turn(self, priority: int) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    def _may_start(self, priority: int) -> bool:
        return self.running < self.slots and (priority == FOUNDER or not self._holds)

    async def _acquire(self, priority: int) -> None:
        if not self._waiting and self._may_start(priority):
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
        self.running -= 1
        self._grant()

    def _grant(self) -> None:
        """Hand free slots to the first in line (founders first) that may start now."""
        while self._waiting and self._may_start(self._waiting[0][0]):
            _, _, turn = heapq.heappop(self._waiting)
            if not turn.done():
                self.running += 1
                turn.set_result(None)
