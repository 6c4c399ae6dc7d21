"""Splitting an app's output into log lines of bounded length, however it is written."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

_log = logging.getLogger(__name__)

MAX_LINE_BYTES = 2000
# Read in chunks, never by line: a line longer than the stream's buffer would end the
# reading, and an app whose output is no longer drained blocks on its next write.
_READ_CHUNK = 64 * 1024
_CUT = "\u2026"


class LineSplitter:
    """Feed it chunks; it gives back whole lines, each cut to `max_bytes`.

    A line longer than that is logged once, cut, and the rest of it is skipped up to its
    newline, so an app printing without newlines costs neither memory nor log rows.
    """

    def __init__(self, max_bytes: int = MAX_LINE_BYTES) -> None:
        self._max = max_bytes
        self._pending = bytearray()
        self._skipping = False

    def feed(self, chunk: bytes) -> list[str]:
        lines: list[str] = []
        start = 0
        while start < len(chunk):
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not self._skipping:
                self._pending += piece[: self._max + 1 - len(self._pending)]
                if len(self._pending) > self._max:
                    lines.append(self._take(cut=True))
                    self._skipping = True
            if end < 0:
                break
            if not self._skipping:
                lines.append(self._take(cut=False))
            self._skipping = False
            start = end + 1
        return lines

    def flush(self) -> str | None:
        if self._skipping or not self._pending:
            return None
        return self._take(cut=False)

    def _take(self, *, cut: bool) -> str:
        raw, self._pending = bytes(self._pending), bytearray()
        text = (
            raw[: self._max - 3].decode(errors="replace") + _CUT
            if cut
            else raw.decode(errors="replace")
        )
        return text.rstrip()


async def forward_lines(
    stream: asyncio.StreamReader, log: Callable[[str], Awaitable[None]]
) -> None:
    """Send an app's output to `log` line by line until it ends: every sandbox reads so.

    The output is drained to its end whatever happens to the log: a line the log can't
    take is dropped (an app blocked on a full pipe would stop answering).
    """
    lines = LineSplitter()
    failing = False
    while chunk := await stream.read(_READ_CHUNK):
        for line in lines.feed(chunk):
            failing = await _send(log, line, failing)
    if (last := lines.flush()) is not None:
        await _send(log, last, failing)


async def _send(log: Callable[[str], Awaitable[None]], line: str, failing: bool) -> bool:
    """Whether the log is failing, after trying this line; the first failure is reported."""
    try:
        await log(line)
    except Exception:
        if not failing:
            _log.warning("an app's output could not be logged; dropping it", exc_info=True)
        return True
    return False
