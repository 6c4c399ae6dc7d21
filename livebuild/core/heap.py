"""The C heap of livebuild's long-lived processes (serve, worker, the screenshot service).

glibc gives each thread that allocates its own heap ("arena") and keeps what is freed in it
for later; a process with a thread pool (SQLAlchemy's, asyncio's `to_thread`) ends up holding
several arenas of freed memory. Two arenas, and freed memory handed back after the big
one-off allocations, keep that down. Where the C library is not glibc both are no-ops.
"""

from __future__ import annotations

import ctypes
import functools
import os
import threading
from typing import Any

M_ARENA_MAX = -8  # glibc's <malloc.h>
ARENAS = 2


@functools.cache
def _glibc() -> Any | None:
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    if not (hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim")):
        return None
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap this process's heaps at `arenas`; call it before the process starts a thread.
    An operator's own `MALLOC_ARENA_MAX` (glibc read it at start) stays theirs. Returns
    whether the cap was set."""
    libc = _glibc()
    if libc is None or "MALLOC_ARENA_MAX" in os.environ or threading.active_count() > 1:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas))


def give_back() -> None:
    """Hand the heap's free pages back to the system (a few ms on a large heap)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
