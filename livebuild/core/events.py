"""Typed build events. Each class carries its own type tag; the log adds id, job and time."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

# Event ids are stored as the databases' plain (32-bit) integers; a larger id can't exist, and
# asking for one must be a clear 4xx rather than an overflow inside the database driver.
MAX_EVENT_ID = 2**31 - 1


class EventType(enum.StrEnum):
    STAGE_STARTED = "build.stage.started"
    STAGE_COMPLETED = "build.stage.completed"
    SNAPSHOT_UPDATED = "snapshot.updated"
    DOCUMENTATION_UPDATED = "documentation.updated"
    BUILD_COMPLETED = "build.completed"
    BUILD_FAILED = "build.failed"


TERMINAL_EVENTS: frozenset[EventType] = frozenset(
    {EventType.BUILD_COMPLETED, EventType.BUILD_FAILED}
)


@dataclass(frozen=True)
class Event:
    type: ClassVar[EventType]

    def payload(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class StageStarted(Event):
    type: ClassVar[EventType] = EventType.STAGE_STARTED
    stage: str
    label: str
    narration: str
    agent_role: str
    estimate_s: float
    attempt: int = 1


@dataclass(frozen=True)
class StageCompleted(Event):
    type: ClassVar[EventType] = EventType.STAGE_COMPLETED
    stage: str
    label: str
    duration_s: float
    tokens: int
    outcome: str = "ok"  # "retry" when checks send the build back to scaffold


@dataclass(frozen=True)
class SnapshotUpdated(Event):
    type: ClassVar[EventType] = EventType.SNAPSHOT_UPDATED
    stage: str
    snapshot_url: str


@dataclass(frozen=True)
class DocumentationUpdated(Event):
    type: ClassVar[EventType] = EventType.DOCUMENTATION_UPDATED
    section: str


@dataclass(frozen=True)
class BuildCompleted(Event):
    type: ClassVar[EventType] = EventType.BUILD_COMPLETED
    version: str
    elapsed_s: float
    preview_url: str | None
    snapshot_url: str | None
    tokens: int


@dataclass(frozen=True)
class BuildFailed(Event):
    type: ClassVar[EventType] = EventType.BUILD_FAILED
    message: str
    debug_id: str
    elapsed_s: float


@dataclass(frozen=True)
class StoredEvent:
    """An event as it sits in the log: envelope plus payload, and its JSON text."""

    id: int
    type: str
    job_id: str
    ts: str
    data: str  # the whole event as JSON, exactly what clients receive

    @property
    def is_terminal(self) -> bool:
        return self.type in TERMINAL_EVENTS

    @cached_property
    def sse(self) -> bytes:
        """The Server-Sent Events frame, built once however many clients receive it."""
        return f"id: {self.id}\nevent: {self.type}\ndata: {self.data}\n\n".encode()
