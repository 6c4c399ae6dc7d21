"""How a build's database call tries again after losing its connection: how often and
until when, on a clock the test moves."""

from __future__ import annotations

import asyncio

import pytest

from livebuild.store.db.retry_policy import RetryPolicy, retry


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Lost(ConnectionError):
    pass


class Refused(ValueError):
    pass


def _failing(times: int, error: Exception, clock: Clock, spend_s: float = 0.0) -> object:
    calls = {"n": 0}

    async def attempt() -> str:
        calls["n"] += 1
        clock.now += spend_s
        if calls["n"] <= times:
            raise error
        return "done"

    attempt.calls = calls  # type: ignore[attr-defined]
    return attempt


def _run(attempt: object, clock: Clock, policy: RetryPolicy) -> str:
    return asyncio.run(
        retry(
            attempt,  # type: ignore[arg-type]
            policy,
            retryable=lambda error: isinstance(error, ConnectionError),
            clock=clock,
            sleep=clock.sleep,
        )
    )


def test_pauses_double_up_to_a_ceiling_and_stop_at_the_deadline() -> None:
    clock = Clock()
    walked = []
    for wait in RetryPolicy(patience_s=5.0).waits(clock):
        walked.append(wait)
        clock.now += wait
    assert walked == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]
    assert sum(walked) <= 5.0


def test_the_deadline_counts_from_the_first_try_not_the_first_pause() -> None:
    clock = Clock()
    waits = RetryPolicy(patience_s=5.0).waits(clock)
    clock.now += 4.95  # the first try hung this long before failing
    assert next(waits, None) is None


def test_a_call_that_lost_its_connection_is_made_again_until_it_succeeds() -> None:
    clock = Clock()
    attempt = _failing(3, Lost("connection was closed"), clock)
    assert _run(attempt, clock, RetryPolicy(patience_s=15.0)) == "done"
    assert attempt.calls["n"] == 4  # type: ignore[attr-defined]
    assert clock.slept == [0.1, 0.2, 0.4]


def test_a_refused_call_is_never_made_again() -> None:
    clock = Clock()
    attempt = _failing(1, Refused("no such column"), clock)
    with pytest.raises(Refused):
        _run(attempt, clock, RetryPolicy(patience_s=15.0))
    assert attempt.calls["n"] == 1  # type: ignore[attr-defined]
    assert clock.slept == []


def test_an_outage_longer_than_the_patience_fails_with_the_last_error_in_time() -> None:
    clock = Clock()
    attempt = _failing(1000, Lost("connection refused"), clock)
    with pytest.raises(Lost):
        _run(attempt, clock, RetryPolicy(patience_s=3.0))
    # Gave up before the deadline, not after: the lease outlives the wait.
    assert clock.now - 1000.0 <= 3.0
    assert attempt.calls["n"] == len(clock.slept) + 1  # type: ignore[attr-defined]


def test_time_spent_inside_the_failing_calls_counts_against_the_deadline() -> None:
    clock = Clock()
    # Each try hangs 2 s before its connection drops: a 5 s patience allows three at most.
    attempt = _failing(1000, Lost("reset"), clock, spend_s=2.0)
    with pytest.raises(Lost):
        _run(attempt, clock, RetryPolicy(patience_s=5.0))
    assert attempt.calls["n"] <= 3  # type: ignore[attr-defined]


def test_an_outage_shorter_than_the_patience_is_waited_out() -> None:
    clock = Clock()
    back_at = clock.now + 7.0

    async def attempt() -> str:
        if clock.now < back_at:
            raise Lost("connection refused")
        return "done"

    assert _run(attempt, clock, RetryPolicy(patience_s=15.0)) == "done"
    # Back within a pause of the database's return, not a minute later.
    assert back_at <= clock.now <= back_at + 1.0


def _wrapped(cause: BaseException, outer: BaseException) -> BaseException:
    try:
        try:
            raise cause
        except BaseException as error:
            raise outer from error
    except BaseException as raised:
        return raised


def test_only_a_lost_connection_is_tried_again() -> None:
    from asyncpg import exceptions as pg
    from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

    from livebuild.store.db.outage import is_connection_lost

    dropped = DBAPIError("SELECT 1", {}, Exception("closed"), connection_invalidated=True)
    mid_statement = _wrapped(
        pg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        DBAPIError("SELECT 1", {}, Exception("x")),
    )
    closed = _wrapped(pg.InterfaceError("connection is closed"), RuntimeError("wrapped"))
    assert is_connection_lost(dropped)
    assert is_connection_lost(mid_statement)
    assert is_connection_lost(closed)
    # A busy SQLite database, a refused row and an error of our own are not lost connections.
    assert not is_connection_lost(OperationalError("UPDATE", {}, Exception("database is locked")))
    assert not is_connection_lost(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_connection_lost(ValueError("no such stage"))
    # A connection error raised outside the database's code (a model call) is not either.
    assert not is_connection_lost(ConnectionResetError("model server went away"))
