"""The copy of a version's records as it is kept and travels, written in one pass.

The app's files are read once, straight into the file the copy is kept in (no snapshot
folder, no second archive): the database alone is written as itself, a plain SQLite file;
with its journal or write-ahead log beside it, as a plain tar of those files (the format
every copy had before, so older copies are read as they always were). Either way memory
holds a chunk, never the whole copy, and arrival checks it name by name.

livebuild still never opens the app's database with SQLite (the files were written by code
that runs in a sandbox: SQLite would follow a link planted under the name, wait on a pipe,
or roll a journal back into the live app's file). The copy is made consistent the way SQLite
readers are: a shared lock on the database file (SQLite's own locking bytes) while it is
read, so a write to it waits for the copy, as it would for any reader; in write-ahead-log
mode, where readers don't hold writers back, the files are read again until they stayed
the same.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

from livebuild.core.safe_copy import CopyRefused, open_regular
from livebuild.engine.carry import (
    COMPANIONS,
    DATABASE,
    IMAGE,
    NAMES,
    CarryError,
    dump_image,
    files_state,
)

_NAMES = frozenset(NAMES)
# A tar header per file and the end marker, beyond the files themselves.
OVERHEAD = 512 * (2 * len(_NAMES) + 4)
_CHUNK = 1024 * 1024
# The first bytes of every SQLite database: a copy that starts so is the database alone.
SQLITE_MAGIC = b"SQLite format 3\x00"
_ATTEMPTS = 5
# SQLite's locking bytes (os_unix.c): a reader holds a read lock on the shared range.
_PENDING = 0x40000000
_SHARED_FIRST, _SHARED_SIZE = _PENDING + 2, 510
# A write under way holds the lock a moment: asked again this often, for at most this long.
_LOCK_EVERY_S, _LOCK_TRIES = 0.02, 50


def pack(source: Path, live: Path | None, limit: int, into: Path) -> bool:
    """Write the copy of the records the version in `source` keeps here into the new file
    `into`; False (and no file) when it keeps none."""
    fd = os.open(into, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    written = False
    try:
        with os.fdopen(fd, "w+b") as out:
            written = write_copy(source, live, limit, out)
    finally:
        if not written:
            into.unlink()
    return written


def write_copy(source: Path, live: Path | None, limit: int, out: BinaryIO) -> bool:
    """Write the copy of the records of the version in the workspace folder `source` into
    the empty file `out`, reading each of the app's files once; False when it keeps none.

    Its data is read from its folder; where it was kept on a disk image, from `live` (the
    running app's mounted disk, as the host sees it) or, with the app stopped, the image.
    """
    image = source / IMAGE
    if not image.exists():
        return _write_folder(source / "data", limit, out)
    if live is not None:
        return _write_folder(live, limit, out)
    with tempfile.TemporaryDirectory(prefix="livebuild-pack-") as folder:
        return _write_folder(dump_image(image, Path(folder), limit), limit, out)


def _write_folder(folder: Path, limit: int, out: BinaryIO) -> bool:
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise CarryError(f"the app's data folder can't be read: {error}") from error
    try:
        for _ in range(_ATTEMPTS):
            before = files_state(folder_fd)
            out.seek(0)
            out.truncate()
            try:
                locked = _write_once(folder_fd, limit, out)
            except _Shrank:
                continue
            if locked is None:
                return False  # nothing to copy
            if locked or files_state(folder_fd) == before:
                return True
        # A copy of files that changed as they were read may not open: none is better.
        raise CarryError("the records kept changing while they were copied")
    finally:
        os.close(folder_fd)


def _open(folder_fd: int, name: str, limit: int) -> int | None:
    """The app's file `name`, opened for reading; None when missing (`open_regular`: a link,
    anything but a regular file and a file over `limit` bytes are refused)."""
    try:
        return open_regular(name, limit, dir_fd=folder_fd)
    except CopyRefused as error:
        raise CarryError(f"{name} {error}") from error


def _write_once(folder_fd: int, limit: int, out: BinaryIO) -> bool | None:
    """Copy the database and its companions into `out`; None when there is no database, else
    whether SQLite's lock held writes to the database back while it was read."""
    database = _open(folder_fd, DATABASE, limit)
    if database is None:
        return None
    files = {DATABASE: database}
    try:
        with _reading(database) as locked:
            for suffix in COMPANIONS:
                fd = _open(folder_fd, DATABASE + suffix, limit)
                if fd is not None:
                    files[DATABASE + suffix] = fd
            held = _stamp(database)
            sizes = {name: os.fstat(fd).st_size for name, fd in files.items()}
            if sum(sizes.values()) > limit:
                raise CarryError("the records are larger than an app may keep")
            _write_files(files, sizes, out)
            # Under the lock only the database itself must not have changed (a write waiting
            # for it may have begun its journal: copied, it is rolled back on arrival). In
            # write-ahead-log mode readers don't hold writers back: the caller checks.
            return locked and held == _stamp(database) and DATABASE + "-wal" not in files
    finally:
        # Closed only now: closing any handle on the database would drop the lock.
        for fd in files.values():
            os.close(fd)


