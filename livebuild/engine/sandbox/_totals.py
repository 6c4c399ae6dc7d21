"""What a sandbox may use in total: memory, CPU and processes in a cgroup, disk in an image.

Resource limits (rlimits) count per process: eight processes may each hold the memory
limit, and any number may spin. A cgroup counts them together. Where livebuild may make
cgroups (as root, on cgroup v2 with the controllers it needs, or on the v1 hierarchies),
each sandbox gets one; elsewhere the rlimits alone apply, and the operator is warned once.

The app's disk (`/data`) is a file-system image of the disk limit's size, mounted in the
sandbox's own mount namespace: a write past it fails at once, rather than landing and
being noticed a second later. Where images can't be mounted, a watcher stops the app.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_ROOT = Path("/sys/fs/cgroup")
_V1 = ("memory", "cpu", "pids")
_V2 = ("memory", "cpu", "pids")
_PERIOD_US = 100_000
_PARENT = "livebuild"


@dataclass(frozen=True)
class Totals:
    memory_bytes: int
    cpus: float
    processes: int


class Group:
    """One sandbox's cgroup (a directory per v1 hierarchy, or one on v2)."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    @property
    def procs_files(self) -> list[str]:
        """Files a process writes its pid to, to join the group (and so its children)."""
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def remove(self) -> None:
        """Kill whatever is left in the group, then remove it."""
        for _ in range(50):
            pids = self._pids()
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            if not pids and self._rmdir():
                return
            time.sleep(0.02)
        log.warning("a sandbox's cgroup could not be removed: %s", self.folders)

    def _pids(self) -> set[int]:
        pids: set[int] = set()
        for name in self.procs_files:
            with contextlib.suppress(OSError):
                pids.update(int(p) for p in Path(name).read_text().split())
        return pids

    def _rmdir(self) -> bool:
        for folder in self.folders:
            try:
                folder.rmdir()
            except FileNotFoundError:
                continue
            except OSError:
                return False
        return True


def _write(path: Path, value: str) -> None:
    path.write_text(value)


@functools.cache
def layout(root: Path = _ROOT) -> str | None:
    """ "v2", "v1", or None when this process can't make cgroups with those controllers.

    `root` is where the cgroup file system is mounted (a test mounts one of its own).
    On v2 the controllers must be free for v2: a host that binds them to v1 hierarchies
    shows a cgroup2 mount with none of them, and gets v1 (or nothing) here.
    """
    if os.geteuid() != 0:
        return None
    controllers = root / "cgroup.controllers"
    if controllers.is_file() and set(_V2) <= set(controllers.read_text().split()):
        with contextlib.suppress(OSError):
            parent = root / _PARENT
            parent.mkdir(exist_ok=True)
            enable = " ".join(f"+{c}" for c in _V2)
            _write(root / "cgroup.subtree_control", enable)
            _write(parent / "cgroup.subtree_control", enable)
            return "v2"
    if all((root / c / "cgroup.procs").is_file() for c in _V1):
        with contextlib.suppress(OSError):
            for controller in _V1:
                (root / controller / _PARENT).mkdir(exist_ok=True)
            return "v1"
    return None


def make_group(name: str, totals: Totals, root: Path = _ROOT) -> Group | None:
    """A fresh cgroup with these totals, or None (rlimits only) where none can be made."""
    kind = layout(root)
    try:
        if kind == "v2":
            return _make_v2(name, totals, root)
        if kind == "v1":
            return _make_v1(name, totals, root)
    except OSError as error:
        log.warning("a sandbox's cgroup could not be made (%s); rlimits apply alone", error)
        return None
    _warn_once()
    return None


@functools.cache
def _warn_once() -> None:
    log.warning(
        "Sandboxes have per-process limits only: livebuild can't make cgroups here (it "
        "needs root and the memory, cpu and pids controllers). An app's processes together "
        "may use more memory and CPU than LIVEBUILD_SANDBOX_MEMORY_MB and _CPUS say."
    )


def _make_v2(name: str, totals: Totals, root: Path) -> Group:
    folder = root / _PARENT / name
    group = Group([folder])
    group.remove()
    folder.mkdir()
    _write(folder / "memory.max", str(totals.memory_bytes))
    with contextlib.suppress(OSError):
        _write(folder / "memory.swap.max", "0")
    _write(folder / "cpu.max", f"{int(totals.cpus * _PERIOD_US)} {_PERIOD_US}")
    _write(folder / "pids.max", str(totals.processes))
    return group


def _make_v1(name: str, totals: Totals, root: Path) -> Group:
    folders = [root / c / _PARENT / name for c in _V1]
    group = Group(folders)
    group.remove()
    memory, cpu, pids = folders
    for folder in folders:
        folder.mkdir()
    _write(memory / "memory.limit_in_bytes", str(totals.memory_bytes))
    with contextlib.suppress(OSError):
        _write(memory / "memory.memsw.limit_in_bytes", str(totals.memory_bytes))
    _write(cpu / "cpu.cfs_period_us", str(_PERIOD_US))
    _write(cpu / "cpu.cfs_quota_us", str(int(totals.cpus * _PERIOD_US)))
    _write(pids / "pids.max", str(totals.processes))
    return group


