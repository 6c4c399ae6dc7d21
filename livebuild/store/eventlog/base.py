"""The per-job, append-only event log contract.

Implementations store events and wake followers up when one is appended; the
replay-then-follow logic that guarantees no gaps and no repeats lives here once.
"""

from __future__ import annotations

import abc
import json
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Mapping,
    Sequence,
)
from contextlib import aclosing

from sqlalchemy.ext.asyncio import AsyncConnection

from livebuild.core.clock import iso, utcnow
from livebuild.core.events import Event, StoredEvent
from livebuild.store.eventlog.bus import InProcessBus, WakeBus
from livebuild.store.eventlog.hub import Hub

REPLAY_BATCH = 2000
# A write made in the transaction that stores an event (what the event announces); one
# that raises stores nothing, the event included.
Write = Callable[[AsyncConnection], Awaitable[None]]


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

    async def _news(self, afters: Mapping[str, int | None]) -> list[StoredEvent]:
        return await self.read_news(afters, REPLAY_BATCH)

    @abc.abstractmethod
    async def _store(self, job_id: str, event: Event, writes: Sequence[Write]) -> StoredEvent:
        """Persist the event with the job's next id, after `writes`, in one transaction."""

    @abc.abstractmethod
    async def read(
        self, job_id: str, after: int = 0, limit: int | None = None
    ) -> list[StoredEvent]:
        """Events of the job with id > after, oldest first."""

    @abc.abstractmethod
    async def last(self, job_id: str) -> StoredEvent | None:
        """The job's newest event."""

    @abc.abstractmethod
    async def read_news(self, afters: Mapping[str, int | None], limit: int) -> list[StoredEvent]:
        """In one read, each job's events with id > its after (None: only its newest),
        oldest first within a job and at most `limit` in all."""

    async def append(
        self, job_id: str, event: Event, *, writes: Sequence[Write] = ()
    ) -> StoredEvent:
        """Store the event (and `writes` with it, all or nothing) and wake its followers."""
        stored = await self._store(job_id, event, writes)
        self.bus.appended(stored)
        return stored

    async def follow(
        self, job_id: str, after: int = 0, idle_s: float | None = None
    ) -> AsyncGenerator[StoredEvent | None]:
        """Replay the history after `after`, then yield live events until the terminal one.

        Yields None after `idle_s` seconds without an event, so callers can send heartbeats.
        """
        # Closing this generator closes the inner one now, not whenever it is collected.
        async with aclosing(self.follow_runs(job_id, after, idle_s)) as runs:
            async for run in runs:
                if run is None:
                    yield None
                    continue
                for event in run[0]:
                    yield event

    async def follow_runs(
        self, job_id: str, after: int = 0, idle_s: float | None = None
    ) -> AsyncGenerator[tuple[list[StoredEvent], bytes] | None]:
        """Like `follow`, in runs of consecutive events together with their SSE frames.

        A run is everything available at once: a batch of history, or the live events that
        arrived since the follower last looked (the same bytes object for every follower at
        the same point, so a stream server writes it out without building anything).
        """
        subscription = self.bus.subscribe(job_id)
        try:
            last = after
            async for run in self._replay(job_id, last):
                yield run
                last = run[0][-1].id
                if run[0][-1].is_terminal:
                    return
            if last == after > 0:
                # Nothing after the resume point: was it already the end? (Otherwise the
                # history read answers that, and a crowd reconnecting costs one read each.)
                newest = await self.last(job_id)
                if newest is not None and newest.is_terminal and newest.id <= last:
                    return  # resumed after the end: nothing more will come
            channel = subscription.channel
            while True:
                live = channel.run_after(last)
                if live is None:
                    # Missed something this process no longer holds: read it back.
                    behind = last
                    async for run in self._replay(job_id, last):
                        yield run
                        last = run[0][-1].id
                        if run[0][-1].is_terminal:
                            return
                    if last == behind and not await channel.wait(idle_s):
                        yield None  # not readable yet: wait instead of asking again at once
                    continue
                events, _ = live
                if not events:
                    if channel.ended_at is not None and channel.ended_at <= last:
                        return  # the build ended at or before the resume point
                    if not await channel.wait(idle_s):
                        yield None
                    continue
                yield live
                last = events[-1].id
                if events[-1].is_terminal:
                    return
        finally:
            subscription.close()

    async def _replay(
        self, job_id: str, after: int
    ) -> AsyncIterator[tuple[list[StoredEvent], bytes]]:
        while True:
            batch = await self.read(job_id, after, REPLAY_BATCH)
            if batch:
                ends = next((n for n, e in enumerate(batch) if e.is_terminal), len(batch) - 1)
                run = batch[: ends + 1]
                yield run, b"".join(event.sse for event in run)
                after = batch[-1].id
            if len(batch) < REPLAY_BATCH:
                return
