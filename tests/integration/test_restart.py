"""Killing the server mid-build and starting it again leaves no build stuck."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from livebuild.core.net import free_port
from tests.conftest import API_HEADERS, IDEA
from tests.waits import all_ended


@contextlib.contextmanager
def serve(data_dir: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "LIVEBUILD_DATA_DIR": str(data_dir),
        "LIVEBUILD_PORT": str(port),
        "LIVEBUILD_PREVIEW_PORT": str(free_port()),  # not the default, which others reach for
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "livebuild", "serve"], env=env, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        # Another process binds the port: nothing here can wake us when it does.
        while not _answers(port):
            assert process.poll() is None, "server exited"
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(15)


def _apps_in(folder: Path) -> list[int]:
    """Processes running with their working directory inside `folder`."""
    # A sandbox mounts the workspace elsewhere (`/app`): the folder itself is the same one.
    workspaces = {(d.stat().st_dev, d.stat().st_ino) for d in folder.glob("*/app")}
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cwd = os.readlink(entry / "cwd")
                where = os.stat(entry / "cwd")
            except OSError:
                continue
            if cwd.startswith(str(folder)) or (where.st_dev, where.st_ino) in workspaces:
                found.append(int(entry.name))
    return found


def _eventually(condition: Callable[[], bool], within_s: float = 5.0) -> bool:
    # Watching other processes come and go: there is nothing to be woken by.
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_a_killed_server_leaves_no_build_running(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (
        serve(tmp_path, port) as server,
        httpx.Client(base_url=base, timeout=30, headers=API_HEADERS) as client,
    ):
        project = client.post("/api/projects", json={"idea": IDEA}).json()
        job_id = client.post(f"/api/projects/{project['id']}/builds").json()["job_id"]
        with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    if event["type"] == "build.stage.started" and event["stage"] == "code":
                        break
        assert client.get(f"/api/jobs/{job_id}").json()["status"] == "code"
        workspaces = tmp_path / "workspaces"
        # The app restarts as its files change: wait for a moment it is up.
        assert _eventually(lambda: bool(_apps_in(workspaces)))
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    # The generated app dies with the server that started it.
    assert all_ended(lambda: _apps_in(workspaces), within_s=5)

    with (
        serve(tmp_path, port),
        httpx.Client(base_url=base, timeout=30, headers=API_HEADERS) as client,
    ):
        status = client.get(f"/api/jobs/{job_id}").json()
        assert status["status"] == "failed"
        assert "interrupted" in status["error"]["message"]
        assert status["finished_at"] is not None
        events = client.get(f"/api/jobs/{job_id}/events").json()["events"]
        assert events[-1]["type"] == "build.failed"
        again = client.post(f"/api/projects/{project['id']}/builds")
        assert again.status_code == 202
        with client.stream("GET", f"/api/jobs/{again.json()['job_id']}/events/stream") as stream:
            body = "".join(stream.iter_text())
        assert "build.completed" in body
