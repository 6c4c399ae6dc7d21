"""A build's app, stage by stage, in bwrap: its start after scaffold, code, deps and checks,
its smoke test and its stop, each timed, and the CPU all of it took.

`python -m bench.sandbox_stages [builds]` (3 by default) prints the medians in ms, and
"woken": how long after an app begins listening (at a random moment 0.3-0.5 s in, so no
polling schedule lands on it by luck) its start ends, the median of 5 starts (aim: under
20 ms; a start found by the fallback poll instead would be tens of ms late). The CPU
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

import httpx

from livebuild.appgen import app_files
from livebuild.brief.derive import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import bwrap
from livebuild.settings import Settings

IDEA = "A booking app for independent dog walkers"
_LATE_STARTS = 5
# Listens at a random moment and answers with that moment (the host's monotonic clock:
# bwrap gives the app no time namespace of its own).
_LATE_LISTENER = """
import http.server, os, random, time
time.sleep(random.uniform(0.3, 0.5))
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = repr(listening).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
listening = time.monotonic()
server.serve_forever()
"""
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


async def _woken(provider: bwrap.BwrapSandboxProvider, root: Path) -> float:
    """The median delay from an app listening to its start ending, in seconds."""
    workspace = root / "late" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(_LATE_LISTENER)
    box = provider.create("late", workspace, "/preview/late", _discard)
    late = []
    try:
        for _ in range(_LATE_STARTS):
            await box.start()
            answered = time.monotonic()
            async with httpx.AsyncClient() as client:
                reply = await client.get(f"http://127.0.0.1:{box.port}/")
            late.append(answered - float(reply.text))
            await box.stop()
    finally:
        await box.stop()
    return statistics.median(late)


async def _run(builds: int) -> dict[str, int]:
    runtime = bwrap.find_runtime()
    assert runtime is not None and bwrap.self_test() is None, bwrap.self_test()
    with tempfile.TemporaryDirectory() as folder, _counted() as group:
        root = Path(folder)
        provider = bwrap.BwrapSandboxProvider(Settings(data_dir=root), runtime)
        runs = [await _build(provider, root, n, group) for n in range(builds)]
        woken = await _woken(provider, root)
    figures = {k: round(statistics.median(r[k] for r in runs) * 1000) for k in runs[0]}
    figures["woken"] = round(woken * 1000)
    if group is None:
        del figures["cpu"]
    return figures


if __name__ == "__main__":
    measured = asyncio.run(_run(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
    print(json.dumps({**measured, "load": os.getloadavg()[0]}))
