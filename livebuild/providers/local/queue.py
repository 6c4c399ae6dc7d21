"""Who uses the model next: one call at a time, a founder's reading before background work
(a background call running when a founder arrives is stopped), and among readings the one due
soonest first (a change the founder waits seconds for before a plan with half a minute). A
bound on how many may wait, and on how long each waits: past either the answer is "busy",
never an endless wait.
"""

from __future__ import annotations

import asyncio
import itertools
import math
from dataclasses import dataclass, field

FOUNDER, BACKGROUND = 0, 1


class Busy(Exception):
    """No room to wait: the caller should fall back or try again later."""


@dataclass(order=True)
class Ticket:
    priority: int
    # When the caller stops waiting (the event loop's clock); background work waits for ever.
    due: float
    seq: int
    turn: asyncio.Future[None] = field(compare=False, repr=False)
    # Set when a founder arrives while this background call runs: it stops at its next token.
    preempted: bool = field(default=False, compare=False)


class ModelQueue:
    def __init__(self, max_waiting: int) -> None:
        self.max_waiting = max_waiting
        self._waiting: list[Ticket] = []
        self._running: Ticket | None = None
        self._seq = itertools.count()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._waiting)

    def admit(self, priority: int, within_s: float | None = None) -> Ticket:
        """A place in the queue for a caller who waits `within_s` at most (None: as long as
        it takes); raises `Busy` when there is none for this priority.

        A founder arriving at a full queue takes the place of the newest background call,
        which is told it is busy."""
        loop = asyncio.get_running_loop()
        due = math.inf if within_s is None else loop.time() + within_s
        ticket = Ticket(priority, due, next(self._seq), loop.create_future())
        running = self._running
        if priority == FOUNDER and running is not None and running.priority == BACKGROUND:
            running.preempted = True
        if self._running is None and not self._waiting:
            self._running = ticket
            ticket.turn.set_result(None)
            return ticket
        if len(self._waiting) >= self.max_waiting:
            bumped = max(self._waiting, default=None)
            if bumped is None or bumped.priority <= priority:
                raise Busy("the model's queue is full")
            self._waiting.remove(bumped)
            bumped.turn.set_exception(Busy("a founder's request took this place"))
        self._waiting.append(ticket)
        return ticket

    async def wait_turn(self, ticket: Ticket) -> None:
        """Until the ticket's turn; raises `Busy` when it is not its turn by its due time."""
        try:
            async with asyncio.timeout_at(None if math.isinf(ticket.due) else ticket.due):
                await asyncio.shield(ticket.turn)
        except TimeoutError:
            # Waiting or (its turn came just as its time ran out) running: the next one goes.
            self.release(ticket)
            raise Busy("the model was still busy when the caller's time ran out") from None
        except asyncio.CancelledError:
            self.release(ticket)
            raise

    def release(self, ticket: Ticket) -> None:
        """The ticket's call is over (done, failed or abandoned): the next one goes."""
        if ticket in self._waiting:
            self._waiting.remove(ticket)
            if not ticket.turn.done():
                ticket.turn.cancel()
            return
        if self._running is not ticket:
            return
        self._running = None
        if self._waiting:
            nxt = min(self._waiting)
            self._waiting.remove(nxt)
            self._running = nxt
            nxt.turn.set_result(None)
