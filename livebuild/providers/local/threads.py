"""How many threads the model server's engine runs: every core while nothing else uses them,
half while builds (or anything else) do.

llama.cpp's threads wait on each other at every step, so on busy cores a second thread is
slower, not faster (2 busy cores: one thread 13.8 s, two 105-148 s for the same answer), but on
free cores two threads write up to 1.8x faster. The thread count is fixed when an engine is
loaded, so the server watches what the rest of the machine uses (`/proc/stat`, less its own
CPU time) while it is idle and, when that has stayed quiet or busy for a while, loads the
engine again with the other count (about 2 CPU-s) and reads its kept instructions again.
Only with `LIVEBUILD_LOCAL_MODEL_THREADS` at 0 (auto); a number set there is kept.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

# The other work's cores, on average over a watch, below which the machine is quiet, and
# from which it is busy (between the two, the count stays as it is).
QUIET_CORES = 0.3
BUSY_CORES = 0.7
# How many watches in a row must agree before the engine is loaded again.
WATCHES = 3


def wanted(others: float, cores: int, now: int) -> int:
    """The threads for `others` cores used by other work: every core when quiet, half when
    busy, `now` in between."""
    if others < QUIET_CORES:
        return max(1, cores)
    if others >= BUSY_CORES:
        return max(1, cores // 2)
    return now


class CoreWatch:
    """The cores the machine's other work used since the last look (this process excluded)."""

    def __init__(self, stat: Path = Path("/proc/stat")) -> None:
        self.stat = stat
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self._last = self._sample()

    def _busy_s(self) -> float | None:
        try:
            fields = self.stat.read_text().split("\n", 1)[0].split()[1:]
            values = [int(v) for v in fields]
        except (OSError, ValueError):
            return None
        idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle and iowait
        return (sum(values[:8]) - idle) / self._tick

    def _sample(self) -> tuple[float, float | None, float]:
        return time.monotonic(), self._busy_s(), time.process_time()

    def others(self) -> float | None:
        """Cores used by other work since the last call (None: unknown here)."""
        then, busy_then, own_then = self._last
        self._last = now, busy_now, own_now = self._sample()
        if busy_then is None or busy_now is None or now - then <= 0:
            return None
        return max(0.0, (busy_now - busy_then - (own_now - own_then)) / (now - then))


class ThreadChoice:
    """The thread count the engine should have, decided over several watches."""

    def __init__(self, cores: int, threads: int, watch: CoreWatch | None = None) -> None:
        self.cores, self.threads = cores, threads
        self.watch = watch or CoreWatch()
        self._agreeing = 0

    def look(self) -> int | None:
        """A new thread count once `WATCHES` looks in a row have wanted it, else None."""
        others = self.watch.others()
        want = self.threads if others is None else wanted(others, self.cores, self.threads)
        self._agreeing = self._agreeing + 1 if want != self.threads else 0
        if self._agreeing < WATCHES:
            return None
        self._agreeing = 0
        return want
