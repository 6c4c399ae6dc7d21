"""The sandbox on the worker's own loop (uvloop): started without copying the worker, and
stopped with everything the app started, an orphan outside its tree included."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
import uvloop

from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox._spawned import spawn
from livebuild.settings import Settings
from tests.conftest import processes_with
from tests.integration.test_containment import (  # noqa: F401 - fixtures
    Lines,
    findings,
    hostile,
    needs_bwrap,
    provider,
    settings,
)
from tests.waits import all_ended

T = TypeVar("T")

# "started" only once the daemon runs: the pipe's last writer closes it at the daemon's exec
# (a pipe is closed on exec), so the app's read ends then, never before.
_ORPHAN = """
ready, told = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:  # a daemon: out of the app's tree and its process group
        os.execv("/bin/sh", ["/bin/sh", "-c", "sleep 600; :", "TOKEN"])
    os._exit(0)
os.close(told)
os.read(ready, 1)
attempt("daemon", lambda: "started")
"""


def _on_uvloop(main: Coroutine[Any, Any, T]) -> T:
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


def test_a_start_from_a_large_worker_costs_it_about_a_millisecond() -> None:
    """uvloop's own start copies the whole process (5-12 ms of CPU for a worker's size)."""
    heap = bytearray(300 * 1024 * 1024)
    heap[::4096] = b"x" * len(heap[::4096])
    costs: list[float] = []

    async def main() -> None:
        for _ in range(7):
            before = time.process_time()
            process = await spawn(["/bin/true"], cwd="/", env={}, pass_fds=[])
            costs.append(time.process_time() - before)
            assert await process.wait() == 0
            assert await process.stdout.read() == b""

    _on_uvloop(main())
    del heap
    assert sorted(costs)[3] < 0.003, costs


@needs_bwrap
def test_a_stopped_app_leaves_nothing_running_on_uvloop(
    provider: bwrap.BwrapSandboxProvider,  # noqa: F811
    settings: Settings,  # noqa: F811
) -> None:
    token = "daemon-" + secrets.token_hex(4)
    workspace = settings.workspaces_dir / "job" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(hostile(_ORPHAN.replace("TOKEN", token)))

    async def main() -> int:
        box = provider.create("job", workspace, "/preview/job", Lines().write)
        try:
            await box.start()
            assert (await findings(box))["daemon"] == ["ok", "'started'"]
            assert processes_with(token)
            assert isinstance(box, bwrap.BwrapSandbox) and box._jail is not None
            pid = box._jail.process.pid
        finally:
            await box.stop()
        assert not box.running
        assert await asyncio.to_thread(all_ended, lambda: processes_with(token), 10)
        return pid

    pid = _on_uvloop(main())
    assert not Path(f"/proc/{pid}").exists()


def test_a_process_that_cannot_start_says_so() -> None:
    async def main() -> None:
        with pytest.raises(FileNotFoundError):
            await spawn(["/no/such/program"], cwd="/", env={}, pass_fds=[])

    _on_uvloop(main())
