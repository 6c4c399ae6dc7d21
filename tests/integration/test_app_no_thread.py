"""When the generated app cannot start another thread, its visitors wait for one it has.

In the sandbox an app's threads count against its processes and its address space; a start
that fails must not turn the visitor away, nor leave the app believing it has a thread it
never got. The real app, run as a founder runs it, its address space then held where it is."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import fetch, free_port, write_app

_VISITORS = 40


@pytest.fixture
def app_at_its_limit(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """The app, served once, then allowed no more address space than it holds now."""
    app = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env.update(PORT=str(port), APP_DATA_DIR=str(tmp_path / "data"), MALLOC_ARENA_MAX="1")
    proc = subprocess.Popen(
        [sys.executable, "-I", "app.py"],
        cwd=app,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().startswith(b"Serving")
        # The first visitor starts the app's first thread; it stays for the next.
        assert fetch(f"http://127.0.0.1:{port}/healthz")[:2] == (200, "ok")
        held = _address_space(proc.pid)
        # Less room than one more thread's stack (the app asks for 4 MB).
        resource.prlimit(proc.pid, resource.RLIMIT_AS, (held + 512 * 1024,) * 2)
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _address_space(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize")


async def _asked(port: int) -> bytes:
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n")
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), 60)
        finally:
            writer.close()
    except (OSError, TimeoutError) as error:
        return repr(error).encode()
    return answer.split(b"\r\n", 1)[0] or b"(closed, no answer)"


async def test_visitors_wait_for_a_thread_when_no_more_can_start(
    app_at_its_limit: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, proc = app_at_its_limit
    for _ in range(2):  # and again: the failed starts left the app's count of threads true
        answers = await asyncio.gather(*(_asked(port) for _ in range(_VISITORS)))
        unanswered = [answer for answer in answers if answer != b"HTTP/1.1 200 OK"]
        assert unanswered == [], f"{len(unanswered)} of {_VISITORS}, e.g. {unanswered[:3]}"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    assert proc.stderr is not None
    said = proc.stderr.read().decode()
    assert "Traceback" not in said, said
