"""A throwaway PostgreSQL server from the system's binaries, for the backend test suite."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from livebuild.core.net import free_port


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version_key(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


def _run_as(user: str | None, argv: list[str]) -> None:
    # initdb and postgres refuse to run as root, so drop to an unprivileged account.
    command = ["runuser", "-u", user, "--", *argv] if user else argv
    subprocess.run(command, check=True, capture_output=True, text=True)


@contextmanager
def postgres_server(bindir: Path) -> Iterator[str]:
    """Start a server on a free loopback port; yield a libpq-style base URL."""
    user: str | None = None
    base = Path(tempfile.mkdtemp(prefix="livebuild-pg-"))
    if os.geteuid() == 0:
        user = "postgres" if _has_user("postgres") else "nobody"
        shutil.chown(base, user)
    data = base / "data"
    try:
        _run_as(
            user,
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "livebuild",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )
        port = _start(user, bindir, base)
        with _lifeline(user, bindir, base):
            yield f"livebuild@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                (["runuser", "-u", user, "--"] if user else [])
                + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
            )
        shutil.rmtree(base, ignore_errors=True)


# Reads its input until the test process that started the server is gone (killed by a
# timeout, say, where no `finally` runs), then stops the server and removes its folder.
_WATCH = """
import shutil, subprocess, sys
sys.stdin.buffer.read()
subprocess.run(sys.argv[1:], capture_output=True)
shutil.rmtree(sys.argv[-1].rsplit("/data", 1)[0], ignore_errors=True)
"""


@contextmanager
def _lifeline(user: str | None, bindir: Path, base: Path) -> Iterator[None]:
    """A watcher that stops the server if this process dies without cleaning up."""
    stop = (["runuser", "-u", user, "--"] if user else []) + [
        str(bindir / "pg_ctl"),
        "-m",
        "immediate",
        "stop",
        "-D",
        str(base / "data"),
    ]
    watcher = subprocess.Popen(
        [sys.executable, "-c", _WATCH, *stop], stdin=subprocess.PIPE, start_new_session=True
    )
    try:
        yield
    finally:
        watcher.kill()  # cleaned up here, in order: the watcher isn't needed
        watcher.wait()
        if watcher.stdin is not None:
            watcher.stdin.close()


def _start(user: str | None, bindir: Path, base: Path, attempts: int = 3) -> int:
    """Start the server and return its port. Other test workers pick free ports too, and one
    may take ours before the server binds it: then try another."""
    for attempt in range(attempts):
        port = free_port()
        options = (
            f"-k {base} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        argv = [str(bindir / "pg_ctl"), "-D", str(base / "data"), "-o", options]
        try:
            _run_as(user, [*argv, "-l", str(base / "server.log"), "-w", "start"])
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
            continue
        return port
    raise AssertionError("unreachable")


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
