"""A wake-up when a running app writes its records, so its copy is paced from the write
itself rather than from a look every second.

Linux inotify watches the folder the host reads each running app's data from (its data
folder, bind-mounted into the sandbox, or the running app's own disk as the host sees it):
a write made inside the sandbox changes the same file, so the host's watch hears it. One
inotify handle serves every app, read by the event loop (no thread). Where inotify can't
be had (another system, or the watches used up), `Watcher.open` answers None and the pacer
looks at the files every `look_s` as before (`carry_pace.py`).
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import struct
from pathlib import Path

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x80, 0x100, 0x200
_IN_IGNORED, _IN_ONLYDIR, _IN_DONT_FOLLOW = 0x8000, 0x01000000, 0x02000000
_MASK = _IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_WATCH_FLAGS = _MASK | _IN_ONLYDIR | _IN_DONT_FOLLOW
_NONBLOCK, _CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len (then the name, padded)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.inotify_init1, libc.inotify_add_watch, libc.inotify_rm_watch  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


class Watcher:
    """Which running apps wrote to their data folder since last asked, as it happens."""

    def __init__(self, libc: ctypes.CDLL, fd: int) -> None:
        self._libc = libc
        self._fd = fd
        self._by_wd: dict[int, str] = {}
        self._watched: dict[str, tuple[str, int]] = {}  # job id: (folder, wd)
        self._written: set[str] = set()
        self.woken = asyncio.Event()

    @classmethod
    def open(cls) -> Watcher | None:
        """A watcher read by the running event loop, or None where inotify isn't to be had."""
        libc = _libc()
        if libc is None:
            return None
        fd = libc.inotify_init1(_NONBLOCK | _CLOEXEC)
        if fd < 0:
            return None
        watcher = cls(libc, fd)
        asyncio.get_running_loop().add_reader(fd, watcher._read)
        return watcher

    def watch(self, job_id: str, folder: Path) -> bool:
        """Hear `job_id`'s writes in `folder` (the one its records are read from); answer
        whether they are heard (False: its files are looked at instead)."""
        known = self._watched.get(job_id)
        if known is not None and known[0] == str(folder):
            return True
        self.forget(job_id)
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _WATCH_FLAGS)
        if wd < 0:
            return False  # not there yet, or the watches are used up
        self._watched[job_id] = (str(folder), wd)
        self._by_wd[wd] = job_id
        return True

    def forget(self, job_id: str) -> None:
        known = self._watched.pop(job_id, None)
        if known is not None:
            self._by_wd.pop(known[1], None)
            self._libc.inotify_rm_watch(self._fd, known[1])

    def watching(self) -> set[str]:
        return set(self._watched)

    def written(self) -> set[str]:
        """The apps heard writing since the last call (the wake-up is reset)."""
        written, self._written = self._written, set()
        self.woken.clear()
        return written

    def _read(self) -> None:
        try:
            data = os.read(self._fd, 64 * 1024)
        except BlockingIOError:
            return
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            offset += _EVENT.size + length
            job_id = self._by_wd.get(wd)
            if job_id is None:
                continue
            self._written.add(job_id)
            if mask & _IN_IGNORED:  # the folder went away: watched again once it is back
                del self._by_wd[wd]
                self._watched.pop(job_id, None)
        if self._written:
            self.woken.set()

    def close(self) -> None:
        asyncio.get_running_loop().remove_reader(self._fd)
        os.close(self._fd)
        self._watched.clear()
        self._by_wd.clear()
