"""A command run in a real pseudo-terminal, as a founder types at it: it answers prompts
when a given text appears, and Ctrl-C reaches it as it would from a keyboard."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Session:
    returncode: int
    output: str


def _take_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _take_terminal_ignoring_ctrl_c() -> None:
    # As a script's shell starts what it runs in the background (and passes that on).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _take_terminal()


def in_terminal(
    args: Sequence[str],
    answers: Sequence[tuple[str, str]],
    env: dict[str, str],
    timeout: float = 180,
    *,
    ctrl_c_ignored: bool = False,
) -> Session:
    """Run `python -m livebuild ARGS`; each (seen, typed) pair types `typed` once `seen`
    has appeared after the previous answer. A session still running after `timeout` seconds
    (a whole flow, a build included, on cores other tests share) is killed, and its output
    ends with when each answer was typed, so a slow flow and a hung exit tell apart.
    `ctrl_c_ignored` starts it with Ctrl-C ignored, as a script's shell may."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "livebuild", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "140", "TERM": "dumb", **env},
        preexec_fn=_take_terminal_ignoring_ctrl_c if ctrl_c_ignored else _take_terminal,
    )
    os.close(follower)
    output = b""
    mark = 0
    pending = list(answers)
    started = time.monotonic()
    deadline = started + timeout
    typed_at: list[str] = []
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if pending and pending[0][0].encode() in output[mark:]:
                seen, typed = pending.pop(0)
                mark = output.index(seen.encode(), mark) + len(seen)
                os.write(leader, typed.encode())
                typed_at.append(f"{typed!r} at {time.monotonic() - started:.1f}s")
            if process.poll() is not None and not ready:
                break
        else:
            process.kill()
            output += f"\n[killed after {timeout:g}s; typed: {', '.join(typed_at)}]".encode()
        process.wait(timeout=15)
    finally:
        os.close(leader)
    return Session(process.returncode, output.decode(errors="replace").replace("\r\n", "\n"))
