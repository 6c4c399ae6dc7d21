"""One helper process per machine (per data dir), found or started by whichever process
needs it first: a lock file serializes the finding, a state file (readable by this user
only) says where it listens and with which token, and the token reaches the helper on its
input, never in its arguments or environment, which other users' processes can read.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class ServiceUnavailable(Exception):
    """The helper could not be found or started; the message is for the logs."""


@contextlib.contextmanager
def locked(path: Path, timeout_s: float) -> Iterator[None]:
    deadline = time.monotonic() + timeout_s
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ServiceUnavailable(f"another process holds {path.name}") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_state(path: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(path: Path, state: dict[str, Any]) -> None:
    """Atomically, readable by this user only: the state holds the helper's token."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(state, out)
    os.replace(tmp, path)


def remove_own_state(path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def answering(state: Mapping[str, object]) -> tuple[str, str, int] | None:
    """Where the helper `state` describes listens, its token and pid, if it is alive and
    answers its health check."""
    import httpx  # only the processes that look for a helper need an HTTP client

    pid, port, token = state.get("pid"), state.get("port"), state.get("token")
    if not (isinstance(pid, int) and isinstance(port, int) and isinstance(token, str)):
        return None
    if not alive(pid):
        return None
    base = f"http://127.0.0.1:{port}"
    try:
        answer = httpx.get(
            f"{base}/health", headers={"authorization": f"Bearer {token}"}, timeout=3
        )
    except httpx.HTTPError:
        return None
    return (base, token, pid) if answer.status_code == 200 else None


def wait_started(
    child: subprocess.Popen[bytes],
    state_path: Path,
    found: Callable[[dict[str, Any]], T | None],
    *,
    what: str,
    log_path: Path,
    timeout_s: float,
    poll_s: float,
) -> T:
    """The helper `child` once its state file says it listens and `found` finds it there;
    `ServiceUnavailable` (stopping it) if it stops or does not answer in `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ServiceUnavailable(f"the {what} stopped: {log_tail(log_path)}")
        state = read_state(state_path)
        if state and state.get("pid") == child.pid:
            address = found(state)
            if address is not None:
                return address
        time.sleep(poll_s)
    child.terminate()
    raise ServiceUnavailable(f"the {what} did not start within {timeout_s:g}s")


def end(pid: int, timeout_s: float) -> None:
    """Ask the helper `pid` to stop, and wait up to `timeout_s` for it to be gone."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


_SECRET_WORDS = ("KEY", "PASSWORD", "SECRET", "TOKEN", "CREDENTIAL")


def without_secrets(env: Mapping[str, str]) -> dict[str, str]:
    """A helper needs no one's keys: API keys, passwords and tokens stay behind."""
    return {k: v for k, v in env.items() if not any(word in k.upper() for word in _SECRET_WORDS)}


def log_tail(path: Path) -> str:
    with contextlib.suppress(OSError):
        lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
        return lines[-1][:300] if lines else "no output"
    return "no output"


def spawn(argv: list[str], token: str, log_path: Path) -> subprocess.Popen[bytes]:
    """Start the helper detached (it serves every process, so it outlives this one)."""
    with log_path.open("ab") as log:
        child = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=log,
            env=without_secrets(os.environ),
            start_new_session=True,
        )
    assert child.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        child.stdin.write(f"{token}\n".encode())
        child.stdin.close()
    threading.Thread(target=child.wait, daemon=True).start()  # reaped if it exits first
    return child


def token_from_input(what: str) -> str:
    """The helper's token: the first line of its input, where no other process can read it."""
    import sys

    token = sys.stdin.readline().strip()
    if len(token) < 16:
        raise SystemExit(f"the {what}'s token must be the first line of its input")
    return token


async def serve_helper(
    app: Any,
    state: Path,
    token: str,
    watching: Callable[[asyncio.Event], Coroutine[Any, Any, None]],
    *,
    fields: Mapping[str, Any] | None = None,
    closing: Callable[[], None] | None = None,
) -> None:
    """Serve `app` on a free loopback port until `watching` returns, a signal arrives or the
    server stops; meanwhile `state` says where (with the token and `fields`). `closing` runs
    as it stops, before the server waits for calls in progress."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="off",
        access_log=False,
        # A call still in progress can't always be stopped mid-way: don't wait on it long.
        timeout_graceful_shutdown=5,
    )
    web = uvicorn.Server(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    running = asyncio.create_task(web.serve(sockets=[sock]))
    while not web.started and not running.done():  # noqa: ASYNC110 - uvicorn has no event
        await asyncio.sleep(0.02)
    port = sock.getsockname()[1]
    write_state(state, {"pid": os.getpid(), "port": port, "token": token, **(fields or {})})
    try:
        await asyncio.wait(
            [asyncio.create_task(watching(stop)), running], return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        remove_own_state(state)
        if closing is not None:
            closing()
        web.should_exit = True
        await running