def launching(
    argv: list[str],
    group: Group | None,
    *,
    disk: tuple[Path, Path] | None = None,
    enter: int | None = None,
    owner: int | None = None,
) -> list[str]:
    """`argv` run inside `group` (its children can never be outside it), with its data.

    `disk` (image, folder): the image is mounted on the folder in a mount namespace of
    the sandbox's own, so the mount ends with the sandbox, however livebuild ends.
    `owner`: the uid the disk's files are given to, if they have another.
    `enter`: the pid of a running sandbox whose namespace (and so whose disk) to join.
    """
    prefix: list[str] = []
    if group is not None:
        join = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift'
        prefix += ["/bin/sh", "-c", join + '; exec "$@"', "sh", *group.procs_files, "--"]
    if enter is not None:
        prefix += ["nsenter", f"--mount=/proc/{enter}/ns/mnt", "--"]
    elif disk is not None:
        image, folder = disk
        # The disk goes to the sandbox's uid if another had it (a job's uid changes when
        # another sandbox holds its slot); -P: the app's links are never followed.
        mount = (
            'mount -o loop,nosuid,nodev,noexec "$1" "$2" || exit 125; [ -z "$3" ] || '
            '[ "$(stat -c %u "$2")" = "$3" ] || chown -R -P "$3:$3" "$2" || exit 125; '
            'shift 3; exec "$@"'
        )
        prefix += ["unshare", "--mount", "--propagation", "private", "--"]
        who = "" if owner is None else str(owner)
        prefix += ["/bin/sh", "-c", mount, "sh", str(image), str(folder), who]
    return [*prefix, *argv]


# --------------------------------------------------------------------------- the disk


@functools.cache
def can_mount_images() -> bool:
    tools = ("mkfs.ext4", "unshare", "nsenter", "mount")
    return (
        os.geteuid() == 0
        and all(shutil.which(tool) is not None for tool in tools)
        and Path("/dev/loop-control").exists()
    )


def disk_image(image: Path, size_mb: int, uid: int | None, contents: Path | None = None) -> bool:
    """Make the app's disk image (once); False where images can't be mounted.

    What `contents` (a folder) holds is put on the new disk: the records a new version
    carries from the one before it.
    """
    if not can_mount_images():
        return False
    if image.exists():
        return True
    try:
        with image.open("wb") as made:
            made.truncate(size_mb * 1024 * 1024)
        owner = f"{uid}:{uid}" if uid is not None else f"{os.getuid()}:{os.getgid()}"
        filled = contents is not None and contents.is_dir() and any(contents.iterdir())
        source = ["-d", str(contents)] if filled else []
        _run(["mkfs.ext4", "-q", "-F", "-m", "0", "-E", f"root_owner={owner}", *source, str(image)])
    except (OSError, subprocess.CalledProcessError) as error:
        log.warning("the app's disk image could not be made (%s); watching it instead", error)
        image.unlink(missing_ok=True)
        return False
    return True


def trim(folder: Path, limit: int) -> None:
    """Remove a stopped app's newest files until what it keeps fits within `limit` bytes.

    For the watcher (no disk image): the app is stopped first, so nothing changes the
    folder meanwhile; links are never followed.
    """
    files = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            with contextlib.suppress(OSError):
                stat = path.lstat()
                files.append((stat.st_mtime_ns, stat.st_blocks * 512, path))
    used = sum(size for _, size, _ in files)
    for _, size, path in sorted(files, key=lambda entry: entry[0], reverse=True):
        if used <= limit:
            return
        with contextlib.suppress(OSError):
            path.unlink()
            used -= size


def _run(argv: list[str]) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=30)


# --------------------------------------------------------------------------- after a crash


def group_name(job_id: str) -> str:
    """A sandbox's cgroup name: its build, and the livebuild process that made it."""
    return f"job-{job_id}-{os.getpid()}"


def sweep(root: Path = _ROOT) -> None:
    """End what a livebuild killed outright left in its sandboxes' cgroups, and remove them.

    Each group names the process that made it: a group whose maker is gone is ended,
    whatever still runs in it (an outer bwrap stuck under init, an app); an emptied
    group of a live maker is left to it. (Disks need no sweep: each was mounted in its
    sandbox's own namespace.)
    """
    kind = layout(root)
    if kind is None:
        return
    parents = [root / _PARENT] if kind == "v2" else [root / c / _PARENT for c in _V1]
    names: set[str] = set()
    for parent in parents:
        with contextlib.suppress(OSError):
            names.update(c.name for c in parent.iterdir() if c.name.startswith("job-"))
    for name in names:
        maker = name.rsplit("-", 1)[-1]
        if maker.isdigit() and not Path(f"/proc/{maker}").exists():
            Group([parent / name for parent in parents]).remove()
