"""The per-job, append-only event log contract.

Implementations store events and wake followers up when one is appended; the
replay-then-follow logic that guarantees no gaps and no repeats lives here once.
"""

from __future__ import annotations

import abc
import asyncio
import json
from collections.abc import AsyncGenerator, AsyncIterator

from livebuild.core.clock import iso, utcnow
from livebuild.core.events import Event, StoredEvent
from livebuild.store.eventlog.bus import InProcessBus, WakeBus
from livebuild.store.eventlog.hub import Hub, Subscription

REPLAY_BATCH = 2000


def utc_timestamp() -> str:
    return iso(utcnow()) or ""


def envelope(event: Event, *, event_id: int, job_id: str, ts: str) -> str:
    body = {"id": event_id, "type": event.type.value, "job_id": job_id, "ts": ts}
    body.update(event.payload())
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


class EventLog(abc.ABC):
    def __init__(self, bus: WakeBus | None = None) -> None:
        self.bus = bus or InProcessBus()

    @property
    def hub(self) -> Hub:
        return self.bus.hub

    async def start(self) -> None:
        await self.bus.start(self._news)

    async def stop(self) -> None:
        await self.bus.stop()

    async def _news(self, job_id: str, after: int | None) -> list[StoredEvent]:
        if after is None:
            newest = await self.last(job_id)
            return [] if newest is None else [newest]
        return await self.read(job_id, after, REPLAY_BATCH)

    @abc.abstractmethod
    async def _store(self, job_id: str, event: Event) -> StoredEvent:
        """Persist the event with the job's next id and return it."""

    @abc.abstractmethod
    async def read(
        self, job_id: str, after: int = 0, limit: int | None = None
    ) -> list[StoredEvent]:
        """Events of the job with id > after, oldest first."""

    @abc.abstractmethod
    async def last(self, job_id: str) -> StoredEvent | None:
        """The job's newest event."""

    async def append(self, job_id: str, event: Event) -> StoredEvent:
        stored = await self._store(job_id, event)
        self.bus.appended(stored)
        return stored

    async def follow(
        self, job_id: str, after: int = 0, idle_s: float | None = None
    ) -> AsyncGenerator[StoredEvent | None]:
        """Replay the history after `after`, then yield live events until the terminal one.

        Yields None after `idle_s` seconds without an event, so callers can send heartbeats.
        """
        subscription = self.bus.subscribe(job_id)
        try:
            last = after
            async for event in self._replay(job_id, last):
                yield event
                last = event.id
                if event.is_terminal:
                    return
            newest = await self.last(job_id)
            if newest is not None and newest.is_terminal and newest.id <= last:
                return  # resumed after the end: nothing more will come
            while True:
                live = await self._next_live(subscription, idle_s)
                if live is None:
                    yield None
                    continue
                if live.id <= last:
                    continue
                if live.id > last + 1:
                    # Missed something between the replay and the subscription: read it back.
                    async for missed in self._replay(job_id, last):
                        yield missed
                        last = missed.id
                        if missed.is_terminal:
                            return
                    continue
                yield live
                last = live.id
                if live.is_terminal:
                    return
        finally:
            subscription.close()

    async def _replay(self, job_id: str, after: int) -> AsyncIterator[StoredEvent]:
        while True:
            batch = await self.read(job_id, after, REPLAY_BATCH)
            for event in batch:
                yield event
                after = event.id
            if len(batch) < REPLAY_BATCH:
                return

    @staticmethod
    async def _next_live(subscription: Subscription, idle_s: float | None) -> StoredEvent | None:
        if idle_s is None:
            return await subscription.queue.get()
        try:
            return await asyncio.wait_for(subscription.queue.get(), idle_s)
        except TimeoutError:
            return None
