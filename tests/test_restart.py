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
from collections.abc import Iterator
from pathlib import Path

import httpx

from livebuild.net import free_port
from tests.conftest import IDEA


@contextlib.contextmanager
def serve(data_dir: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "LIVEBUILD_DATA_DIR": str(data_dir), "LIVEBUILD_PORT": str(port)}
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


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_a_killed_server_leaves_no_build_running(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serve(tmp_path, port) as server, httpx.Client(base_url=base, timeout=30) as client:
        project = client.post("/api/projects", json={"idea": IDEA}).json()
        job_id = client.post(f"/api/projects/{project['id']}/builds").json()["job_id"]
        with client.stream("GET", f"/api/jobs/{job_id}/events/stream") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    if event["type"] == "build.stage.started" and event["stage"] == "code":
                        break
        assert client.get(f"/api/jobs/{job_id}").json()["status"] == "code"
        logs = client.get(f"/api/jobs/{job_id}/logs").json()["lines"]
        app_port = int(next(ln for ln in logs if "app answering on port" in ln).split()[-1])
        assert _answers(app_port)
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    # The generated app dies with the server that started it.
    deadline = time.monotonic() + 5
    while _answers(app_port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _answers(app_port)

    with serve(tmp_path, port), httpx.Client(base_url=base, timeout=30) as client:
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
