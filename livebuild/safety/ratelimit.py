"""How often one user may do a costly thing: a contract, and a token bucket in this process.

The in-process bucket is right for one API process; several processes behind a balancer each
grant the full rate, which a shared backend (in the database or Redis) would implement later
behind the same `RateLimiter` contract.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass


class RateLimiter(ABC):
    @abstractmethod
    async def acquire(self, key: str, per_minute: int) -> float:
        """Take one unit for `key`: 0.0 if allowed, else the seconds until one is free."""


@dataclass
class _Bucket:
    tokens: float
    updated: float


class MemoryRateLimiter(RateLimiter):
    """A full bucket holds a minute's worth, so a burst up to the rate is fine."""

    _MAX_KEYS = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    async def acquire(self, key: str, per_minute: int) -> float:
        now = self._clock()
        refill = per_minute / 60.0
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._MAX_KEYS:
                self._forget_full(now, refill, per_minute)
            bucket = self._buckets[key] = _Bucket(float(per_minute), now)
        bucket.tokens = min(float(per_minute), bucket.tokens + (now - bucket.updated) * refill)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / refill

    def _forget_full(self, now: float, refill: float, capacity: int) -> None:
        # A bucket that has refilled is the same as no bucket; dropping those bounds memory.
        for key, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.updated) * refill >= capacity:
                del self._buckets[key]
