"""What every sandbox does alike: noticing changed files, asking whether the app answers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path

# The program every sandbox starts first; it runs the app in the same interpreter.
LAUNCHER = Path(__file__).with_name("_inside.py").read_text()
# How the sandbox's Python runs the launcher; see `_inside.py` for why `-S`.
LAUNCHER_FLAGS = ("-I", "-S", "-c", LAUNCHER)

Fingerprint = tuple[tuple[str, int, int], ...]
Connect = Callable[[], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]


def fingerprint(root: Path) -> Fingerprint:
    entries = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


async def answers(connect: Connect) -> bool:
    """True once the app answers `GET /` with anything but a server error."""
    try:
        reader, writer = await connect()
    except OSError:
        return False
    try:
        writer.write(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        status_line = await reader.readline()
    except OSError:
        return False
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    parts = status_line.split()
    return len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < 500
