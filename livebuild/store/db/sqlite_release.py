"""Freeing SQLite's write lock as soon as a connection is thrown away, not when Python
gets round to collecting it.

aiosqlite runs each call on the connection's own thread, and SQLAlchemy makes a statement
that returns rows (`UPDATE ... RETURNING`, a `SELECT`) two calls there: run it, then fetch
its rows. A build cancelled between the two (a stop landing mid-statement) leaves the
statement begun and unfinished; SQLAlchemy then throws the connection away (invalidates it)
and closes it. But SQLite closes a connection that still has an unfinished statement only
once that statement is finalized, which is when Python collects the cursor: the cancelled
task's traceback keeps it alive. Until then the transaction stays open with its write
lock, so every other write waits out the whole busy timeout and fails ("database is
locked"), the stopped build's own last words among them, even after `engine.dispose()`.

So whenever the pool closes a SQLite connection, a rollback is queued on the connection's
own thread first. It runs after whatever statement is still running there, ends the
transaction (SQLite aborts the unfinished statement with it) and frees the lock; the close
follows. A connection handed back to the pool in the usual way was rolled back already, and
the rollback does nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from functools import partial
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)


def release_locks_on_close(engine: AsyncEngine) -> None:
    """Have `engine`'s pool roll back each SQLite connection it closes, before it closes it."""
    event.listen(engine.sync_engine, "close", _roll_back_first)
    event.listen(engine.sync_engine, "close_detached", _roll_back_first)


def _roll_back_first(dbapi_connection: Any, *_record: Any) -> None:
    driver = getattr(dbapi_connection, "driver_connection", None)
    # aiosqlite's queue of calls for its thread, taken in order; SQLAlchemy's own aiosqlite
    # dialect queues calls on it the same way. Queued without waiting, so nothing here can
    # be cancelled, and the close the pool queues next runs after it.
    calls = getattr(driver, "_tx", None)
    raw = getattr(driver, "_connection", None)
    if calls is None or not isinstance(raw, sqlite3.Connection):
        return  # already closed, or not aiosqlite: nothing to free
    calls.put_nowait((None, partial(_roll_back, raw)))


def _roll_back(raw: sqlite3.Connection) -> None:
    """On the connection's thread: end its transaction, if it still has one."""
    try:
        if raw.in_transaction:
            raw.rollback()
    except sqlite3.Error as error:  # closed meanwhile: its transaction ended with it
        log.debug("rolling back a connection being closed: %r", error)
