"""Copying a file someone else could have planted: links, pipes and oversized files refused.

The source is opened without following a link and checked on the open handle (so it can't
be swapped between a check and the read), then copied in chunks into a new file that
nothing may stand at already, never more than the limit however large the file grows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple, Protocol

CHUNK = 1024 * 1024
# The target is the caller's own file: readable by its owner alone unless it says otherwise.
PRIVATE_MODE = 0o600


class CopyRefused(Exception):
    """The file is a link or not a regular file, is over the limit, or can't be read; the
    message continues a sentence naming the file ("… is not a regular file")."""


class Copied(NamedTuple):
    size: int
    modified: float  # the source's mtime, as the open handle saw it


class Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def copy_stream(source: Readable, target: Path, limit: int, mode: int = PRIVATE_MODE) -> int:
    """Copy `source` into the new file `target` in chunks; answer the bytes copied. More
    than `limit` bytes is refused, read no further than one byte past it."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    copied = 0
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(min(CHUNK, limit + 1 - copied)):
            copied += len(chunk)
            if copied > limit:
                raise CopyRefused(f"is larger than the {limit} bytes an app may keep")
            out.write(chunk)
    return copied


def open_regular(source: str | Path, limit: int, *, dir_fd: int | None = None) -> int | None:
    """The regular file `source` (relative to `dir_fd` when given), opened for reading; None
    when there is no such file. A link, anything but a regular file, and a file over `limit`
    bytes are refused (`CopyRefused`)."""
    try:
        # Non-blocking: a pipe planted under the name is opened (then refused), not waited on.
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CopyRefused(f"can't be read: {error}") from error
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CopyRefused("is not a regular file")
        raise CopyRefused(f"is larger than the {limit} bytes an app may keep")
    return fd


def copy_regular(
    source: str | Path,
    target: Path,
    limit: int,
    *,
    dir_fd: int | None = None,
    mode: int = PRIVATE_MODE,
) -> Copied | None:
    """Copy the regular file `source` (relative to `dir_fd` when given) into the new file
    `target`; None when there is no such file. A link, anything but a regular file, and a
    file over `limit` bytes are refused (`CopyRefused`)."""
    fd = open_regular(source, limit, dir_fd=dir_fd)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        return Copied(copy_stream(handle, target, limit, mode), info.st_mtime)
