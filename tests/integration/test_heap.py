"""livebuild's long-lived processes keep at most two C heaps, and give freed memory back."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from livebuild.core.heap import _glibc

needs_glibc = pytest.mark.skipif(_glibc() is None, reason="the C library here is not glibc")

# Eight threads allocate at once, then glibc lists its heaps ("Arena N:") on stderr.
THREADS = """
import ctypes, sys, threading
from livebuild.core.heap import limit_arenas
print(limit_arenas() if sys.argv[1] == "cap" else "-", flush=True)
meet = threading.Barrier(8)
def work() -> None:
    meet.wait()
    kept = [bytearray(4096) for _ in range(500)]
    meet.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL(None).malloc_stats()
"""

# 75 MB freed in holes between blocks still in use: only handing it back lowers the size.
FREED = """
from livebuild.core.heap import give_back
def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20
blocks = [bytearray(64 * 1024) for _ in range(2400)]
kept = blocks[::2]
del blocks
before = resident_mb()
give_back()
print(round(before), round(resident_mb()))
"""


def _run(program: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def _arenas(stderr: str) -> int:
    return sum(line.startswith("Arena ") for line in stderr.splitlines())


@needs_glibc
def test_the_cap_keeps_a_threaded_process_to_two_heaps() -> None:
    uncapped = _run(THREADS, "free")
    assert _arenas(uncapped.stderr) > 2  # each thread would get a heap of its own
    capped = _run(THREADS, "cap")
    assert capped.stdout.strip() == "True"
    assert 1 <= _arenas(capped.stderr) <= 2


@needs_glibc
def test_an_operators_own_arena_setting_stays_theirs() -> None:
    answer = _run(THREADS, "cap", MALLOC_ARENA_MAX="3")
    assert answer.stdout.strip() == "False"
    assert _arenas(answer.stderr) == 3


@needs_glibc
def test_freed_memory_goes_back_to_the_system() -> None:
    before, after = map(int, _run(FREED).stdout.split())
    assert before - after >= 50, (before, after)
