"""A founder's plan reading with the local model while other builds capture, against the
same reading on a quiet machine: `python -m bench.machine model`.

The other founders' builds run in their own `livebuild serve` (offline model, screenshots
through the machine's shared browser), four at a time, started again as each ends, for as
long as the reading takes. Each idea is read once quiet and once loaded, in crossed order
(A quiet, B loaded, B quiet, A loaded), so the model server's prompt cache favours neither.
`held` says whether the reading held the background pictures (the shared browser) or not
(the reading's process set to `inprocess`, the way it ran before the hold existed).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

import livebuild.engine  # noqa: F401 - registers the offline model's rules
from bench.local_plan import IDEAS, _cpu_s
from livebuild.brief.plan import make_plan
from livebuild.core.net import free_port
from livebuild.providers import provider_for
from livebuild.providers.local import LocalProvider, server_plan
from livebuild.providers.local.machine import find, stop
from livebuild.providers.local.model_file import local_model_ready, model_path
from livebuild.screenshots.shared import ServicePlan
from livebuild.screenshots.shared import stop as stop_shots
from livebuild.settings import Settings

HEADERS = {"X-Livebuild": "1"}
BUILDS = 4
LIMITS = {
    "LIVEBUILD_PROJECTS_PER_MINUTE": "1000",
    "LIVEBUILD_BUILDS_PER_MINUTE": "1000",
    "LIVEBUILD_DOCS_ENABLED": "false",
}


def serve(log: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """A `livebuild serve` of its own (the benchmark's limits and `env` on top of this
    process's environment), answering once ready; its output goes to `log`."""
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "livebuild", "serve", "--port", str(port)],
            env={**os.environ, **LIMITS, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # another process binds the port; nothing can wake us when it does
        try:
            if httpx.get(f"{base}/healthz/ready", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            server.wait(60)
            raise AssertionError(log.read_text())
        time.sleep(0.1)


def _serve(folder: Path, shots: Path) -> tuple[subprocess.Popen[bytes], str]:
    return serve(
        folder / "serve.log",
        LIVEBUILD_DATA_DIR=f"{folder}/builds",
        LIVEBUILD_MODEL_PROVIDER="offline",
        LIVEBUILD_PREVIEW_PORT=str(free_port()),
        LIVEBUILD_SCREENSHOT_SERVICE_DIR=str(shots),
        LIVEBUILD_CONCURRENCY=str(BUILDS),
    )


async def _keep_building(base: str, stop_at: asyncio.Event, started: asyncio.Event) -> int:
    """Four builds in flight until `stop_at`: each ends, the next starts. How many ran."""
    count = 0
    async with httpx.AsyncClient(base_url=base, headers=HEADERS, timeout=300) as client:

        async def one_lane(lane: int) -> None:
            nonlocal count
            while True:
                idea = f"A booking app number {lane}-{count} for plant sitters"
                project = (await client.post("/api/projects", json={"idea": idea})).json()
                job = (await client.post(f"/api/projects/{project['id']}/builds")).json()
                count += 1
                if count >= BUILDS:
                    started.set()
                async with client.stream("GET", f"/api/jobs/{job['job_id']}/events/stream") as s:
                    await s.aread()
                if stop_at.is_set():
                    return

        await asyncio.gather(*(one_lane(n) for n in range(BUILDS)))
    return count


async def _read(provider: LocalProvider, idea: str, pid: int) -> tuple[float, float, str]:
    began, cpu = time.perf_counter(), _cpu_s(pid)
    brief = await make_plan(idea, None, provider, timeout_s=600)
    return time.perf_counter() - began, _cpu_s(pid) - cpu, brief.reader


async def _measure(settings: Settings, base: str) -> dict[str, Any]:
    provider = provider_for(settings)
    assert isinstance(provider, LocalProvider)
    await provider.prepare()
    found = find(provider.plan)
    assert found is not None
    quiet: list[float] = []
    loaded: list[float] = []
    builds = 0
    readers: list[str] = []
    try:
        await _read(provider, IDEAS[4], found.pid)  # the system prompt into the cache
        # One build first, so the browser's start is not counted against a loaded reading.
        warm, started = asyncio.Event(), asyncio.Event()
        warm.set()
        await _keep_building(base, warm, started)
        for idea, busy in ((0, False), (1, True), (1, False), (0, True)):
            if not busy:
                seconds, _, reader = await _read(provider, IDEAS[idea], found.pid)
                quiet.append(seconds)
            else:
                stop_at, started = asyncio.Event(), asyncio.Event()
                keeper = asyncio.create_task(_keep_building(base, stop_at, started))
                await started.wait()
                seconds, _, reader = await _read(provider, IDEAS[idea], found.pid)
                loaded.append(seconds)
                stop_at.set()
                builds += await keeper
            readers.append(reader)
            print(f"  {'loaded' if busy else 'quiet '} {seconds:5.1f} s  {reader}", flush=True)
    finally:
        await provider.aclose()
    return {
        "quiet_s": round(statistics.mean(quiet), 2),
        "loaded_s": round(statistics.mean(loaded), 2),
        "ratio": round(statistics.mean(loaded) / statistics.mean(quiet), 2),
        "builds_meanwhile": builds,
        "read_by_model": readers.count("local"),
        "readings": len(readers),
    }


def model_while_capturing(held: bool = True) -> dict[str, Any]:
    """The row's figures, or why it was skipped."""
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as tmp:
        folder = Path(tmp)
        shots = folder / "shots"
        settings = Settings(
            data_dir=folder / "model",
            model_provider="local",
            local_model=model_path(Settings()),
            local_plan_timeout_s=600.0,
            model_timeout_s=600.0,
            screenshots_enabled=True,
            screenshot_browser="shared" if held else "inprocess",
            screenshot_service_dir=shots,
        )
        if not local_model_ready(settings):
            return {"skipped": f"no local model at {model_path(settings)} (livebuild model pull)"}
        server, base = _serve(folder, shots)
        try:
            return {"held": held, **asyncio.run(_measure(settings, base))}
        finally:
            server.terminate()
            server.wait(60)
            stop(server_plan(settings))
            stop_shots(ServicePlan(shots, None))
