"""Waiting out a short database outage, for the work that must outlive one.

A build in flight writes to the database every few seconds: its lease, its events, its
log. A database away for a moment (a restart, a fail-over) would fail the build at its
next write. Work marked patient (`patient_for`) waits for a connection instead, until
its own deadline; everything else (a founder's request) fails at once, so the API can
say the service is unavailable rather than hang.

Making a connection is retried (nothing was sent yet), and the writes a build makes
while it runs (`patiently`) are made again when their connection drops mid-statement.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

log = logging.getLogger(__name__)

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "livebuild_db_patience", default=None
)
_FIRST_WAIT_S = 0.1
_LAST_WAIT_S = 1.0
_Params = ParamSpec("_Params")


def patient_for(seconds: float) -> None:
    """From here on, this task (and the tasks it starts) waits up to `seconds` for a
    connection each time the database can't be reached."""
    _deadline.set(seconds)


def wait_out_outages(engine: AsyncEngine) -> None:
    """Make patient work on `engine` wait for a connection rather than fail."""
    event.listen(engine.sync_engine, "do_connect", _connect)


def _connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
    patience = _deadline.get()
    if patience is None:
        return None  # SQLAlchemy connects as usual
    # Runs in SQLAlchemy's greenlet on the event loop: waits are awaited, never slept.
    deadline = time.monotonic() + patience
    wait = _FIRST_WAIT_S
    warned = False
    while True:
        try:
            return dialect.loaded_dbapi.connect(*cargs, **cparams)
        except Exception as error:
            if not _unreachable(dialect, error) or time.monotonic() + wait > deadline:
                raise
            if not warned:
                log.warning("the database can't be reached (%r); waiting for it", error)
                warned = True
        await_only(asyncio.sleep(wait))
        wait = min(wait * 2, _LAST_WAIT_S)


def _unreachable(dialect: Any, error: Exception) -> bool:
    """Whether the error says the database is away, not that it refused us."""
    dbapi = dialect.loaded_dbapi
    transient = (OSError, TimeoutError, dbapi.OperationalError, dbapi.InterfaceError)
    return isinstance(error, transient)


_Result = TypeVar("_Result")


def patiently(
    write: Callable[_Params, Coroutine[Any, Any, _Result]],
) -> Callable[_Params, Coroutine[Any, Any, _Result]]:
    """A write that patient work makes again when the connection dropped under it.

    Connecting is waited for above; this covers a connection cut while a statement was in
    flight. The server rolls back a transaction whose connection went away, so the write
    is made again from the start, until the task's own deadline. (A cut during the commit's
    answer itself can't be told apart: that write may then be made twice.)
    """

    @functools.wraps(write)
    async def made(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        patience = _deadline.get()
        if patience is None:
            return await write(*args, **kwargs)
        deadline = time.monotonic() + patience
        wait = _FIRST_WAIT_S
        while True:
            try:
                return await write(*args, **kwargs)
            except DBAPIError as error:
                if not error.connection_invalidated or time.monotonic() + wait > deadline:
                    raise
                log.warning("the database connection dropped mid-write; writing again")
            await asyncio.sleep(wait)
            wait = min(wait * 2, _LAST_WAIT_S)

    return made
