"""Sandbox start → app answering, bwrap beside local, on a generated app."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief.derive import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import write_files
from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox.base import SandboxProvider
from livebuild.engine.sandbox.local import LocalSandboxProvider
from livebuild.settings import Settings

STARTS = 25
IDEA = "A booking app for independent dog walkers"


async def _discard(line: str) -> None:
    pass


async def _start_once(provider: SandboxProvider, workspace: Path) -> float:
    box = provider.create("bench", workspace, "/preview/bench", _discard)
    started = time.perf_counter()
    await box.start()  # returns once the app answers
    elapsed = time.perf_counter() - started
    await box.stop()
    return elapsed


async def _starts(providers: dict[str, SandboxProvider], workspace: Path) -> dict[str, list[float]]:
    """Starts taken in turns, each backend first every other round: on a shared machine
    whatever else runs then weighs on both alike, which back-to-back series would not."""
    for provider in providers.values():
        await _start_once(provider, workspace)  # warm-up, not counted
    timings: dict[str, list[float]] = {name: [] for name in providers}
    order = list(providers)
    for _ in range(STARTS):
        for name in order:
            timings[name].append(await _start_once(providers[name], workspace))
        order.reverse()
    return timings


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000,
    }


async def _measure(data_dir: Path) -> dict[str, dict[str, float]]:
    settings = Settings(data_dir=data_dir)
    workspace = settings.workspaces_dir / "bench" / "app"
    write_files(workspace, app_files(derive_brief(IDEA), Stage.CHECKS))
    providers: dict[str, SandboxProvider] = {"local": LocalSandboxProvider(settings)}
    runtime = bwrap.find_runtime()
    if bwrap.self_test() is None and runtime is not None:
        providers["bwrap"] = bwrap.BwrapSandboxProvider(settings, runtime)
    figures = {name: _summary(t) for name, t in (await _starts(providers, workspace)).items()}
    if "bwrap" in figures:
        figures["bwrap"]["added_p50_ms"] = figures["bwrap"]["p50_ms"] - figures["local"]["p50_ms"]
    return figures


def run() -> dict[str, dict[str, float]]:
    """p50/p95 start latency per backend, and what bwrap adds to local's p50 (`added_p50_ms`);
    bwrap is missing where its self-test fails."""
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        return asyncio.run(_measure(Path(data_dir)))
