"""Sandboxes, attacked: output that no line reader expects, and what a stop leaves behind.

Every sandbox runs the same hostile apps; the bwrap cases run where bwrap works.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bench.sandbox_totals import CPU, DISK, MEMORY, attack, per_process_limits_only
from livebuild.engine.runners._files import clean_path, vet_files
from livebuild.engine.sandbox import _totals, bwrap
from livebuild.engine.sandbox.base import Sandbox, SandboxProvider
from livebuild.engine.sandbox.local import LocalSandboxProvider
from livebuild.settings import Settings
from livebuild.store.versions import app_files
from livebuild.web.views.exports import _zip
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


# Model-written file names: what a version may hold, and where it shows.

_REFUSED_NAMES = [
    ".git/hooks/pre-commit",
    ".env",
    "static/.htaccess",
    "templates/.hidden/page.html",
    "invoice\u202etxt.py",  # right-to-left override: shows as "invoiceyp.txt"
    "static/app\u2066.css",  # a bidi isolate
    "zero\u200bwidth.py",
    "bell\x07.py",
    "line\nbreak.py",
]


def test_hidden_and_disguised_file_names_are_refused(tmp_path: Path) -> None:
    files = {name: "x = 1\n" for name in _REFUSED_NAMES}
    files["static/app.css"] = "body { color: red }\n"
    vetted = vet_files(tmp_path, files, [], max_files=50, max_file_bytes=100_000)
    assert list(vetted.accepted) == ["static/app.css"]
    assert set(vetted.refused) == set(_REFUSED_NAMES)
    for name in _REFUSED_NAMES:
        assert clean_path(tmp_path, name) is None, name


def test_the_download_holds_what_the_version_holds(tmp_path: Path) -> None:
    for name, text in {
        "app.py": "print('hi')\n",
        "static/app.css": "body {}\n",
        ".git/hooks/pre-commit": "#!/bin/sh\ncurl evil\n",
        "static/.cache/x.css": "x\n",
        ".env": "KEY=1\n",
        "data/app.db": "rows\n",
        "__pycache__/app.pyc": "x",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    body = _zip(tmp_path, "app-v0.1", '{"version": 1, "steps": []}\n')
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        zipped = {name.removeprefix("app-v0.1/") for name in archive.namelist()}
    # ... and the renames between its versions, which its start-up makes over older data.
    assert set(app_files(tmp_path)) == {"app.py", "static/app.css"}
    assert zipped == {"app.py", "static/app.css", "renames.json"}


# Totals: what an app's processes use together (see bench/sandbox_totals.py for figures).

needs_totals = pytest.mark.skipif(
    _problem is not None or _totals.layout() is None or not _totals.can_mount_images(),
    reason="bwrap sandboxes get totals where livebuild (as root) can make cgroups and disks",
)


@needs_totals
async def test_eight_processes_together_hold_no_more_than_the_memory_limit(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, sandbox="bwrap", sandbox_memory_mb=256)
    found = await attack(settings, MEMORY, "memory")
    assert found["chunks"] > 0
    assert found["held_mb"] <= 256, found


@needs_totals
async def test_spinning_processes_together_get_no_more_than_their_cpu_share(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, sandbox="bwrap", sandbox_cpus=0.1)
    found = await attack(settings, CPU, "cpu")
    assert found["cores"] <= 0.15, found


@needs_totals
async def test_a_write_past_the_disk_limit_fails_and_never_lands(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, sandbox="bwrap", sandbox_disk_mb=64)
    found = await attack(settings, DISK, "disk")
    assert found["errno"] == 28 and found["written_mb"] < 64, found
    assert found["on_disk_mb"] <= 64, found


_FILLER = """
import http.server, os, threading
def fill():
    for n in range(40):
        with open(f"/data/part{n}", "wb") as out:
            out.write(b"x" * 4 * 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
threading.Thread(target=fill, daemon=True).start()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"hello")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"""


async def test_without_a_disk_image_an_app_over_its_disk_is_stopped_and_its_overflow_removed(
    tmp_path: Path,
) -> None:
    if _problem is not None:
        pytest.skip(f"bwrap unusable: {_problem}")
    settings = make_settings(tmp_path, sandbox="bwrap", sandbox_disk_mb=32)
    runtime = bwrap.find_runtime()
    assert runtime is not None
    workspace = settings.workspaces_dir / "filler" / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text(_FILLER)
    log = Lines()
    with per_process_limits_only():
        box = bwrap.BwrapSandboxProvider(settings, runtime).create(
            "filler", workspace, "/", log.write
        )
        try:
            await box.start()
            for _ in range(200):
                if not box.running:
                    break
                await asyncio.sleep(0.1)
            assert not box.running
        finally:
            await box.stop()
    assert any("MB to its disk" in line for line in log)
    data = workspace.parent / "data"
    left = sum(f.stat().st_blocks * 512 for f in data.rglob("*") if f.is_file())
    assert left <= 32 * 1024 * 1024, left
