"""Dropping a pooled connection the server has closed, without a round trip to ask.

Pinging every connection as it leaves the pool (SQLAlchemy's pre-ping) costs a round trip
per use; a build makes dozens. Instead a connection is looked at as it is handed out: one
the server closed (a restart, a fail-over, `pg_terminate_backend`) has already been seen
closing by the driver, so it is thrown away and a fresh one made, and the read or write
that asked for it never sees the drop. A connection cut silently in the network (no close
reaches us) fails its first statement instead; a build's reads and writes are made again
then (`patience.PatientStore`), and the pool throws away every connection older than the cut.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine


def drop_closed_connections(engine: AsyncEngine) -> None:
    """Have `engine`'s pool replace connections the server closed while they sat in it."""
    event.listen(engine.sync_engine, "checkout", _checkout)


def _closed(dbapi_connection: Any) -> bool:
    driver = getattr(dbapi_connection, "driver_connection", None)
    is_closed = getattr(driver, "is_closed", None)
    return bool(is_closed()) if callable(is_closed) else False


def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    if _closed(dbapi_connection):
        # The pool discards this connection and hands out another (made afresh if need be).
        raise DisconnectionError("the database closed this connection")
