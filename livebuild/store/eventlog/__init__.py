from livebuild.store.eventlog.base import EventLog

__all__ = ["EventLog"]
