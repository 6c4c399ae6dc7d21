"""The local sandbox: scrubbed environment, limits, whole-group teardown, keep-alive."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from livebuild.engine.previews import Previews
from livebuild.engine.sandbox.base import Sandbox, SandboxError
from livebuild.engine.sandbox.local import LocalSandboxProvider
from tests.conftest import make_settings
from tests.waits import ended

SERVER = """
import http.server, os, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(os.path.join(os.environ["APP_DATA_DIR"], "child.pid"), "w").write(str(child.pid))
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"hello")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"""


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    workspace = tmp_path / "job" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(SERVER)
    lines: list[str] = []

    async def log(line: str) -> None:
        lines.append(line)

    settings = make_settings(
        tmp_path, sandbox_memory_mb=256, sandbox_file_mb=1, sandbox_start_timeout_s=5
    )
    box = LocalSandboxProvider(settings).create("job", workspace, "/preview/job", log)
    yield box
    await box.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purposes
    state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    return state != "Z"


async def test_environment_is_scrubbed(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBUILD_DATABASE_URL", "postgresql://secret")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-should-not-leak")
    (sandbox.workspace / "env.py").write_text("import os\nprint(sorted(os.environ))\n")
    result = await sandbox.run_python(["env.py"], timeout_s=10)
    assert result.ok
    assert "LIVEBUILD" not in result.output and "ANTHROPIC" not in result.output
    assert "APP_BASE_PATH" in result.output and "PORT" in result.output


async def test_the_memory_limit_stops_an_app_that_asks_for_too_much(sandbox: Sandbox) -> None:
    (sandbox.workspace / "small.py").write_text("x = bytearray(32 * 1024 * 1024)\n")
    assert (await sandbox.run_python(["small.py"], timeout_s=20)).ok
    (sandbox.workspace / "hog.py").write_text("x = bytearray(600 * 1024 * 1024)\nprint('got it')\n")
    result = await sandbox.run_python(["hog.py"], timeout_s=20)
    assert result.exit_code == 1 and not result.timed_out
    assert 'hog.py", line 1' in result.output and "MemoryError" in result.output
    assert "got it" not in result.output


async def test_the_file_limit_stops_a_write_past_it(sandbox: Sandbox) -> None:
    (sandbox.workspace / "big.py").write_text(
        "open('big.bin', 'wb').write(b'0' * (3 * 1024 * 1024))\n"
    )
    result = await sandbox.run_python(["big.py"], timeout_s=20)
    assert result.exit_code == 1 and not result.timed_out
    # Python ignores SIGXFSZ, so the write past the limit fails with EFBIG instead.
    assert f"[Errno {errno.EFBIG}]" in result.output
    assert (sandbox.workspace / "big.bin").stat().st_size == 1024 * 1024


async def test_the_cpu_limit_stops_an_app_that_spins(tmp_path: Path) -> None:
    workspace = tmp_path / "spin" / "app"
    workspace.mkdir(parents=True)
    (workspace / "spin.py").write_text("while True:\n    pass\n")

    async def log(line: str) -> None:
        pass

    settings = make_settings(tmp_path, sandbox_cpu_s=1)
    box = LocalSandboxProvider(settings).create("spin", workspace, "/preview/spin", log)
    # Wall time is far above the CPU limit: only the CPU limit can end it in time.
    result = await box.run_python(["spin.py"], timeout_s=60)
    assert result.exit_code == -signal.SIGXCPU and not result.timed_out


async def test_commands_are_cut_off_at_their_time_limit(sandbox: Sandbox) -> None:
    (sandbox.workspace / "slow.py").write_text("import time\ntime.sleep(30)\n")
    result = await asyncio.wait_for(sandbox.run_python(["slow.py"], timeout_s=0.5), 10)
    assert result.timed_out and not result.ok


async def test_stop_kills_the_whole_process_group(sandbox: Sandbox) -> None:
    await sandbox.start()
    assert sandbox.running and sandbox.port
    pid_file = sandbox.workspace.parent / "data" / "child.pid"
    child = int(pid_file.read_text())
    assert _alive(child)
    await sandbox.stop()
    assert not sandbox.running and await ended(child, within_s=10)


async def test_start_restarts_only_when_files_change(sandbox: Sandbox) -> None:
    await sandbox.start()
    first_port = sandbox.port
    await sandbox.start()
    assert sandbox.port == first_port
    (sandbox.workspace / "extra.txt").write_text("new")
    await sandbox.start()
    assert sandbox.running and sandbox.port != first_port


async def test_a_missing_app_is_a_sandbox_error(sandbox: Sandbox) -> None:
    (sandbox.workspace / "app.py").unlink()
    with pytest.raises(SandboxError):
        await sandbox.start()


async def _no_log(line: str) -> None:
    pass


def _told_when_asleep(previews: Previews) -> asyncio.Event:
    """Set when an app of `previews` has gone to sleep (its process stopped)."""
    asleep = asyncio.Event()

    async def stopped(_: str) -> None:
        asleep.set()

    previews.on_stopped = stopped
    return asleep


async def test_keep_alive_puts_the_app_to_sleep(sandbox: Sandbox, tmp_path: Path) -> None:
    provider = LocalSandboxProvider(make_settings(tmp_path))
    previews = Previews(provider, 60.0, lambda _: _no_log, per_user=3)
    asleep = _told_when_asleep(previews)
    await sandbox.start()
    previews.add(sandbox, "founder")
    previews.keep_alive(sandbox.job_id, 0.2)
    assert previews.get(sandbox.job_id) is sandbox
    await asyncio.wait_for(asleep.wait(), 30)
    assert previews.get(sandbox.job_id) is None and not sandbox.running


async def test_an_app_in_use_stays_awake_and_sleeps_once_idle(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    provider = LocalSandboxProvider(make_settings(tmp_path))
    previews = Previews(provider, 0.4, lambda _: _no_log, per_user=3)
    asleep = _told_when_asleep(previews)
    await sandbox.start()
    previews.add(sandbox, "founder")
    previews.ready(sandbox.job_id)
    # Visited every 0.1 s for twice the idle time: it is in use, so it stays up.
    for _ in range(8):
        await asyncio.sleep(0.1)
        previews.used(sandbox.job_id)
    assert previews.get(sandbox.job_id) is sandbox and not asleep.is_set()
    # Then left alone, it goes to sleep.
    await asyncio.wait_for(asleep.wait(), 30)
    assert previews.get(sandbox.job_id) is None and not sandbox.running


CHATTY = """
import http.server, os, sys, threading
sys.stdout.write("x" * 100_000)
sys.stdout.write("\\nsecond line\\n")
sys.stdout.flush()
def endless():
    while True:
        sys.stdout.write("y" * 65_536)
        sys.stdout.flush()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"hello")
    def log_message(self, *a): pass
server = http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H)
threading.Thread(target=endless, daemon=True).start()
server.serve_forever()
"""


async def test_endless_and_huge_output_lines_are_bounded_and_drained(tmp_path: Path) -> None:
    workspace = tmp_path / "job" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(CHATTY)
    lines: list[str] = []

    async def log(line: str) -> None:
        lines.append(line)

    settings = make_settings(tmp_path, sandbox_start_timeout_s=10)
    box = LocalSandboxProvider(settings).create("job", workspace, "/preview/job", log)
    await box.start()
    # An app whose output were no longer read would block on its next write and stop answering.
    await asyncio.sleep(1.0)
    port = box.port
    assert port is not None
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.0\r\n\r\n")
    assert b"200" in await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    await box.stop()
    assert not box.running
    assert lines[0].startswith("x") and len(lines[0]) <= 2_000
    assert "second line" in lines
    assert all(len(line) <= 2_000 for line in lines)
    # The endless line is logged in a bounded way, not a line per chunk.
    assert len(lines) <= 10
