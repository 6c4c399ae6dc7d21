"""Sandbox start → app answering, bwrap beside local, on a generated app."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief.derive import derive_brief
from livebuild.build.runners.base import write_files
from livebuild.build.sandbox import bwrap
from livebuild.build.sandbox.base import SandboxProvider
from livebuild.build.sandbox.local import LocalSandboxProvider
from livebuild.core.stages import Stage
from livebuild.settings import Settings

STARTS = 15
IDEA = "A booking app for independent dog walkers"


async def _discard(line: str) -> None:
    pass


async def _starts(provider: SandboxProvider, workspace: Path) -> list[float]:
    timings = []
    for _ in range(STARTS):
        box = provider.create("bench", workspace, "/preview/bench", _discard)
        started = time.perf_counter()
        await box.start()  # returns once the app answers
        timings.append(time.perf_counter() - started)
        await box.stop()
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
    return {name: _summary(await _starts(p, workspace)) for name, p in providers.items()}


def run() -> dict[str, dict[str, float]]:
    """p50/p95 start latency per backend; bwrap is missing where its self-test fails."""
    with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as data_dir:
        return asyncio.run(_measure(Path(data_dir)))
