"""The wake-up bus contract: how followers learn that a job has a new event.

The events table stays the source of truth; a bus only says "job J has event N",
and each process fans freshly read events out to its own followers through a hub.
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable, Mapping

from livebuild.core.events import StoredEvent
from livebuild.store.eventlog.hub import Hub, Subscription

# Reads the events of many jobs in one query: each job's after its id (None: only its
# newest event), oldest first within a job, at most a batch in all. The bus's way back to
# the source of truth, one read however many jobs this process follows.
EventReader = Callable[[Mapping[str, int | None]], Awaitable[list[StoredEvent]]]


class WakeBus(abc.ABC):
    def __init__(self) -> None:
        self.hub = Hub()

    @property
    def ready(self) -> bool:
        """Whether followers on this process hear of events appended anywhere."""
        return True

    def subscribe(self, job_id: str) -> Subscription:
        return self.hub.subscribe(job_id)

    @abc.abstractmethod
    def notice(self, job_id: str, event_id: int) -> tuple[str, str] | None:
        """A (channel, payload) to send in the appending transaction, or None."""

    def appended(self, event: StoredEvent) -> None:
        """An event was stored by this process: its own followers hear of it at once."""
        self.hub.publish(event)

    async def start(self, reader: EventReader) -> None:  # noqa: B027 - optional hook
        """Begin hearing of events appended elsewhere."""

    async def stop(self) -> None:  # noqa: B027 - optional hook
        """Stop listening; followers still replay from the database."""


class InProcessBus(WakeBus):
    """Followers and the appending worker share one process: the hub is the whole bus."""

    def notice(self, job_id: str, event_id: int) -> tuple[str, str] | None:
        return None
