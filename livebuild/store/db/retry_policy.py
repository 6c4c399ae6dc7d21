"""How patient work tries again after losing the database: how often, and until when.

Pure: the clock and the sleep are given, so the policy is tested without waiting. A try
that failed for a reason other than a lost connection is never made again; one that lost
its connection is made again after a pause that doubles up to a ceiling, until the next
pause would carry past the work's own deadline (its patience, counted from its first try).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)

_Result = TypeVar("_Result")


@dataclass(frozen=True)
class RetryPolicy:
    """Try again for up to `patience_s`, pausing `first_wait_s`, then twice that, up to
    `last_wait_s` between tries."""

    patience_s: float
    first_wait_s: float = 0.1
    last_wait_s: float = 1.0

    def waits(self, clock: Callable[[], float]) -> Iterator[float]:
        """The pauses before each new try; ends when the next would carry past the
        deadline, counted from this call (not from the first pause asked for)."""
        return self._waits(clock, deadline=clock() + self.patience_s)

    def _waits(self, clock: Callable[[], float], deadline: float) -> Iterator[float]:
        wait = self.first_wait_s
        while clock() + wait <= deadline:
            yield wait
            wait = min(wait * 2, self.last_wait_s)


async def retry(
    attempt: Callable[[], Awaitable[_Result]],
    policy: RetryPolicy,
    *,
    retryable: Callable[[BaseException], bool],
    clock: Callable[[], float],
    sleep: Callable[[float], Awaitable[object]],
    what: str = "a database call",
) -> _Result:
    """`attempt()`, made again while it fails in a way `retryable` accepts and the policy
    has time left; the last failure is raised as it was."""
    waits = policy.waits(clock)
    warned = False
    while True:
        try:
            return await attempt()
        except Exception as error:
            wait = next(waits, None) if retryable(error) else None
            if wait is None:
                raise
            if not warned:
                log.warning("%s lost the database (%r); trying again", what, error)
                warned = True
        await sleep(wait)