def _stamp(fd: int) -> tuple[int, int, int]:
    info = os.fstat(fd)
    return info.st_ino, info.st_size, info.st_mtime_ns


class _Shrank(Exception):
    """A file was shorter than when the copy began: a write went on, read it again."""


class _Part:
    """The first `size` bytes of an open file, read by offset (the handle is not closed)."""

    def __init__(self, fd: int, size: int) -> None:
        self.fd, self.offset, self.left = fd, 0, size

    def read(self, size: int = -1) -> bytes:
        data = os.pread(self.fd, self.left if size < 0 else min(size, self.left), self.offset)
        self.offset += len(data)
        self.left -= len(data)
        return data


def _write_files(files: dict[str, int], sizes: dict[str, int], out: BinaryIO) -> None:
    if len(files) == 1:
        shutil.copyfileobj(_Part(files[DATABASE], sizes[DATABASE]), out, _CHUNK)
        return
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mode = sizes[name], 0o600
            try:
                archive.addfile(info, _Part(files[name], sizes[name]))
            except OSError as error:  # it shrank while read: a write went on
                raise _Shrank from error


@contextlib.contextmanager
def _reading(fd: int) -> Iterator[bool]:
    """Hold a SQLite reader's shared lock on the database open as `fd` (as SQLite takes it:
    the pending byte, then the shared range); answer whether it was had. A write that holds
    it longer than a second is read past, and the copy checked instead."""
    held = False
    wait = threading.Event()
    for _ in range(_LOCK_TRIES):
        try:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, _PENDING)
        except OSError:
            wait.wait(_LOCK_EVERY_S)  # SQLite's readers wait the same way: no wake-up exists
            continue
        try:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, _SHARED_SIZE, _SHARED_FIRST)
            held = True
        except OSError:
            pass
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, _PENDING)
        if held:
            break
        wait.wait(_LOCK_EVERY_S)
    try:
        yield held
    finally:
        if held:
            fcntl.lockf(fd, fcntl.LOCK_UN, _SHARED_SIZE, _SHARED_FIRST)


def unpack(packed: Path, folder: Path, limit: int) -> None:
    """Write a copy's files into the empty `folder`: the database alone as itself, or a tar
    of it and its companions; anything but those, as plain files within `limit`, is refused
    whole."""
    if packed.stat().st_size > limit + OVERHEAD:
        raise CarryError("the copy is larger than an app may keep")
    with open(packed, "rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
            if packed.stat().st_size > limit:
                raise CarryError("the copy is larger than an app may keep")
            handle.seek(0)
            _land(handle, folder / DATABASE)
            return
    try:
        with tarfile.open(packed, mode="r:") as archive:
            members = archive.getmembers()
            for member in members:
                if member.name not in _NAMES or not member.isreg() or member.size > limit:
                    raise CarryError(f"the copy holds what an app's data may not: {member.name!r}")
            for member in members:
                extracted = archive.extractfile(member)
                assert extracted is not None  # a regular member always has its bytes
                _land(extracted, folder / member.name)
    except tarfile.TarError as error:
        raise CarryError(f"the copy can't be read: {error}") from error


def _land(source: IO[bytes], target: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    with os.fdopen(os.open(target, flags, 0o600), "wb") as out:
        shutil.copyfileobj(source, out, _CHUNK)
