"""Find the machine's model server, or start it: one per data dir, shared by every process.

A lock file serializes the finding: the first process to need the model starts the server
(detached, so it outlives its starter) and waits, holding the lock, until it has loaded the
model and written where it listens; every other process then finds that server.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx


class ServerUnavailable(Exception):
    """The model server could not be found or started; the message is for the logs."""


@dataclass(frozen=True)
class ServerAddress:
    url: str  # the OpenAI-compatible base URL, ending in /v1
    token: str
    pid: int


@dataclass(frozen=True)
class ServerPlan:
    """Where the server keeps its state, which model it loads and how to start it."""

    run_dir: Path
    model: Path
    max_waiting: int = 4
    max_job_s: float = 120.0
    idle_s: float = 600.0
    threads: int = 0
    start_timeout_s: float = 120.0
    engine: str | None = None  # "module:factory"; tests load a scripted engine

    @property
    def state(self) -> Path:
        return self.run_dir / "server.json"

    def command(self) -> list[str]:
        argv = [sys.executable, "-m", "livebuild.providers.local.process"]
        argv += ["--model", str(self.model), "--state", str(self.state)]
        argv += ["--max-waiting", str(self.max_waiting), "--max-job-s", str(self.max_job_s)]
        argv += ["--idle-s", str(self.idle_s), "--threads", str(self.threads)]
        return argv + (["--engine", self.engine] if self.engine else [])


@contextlib.contextmanager
def _locked(path: Path, timeout_s: float) -> Iterator[None]:
    deadline = time.monotonic() + timeout_s
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ServerUnavailable(
                        "another process holds the model server's lock"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_state(path: Path) -> dict[str, object] | None:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _answers(state: dict[str, object], model: Path) -> ServerAddress | None:
    pid, port, token = state.get("pid"), state.get("port"), state.get("token")
    if not (isinstance(pid, int) and isinstance(port, int) and isinstance(token, str)):
        return None
    if state.get("model") != str(model) or not _alive(pid):
        return None
    base = f"http://127.0.0.1:{port}"
    try:
        answer = httpx.get(
            f"{base}/health", headers={"authorization": f"Bearer {token}"}, timeout=3
        )
    except httpx.HTTPError:
        return None
    return ServerAddress(f"{base}/v1", token, pid) if answer.status_code == 200 else None


def _log_tail(path: Path) -> str:
    with contextlib.suppress(OSError):
        lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
        return lines[-1][:300] if lines else "no output"
    return "no output"


_SECRET_WORDS = ("KEY", "PASSWORD", "SECRET", "TOKEN", "CREDENTIAL")


def _without_secrets(env: Mapping[str, str]) -> dict[str, str]:
    """The model server needs no one's keys: API keys, passwords and tokens stay behind."""
    return {k: v for k, v in env.items() if not any(word in k.upper() for word in _SECRET_WORDS)}


def _start(plan: ServerPlan) -> ServerAddress:
    token = secrets.token_urlsafe(32)
    log_path = plan.run_dir / "server.log"
    with log_path.open("ab") as log:
        child = subprocess.Popen(
            plan.command(),
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=log,
            env=_without_secrets(os.environ),
            start_new_session=True,  # it serves every process, so it outlives this one
        )
    # On its input, not in its environment or arguments, which other users' processes can read.
    assert child.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        child.stdin.write(f"{token}\n".encode())
        child.stdin.close()
    threading.Thread(target=child.wait, daemon=True).start()  # reaped if it exits first
    deadline = time.monotonic() + plan.start_timeout_s
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ServerUnavailable(f"the model server stopped: {_log_tail(log_path)}")
        state = _read_state(plan.state)
        if state and state.get("pid") == child.pid:
            found = _answers(state, plan.model)
            if found is not None:
                return found
        time.sleep(0.1)
    child.terminate()
    raise ServerUnavailable(f"the model server did not start within {plan.start_timeout_s:g}s")


def find_or_start(plan: ServerPlan) -> ServerAddress:
    """The running server for `plan.model`, started if there is none (blocking)."""
    plan.run_dir.mkdir(parents=True, exist_ok=True)
    with _locked(plan.run_dir / "server.lock", plan.start_timeout_s):
        state = _read_state(plan.state)
        found = _answers(state, plan.model) if state else None
        return found if found is not None else _start(plan)


def find(plan: ServerPlan) -> ServerAddress | None:
    """The running server, if there is one; never starts one."""
    state = _read_state(plan.state)
    return _answers(state, plan.model) if state else None


def stop(plan: ServerPlan, timeout_s: float = 10.0) -> bool:
    """Stop the running server; returns whether there was one."""
    found = find(plan)
    if found is None:
        return False
    os.kill(found.pid, 15)
    deadline = time.monotonic() + timeout_s
    while _alive(found.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True
