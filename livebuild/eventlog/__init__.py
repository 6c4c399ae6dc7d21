from livebuild.eventlog.base import EventLog

__all__ = ["EventLog"]
