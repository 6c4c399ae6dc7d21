"""Waking an app that is going to sleep, as the founder opening its preview sees it: the
wake waits for the old app to stop (it would clash with the new one), never for the copy of
its records; a stop that never ends gives "couldn't wake", not a request that hangs; and
however many wakes come at once, one app of a job runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from livebuild.engine import previews as previews_module
from livebuild.engine.previews import Previews, PreviewUnavailable
from livebuild.engine.sandbox import CommandResult, Sandbox, SandboxError, SandboxProvider
from livebuild.engine.sandbox._shared import Fingerprint


class _Box(Sandbox):
    """A sandbox whose start and stop take the time (and fail) as the test says."""

    def __init__(self, provider: _Provider, job_id: str) -> None:
        super().__init__(job_id, Path("/nowhere"), "/p/")
        self._provider = provider
        self._running = False

    @property
    def port(self) -> int | None:
        return 1 if self._running else None

    @property
    def running(self) -> bool:
        return self._running

    async def start(self) -> None:
        self._provider.started.append(self)
        await asyncio.sleep(self._provider.start_s)
        if self._provider.failures:
            self._provider.failures -= 1
            raise SandboxError("the app exited with code 1 on start")
        self._running = True

    async def _launch(self, files: Fingerprint) -> None:
        raise AssertionError("not used")

    async def run_python(self, args: list[str], timeout_s: float) -> CommandResult:
        raise AssertionError("not used")

    async def stop(self) -> None:
        self._running = False
        await self._provider.stop_gate.wait()


class _Provider(SandboxProvider):
    def __init__(self) -> None:
        self.started: list[_Box] = []
        self.start_s = 0.0
        self.failures = 0
        self.stop_gate = asyncio.Event()
        self.stop_gate.set()

    def create(self, job_id: str, workspace: Path, base_path: str, log: object) -> Sandbox:
        return _Box(self, job_id)


async def _no_log(line: str) -> None:
    pass


def _previews(provider: _Provider) -> Previews:
    return Previews(provider, keepalive_s=600, open_log=lambda job_id: _no_log, per_user=5)


async def _wake(previews: Previews) -> None:
    await previews.wake("job", Path("/nowhere"), "/p/", owner_id="ada")


async def test_a_wake_is_not_held_by_a_stuck_copy_of_the_records() -> None:
    provider = _Provider()
    previews = _previews(provider)
    copying, stalled = asyncio.Event(), asyncio.Event()

    async def stuck_copy(job_id: str) -> None:
        copying.set()
        await stalled.wait()  # a stalled private store

    previews.after_stop = stuck_copy
    await _wake(previews)
    previews.stop_soon("job")
    await asyncio.wait_for(copying.wait(), 1)
    # The old app has stopped; only its records' copy is still under way.
    await asyncio.wait_for(_wake(previews), 1)
    await asyncio.wait_for(_wake(previews), 1)
    assert previews.get("job") is not None
    assert len(provider.started) == 2
    stalled.set()


async def test_a_wake_waits_for_the_old_app_to_stop_then_starts_the_new_one() -> None:
    provider = _Provider()
    previews = _previews(provider)
    await _wake(previews)
    provider.stop_gate.clear()
    previews.stop_soon("job")
    waking = asyncio.create_task(_wake(previews))
    await asyncio.sleep(0.05)
    assert not waking.done() and len(provider.started) == 1
    provider.stop_gate.set()
    await asyncio.wait_for(waking, 1)
    assert previews.get("job") is not None and len(provider.started) == 2


async def test_an_old_app_that_never_stops_gives_couldnt_wake_in_bounded_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(previews_module, "_STOP_WAIT_S", 0.2)
    provider = _Provider()
    previews = _previews(provider)
    await _wake(previews)
    provider.stop_gate.clear()  # a process that won't die
    previews.stop_soon("job")
    with pytest.raises(PreviewUnavailable):
        await asyncio.wait_for(_wake(previews), 2)
    # Never two apps of one job: the new one was not started beside the old.
    assert len(provider.started) == 1
    provider.stop_gate.set()
    await asyncio.wait_for(_wake(previews), 1)
    assert previews.get("job") is not None


async def test_wakes_queued_behind_a_failed_one_never_run_two_apps_of_a_job() -> None:
    provider = _Provider()
    provider.start_s, provider.failures = 0.1, 1
    previews = _previews(provider)

    async def wake() -> str:
        try:
            await _wake(previews)
        except PreviewUnavailable:
            return "couldn't wake"
        return "woke"

    first = asyncio.create_task(wake())
    await asyncio.sleep(0.05)
    second = asyncio.create_task(wake())  # queued behind the first
    await asyncio.sleep(0.1)  # the first failed; the second is starting the app
    third = asyncio.create_task(wake())
    answers = await asyncio.wait_for(asyncio.gather(first, second, third), 2)
    assert list(answers) == ["couldn't wake", "woke", "woke"]
    assert len(provider.started) == 2
    assert sum(box.running for box in provider.started) == 1
