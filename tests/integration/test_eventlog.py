"""The event log behaves the same on every database backend."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from livebuild.core.errors import BuildEnded, NotFound
from livebuild.core.events import BuildCompleted, SnapshotUpdated, StageStarted, StoredEvent
from livebuild.store.eventlog.sql import SqlEventLog
from livebuild.store.repository import LOCAL_USER_ID, Repository


def started(n: int) -> StageStarted:
    return StageStarted(
        stage="code", label="Building", narration=f"step {n}", agent_role="Coder", estimate_s=1.0
    )


def done() -> BuildCompleted:
    return BuildCompleted(
        version="v0.1", elapsed_s=1.0, preview_url=None, snapshot_url=None, tokens=0
    )


async def collect(stream: AsyncIterator[StoredEvent | None]) -> list[StoredEvent]:
    return [event async for event in stream if event is not None]


async def test_ids_start_at_one_and_increase_under_concurrency(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    await asyncio.gather(*(log.append(job_id, started(n)) for n in range(40)))
    stored = await log.read(job_id)
    assert [event.id for event in stored] == list(range(1, 41))
    # A feed shows events by id with their times: the times never run backwards.
    times = [event.ts for event in stored]
    assert times == sorted(times)


async def test_envelope_matches_the_contract(one_job: tuple[SqlEventLog, Repository, str]) -> None:
    log, _, job_id = one_job
    stored = await log.append(job_id, SnapshotUpdated(stage="code", snapshot_url="/s/1.png"))
    body = json.loads(stored.data)
    assert body["id"] == 1 and body["type"] == "snapshot.updated" and body["job_id"] == job_id
    assert body["ts"].endswith("Z") and body["snapshot_url"] == "/s/1.png"


async def test_follow_replays_then_follows_live_and_ends_at_terminal(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    for n in range(3):
        await log.append(job_id, started(n))
    follower = asyncio.create_task(collect(log.follow(job_id, after=1)))
    await asyncio.wait_for(log.hub.until(job_id, subscribed=1), 5)
    await log.append(job_id, started(3))
    await log.append(job_id, done())
    events = await asyncio.wait_for(follower, 5)
    assert [e.id for e in events] == [2, 3, 4, 5]
    assert events[-1].is_terminal


async def test_follow_after_the_end_replays_and_stops(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    await log.append(job_id, started(0))
    await log.append(job_id, done())
    assert [e.id for e in await asyncio.wait_for(collect(log.follow(job_id)), 5)] == [1, 2]
    assert await asyncio.wait_for(collect(log.follow(job_id, after=2)), 2) == []


async def test_follow_from_beyond_the_end_stops_when_the_build_ends(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    """A client resuming from an id the build never reaches still sees the stream close."""
    log, _, job_id = one_job
    await log.append(job_id, started(0))
    follower = asyncio.create_task(collect(log.follow(job_id, after=100, idle_s=0.05)))
    await asyncio.wait_for(log.hub.until(job_id, waiting=1), 5)
    await log.append(job_id, started(1))
    await log.append(job_id, done())
    assert await asyncio.wait_for(follower, 5) == []
    assert log.hub.subscriber_count(job_id) == 0


async def test_idle_followers_get_heartbeat_ticks(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    stream = log.follow(job_id, idle_s=0.05)
    assert await asyncio.wait_for(anext(stream), 2) is None
    await stream.aclose()
    assert log.hub.subscriber_count(job_id) == 0


async def test_many_followers_each_get_every_event_once(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    followers = [asyncio.create_task(collect(log.follow(job_id))) for _ in range(50)]
    await asyncio.wait_for(log.hub.until(job_id, subscribed=50), 5)
    for n in range(20):
        await log.append(job_id, started(n))
    await log.append(job_id, done())
    results = await asyncio.wait_for(asyncio.gather(*followers), 10)
    for events in results:
        assert [e.id for e in events] == list(range(1, 22))


async def test_a_follower_never_sees_gaps_when_it_joins_mid_append(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job

    async def writer() -> None:
        for n in range(60):
            await log.append(job_id, started(n))
        await log.append(job_id, done())

    write = asyncio.create_task(writer())
    await asyncio.sleep(0.01)
    events = await asyncio.wait_for(collect(log.follow(job_id, after=0)), 10)
    await write
    assert [e.id for e in events] == list(range(1, 62))


async def test_followers_at_the_same_point_are_handed_the_same_bytes(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    """Thousands of streams on one build: a live event is framed once, not once per stream."""
    log, _, job_id = one_job

    first_seen = asyncio.Event()
    seen: list[bytes] = []

    async def frames() -> list[bytes]:
        runs: list[bytes] = []
        async for run in log.follow_runs(job_id):
            if run is not None:
                runs.append(run[1])
                seen.append(run[1])
                if len(seen) == 30:
                    first_seen.set()
        return runs

    followers = [asyncio.create_task(frames()) for _ in range(30)]
    # Every follower has read the (empty) history and waits for news.
    await asyncio.wait_for(log.hub.until(job_id, waiting=30), 10)
    assert log.hub.subscriber_count(job_id) == 30
    await log.append(job_id, started(1))
    await asyncio.wait_for(first_seen.wait(), 10)  # each has taken the first run
    await log.append(job_id, done())
    results = await asyncio.wait_for(asyncio.gather(*followers), 10)
    assert all(len(runs) == 2 for runs in results)
    for n in range(2):
        assert len({id(runs[n]) for runs in results}) == 1
    assert results[0][0].startswith(b"id: 1\nevent: build.stage.started\ndata: {")


async def test_a_slow_follower_gets_what_it_missed_in_one_piece(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    log, _, job_id = one_job
    runs = log.follow_runs(job_id, idle_s=5)
    await log.append(job_id, started(0))
    first = await anext(runs)
    assert first is not None and [e.id for e in first[0]] == [1]
    # The follower is busy (a slow client) while three more events arrive.
    for n in range(1, 4):
        await log.append(job_id, started(n))
    missed = await asyncio.wait_for(anext(runs), 5)
    assert missed is not None and [e.id for e in missed[0]] == [2, 3, 4]
    assert missed[1] == b"".join(e.sse for e in missed[0])
    await runs.aclose()
    assert log.hub.subscriber_count(job_id) == 0


async def test_one_builds_news_is_what_came_after_the_point_in_order_and_no_more(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    """What a stream server hands a build's watchers when one build's notice comes: its
    events after the point they had, in order, at most a read's worth; from no point, only
    its newest. The same read, asked again, answers the same."""
    log, _, job_id = one_job
    for n in range(6):
        await log.append(job_id, started(n))
    for _ in range(2):
        news = await log.read_news({job_id: 2}, limit=10)
        assert [(e.job_id, e.id) for e in news] == [(job_id, i) for i in range(3, 7)]
    assert [e.id for e in await log.read_news({job_id: 2}, limit=3)] == [3, 4, 5]
    assert [e.id for e in await log.read_news({job_id: None}, limit=10)] == [6]
    assert await log.read_news({job_id: 6}, limit=10) == []
    assert await log.read_news({"no such build": 0}, limit=10) == []


async def test_an_ended_build_takes_no_more_events_and_its_neighbours_go_on(
    one_job: tuple[SqlEventLog, Repository, str],
) -> None:
    """A build's feed ends with its last word: nothing is added after it, and another
    build's feed (its own ids, its own end) is untouched by it; an unknown build is said
    to be unknown, and its name is never taken for another's."""
    log, repository, job_id = one_job
    project = await repository.create_project(LOCAL_USER_ID, "Other", "another idea", {})
    other = (await repository.create_job(project.id, LOCAL_USER_ID, None)).id
    await log.append(job_id, started(1))
    await log.append(other, started(1))
    assert (await log.append(job_id, done())).id == 2
    with pytest.raises(BuildEnded):
        await log.append(job_id, started(2))
    for n in range(2, 4):
        assert (await log.append(other, started(n))).id == n
    with pytest.raises(NotFound):
        await log.append("no such build", started(1))
    assert [e.type for e in await log.read(job_id)] == ["build.stage.started", "build.completed"]
    others = await log.read(other)
    assert [(e.id, e.job_id) for e in others] == [(1, other), (2, other), (3, other)]
    assert [json.loads(e.data)["narration"] for e in others] == ["step 1", "step 2", "step 3"]
