"""How a bwrap sandbox is made: the runtime found on the host, its command line, its self-test,
and the host uids apps run as when livebuild is root (held machine-wide by a lock file each)."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from livebuild.engine.sandbox._shared import LAUNCHER_FLAGS
from livebuild.engine.sandbox.base import SandboxError
from livebuild.settings import Settings

_APP, _DATA, _SOCKET = "/app", "/data", "/run/app.sock"
_NOBODY = 65534
_UID_SPAN = 60_000
_TMP_BYTES = 16 * 1024 * 1024
# The standard modules generated apps import (`livebuild/appgen`): a kept sandbox's
# supervisor imports them once, and each app it forks starts with them.
_PRELOAD = [
    *("calendar", "contextlib", "csv", "dataclasses", "datetime", "email.parser"),
    *("email.policy", "functools", "html", "http.server", "importlib", "io", "json"),
    *("math", "pathlib", "re", "signal", "sqlite3", "threading", "traceback", "types"),
    *("typing", "urllib.parse"),
]
# Walking more entries than this is itself the sign of an app filling its disk.
_DISK_MAX_ENTRIES = 20_000


@dataclass(frozen=True)
class Runtime:
    """How sandboxes are made on this host."""

    bwrap: str
    python: str
    prefix: str
    privileged: bool


def find_runtime() -> Runtime | None:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return None
    prefix = os.path.realpath(sys.base_prefix)
    python = f"{prefix}/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    return Runtime(bwrap=bwrap, python=python, prefix=prefix, privileged=os.geteuid() == 0)


@functools.cache
def self_test() -> str | None:
    """None if a bwrap sandbox works here, else why not (for the operator, in the log)."""
    runtime = find_runtime()
    if runtime is None:
        return "the `bwrap` program is not installed (apt-get install bubblewrap)"
    with tempfile.TemporaryDirectory(prefix="livebuild-selftest-") as folder:
        workspace, data = Path(folder, "app"), Path(folder, "data")
        workspace.mkdir()
        data.mkdir()
        spec = _spec(_NOBODY if runtime.privileged else None, {}, None, 0, None, None)
        check = f"import os; assert os.getuid() == {_NOBODY}; print('ok')"
        argv = [*_bwrap_argv(runtime, workspace, data, {}, None), runtime.python]
        argv += [*LAUNCHER_FLAGS, spec, "-c", check]
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, timeout=20, env=_BWRAP_ENV, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bwrap could not be run: {error}"
    if done.returncode != 0 or done.stdout.strip() != "ok":
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"bwrap failed its self-test (exit {done.returncode}): {reason[0]}"
    return None


# bwrap's own environment, not just the app's, is built from nothing: the sandbox's
# pid 1 is bwrap, and its environment would be readable in /proc/1/environ.
_BWRAP_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def _spec(
    uid: int | None,
    limits: dict[str, int],
    relay: str | None,
    port: int,
    fd: int | None,
    listening: int | None,
    lifeline: int | None = None,
    control: int | None = None,
) -> str:
    return json.dumps(
        {
            "uid": uid,
            "gid": uid,
            "data": _DATA,
            "limits": limits,
            "relay": relay,
            "port": port,
            "fd": fd,
            "socket": _SOCKET,
            "listening": listening,
            "lifeline": lifeline,
            "control": control,
            "preload": _PRELOAD if control is not None else [],
        }
    )


def _bwrap_argv(
    runtime: Runtime,
    workspace: Path,
    data: Path,
    env: dict[str, str],
    app_socket: Path | None,
) -> list[str]:
    argv = [runtime.bwrap]
    if runtime.privileged:
        # Every namespace but the user one; the launcher needs exactly the right to drop
        # to its uid, and bwrap sets no_new_privs, so setuid programs gain nothing.
        argv += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"]
        argv += ["--unshare-cgroup-try", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        argv += ["--unshare-all", "--unshare-user", "--uid", str(_NOBODY), "--gid", str(_NOBODY)]
        argv += ["--disable-userns"]
    argv += ["--die-with-parent", "--new-session", "--hostname", "sandbox", "--clearenv"]
    argv += ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/", top)
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            argv += ["--ro-bind", str(path), str(path)]
    if not runtime.prefix.startswith("/usr/"):
        # bwrap would give the folders on the way the host's modes (/root is 0700).
        for parent in reversed(Path(runtime.prefix).parents[:-1]):
            argv += ["--perms", "0755", "--dir", str(parent)]
        argv += ["--ro-bind", runtime.prefix, runtime.prefix]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    argv += ["--perms", "1777", "--size", str(_TMP_BYTES), "--tmpfs", "/tmp"]
    argv += ["--ro-bind", str(workspace), _APP, "--bind", str(data), _DATA]
    if app_socket is not None:
        argv += ["--perms", "0755", "--dir", str(Path(_SOCKET).parent)]
        argv += ["--bind", str(app_socket), _SOCKET]
    argv += ["--chdir", _APP]
    for name, value in env.items():
        argv += ["--setenv", name, value]
    return argv


@functools.cache
def _lifeline() -> int:
    """The read end of a pipe whose write end this process alone holds, for its lifetime.

    Every sandbox watches it (see `_inside.py`): it ends when livebuild does, however
    livebuild ends, and then so does every sandbox livebuild started.
    """
    read, write = os.pipe()
    _HELD.append(write)
    return read


_HELD: list[int] = []


# Host uids are the machine's, not one livebuild's: every livebuild process on the host
# takes them here, whatever its data folder.
UID_LOCKS = Path("/run/livebuild/sandbox-uids")


@dataclass
class _Held:
    job_id: str
    fd: int
    users: int = 1


class _Uids:
    """Host uids for sandboxes when livebuild is root: one per running sandbox, machine-wide.

    The process limit is counted per uid, so two sandboxes must never share one, even when
    two livebuild processes on the host start them. A uid is held by an exclusive `flock`
    on its file in `folder`, taken when a sandbox takes the uid and let go when it gives it
    back; a process that dies lets go of its locks with it, so a crash frees its uids.
    The search starts from a slot derived from the job id, so a job mostly keeps its uid.
    """

    def __init__(self, base: int, folder: Path = UID_LOCKS) -> None:
        self._base = base
        self._folder = folder
        # Uids this process holds: the job each is for, the open file holding its lock, and
        # how many of the job's sandboxes (its app, its smoke test) use it.
        self._taken: dict[int, _Held] = {}

    def take(self, job_id: str) -> int:
        try:
            self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            # A host without a writable /run still runs sandboxes: its uids are then unique
            # within this process only (a folder of its own), as before machine-wide locks.
            self._folder = Path(tempfile.mkdtemp(prefix="livebuild-uids-"))
        slot = zlib.crc32(job_id.encode()) % _UID_SPAN
        for step in range(_UID_SPAN):
            uid = self._base + (slot + step) % _UID_SPAN
            held = self._taken.get(uid)
            if held is not None:
                if held.job_id == job_id:
                    held.users += 1
                    return uid
                continue
            fd = self._lock(uid)
            if fd is not None:
                self._taken[uid] = _Held(job_id, fd)
                return uid
        raise SandboxError("no free sandbox uid")

    def _lock(self, uid: int) -> int | None:
        """The open file holding `uid`'s lock, or None when another process holds it."""
        path = self._folder / str(uid)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # Its holder may have given it back (removing the file) between our open and
            # our lock: a lock on a removed file holds nothing.
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            os.close(fd)
            return None
        return fd

    def give_back(self, uid: int) -> None:
        held = self._taken.get(uid)
        if held is None:
            return
        held.users -= 1
        if held.users > 0:
            return
        del self._taken[uid]
        # Removed while locked, so the folder holds only the uids in use.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._folder / str(uid))
        os.close(held.fd)


