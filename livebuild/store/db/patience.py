"""Waiting out a short database outage, for the work that must outlive one.

A build in flight writes to the database every few seconds: its lease, its events, its
log. A database away for a moment (a restart, a fail-over) would fail the build at its
next write. Work marked patient (`patient_for`) waits for a connection instead, until
its own deadline; everything else (a founder's request) fails at once, so the API can
say the service is unavailable rather than hang.

Only making a connection is retried: nothing was sent yet, so nothing can be done twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

log = logging.getLogger(__name__)

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "livebuild_db_patience", default=None
)
_FIRST_WAIT_S = 0.1
_LAST_WAIT_S = 1.0


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
