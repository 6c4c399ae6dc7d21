"""Sandboxes, attacked: output that no line reader expects, and what a stop leaves behind.

Every sandbox runs the same hostile apps; the bwrap cases run where bwrap works.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from livebuild.engine.sandbox import bwrap
from livebuild.engine.sandbox.base import Sandbox, SandboxProvider
from livebuild.engine.sandbox.local import LocalSandboxProvider
from livebuild.settings import Settings
from tests.conftest import make_settings

_problem = bwrap.self_test()

# A 100 KB line at start, then every answer writes 1 MB more: an app whose output were no
# longer drained would block on that write and never answer again.
FLOODING = """
import http.server, os, sys
sys.stdout.write("x" * 100_000)
sys.stdout.write("\\nsecond line\\n")
sys.stdout.flush()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        for _ in range(16):
            sys.stdout.write("y" * 65_536 + "\\n")
        sys.stdout.flush()
        self.send_response(200); self.end_headers(); self.wfile.write(b"hello")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"""


class Lines(list[str]):
    async def write(self, line: str) -> None:
        self.append(line)


def _provider(kind: str, settings: Settings) -> SandboxProvider:
    if kind == "local":
        return LocalSandboxProvider(settings)
    runtime = bwrap.find_runtime()
    if _problem is not None or runtime is None:
        pytest.skip(f"bwrap unusable: {_problem}")
    return bwrap.BwrapSandboxProvider(settings, runtime)


@pytest.fixture(params=["local", "bwrap"])
async def make_box(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Callable[[str], tuple[Sandbox, Lines]]]:
    settings = make_settings(tmp_path, sandbox=request.param, sandbox_start_timeout_s=15)
    provider = _provider(request.param, settings)
    made: list[Sandbox] = []

    def make(source: str) -> tuple[Sandbox, Lines]:
        workspace = settings.workspaces_dir / "job" / "app"
        workspace.mkdir(parents=True)
        (workspace / "app.py").write_text(source)
        log = Lines()
        box = provider.create("job", workspace, "/preview/job", log.write)
        made.append(box)
        return box, log

    yield make
    for box in made:
        await box.stop()


async def _get(box: Sandbox) -> bytes:
    port = box.port
    assert port is not None
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(b"GET / HTTP/1.0\r\n\r\n")
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


async def test_a_100_kb_output_line_neither_fails_the_start_nor_hangs_the_app(
    make_box: Callable[[str], tuple[Sandbox, Lines]],
) -> None:
    box, lines = make_box(FLOODING)
    await box.start()
    for _ in range(3):
        answer = await _get(box)
        assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(b"hello")
    await box.stop()
    assert not box.running
    assert lines[0].startswith("x") and len(lines[0]) <= 2_000
    assert "second line" in lines
    assert all(len(line) <= 2_000 for line in lines)


async def test_stop_cleans_up_after_an_app_that_flooded_its_output(
    make_box: Callable[[str], tuple[Sandbox, Lines]],
) -> None:
    box, _ = make_box(FLOODING)
    await box.start()
    await _get(box)
    socket_path = getattr(box, "socket_path", None)
    await box.stop()
    assert box.port is None and box.transport() is None
    if socket_path is not None:
        # bwrap: its socket's folder and its uid go with it.
        assert not socket_path.parent.exists()
        assert getattr(box, "_uid", None) is None


async def test_a_log_that_fails_neither_hangs_the_app_nor_skips_its_cleanup(
    make_box: Callable[[str], tuple[Sandbox, Lines]],
) -> None:
    box, _ = make_box(FLOODING)

    async def broken(line: str) -> None:
        # The job log's database is away for a moment.
        raise OSError("connection refused")

    box._log = broken  # type: ignore[attr-defined]
    await box.start()
    for _ in range(3):
        assert (await _get(box)).endswith(b"hello")
    socket_path = getattr(box, "socket_path", None)
    await box.stop()
    assert not box.running and box.port is None
    if socket_path is not None:
        assert not socket_path.parent.exists()
