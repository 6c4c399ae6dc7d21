"""Sandbox totals on cgroup v2, on a real cgroup2 file system mounted for the test.

On a host that binds the memory, cpu and pids controllers to cgroup v1 hierarchies (as
the one these tests were written on does), a cgroup2 mount has none of them: there the
tests show that livebuild makes no v2 group and warns, and that a v2 group still holds
and ends an app's processes; the limits themselves are tested only where v2 has them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from livebuild.engine.sandbox import _totals
from livebuild.engine.sandbox._totals import Group, Totals, launching, layout, make_group, sweep

_NEEDED = {"memory", "cpu", "pids"}


def _mountable() -> str | None:
    if os.geteuid() != 0:
        return "mounting a cgroup2 file system needs root"
    if "cgroup2" not in Path("/proc/filesystems").read_text():
        return "this kernel has no cgroup2 file system"
    return None


@pytest.fixture
def cgroup2(tmp_path: Path) -> Iterator[Path]:
    """A cgroup2 file system of the host's, mounted where the test says."""
    problem = _mountable()
    if problem is not None:
        pytest.skip(problem)
    root = tmp_path / "cgroup2"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "cgroup2", "none", str(root)], capture_output=True, text=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cgroup2 can't be mounted here: {mounted.stderr.strip()}")
    layout.cache_clear()
    try:
        yield root
    finally:
        parent = root / "livebuild"
        for child in parent.glob("job-*") if parent.is_dir() else []:
            Group([child]).remove()
        with contextlib.suppress(OSError):
            parent.rmdir()  # where v2 is the host's own, other sandboxes may still use it
        subprocess.run(["umount", "-l", str(root)], check=False)
        layout.cache_clear()


def _controllers(root: Path) -> set[str]:
    return set((root / "cgroup.controllers").read_text().split())


_V2_BOUND = (
    "this host binds the memory, cpu and pids controllers to cgroup v1, so a cgroup2 "
    "mount here has none of them and v2 totals can't be exercised (docs/security.md)"
)


def test_a_v2_mount_without_the_controllers_gives_no_group_and_a_warning(
    cgroup2: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if _controllers(cgroup2) >= _NEEDED:
        pytest.skip("v2 has the controllers here: the totals test covers it")
    _totals._warn_once.cache_clear()
    with caplog.at_level(logging.WARNING):
        made = make_group("job-x-1", Totals(64 << 20, 0.5, 8), cgroup2)
    assert layout(cgroup2) is None and made is None
    assert "per-process limits only" in caplog.text


def test_a_v2_group_holds_an_apps_processes_and_ends_them(cgroup2: Path) -> None:
    # No controller is needed to hold processes: this runs on any host with cgroup2.
    folder = cgroup2 / "livebuild" / f"job-hold-{os.getpid()}"
    folder.mkdir(parents=True)
    group = Group([folder])
    forker = "import os, time\nfor _ in range(3):\n    os.fork() or time.sleep(60)\ntime.sleep(60)"
    app = subprocess.Popen(launching([sys.executable, "-c", forker], group))
    deadline = time.monotonic() + 10
    while len(group._pids()) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    held = group._pids()
    assert app.pid in held and len(held) >= 4, held
    group.remove()
    assert app.wait(10) == -9 and not folder.exists()
    assert not any(_running(pid) for pid in held - {app.pid})


def _running(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for its parent to reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_sweep_ends_a_v2_group_whose_maker_is_gone(cgroup2: Path) -> None:
    if not _controllers(cgroup2) >= _NEEDED:
        pytest.skip(_V2_BOUND)
    # Named for a maker that is no longer running (pids never reach this high).
    gone = cgroup2 / "livebuild" / "job-swept-999999999"
    gone.mkdir(parents=True)
    sweep(cgroup2)
    assert not gone.exists()


_COUNT_FORKS = """
import os, time
made = 0
for _ in range(40):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    made += 1
print(made)
"""

_HOLD_MEMORY = "held = [bytearray(16 << 20) for _ in range(16)]\nprint(len(held))"


def test_v2_totals_bound_an_apps_processes_and_memory_together(cgroup2: Path) -> None:
    if not _controllers(cgroup2) >= _NEEDED:
        pytest.skip(_V2_BOUND)
    assert layout(cgroup2) == "v2"
    group = make_group(f"job-totals-{os.getpid()}", Totals(64 << 20, 0.5, 8), cgroup2)
    assert group is not None
    try:
        forks = subprocess.run(
            launching([sys.executable, "-c", _COUNT_FORKS], group),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert int(forks.stdout.split()[0]) < 8, forks
        group.remove()
        group = make_group(f"job-totals-{os.getpid()}", Totals(64 << 20, 0.5, 8), cgroup2)
        assert group is not None
        memory = subprocess.run(
            launching([sys.executable, "-c", _HOLD_MEMORY], group),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert memory.returncode == -9, memory  # 256 MB asked, 64 MB allowed
    finally:
        if group is not None:
            group.remove()
