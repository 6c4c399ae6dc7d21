"""Starting an app in either sandbox: found the moment it listens, run as `python app.py`."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench import machine_procs as procs
from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from livebuild.engine.sandbox import _ready, bwrap, local
from livebuild.engine.sandbox.base import Sandbox, SandboxError
from livebuild.engine.sandbox.local import LocalSandboxProvider
from tests.conftest import make_settings
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import write_app

_problem = bwrap.self_test()

# Serves whatever the app found at start as JSON on every path.
_SERVE = """
import http.server, json, os
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(report).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
"""

# Listening a while after it starts (a different moment each start), so a start must wait.
_LATE_LISTENER = (
    "import random, time\ntime.sleep(random.uniform(0.3, 0.5))\nreport = {'listening': True}\n"
    + _SERVE
    + """
server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
server.serve_forever()
"""
)

_CHILD_SERVER = """
import subprocess, sys, time
time.sleep(0.2)
subprocess.run([sys.executable, "-I", "server.py"])
"""

_AS_PYTHON_WOULD = (
    """
import os, stat, sys
import __main__
report = {
    "name": __name__,
    "file": __file__,
    "argv": sys.argv,
    "main": __main__.__dict__ is globals(),
    "builtins": [callable(exit), callable(quit), callable(help)],
    "bytecode": sys.dont_write_bytecode,
}
"""
    + _SERVE
    + """
server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
def pipes():
    found = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            info = os.fstat(int(fd))
        except OSError:
            continue
        if stat.S_ISFIFO(info.st_mode):
            found[fd] = info.st_ino
    return found
report["pipes"] = pipes()
report["stdout"] = os.fstat(1).st_ino
server.serve_forever()
"""
)

_CRASH = """
def start():
    raise ValueError("the app could not find its settings")
start()
"""


@pytest.fixture(params=["local", "bwrap"])
async def make_box(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Callable[[str], tuple[Sandbox, list[str]]]]:
    settings = make_settings(tmp_path, sandbox_start_timeout_s=15)
    if request.param == "local":
        provider: LocalSandboxProvider | bwrap.BwrapSandboxProvider = LocalSandboxProvider(settings)
    else:
        runtime = bwrap.find_runtime()
        if _problem is not None or runtime is None:
            pytest.skip(f"bwrap unusable: {_problem}")
        provider = bwrap.BwrapSandboxProvider(settings, runtime)
    made: list[Sandbox] = []

    def make(source: str) -> tuple[Sandbox, list[str]]:
        workspace = settings.workspaces_dir / "job" / "app"
        workspace.mkdir(parents=True)
        (workspace / "app.py").write_text(source)
        lines: list[str] = []

        async def log(line: str) -> None:
            lines.append(line)

        box = provider.create("job", workspace, "/preview/job", log)
        made.append(box)
        return box, lines

    yield make
    for box in made:
        await box.stop()


async def _report(box: Sandbox) -> dict[str, object]:
    # The loopback port Chromium uses: both sandboxes have one.
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{box.port}/")
    result: dict[str, object] = json.loads(response.text)
    return result


async def test_a_start_ends_the_moment_the_app_listens(
    make_box: Callable[[str], tuple[Sandbox, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start is woken by the app listening, not found by a poll: with the fallback poll
    slowed past the start's timeout, every start still ends, after one probe before the app
    listens and one after. How soon after is timed in `bench.sandbox_stages` ("woken")."""
    monkeypatch.setattr(_ready, "_FIRST_POLL_S", 3600.0)
    monkeypatch.setattr(_ready, "_LAST_POLL_S", 3600.0)
    probes: list[int] = []
    waiting = _ready.wait_until_answers

    async def counted(probe: Callable[[], Awaitable[bool]], *rest: Any) -> None:
        probes.append(0)

        async def counting() -> bool:
            probes[-1] += 1
            return await probe()

        await waiting(counting, *rest)

    monkeypatch.setattr(bwrap, "wait_until_answers", counted)
    monkeypatch.setattr(local, "wait_until_answers", counted)
    box, _ = make_box(_LATE_LISTENER)
    for _ in range(3):
        await box.start()
        assert await _report(box) == {"listening": True}
        await box.stop()
    assert len(probes) == 3 and all(count <= 2 for count in probes), probes


async def test_an_app_that_serves_from_a_child_process_still_starts(
    make_box: Callable[[str], tuple[Sandbox, list[str]]],
) -> None:
    box, _ = make_box(_CHILD_SERVER)
    (box.workspace / "server.py").write_text(
        "import os\nreport = {'child': True}\n"
        + _SERVE
        + "http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler)"
        ".serve_forever()\n"
    )
    await box.start()
    assert await _report(box) == {"child": True}


async def test_the_app_runs_as_python_would_run_it(
    make_box: Callable[[str], tuple[Sandbox, list[str]]],
) -> None:
    box, _ = make_box(_AS_PYTHON_WOULD)
    await box.start()
    report = await _report(box)
    assert report["name"] == "__main__" and report["main"] is True
    assert report["file"] in (str(box.workspace / "app.py"), "/app/app.py")
    assert report["argv"] == ["app.py"]
    assert report["builtins"] == [True, True, True] and report["bytecode"] is True
    # The only pipe the app holds is its output: nothing of how livebuild was told it listens.
    pipes = report["pipes"]
    assert isinstance(pipes, dict) and set(pipes.values()) == {report["stdout"]}


async def test_a_crash_shows_the_apps_own_traceback(
    make_box: Callable[[str], tuple[Sandbox, list[str]]],
) -> None:
    box, lines = make_box(_CRASH)
    with pytest.raises(SandboxError, match="exited with code 1"):
        await box.start()
    output = "\n".join(lines)
    assert 'app.py", line 4, in <module>' in output
    assert "ValueError: the app could not find its settings" in output
    assert "runpy" not in output and "<string>" not in output


async def test_a_started_app_left_alone_costs_next_to_no_cpu(
    make_box: Callable[[str], tuple[Sandbox, list[str]]],
) -> None:
    """An app waiting for its build (a picture queued behind another build's) costs CPU per
    second of its life only if something polls: the app, its sandbox or the livebuild
    process holding it (its disk watch). Measured as CPU time, so a busy machine can't
    fail it."""
    box, _ = make_box(app_files(walkers_and_walks(), Stage.CHECKS)["app.py"])
    write_app(box.workspace, app_files(walkers_and_walks(), Stage.CHECKS))
    await box.start()
    await asyncio.sleep(1)  # its start's CPU counted before, not in the window
    me = os.getpid()
    before = procs.table()
    apps = procs.tree(me, before) - {me}
    assert apps, "the app's processes run under this process"
    own = time.process_time()
    await asyncio.sleep(10)
    after = procs.table()
    held = time.process_time() - own
    spent = procs.cpu_s(apps, after) - procs.cpu_s(apps, before)
    # Measured idle: 0.00 CPU-s (10 ms ticks) for the app and ~0.01 for its holder.
    assert spent <= 0.1, f"the idle app spent {spent:.2f} CPU-s in 10 s"
    assert held <= 0.2, f"holding the idle app cost {held:.2f} CPU-s in 10 s"
