"""The wake-up buses: one behaviour suite, run against each bus.

The writer and the follower are separate event logs with their own engines and buses,
as in separate processes; the in-process bus, by definition, shares one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from livebuild.store.db.engine import create_engine, libpq_url, migrate
from livebuild.store.eventlog.bus import InProcessBus
from livebuild.store.eventlog.pgbus import PostgresBus
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.repository import LOCAL_USER_ID, Repository
from tests.conftest import create_database
from tests.integration.test_eventlog import collect, done, started


@dataclass
class Pair:
    writer: SqlEventLog
    follower: SqlEventLog
    job_id: str
    database_url: str
    follower_engine: AsyncEngine


@pytest.fixture(params=["inprocess", "postgres"])
async def pair(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Pair]:
    if request.param == "inprocess":
        url = f"sqlite+aiosqlite:///{tmp_path / 'bus.db'}"
    else:
        url = await create_database(request.getfixturevalue("postgres_base"))
    engine = create_engine(url)
    await migrate(engine)
    repository = Repository(engine)
    await repository.ensure_local_user()
    project = await repository.create_project(LOCAL_USER_ID, "Demo", "an idea", {})
    job = await repository.create_job(project.id, LOCAL_USER_ID, None)
    engines = [engine]
    if request.param == "inprocess":
        writer = follower = SqlEventLog(engine, InProcessBus())
    else:
        other = create_engine(url)
        engines.append(other)
        writer = SqlEventLog(engine, PostgresBus(url))
        follower = SqlEventLog(other, PostgresBus(url, reread_s=0.5))
    logs = {id(writer): writer, id(follower): follower}.values()
    for log in logs:
        await log.start()
    yield Pair(writer, follower, job.id, url, engines[-1])
    for log in logs:
        await log.stop()
    for each in engines:
        await each.dispose()


async def test_a_follower_gets_every_event_once_in_order(pair: Pair) -> None:
    follower = asyncio.create_task(collect(pair.follower.follow(pair.job_id)))
    await asyncio.wait_for(pair.follower.hub.until(pair.job_id, waiting=1), 5)
    for n in range(30):
        await pair.writer.append(pair.job_id, started(n))
    await pair.writer.append(pair.job_id, done())
    events = await asyncio.wait_for(follower, 10)
    assert [e.id for e in events] == list(range(1, 32))
    assert events[-1].is_terminal


async def test_many_followers_each_get_every_event(pair: Pair) -> None:
    followers = [
        asyncio.create_task(collect(pair.follower.follow(pair.job_id))) for _ in range(200)
    ]
    await asyncio.wait_for(pair.follower.hub.until(pair.job_id, waiting=200), 10)
    for n in range(10):
        await pair.writer.append(pair.job_id, started(n))
    await pair.writer.append(pair.job_id, done())
    for events in await asyncio.wait_for(asyncio.gather(*followers), 20):
        assert [e.id for e in events] == list(range(1, 12))
    assert pair.follower.hub.subscriber_count(pair.job_id) == 0


async def test_an_event_reaches_the_follower_promptly(pair: Pair) -> None:
    stream = pair.follower.follow(pair.job_id)
    follower = asyncio.create_task(anext(stream))
    await asyncio.wait_for(pair.follower.hub.until(pair.job_id, waiting=1), 5)
    began = time.perf_counter()
    await pair.writer.append(pair.job_id, started(0))
    first = await asyncio.wait_for(follower, 5)
    assert first is not None and first.id == 1
    assert time.perf_counter() - began < 0.5
    await stream.aclose()


@pytest.fixture
def pg_pair(pair: Pair) -> Pair:
    if isinstance(pair.follower.bus, InProcessBus):
        pytest.skip("only a bus across processes can lose a notification or its connection")
    return pair


async def test_a_lost_notification_costs_at_most_the_reread(pg_pair: Pair) -> None:
    engine = create_engine(pg_pair.database_url)
    silent = SqlEventLog(engine, InProcessBus())  # stores without notifying anyone
    try:
        stream = pg_pair.follower.follow(pg_pair.job_id)
        follower = asyncio.create_task(anext(stream))
        await asyncio.wait_for(pg_pair.follower.hub.until(pg_pair.job_id, waiting=1), 5)
        began = time.perf_counter()
        await silent.append(pg_pair.job_id, started(0))
        first = await asyncio.wait_for(follower, 5)
        assert first is not None and first.id == 1
        assert time.perf_counter() - began < 1.5
        await stream.aclose()
    finally:
        await engine.dispose()


async def test_a_reread_of_many_followed_builds_is_one_query(pg_pair: Pair) -> None:
    engine = create_engine(pg_pair.database_url)
    repository = Repository(engine)
    jobs = []
    for n in range(12):
        project = await repository.create_project(LOCAL_USER_ID, f"App {n}", "an idea", {})
        jobs.append((await repository.create_job(project.id, LOCAL_USER_ID, None)).id)
    silent = SqlEventLog(engine, InProcessBus())  # stores without notifying anyone
    streams = [pg_pair.follower.follow(job) for job in jobs]
    followers = [asyncio.create_task(anext(stream)) for stream in streams]
    statements: list[str] = []

    def counted(*args: object) -> None:
        statements.append(str(args[2]))

    try:
        for job in jobs:
            await asyncio.wait_for(pg_pair.follower.hub.until(job, waiting=1), 5)
        await asyncio.sleep(0.6)  # the first re-read of all 12 done: count from here
        sync = pg_pair.follower_engine.sync_engine
        event.listen(sync, "before_cursor_execute", counted)
        began = time.perf_counter()
        await asyncio.sleep(2.5)
        event.remove(sync, "before_cursor_execute", counted)
        window = time.perf_counter() - began
        # Re-read every 0.5 s: one query each for all 12 builds (one a build would be 12).
        assert 1 <= len(statements) <= window / 0.5 + 1, statements
        assert all("FROM events" in statement for statement in statements)
        # ... and that one query still brings each build's unannounced news.
        began = time.perf_counter()
        for job in jobs:
            await silent.append(job, started(0))
        firsts = await asyncio.wait_for(asyncio.gather(*followers), 5)
        assert [first.id if first else None for first in firsts] == [1] * 12
        assert time.perf_counter() - began < 1.5
    finally:
        for stream in streams:
            await stream.aclose()
        await engine.dispose()


async def test_the_listener_reconnects_after_losing_its_connection(pg_pair: Pair) -> None:
    follower = asyncio.create_task(collect(pg_pair.follower.follow(pg_pair.job_id)))
    await asyncio.sleep(0.2)
    await pg_pair.writer.append(pg_pair.job_id, started(0))
    admin = await asyncpg.connect(libpq_url(pg_pair.database_url))
    try:
        killed = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
        assert killed >= 1
    finally:
        await admin.close()
    for n in range(1, 5):
        await pg_pair.writer.append(pg_pair.job_id, started(n))
    await pg_pair.writer.append(pg_pair.job_id, done())
    events = await asyncio.wait_for(follower, 10)
    assert [e.id for e in events] == list(range(1, 7))


async def test_a_bus_woken_as_it_is_stopped_still_stops(pg_pair: Pair) -> None:
    """A notification (or a re-read's ping) that ends its wait in the very moment the bus is
    stopped must not swallow the stop: on Python 3.11 `asyncio.wait_for` returns its result
    when it is cancelled after the awaited thing finished, and the listener ran on, re-reading
    every `reread_s`, with `stop()` waiting for it for ever (CI: a 300 s teardown)."""
    bus = pg_pair.follower.bus
    assert isinstance(bus, PostgresBus)
    await asyncio.sleep(0.1)  # the listener waits for news (the re-read is 0.5 s away)
    listener = bus._task
    bus._wake.set()
    try:
        await asyncio.wait_for(bus.stop(), 5)
    finally:
        # Ended however stop() went, so a failure here is this test's and not the teardown's.
        while listener is not None and not listener.done():
            listener.cancel()
            await asyncio.sleep(0.01)


async def test_an_event_and_its_notice_are_stored_in_two_statements(pg_pair: Pair) -> None:
    """The event's id, then its row with its notice: one round trip each, and a follower
    still hears of it once it can be read."""
    statements: list[str] = []

    def counted(*args: object) -> None:
        statements.append(str(args[2]))

    stream = pg_pair.follower.follow(pg_pair.job_id)
    follower = asyncio.create_task(anext(stream))
    await asyncio.wait_for(pg_pair.follower.hub.until(pg_pair.job_id, waiting=1), 5)
    sync = pg_pair.writer._engine.sync_engine
    event.listen(sync, "before_cursor_execute", counted)
    try:
        await pg_pair.writer.append(pg_pair.job_id, started(0))
    finally:
        event.remove(sync, "before_cursor_execute", counted)
    first = await asyncio.wait_for(follower, 5)
    assert first is not None and first.id == 1
    assert len(statements) == 2, statements
    assert "pg_notify" in statements[1] and "INSERT INTO events" in statements[1]
    await stream.aclose()
