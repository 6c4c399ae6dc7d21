"""The event log and its wake-up bus, each chosen from settings."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.settings import Settings
from livebuild.store.eventlog.base import EventLog
from livebuild.store.eventlog.bus import InProcessBus, WakeBus

EVENT_BUSES: tuple[str, ...] = ("inprocess", "postgres")


def create_bus(settings: Settings) -> WakeBus:
    name = settings.resolved_event_bus
    if name == "inprocess":
        return InProcessBus()
    if name == "postgres":
        from livebuild.store.eventlog.pgbus import PostgresBus

        return PostgresBus(settings.resolved_database_url)
    raise ValueError(f"Unknown event bus {name!r}; choose one of {', '.join(EVENT_BUSES)}.")


def create_event_log(settings: Settings, engine: AsyncEngine) -> EventLog:
    """Events live in the main database; only how followers are woken varies."""
    from livebuild.store.eventlog.sql import SqlEventLog

    return SqlEventLog(engine, create_bus(settings))


__all__ = ["EVENT_BUSES", "EventLog", "create_bus", "create_event_log"]
