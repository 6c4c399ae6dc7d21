"""Screenshot latency against a launch-per-capture baseline, and memory under load."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import write_files
from livebuild.screenshots.browser import LAUNCH_ARGS, VIEWPORT, BrowserPool, find_chromium
from livebuild.settings import Settings
from livebuild.web.app import create_app

# livebuild refuses state-changing calls without it (a guard against cross-site requests).
HEADERS = {"X-Livebuild": "1"}

SERVICE_CAPTURES = 20
BASELINE_CAPTURES = 6
CONCURRENT_BUILDS = 5
STAGE_GAP_S = 0.3


def _start_app(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    write_files(folder, app_files(derive_brief("A booking app for dog walkers"), Stage.CHECKS))
    port = free_port()
    env = {"PATH": os.environ["PATH"], "PORT": str(port), "APP_DATA_DIR": str(folder / "data")}
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=folder, env=env, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 10
    while True:  # another process binds the port; nothing can wake us when it does
        try:
            httpx.get(url, timeout=1)
            return process, url
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


async def _service(executable: str, url: str) -> list[float]:
    pool = BrowserPool(executable, concurrency=3, timeout_s=20)
    try:
        await pool.capture(url)  # the one launch a process pays for
        await asyncio.sleep(0.2)
        timings = []
        for _ in range(SERVICE_CAPTURES):
            # Builds capture once per stage, with the stage's work in between.
            await asyncio.sleep(STAGE_GAP_S)
            started = time.perf_counter()
            await pool.capture(url)
            timings.append(time.perf_counter() - started)
        return timings
    finally:
        await pool.close()


async def _baseline(executable: str, url: str) -> list[float]:
    """How the product we reimplement did it: a new Chromium per capture and a fixed wait."""
    from playwright.async_api import async_playwright

    timings = []
    async with async_playwright() as playwright:
        for _ in range(BASELINE_CAPTURES):
            started = time.perf_counter()
            browser = await playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            page = await browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
            await page.goto(url)
            await asyncio.sleep(1.0)
            await page.screenshot(type="png")
            await browser.close()
            timings.append(time.perf_counter() - started)
    return timings


def _tree_pss_mb(root: int) -> float:
    """Proportional memory (shared pages split between sharers) of a process tree."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    total_kb, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


Sample = Callable[[], dict[str, float]]


async def capturing_peak(
    settings: Settings, builds: int, sample: Sample
) -> tuple[dict[str, float], int]:
    """`builds` builds at once on one app (their pictures taken as they go): the largest
    `sample()` (by its "total") while they run, and how many pictures they kept."""
    app = create_app(settings)
    peak: dict[str, float] = {"total": 0.0}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=HEADERS, timeout=120
        ) as client:
            jobs = []
            for n in range(builds):
                project = (
                    await client.post("/api/projects", json={"idea": f"Shop number {n} for plants"})
                ).json()
                build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
                jobs.append(build["job_id"])

            async def finish(job_id: str) -> None:
                async with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
                    await stream.aread()

            done = asyncio.gather(*(finish(job) for job in jobs))
            # Sampling is the measurement itself: memory has no event to wait for.
            while not done.done():
                taken = sample()
                peak = taken if taken["total"] > peak["total"] else peak
                await asyncio.sleep(0.05)
            await done
            shots = 0
            for job in jobs:
                shots += len((await client.get(f"/api/jobs/{job}/snapshots")).json()["snapshots"])
    return peak, shots


async def _memory_under_load(data_dir: Path) -> tuple[float, float, int]:
    settings = Settings(
        data_dir=data_dir, allowed_hosts="bench", concurrency=CONCURRENT_BUILDS, docs_enabled=False
    )
    baseline = _tree_pss_mb(os.getpid())
    peak, shots = await capturing_peak(
        settings, CONCURRENT_BUILDS, lambda: {"total": _tree_pss_mb(os.getpid())}
    )
    return peak["total"], baseline, shots


def run() -> dict[str, float] | None:
    executable = find_chromium(None)
    if executable is None:
        return None
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
        process, url = _start_app(Path(folder) / "app")
        try:
            service = asyncio.run(_service(executable, url))
            baseline = asyncio.run(_baseline(executable, url))
        finally:
            process.terminate()
            process.wait(10)
        peak, before, shots = asyncio.run(_memory_under_load(Path(folder) / "load"))

    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    return {
        "service_p50_ms": statistics.median(service) * 1000,
        "service_p95_ms": p95(service) * 1000,
        "baseline_p50_ms": statistics.median(baseline) * 1000,
        "baseline_p95_ms": p95(baseline) * 1000,
        "peak_mb": peak,
        "before_mb": before,
        "shots": shots,
    }
