"""Find the machine's model server, or start it: one per data dir, shared by every process.

A lock file serializes the finding: the first process to need the model starts the server
(detached, so it outlives its starter) and waits, holding the lock, until it has loaded the
model and written where it listens; every other process then finds that server.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from livebuild.core.machine_service import (
    ServiceUnavailable,
    alive,
    locked,
    log_tail,
    read_state,
    spawn,
)


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


def _answers(state: dict[str, object], model: Path) -> ServerAddress | None:
    pid, port, token = state.get("pid"), state.get("port"), state.get("token")
    if not (isinstance(pid, int) and isinstance(port, int) and isinstance(token, str)):
        return None
    if state.get("model") != str(model) or not alive(pid):
        return None
    base = f"http://127.0.0.1:{port}"
    try:
        answer = httpx.get(
            f"{base}/health", headers={"authorization": f"Bearer {token}"}, timeout=3
        )
    except httpx.HTTPError:
        return None
    return ServerAddress(f"{base}/v1", token, pid) if answer.status_code == 200 else None


def _start(plan: ServerPlan) -> ServerAddress:
    log_path = plan.run_dir / "server.log"
    try:
        child = spawn(plan.command(), secrets.token_urlsafe(32), log_path)
    except OSError as error:
        raise ServerUnavailable(f"the model server could not start: {error}") from error
    deadline = time.monotonic() + plan.start_timeout_s
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ServerUnavailable(f"the model server stopped: {log_tail(log_path)}")
        state = read_state(plan.state)
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
    try:
        with locked(plan.run_dir / "server.lock", plan.start_timeout_s):
            state = read_state(plan.state)
            found = _answers(state, plan.model) if state else None
            return found if found is not None else _start(plan)
    except ServiceUnavailable as error:
        raise ServerUnavailable(str(error)) from error


def find(plan: ServerPlan) -> ServerAddress | None:
    """The running server, if there is one; never starts one."""
    state = read_state(plan.state)
    return _answers(state, plan.model) if state else None


def stop(plan: ServerPlan, timeout_s: float = 10.0) -> bool:
    """Stop the running server; returns whether there was one."""
    found = find(plan)
    if found is None:
        return False
    os.kill(found.pid, 15)
    deadline = time.monotonic() + timeout_s
    while alive(found.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True
