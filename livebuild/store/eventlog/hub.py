"""In-process fan-out of freshly appended events to the readers following a job."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from livebuild.core.events import StoredEvent


class Subscription:
    def __init__(self, hub: Hub, job_id: str) -> None:
        self._hub = hub
        self.job_id = job_id
        self.queue: asyncio.Queue[StoredEvent] = asyncio.Queue()

    def close(self) -> None:
        self._hub.unsubscribe(self)


class Hub:
    def __init__(self) -> None:
        self._subscribers: defaultdict[str, set[Subscription]] = defaultdict(set)

    def subscribe(self, job_id: str) -> Subscription:
        subscription = Subscription(self, job_id)
        self._subscribers[job_id].add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        subscribers = self._subscribers.get(subscription.job_id)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._subscribers[subscription.job_id]

    def publish(self, event: StoredEvent) -> None:
        for subscription in self._subscribers.get(event.job_id, ()):
            subscription.queue.put_nowait(event)

    def followed(self) -> list[str]:
        """The jobs someone in this process is following."""
        return list(self._subscribers)

    def subscriber_count(self, job_id: str) -> int:
        return len(self._subscribers.get(job_id, ()))
