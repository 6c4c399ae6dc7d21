"""Waiting out a short database outage, for the work that must outlive one.

A build in flight reads and writes the database every few seconds: its lease, its events,
its log, its estimates. A database away for a moment (a restart, a fail-over, a cut line)
would fail the build at its next call. Work marked patient (`patient_for`) waits instead,
until its own deadline; everything else (a founder's request) fails at once, so the API
can say the service is unavailable rather than hang.

Two places wait. Making a connection is retried (nothing was sent yet). And every call
of a store (`PatientStore`: the repository, the leases, the event log) is one unit of
work: when its connection drops under it (before it or mid-statement, a read or a write)
it is made again from the start on a new connection, whole. The server rolls back a
transaction whose connection went away, so a write is never half made; a cut during the
commit's own answer can't be told apart, and that write may then be made twice. A unit
called from inside another is part of it and is not retried on its own.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

from livebuild.store.db.outage import is_connection_lost
from livebuild.store.db.retry_policy import RetryPolicy, retry

_patience: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "livebuild_db_patience", default=None
)
# Set while a unit of work runs: a store call made inside it is part of it.
_in_unit: contextvars.ContextVar[bool] = contextvars.ContextVar("livebuild_db_unit", default=False)
# Set while a unit of work is made again after its connection dropped.
_again: contextvars.ContextVar[bool] = contextvars.ContextVar("livebuild_db_again", default=False)
_Params = ParamSpec("_Params")
log = logging.getLogger(__name__)
_Result = TypeVar("_Result")


def patient_for(seconds: float) -> None:
    """From here on, this task (and the tasks it starts) waits out a database outage of up
    to `seconds` in each call it makes."""
    _patience.set(seconds)


def current_policy() -> RetryPolicy | None:
    """How this task retries a call that lost the database; None when it doesn't."""
    patience = _patience.get()
    return None if patience is None else RetryPolicy(patience)


def wait_out_outages(engine: AsyncEngine) -> None:
    """Make patient work on `engine` wait for a connection rather than fail."""
    event.listen(engine.sync_engine, "do_connect", _connect)


def _connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
    policy = current_policy()
    if policy is None:
        return None  # SQLAlchemy connects as usual
    # Runs in SQLAlchemy's greenlet on the event loop: waits are awaited, never slept.
    waits = policy.waits(time.monotonic)
    warned = False
    while True:
        try:
            return dialect.loaded_dbapi.connect(*cargs, **cparams)
        except Exception as error:
            wait = next(waits, None) if _unreachable(dialect, error) else None
            if wait is None:
                raise
            if not warned:
                log.warning("the database can't be reached (%r); waiting for it", error)
                warned = True
        await_only(asyncio.sleep(wait))


def _unreachable(dialect: Any, error: Exception) -> bool:
    """Whether the error says the database is away, not that it refused us."""
    dbapi = dialect.loaded_dbapi
    transient = (OSError, TimeoutError, dbapi.OperationalError, dbapi.InterfaceError)
    return isinstance(error, transient)


def patiently(
    work: Callable[_Params, Coroutine[Any, Any, _Result]],
) -> Callable[_Params, Coroutine[Any, Any, _Result]]:
    """`work` as one unit: made again, whole, when patient work loses its connection."""

    @functools.wraps(work)
    async def unit(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        policy = current_policy()
        if policy is None or _in_unit.get():
            return await work(*args, **kwargs)
        inside = _in_unit.set(True)
        tries = 0

        async def attempt() -> _Result:
            nonlocal tries
            tries += 1
            again = _again.set(tries > 1)
            try:
                return await work(*args, **kwargs)
            finally:
                _again.reset(again)

        try:
            return await retry(
                attempt,
                policy,
                retryable=is_connection_lost,
                clock=time.monotonic,
                sleep=asyncio.sleep,
                what=work.__qualname__,
            )
        finally:
            _in_unit.reset(inside)

    return unit


def made_again() -> bool:
    """Whether the unit of work running now is a second try: a write whose first commit
    may have gone through (only its answer was lost) then finds its own work done."""
    return _again.get()


class PatientStore:
    """A store whose every coroutine method is a unit of work (`patiently`): a subclass
    needs nothing more for its reads and writes to wait out an outage in patient work."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if not name.startswith("__") and inspect.iscoroutinefunction(member):
                setattr(cls, name, patiently(member))
