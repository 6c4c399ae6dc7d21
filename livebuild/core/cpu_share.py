"""A smaller share of busy cores for background work (the machine's browser) while a founder
waits on the local model, so the model gets the cores first.

`nice` doesn't hold for Chromium: run as root, it resets its children's priority. A cgroup's
CPU weight does: every process moved into a group, and every one it starts after, counts
against the group's one weight. Where the host lets livebuild make cgroups (as root, on the
v1 `cpu` hierarchy or on v2 with the `cpu` controller) the process tree is moved into one
low-weight group per machine while it is held, and back where it was after; elsewhere
nothing changes and `note` says why. A weight only matters while the cores are contended,
and only while held: outside a founder's reading the browser runs exactly as before.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
GROUP = "livebuild-background"
# The default share is 1024 (v1) or 100 (v2): an eighth of one busy process's share, for
# the browser and all its renderers together.
V1_SHARES = 128
V2_WEIGHT = 12


def _own_group(controller: str | None, proc: Path) -> str | None:
    """This process's cgroup path on the hierarchy with `controller` (None: v2)."""
    try:
        lines = (proc / "self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if (controller is None and controllers == "") or (
            controller is not None and controller in controllers.split(",")
        ):
            return path
    return None


def tree(root_pid: int, proc: Path = Path("/proc")) -> list[int]:
    """`root_pid` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


class BackgroundShare:
    """The machine's low-weight group, and the group a process tree comes back to."""

    def __init__(self, root: Path = ROOT, proc: Path = Path("/proc")) -> None:
        self.low: Path | None = None
        self.home: Path | None = None
        self.note = "no background CPU share: this host has no cpu cgroup livebuild may use"
        try:
            self._find(root, proc)
        except OSError as error:
            self.low = self.home = None
            self.note = f"no background CPU share: {error.strerror or error}"

    def _find(self, root: Path, proc: Path) -> None:
        v1 = root / "cpu"
        controllers = root / "cgroup.controllers"
        if (v1 / "cpu.shares").is_file():
            home, weight, value = _own_group("cpu", proc), "cpu.shares", V1_SHARES
            base, label = v1, f"{V1_SHARES}/1024 (cgroup v1)"
        elif controllers.is_file() and "cpu" in controllers.read_text().split():
            home, weight, value = _own_group(None, proc), "cpu.weight", V2_WEIGHT
            base, label = root, f"{V2_WEIGHT}/100 (cgroup v2)"
        else:
            return
        if home is None:
            return
        low = base / GROUP
        low.mkdir(exist_ok=True)
        (low / weight).write_text(str(value))
        self.low, self.home = low, base / home.lstrip("/")
        self.note = f"background CPU share {label} while a founder's reading runs"

    @property
    def available(self) -> bool:
        return self.low is not None

    def lower(self, root_pid: int) -> None:
        """Move `root_pid`'s tree into the low-weight group."""
        if self.low is not None:
            self._move(root_pid, self.low)

    def restore(self, root_pid: int) -> None:
        """Move `root_pid`'s tree back to the group it came from."""
        if self.home is not None:
            self._move(root_pid, self.home)

    @staticmethod
    def _move(root_pid: int, group: Path) -> None:
        for pid in tree(root_pid):
            with contextlib.suppress(OSError):  # it ended meanwhile
                (group / "cgroup.procs").write_text(str(pid))


def describe(root: Path = ROOT) -> str:
    """What holding the browser would do on this host, without changing anything."""
    v1 = root / "cpu"
    controllers = root / "cgroup.controllers"
    if (v1 / "cpu.shares").is_file():
        base, label = v1, f"its CPU share drops to {V1_SHARES}/1024 (cgroup v1)"
    elif controllers.is_file() and "cpu" in controllers.read_text().split():
        base, label = root, f"its CPU weight drops to {V2_WEIGHT}/100 (cgroup v2)"
    else:
        return "no cpu cgroup here, so its CPU share stays as it is"
    if not os.access(base, os.W_OK):
        return f"{base} is not writable by this user, so its CPU share stays as it is"
    return label


def in_background(pid: int) -> bool:
    """Whether `pid` runs in the machine's low-weight group."""
    try:
        lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    except OSError:
        return False
    return any(line.rsplit(":", 1)[-1] == f"/{GROUP}" for line in lines)