def _own(root: Path, uid: int) -> None:
    """Hand the job's data to its uid, never following a link the app may have planted."""
    os.chown(root, uid, uid, follow_symlinks=False)
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def _disk_usage(roots: list[Path]) -> int:
    used = entries = 0
    stack = [str(root) for root in roots]
    while stack:
        with contextlib.suppress(OSError), os.scandir(stack.pop()) as listing:
            for entry in listing:
                entries += 1
                if entries > _DISK_MAX_ENTRIES:
                    return -1
                with contextlib.suppress(OSError):
                    stat = entry.stat(follow_symlinks=False)
                    used += stat.st_blocks * 512
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
    return used


def app_limits(s: Settings) -> dict[str, int]:
    """What one app's processes may each use."""
    return {
        "CPU": s.sandbox_cpu_s,
        "AS": s.sandbox_memory_mb * 1024 * 1024,
        "FSIZE": s.sandbox_file_mb * 1024 * 1024,
        "NPROC": s.sandbox_processes,
        "NOFILE": 256,
        "CORE": 0,
    }


def app_environment(port: int, base_path: str) -> dict[str, str]:
    """The app's whole environment: nothing of the host's."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": _DATA,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        # Each thread's malloc arena reserves 64 MB of the app's address space (its AS
        # limit): a page that reads the database on 20 threads at once ran out of memory.
        "MALLOC_ARENA_MAX": "2",
        # Visitors served at once: the sandbox's 64 processes count the app's threads.
        "APP_THREADS": "24",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "APP_BASE_PATH": base_path,
        "APP_DATA_DIR": _DATA,
    }
