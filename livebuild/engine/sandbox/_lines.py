"""Splitting an app's output into log lines of bounded length, however it is written."""

from __future__ import annotations

MAX_LINE_BYTES = 2000
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
