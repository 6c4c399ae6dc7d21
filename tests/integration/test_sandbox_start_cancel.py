"""A sandbox being started when its build is stopped or cancelled does not outlive it."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from livebuild.engine.sandbox._jail import start_jail


async def test_a_start_cancelled_while_bwrap_starts_leaves_no_process(tmp_path: Path) -> None:
    # Stands in for bwrap: it starts, holds the info pipe open and never says its child.
    pid_file = tmp_path / "pid"
    script = f"echo $$ > {pid_file}; exec sleep 60"

    def launching(argv: list[str]) -> list[str]:
        return ["/bin/sh", "-c", script]

    start = asyncio.create_task(start_jail(["bwrap"], ["true"], [], launching, None))
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text().strip():
            break
        await asyncio.sleep(0.01)
    pid = int(pid_file.read_text())
    start.cancel()
    with pytest.raises(asyncio.CancelledError):
        await start
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(pid, 0)


async def test_a_start_that_fails_leaves_no_file_open() -> None:
    """A start that fails (no bwrap, no process left under EMFILE or EAGAIN) gives back every
    descriptor it opened: a busy worker's failed starts must not make the next ones fail."""

    def launching(argv: list[str]) -> list[str]:
        return ["/no/such/program", *argv]

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_files()
    for _ in range(20):
        with pytest.raises(FileNotFoundError):
            await start_jail(["bwrap"], ["true"], [], launching, None)
    assert open_files() == before
