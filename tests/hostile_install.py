"""A livebuild install as an operator runs it, under attack by the apps its model writes.

`livebuild serve` runs as a process of its own (so its environment, its children and its
death are real), in token mode with the model runner; the model is a loopback server
speaking Anthropic's wire protocol, run on a thread of its own so that it outlives any
one test's event loop. A listener stands ready for anything an app tries to send out.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from livebuild.core.net import free_port
from tests.vendor_servers import Reply, VendorServer

ROOT = Path(__file__).resolve().parents[1]
_CLI = "from livebuild.cli import main; main()"


class VendorThread:
    """A `VendorServer` on its own thread and event loop."""

    def __init__(self) -> None:
        self.server = VendorServer()
        self._started = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="vendor", daemon=True)

    def __enter__(self) -> VendorThread:
        self._thread.start()
        if not self._started.wait(30):
            raise RuntimeError("the model server did not start")
        return self

    def __exit__(self, *_: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def answer_always(self, reply: Reply) -> None:
        """Every later request gets `reply` (the plan falls back to the offline plan)."""
        self.server.replies[:] = [reply]

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with self.server:
            self._started.set()
            await self._stop.wait()


class Listener:
    """A loopback TCP port that keeps whatever anyone sends to it."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port: int = self._socket.getsockname()[1]
        self.received = bytearray()
        self.connections = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="listener", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.settimeout(2)
                with suppress(OSError):
                    while chunk := connection.recv(65536):
                        self.received += chunk

    def close(self) -> None:
        self._closed.set()
        self._thread.join(5)
        self._socket.close()


@dataclass
class Install:
    """A running livebuild and what the tests need to talk to it and to look behind it."""

    directory: Path
    env: dict[str, str]
    port: int
    vendor: VendorThread
    listener: Listener
    canary: str
    tokens: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    # What the attacking tests fill in: marks the hostile app carries, and its build.
    marks: dict[str, str] = field(default_factory=dict)
    job: dict[str, Any] = field(default_factory=dict)

    @property
    def control(self) -> bool:
        """The control install: the unsafe `local` sandbox, where the attacks must work."""
        return self.env.get("LIVEBUILD_SANDBOX") == "local"

    @property
    def data_dir(self) -> Path:
        return Path(self.env["LIVEBUILD_DATA_DIR"])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ensure_running(self) -> None:
        """Start livebuild again if a test stopped or killed it."""
        if self.process is None or self.process.poll() is not None:
            self.start()

    def client(self, user: str) -> httpx.Client:
        headers = {"X-Livebuild": "1", "Authorization": f"Bearer {self.tokens[user]}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60)

    def cli(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", _CLI, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.strip().splitlines()[-1]

    def add_user(self, name: str) -> None:
        self.tokens[name] = self.cli("users", "add", name)

    def start(self) -> None:
        with open(self.directory / "server.log", "ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CLI, "serve"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.directory / "server.log").read_text()[-3000:]
                raise RuntimeError(f"livebuild did not start:\n{log}")
            with suppress(httpx.HTTPError):
                if httpx.get(f"{self.base_url}/healthz/live", timeout=1).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError("livebuild did not answer within 60 s")

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(how)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def build(self, user: str, idea: str) -> dict[str, Any]:
        """Build `idea` for `user` and wait for the end; the job as the API shows it."""
        with self.client(user) as client:
            project = client.post("/api/projects", json={"idea": idea})
            assert project.status_code == 201, project.text
            build = client.post(f"/api/projects/{project.json()['id']}/builds")
            assert build.status_code == 202, build.text
            job_id = build.json()["job_id"]
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                job = client.get(f"/api/jobs/{job_id}").json()
                if job["status"] in ("ready", "failed"):
                    assert job["status"] == "ready", job
                    return dict(job)
                time.sleep(0.2)
        raise AssertionError(f"build {job_id} did not finish")


def _environment(
    directory: Path, vendor: VendorThread, canary: str, **extra: str
) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("LIVEBUILD_")}
    return (
        inherited
        | {
            "PYTHONPATH": str(ROOT),
            "LIVEBUILD_DATA_DIR": str(directory / "data"),
            "LIVEBUILD_PORT": str(free_port()),
            "LIVEBUILD_PREVIEW_PORT": str(free_port()),
            "LIVEBUILD_AUTH_MODE": "token",
            "LIVEBUILD_RUNNER": "model",
            "LIVEBUILD_MODEL_PROVIDER": "anthropic",
            "LIVEBUILD_MODEL_BASE_URL": vendor.server.anthropic_url,
            "LIVEBUILD_MODEL_API_KEY": canary,
            # Not what is attacked here, and each would cost the suite seconds.
            "LIVEBUILD_DOCS_ENABLED": "false",
            "LIVEBUILD_SCREENSHOTS_ENABLED": "false",
            "LIVEBUILD_PLAN_TIMEOUT_S": "2",
        }
        | extra
    )


@contextmanager
def running_install(directory: Path, **extra: str) -> Iterator[Install]:
    """livebuild serving from `directory`, with users `ada` (the attacker) and `bob`."""
    canary = "sk-ant-canary-" + secrets.token_hex(12)
    with VendorThread() as vendor:
        listener = Listener()
        env = _environment(directory, vendor, canary, **extra)
        install = Install(directory, env, int(env["LIVEBUILD_PORT"]), vendor, listener, canary)
        try:
            install.add_user("ada")
            install.add_user("bob")
            install.start()
            yield install
        finally:
            install.stop()
            listener.close()
