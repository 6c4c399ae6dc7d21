"""Find the machine's model server, or start it: one per data dir, shared by every process.

A lock file serializes the finding: the first process to need the model starts the server
(detached, so it outlives its starter) and waits, holding the lock, until it has loaded the
model and written where it listens; every other process then finds that server.
"""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from livebuild.core.machine_service import (
    ServiceUnavailable,
    answering,
    end,
    locked,
    read_state,
    spawn,
    wait_started,
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
    threads_when_quiet: bool = False
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
        argv += ["--threads-when-quiet"] if self.threads_when_quiet else []
        return argv + (["--engine", self.engine] if self.engine else [])


def _answers(state: dict[str, object], model: Path) -> ServerAddress | None:
    if state.get("model") != str(model):
        return None
    found = answering(state)
    if found is None:
        return None
    base, token, pid = found
    return ServerAddress(f"{base}/v1", token, pid)


def _start(plan: ServerPlan) -> ServerAddress:
    log_path = plan.run_dir / "server.log"
    try:
        child = spawn(plan.command(), secrets.token_urlsafe(32), log_path)
    except OSError as error:
        raise ServerUnavailable(f"the model server could not start: {error}") from error
    return wait_started(
        child,
        plan.state,
        lambda state: _answers(state, plan.model),
        what="model server",
        log_path=log_path,
        timeout_s=plan.start_timeout_s,
        poll_s=0.1,
    )


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
    if found is not None:
        end(found.pid, timeout_s)
    return found is not None
