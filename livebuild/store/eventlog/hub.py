"""In-process fan-out of freshly appended events to the readers following a job.

Thousands of followers may watch one build, so nothing here is done once per follower per
event if it can be done once per event: a job's new events go into one short list shared
by all its followers, one wake-up tells them all, and each follower takes every event past
its own cursor in one go (a follower that was slow to wake sends what it missed as one
write). The SSE bytes of a run of events are joined once and handed to every follower at
the same cursor.
"""

from __future__ import annotations

import asyncio
import bisect
from collections.abc import Callable

from livebuild.core.events import StoredEvent

# Recent events kept per followed job. A follower further behind than this (or one that
# arrived in a gap) reads the missing events back from the event log instead.
RECENT = 256


class Channel:
    """One followed job in this process: its recent events and the wake-up for new ones."""

    def __init__(self, job_id: str, moved: Callable[[], None] = lambda: None) -> None:
        self.job_id = job_id
        self.subscribers = 0
        # Followers waiting for news right now; `moved` is told whenever this count changes.
        self.waiting = 0
        self._moved = moved
        self._events: list[StoredEvent] = []
        self._ids: list[int] = []
        self._news = asyncio.Event()
        # first id wanted -> (the contiguous run from it, its SSE bytes); valid until news.
        self._runs: dict[int, tuple[list[StoredEvent], bytes]] = {}
        # The id of the job's terminal event, once heard: a follower whose cursor is at or
        # past it (one resuming from an id the build never reached) has nothing more coming.
        self.ended_at: int | None = None
        # One idle timer for the whole channel instead of one per follower per wait: it
        # wakes every follower each `_tick_s`, and those with nothing to send heartbeat.
        self._ticks = 0
        self._tick_s: float | None = None
        self._ticker: asyncio.TimerHandle | None = None

    def publish(self, event: StoredEvent) -> None:
        at = bisect.bisect_left(self._ids, event.id)
        if at < len(self._ids) and self._ids[at] == event.id:
            return  # heard twice (appended here and announced by the bus): once is enough
        self._ids.insert(at, event.id)
        self._events.insert(at, event)
        if event.is_terminal:
            self.ended_at = event.id
        if len(self._events) > RECENT:
            del self._events[:-RECENT], self._ids[:-RECENT]
        self._runs.clear()
        # Wakes every waiting follower at once; those that were busy find the event anyway.
        self._news.set()
        self._news.clear()

    def run_after(self, cursor: int) -> tuple[list[StoredEvent], bytes] | None:
        """The contiguous events after `cursor` and their SSE frames; None if some are not here.

        Empty when nothing is newer than `cursor`.
        """
        cached = self._runs.get(cursor + 1)
        if cached is not None:
            return cached
        at = bisect.bisect_right(self._ids, cursor)
        if at == len(self._ids):
            return [], b""
        if self._ids[at] != cursor + 1:
            return None
        end = at + 1
        while end < len(self._ids) and self._ids[end] == self._ids[end - 1] + 1:
            end += 1
        events = self._events[at:end]
        run = (events, b"".join(event.sse for event in events))
        self._runs[cursor + 1] = run
        return run

    async def wait(self, idle_s: float | None) -> bool:
        """Wait for news; False if the channel's idle tick (at most `idle_s`) came first."""
        if idle_s is not None and (self._tick_s is None or idle_s < self._tick_s):
            self._tick_s = idle_s
            self._schedule_tick()
        while True:
            ticks = self._ticks
            self.waiting += 1
            self._moved()
            try:
                await self._news.wait()
            finally:
                self.waiting -= 1
            if self._ticks == ticks:
                return True
            if idle_s is not None:
                return False

    def _schedule_tick(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        assert self._tick_s is not None
        self._ticker = asyncio.get_running_loop().call_later(self._tick_s, self._tick)

    def _tick(self) -> None:
        self._ticks += 1
        self._news.set()
        self._news.clear()
        self._schedule_tick()

    def close(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None


class Subscription:
    def __init__(self, hub: Hub, channel: Channel) -> None:
        self._hub = hub
        self.channel = channel
        self.job_id = channel.job_id
        self._closed = False

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._hub.unsubscribe(self)


class Hub:
    def __init__(self) -> None:
        self._channels: dict[str, Channel] = {}
        self._moved = asyncio.Event()

    def _move(self) -> None:
        self._moved.set()
        self._moved.clear()

    def subscribe(self, job_id: str) -> Subscription:
        channel = self._channels.get(job_id)
        if channel is None:
            channel = self._channels[job_id] = Channel(job_id, self._move)
        channel.subscribers += 1
        self._move()
        return Subscription(self, channel)

    async def until(self, job_id: str, *, subscribed: int = 0, waiting: int = 0) -> None:
        """Return once `job_id` has at least `subscribed` followers, `waiting` of them waiting
        for news: what a test (or a diagnosis) waits for, instead of sleeping and hoping."""
        while True:
            channel = self._channels.get(job_id)
            if channel and channel.subscribers >= subscribed and channel.waiting >= waiting:
                return
            await self._moved.wait()

    def unsubscribe(self, subscription: Subscription) -> None:
        channel = subscription.channel
        channel.subscribers -= 1
        if channel.subscribers <= 0 and self._channels.get(channel.job_id) is channel:
            del self._channels[channel.job_id]
            channel.close()

    def publish(self, event: StoredEvent) -> None:
        channel = self._channels.get(event.job_id)
        if channel is not None:
            channel.publish(event)

    def followed(self) -> list[str]:
        """The jobs someone in this process is following."""
        return list(self._channels)

    def subscriber_count(self, job_id: str) -> int:
        channel = self._channels.get(job_id)
        return 0 if channel is None else channel.subscribers
