"""Telling a database that can't be reached from a request that went wrong.

A stopped or unreachable server shows as a refused or dropped connection (raised by
the driver, wrapped by SQLAlchemy or not) or an operational error; SQLite answers
"locked" past its wait. Each of these passes once the database is back, so callers
answer "try again shortly" rather than report a fault.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from asyncpg import exceptions as pg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# Where a connection error must have come from to count as the database's.
_DATABASE_MODULES = ("sqlalchemy.", "asyncpg.", "aiosqlite.", "psycopg.", "sqlite3")
# The server dropped the connection, is shutting down or starting up, or is full.
_SERVER_AWAY = (
    pg.PostgresConnectionError,
    pg.CannotConnectNowError,
    pg.AdminShutdownError,
    pg.CrashShutdownError,
    pg.TooManyConnectionsError,
)


def _raised_by_database(traceback: TracebackType | None) -> bool:
    while traceback is not None:
        module = str(traceback.tb_frame.f_globals.get("__name__", ""))
        if module.startswith(_DATABASE_MODULES):
            return True
        traceback = traceback.tb_next
    return False


def _is_outage(error: BaseException) -> bool:
    if isinstance(error, OperationalError | InterfaceError):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, _SERVER_AWAY):
        return True
    return isinstance(error, ConnectionError | TimeoutError) and _raised_by_database(
        error.__traceback__
    )


def _lost(error: BaseException) -> bool:
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, _SERVER_AWAY):
        return True
    if isinstance(error, pg.InterfaceError) and "connection is closed" in str(error):
        return True
    return isinstance(error, ConnectionError | TimeoutError) and _raised_by_database(
        error.__traceback__
    )


def _any_cause(error: BaseException, test: Callable[[BaseException], bool]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if test(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def is_database_outage(error: BaseException) -> bool:
    """True when `error`, or an error that caused it, says the database can't be reached."""
    return _any_cause(error, _is_outage)


def is_connection_lost(error: BaseException) -> bool:
    """True when `error`, or an error that caused it, says the connection to the database
    went away (dropped, refused, the server shutting down): trying again on a new one may
    succeed. A refused statement or a busy database is not a lost connection."""
    return _any_cause(error, _lost)
