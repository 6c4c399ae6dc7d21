"""A build's app, stage by stage, in bwrap: its start after scaffold, code, deps and checks,
its smoke test and its stop, each timed, and the CPU all of it took.

`python -m bench.sandbox_stages [builds]` (3 by default) prints the medians in ms. The CPU
is counted by a cpuacct cgroup holding this process and every sandbox it starts (as root
on cgroup v1; elsewhere it is left out), so it includes the kernel's work setting up and
tearing down namespaces in those processes, but not the kernel's own threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief.derive import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import bwrap
from livebuild.settings import Settings

IDEA = "A booking app for independent dog walkers"
_ACCT = Path("/sys/fs/cgroup/cpuacct")


async def _discard(line: str) -> None:
    pass


@contextlib.contextmanager
def _counted() -> Iterator[Path | None]:
    """A cpuacct cgroup holding this process (and so what it starts), or None."""
    group = _ACCT / f"bench-stages-{os.getpid()}"
    try:
        group.mkdir()
    except OSError:
        yield None
        return
    try:
        (group / "cgroup.procs").write_text(str(os.getpid()))
        yield group
    finally:
        with contextlib.suppress(OSError):
            (_ACCT / "cgroup.procs").write_text(str(os.getpid()))
        group.rmdir()


def _cpu_s(group: Path | None) -> float:
    return 0.0 if group is None else int((group / "cpuacct.usage").read_text()) / 1e9


async def _build(
    provider: bwrap.BwrapSandboxProvider, root: Path, n: int, group: Path | None
) -> dict[str, float]:
    workspace = root / f"b{n}" / "app"
    workspace.mkdir(parents=True)
    brief = derive_brief(IDEA)
    box = provider.create(f"b{n}", workspace, f"/preview/b{n}", _discard)
    took: dict[str, float] = {}
    cpu = _cpu_s(group)
    for stage in (Stage.SCAFFOLD, Stage.CODE, Stage.DEPS, Stage.CHECKS):
        for name, text in app_files(brief, stage).items():
            (workspace / name).parent.mkdir(parents=True, exist_ok=True)
            (workspace / name).write_text(text)
        began = time.perf_counter()
        await box.start()
        took[stage.value] = time.perf_counter() - began
    began = time.perf_counter()
    result = await box.run_python(["tests/smoke.py", f"http://127.0.0.1:{box.port}"], 60)
    took["smoke"] = time.perf_counter() - began
    assert result.ok, result.output
    began = time.perf_counter()
    await box.stop()
    took["stop"] = time.perf_counter() - began
    took["total"] = sum(took.values())
    took["cpu"] = _cpu_s(group) - cpu
    return took


async def _run(builds: int) -> dict[str, int]:
    runtime = bwrap.find_runtime()
    assert runtime is not None and bwrap.self_test() is None, bwrap.self_test()
    with tempfile.TemporaryDirectory() as folder, _counted() as group:
        root = Path(folder)
        provider = bwrap.BwrapSandboxProvider(Settings(data_dir=root), runtime)
        runs = [await _build(provider, root, n, group) for n in range(builds)]
    figures = {k: round(statistics.median(r[k] for r in runs) * 1000) for k in runs[0]}
    if group is None:
        del figures["cpu"]
    return figures


if __name__ == "__main__":
    measured = asyncio.run(_run(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
    print(json.dumps({**measured, "load": os.getloadavg()[0]}))
