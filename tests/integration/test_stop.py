"""Stopping livebuild mid-build: the stop returns within its bound, never waits on a worker
forever, and the build cut short ends as interrupted, not left running."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

import livebuild.services
from livebuild.core.stages import Stage
from livebuild.engine.keeper import LeaseKeeper
from livebuild.engine.queue.inprocess import STOP_WAIT_S, InProcessQueue
from livebuild.engine.runners.base import StageOutput, StageRequest
from livebuild.engine.runners.offline import OfflineRunner
from livebuild.store.db.engine import create_engine
from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings, start_build, stream_all
from tests.fakes import GatedRunner


async def test_a_stop_mid_stage_returns_within_its_bound_and_the_build_ends_interrupted(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    runner = GatedRunner(Stage.CODE)  # the real offline runner, held in the code stage
    serving = _client_for(create_app(settings, runner=runner))
    client = await anext(serving)
    build = await start_build(client)
    await runner.reached.wait()
    began = time.monotonic()
    await anext(serving, None)  # the service stops, the build mid-stage
    assert time.monotonic() - began < STOP_WAIT_S
    async for again in _client_for(create_app(settings)):
        status = (await again.get(f"/api/jobs/{build['job_id']}")).json()
        assert status["status"] == "failed"
        assert "interrupted" in status["error"]["message"]
        events = await stream_all(again, build["job_id"])
        assert [e["type"] for e in events].count("build.failed") == 1
        assert events[-1]["type"] == "build.failed"


async def _wait_dropping_a_late_stop(gate: asyncio.Future[None]) -> None:
    """Wait for `gate`; a stop that comes as it opens is dropped, and the wait answers as
    if none came (Python 3.11's `asyncio.wait_for` does when what it waits for is done)."""
    try:
        await gate
    except asyncio.CancelledError:
        if not gate.done():
            raise


class _WaitEndsAsTheStopComes:
    """A build inside a wait that ends in the very moment the stop comes, and that then
    answers as if no stop came (Python 3.11's `asyncio.wait_for` does): it ends normally."""

    def __init__(self) -> None:
        self.waiting = asyncio.Event()
        self.gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.ended: list[str] = []

    async def recover(self, **_: Any) -> int:
        return 0

    async def run(self, job_id: str) -> None:
        async def build() -> None:
            self.waiting.set()
            await _wait_dropping_a_late_stop(self.gate)
            self.ended.append(job_id)

        await asyncio.create_task(build())


class _NoJobs:
    async def jobs_in(self, _stages: Any) -> list[Any]:
        return []


class _GateOpensAtStop:
    """The queue's lease keeper, which a stop stops first of all: once it has, the gate
    opens, so a wait on it ends in the same moment as the stop cancels the workers."""

    def __init__(self, gate: asyncio.Future[None], keeper: LeaseKeeper | None = None) -> None:
        self.gate = gate
        self.keeper = keeper

    def start(self) -> None:
        pass

    async def stop(self) -> None:
        if self.keeper is not None:
            await self.keeper.stop()
        self.gate.set_result(None)


async def test_a_stop_the_build_took_for_its_own_still_stops_its_worker() -> None:
    pipeline = _WaitEndsAsTheStopComes()
    queue = InProcessQueue(
        pipeline,  # type: ignore[arg-type]
        _NoJobs(),  # type: ignore[arg-type]
        1,
        owns_database=True,
        stall_s=600.0,
    )
    queue._keeper = _GateOpensAtStop(pipeline.gate)  # type: ignore[assignment]
    await queue.start()
    await queue.submit("j1")
    await pipeline.waiting.wait()
    (worker,) = queue._workers
    began = time.monotonic()
    await queue.stop()
    assert time.monotonic() - began < 2.0
    assert pipeline.ended == ["j1"]  # the build took the stop for its own and ended
    assert worker.done()  # and its worker stopped all the same


class _StopTakenInCode(OfflineRunner):
    """The real offline runner, whose code stage waits on a gate that opens as the stop
    comes and then answers as if no stop came (Python 3.11's `asyncio.wait_for` does)."""

    def __init__(self, gate: asyncio.Future[None]) -> None:
        self.gate = gate
        self.reached = asyncio.Event()

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage is Stage.CODE:
            self.reached.set()
            await _wait_dropping_a_late_stop(self.gate)
        return await super().run_stage(request)


async def test_a_stop_a_stage_took_for_its_own_still_ends_the_build_as_interrupted(
    tmp_path: Path,
) -> None:
    gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    runner = _StopTakenInCode(gate)
    settings = make_settings(tmp_path)
    app = create_app(settings, runner=runner)
    serving = _client_for(app)
    client = await anext(serving)
    queue = app.state.services.queue
    queue._keeper = _GateOpensAtStop(gate, queue._keeper)
    build = await start_build(client)
    await runner.reached.wait()
    await anext(serving, None)
    async for again in _client_for(create_app(settings)):
        status = (await again.get(f"/api/jobs/{build['job_id']}")).json()
        # Not carried on to the end while the service stops: ended at the next stage.
        assert status["status"] == "failed"
        assert "interrupted" in status["error"]["message"]
        events = await stream_all(again, build["job_id"])
        started = [e["stage"] for e in events if e["type"] == "build.stage.started"]
        assert started[-1] == "code", started


class _HeldInsideTokenCount:
    """Holds the build's first token count (`UPDATE jobs SET tokens ... RETURNING`) inside
    its statement, on the SQLite connection's own thread, until `release` is set: a stop
    then lands mid-statement, as it does about one stop in fifty left to chance."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.inside = asyncio.Event()
        self.release = threading.Event()
        self._armed = True

    def create_engine(self, url: str, **options: Any) -> AsyncEngine:
        engine = create_engine(url, **options)
        event.listen(engine.sync_engine, "connect", self._watch)
        return engine

    def _watch(self, dbapi_connection: Any, _record: Any) -> None:
        await_only(dbapi_connection.driver_connection.set_trace_callback(self._starting))

    def _starting(self, statement: str) -> None:  # on the connection's thread
        if self._armed and statement.startswith("UPDATE jobs SET tokens"):
            self._armed = False
            self.loop.call_soon_threadsafe(self.inside.set)
            self.release.wait(STOP_WAIT_S * 3)


class _ReleaseAtStop:
    """The queue's lease keeper, which a stop stops first: then the held statement goes on,
    and the stop cancels the build before the statement's answer reaches it."""

    def __init__(self, release: threading.Event, keeper: LeaseKeeper) -> None:
        self.release = release
        self.keeper = keeper

    def start(self) -> None:
        self.keeper.start()

    async def stop(self) -> None:
        await self.keeper.stop()
        self.release.set()


async def test_a_stop_inside_a_write_ends_the_build_at_once_and_leaves_the_database_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _HeldInsideTokenCount()
    monkeypatch.setattr(livebuild.services, "create_engine", held.create_engine)
    settings = make_settings(tmp_path)
    app = create_app(settings)
    serving = _client_for(app)
    client = await anext(serving)
    queue = app.state.services.queue
    queue._keeper = _ReleaseAtStop(held.release, queue._keeper)
    build = await start_build(client)
    await held.inside.wait()
    began = time.monotonic()
    await anext(serving, None)  # the stop cancels the build inside its write
    # Not held up by a lock the cancelled write left (SQLite waits 30 s for one).
    assert time.monotonic() - began < STOP_WAIT_S / 2
    restarted = create_app(settings)
    async for again in _client_for(restarted):
        status = (await again.get(f"/api/jobs/{build['job_id']}")).json()
        assert status["status"] == "failed"
        assert "interrupted" in status["error"]["message"]
        # Ended by the stop itself, which wrote its last words, not left to the next start.
        lines = await restarted.state.services.repository.log_lines(build["job_id"])
        assert any("the service shut down mid-build" in line for _, line in lines)
